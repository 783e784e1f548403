import Debugger
import Loihi
import NBP

/// How the nBP circuit's data reads in the debugger's generic terms: roles, the time model, the
/// connection groups named as users know them, where a sample's answer is read.
package enum NBPAnnotation {
  /// The debugger's role of a circuit population (errors and the target get their own colours).
  static func role(of population: CircuitPopulation) -> Debugger.PopulationRole {
    switch population.role {
    case .input: return .input
    case .gate: return .gate
    case .memory: return .memory
    case .backward: return population.name.hasPrefix("d") ? .error : .backward
    case .forward: return population.name == "t" ? .target : .forward
    }
  }

  static func population(_ population: CircuitPopulation) -> SourcePopulation {
    SourcePopulation(
      name: population.name, size: population.size, role: role(of: population), windows: population.windows,
      label: population.label, isGenerator: population.type == .generator)
  }

  /// The gating cycle of a topology; each cycle presents one sample.
  package static func timeModel(of topology: Topology, sampleCount: Int? = nil) -> TimeModel {
    let clock = topology.clock
    return TimeModel(
      cycle: TimeModel.Cycle(
        length: clock.ticksPerCycle, origin: clock.tick(trial: 0, window: 0), windowNames: clock.phaseNames,
        gateNames: (0..<clock.ticksPerCycle).map(CycleClock.gateName(ofWindow:))),
      unit: "sample", cycleCount: sampleCount)
  }

  /// The output is read in window 3; the training circuit's d+/d- in window 4.
  static func readout(of topology: Topology, index: (String) -> Int?) -> SampleReadout {
    let errors = index("d+").flatMap { plus in index("d-").map { (plus, $0) } }
    return SampleReadout(
      output: index("o")!, outputWindow: 3, errors: errors, errorWindow: errors == nil ? nil : 4)
  }

  static func readout(of topology: Topology) -> SampleReadout {
    readout(of: topology) { name in topology.populations.firstIndex { $0.name == name } }
  }

  /// The plastic matrices (every chip copy in one group) with the axis names of the paper.
  static func connectionGroups(of circuit: CircuitNetwork) -> [ConnectionGroup] {
    let network = circuit.network
    return PlasticMatrix.allCases.compactMap { matrix in
      let copies = circuit.connections(of: matrix)
      guard let primary = copies.first else { return nil }
      let connection = network[primary]
      let (pre, post) = axisNames(of: matrix)
      return ConnectionGroup(
        name: matrix.rawValue, connections: copies,
        pre: .init(name: pre, size: connection.preCount, population: connection.source.rawValue),
        post: .init(name: post, size: connection.postCount, population: connection.target.rawValue),
        isPlastic: connection.learning != nil)
    }
  }

  /// Axis names of a plastic matrix in the chip's [pre][post] layout.
  static func axisNames(of matrix: PlasticMatrix) -> (pre: String, post: String) {
    switch matrix {
    case .w1: ("x", "h")
    case .w2: ("h", "o")
    case .w2Tp, .w2Tm: ("o", "h")
    }
  }

  /// What a recording of the nBP circuit means beyond its metadata, for replay: roles, where the
  /// answer is read, that each cycle is a sample.
  package static func replayAnnotation(populationNames names: [String]) -> ReplayAnnotation {
    // Roles and windows do not depend on the sizes: any instance of the circuit names them.
    let topology = Topology.training(input: 1, hidden: 1, output: 1)
    var roles: [String: Debugger.PopulationRole] = [:]
    for population in topology.populations where names.contains(population.name) {
      roles[population.name] = role(of: population)
    }
    let readout = names.contains("o") ? readout(of: topology) { names.firstIndex(of: $0) } : nil
    return ReplayAnnotation(roles: roles, readout: readout, unit: "sample", preferredPopulation: "h1")
  }

  /// The same, plus the training circuit rebuilt from a recording's properties (`circuit`,
  /// `sizes` such as `400-400-10`, and a shipped `profile`), so that a recording with snapshots
  /// replays with full state. Without them (or with a profile file), replay shows spikes only.
  package static func replayAnnotation(populationNames names: [String], properties: [String: String]) -> ReplayAnnotation {
    var annotation = replayAnnotation(populationNames: names)
    let sizes = (properties["sizes"] ?? "").split(separator: "-").compactMap { Int($0) }
    // A recording's sizes are data: bound what rebuilding it may allocate.
    guard properties["circuit"] == "training", sizes.count == 3, sizes.allSatisfy({ (1...100_000).contains($0) }),
      sizes[0] * sizes[1] + 4 * sizes[1] * sizes[2] <= 50_000_000,
      let profile = CircuitProfile.named(properties["profile"] ?? CircuitProfile.standard.name),
      let circuit = try? CircuitNetwork(
        topology: .training(input: sizes[0], hidden: sizes[1], output: sizes[2], profile: profile),
        weights: .initial(input: sizes[0], hidden: sizes[1], output: sizes[2], seed: 0))
    else { return annotation }
    annotation.network = circuit.network
    annotation.connectionGroups = connectionGroups(of: circuit)
    return annotation
  }
}
