import Loihi

extension CircuitNetwork {
  /// A plain-text description: populations, connections by kind, synapse totals, phase table.
  package var summary: String {
    let topology = self.topology
    var lines: [String] = []
    let kind = topology.isTraining ? "training" : "inference"
    lines.append(
      "nBP \(kind) circuit \(topology.inputSize)-\(topology.hiddenSize)-\(topology.outputSize), "
        + "\(topology.clock.ticksPerCycle) ticks per sample")
    lines.append("")
    lines.append("populations:")
    let nameWidth = topology.populations.map(\.name.count).max() ?? 4
    for p in topology.populations {
      let windows = p.windows.sorted().map(String.init).joined(separator: ",")
      lines.append(
        "  " + p.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
          + "  " + String(p.size).leftPadded(5) + "  " + p.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
          + "  " + p.type.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
          + (windows.isEmpty ? "" : "  windows " + windows) + (p.label != p.name ? "  (\(p.label))" : ""))
    }
    let compartments = network.compartmentCount
    let generators = network.populations.filter(\.isGenerator).reduce(0) { $0 + $1.size }
    var byKind: [ConnectionKind: (connections: Int, synapses: Int)] = [:]
    for (c, connection) in topology.connections.enumerated() {
      let synapses = network.connections[c].synapseCount
      byKind[connection.kind, default: (0, 0)].connections += 1
      byKind[connection.kind, default: (0, 0)].synapses += synapses
    }
    let total = network.connections.reduce(0) { $0 + $1.synapseCount }
    let plastic = network.connections.filter { $0.learning != nil }.reduce(0) { $0 + $1.synapseCount }
    lines.append("")
    lines.append("connections:")
    for kind in ConnectionKind.allCases {
      guard let entry = byKind[kind] else { continue }
      lines.append(
        "  " + kind.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
          + String(entry.connections).leftPadded(4) + " connections" + String(entry.synapses).leftPadded(9) + " synapses")
    }
    lines.append("")
    lines.append(
      "totals: \(compartments) compartments, \(generators) generator neurons, "
        + "\(network.connections.count) connections, \(total) synapses (\(plastic) plastic)")
    if !topology.copies.isEmpty {
      lines.append("plastic copies:")
      for matrix in PlasticMatrix.allCases {
        guard let names = topology.copies[matrix] else { continue }
        lines.append("  \(matrix.rawValue): " + names.joined(separator: ", "))
      }
    }
    lines.append("")
    lines.append("phases (gate gk opens window k, one tick after it fires):")
    for (window, name) in topology.clock.phaseNames.enumerated() {
      let firing = topology.populations.filter { $0.role != .gate && $0.windows.contains(window) }.map(\.name)
      lines.append(
        "  \(String(window).leftPadded(2))  \(CycleClock.gateName(ofWindow: window))  "
          + name.padding(toLength: 16, withPad: " ", startingAt: 0) + "  " + firing.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
