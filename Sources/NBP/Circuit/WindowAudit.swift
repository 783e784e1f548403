import Loihi

/// Counts spikes outside their population's windows, by population and window: the debugger's
/// `break audit` check, kept as totals so that a training run can report a leaking circuit.
package struct WindowAudit: Sendable, Hashable {
  /// The audited populations (every gated one; generators have no windows).
  package let names: [String]
  private let ids: [PopulationID]
  /// For each population, whether window w is outside its windows.
  private let outside: [[Bool]]
  /// counts[p][w]: spikes of population p in window w outside its windows.
  package private(set) var counts: [[Int]]

  package init(circuit: CircuitNetwork) {
    let topology = circuit.topology
    let windows = topology.clock.ticksPerCycle
    let audited = topology.populations.filter { !$0.windows.isEmpty }
    names = audited.map(\.name)
    ids = audited.map { circuit.network.population(named: $0.name)! }
    outside = audited.map { p in (0..<windows).map { !p.windows.contains($0) } }
    counts = audited.map { _ in [Int](repeating: 0, count: windows) }
  }

  /// Adds the spikes of the tick `chip` just ran, which fell in `window`.
  package mutating func record(_ chip: Chip, window: Int) {
    for p in ids.indices where outside[p][window] {
      let n = chip.spikeCount(of: ids[p])
      if n > 0 { counts[p][window] += n }
    }
  }

  /// All out-of-window spikes counted.
  package var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The nonzero counts: population, window and spikes, in topology then window order.
  package var entries: [(population: String, window: Int, spikes: Int)] {
    var result: [(String, Int, Int)] = []
    for (p, row) in counts.enumerated() {
      for (w, n) in row.enumerated() where n > 0 { result.append((names[p], w, n)) }
    }
    return result
  }

  /// Forgets the counts (a new epoch).
  package mutating func reset() {
    for p in counts.indices { counts[p] = [Int](repeating: 0, count: counts[p].count) }
  }

  /// `none`, or `h1@8 1203, o@6 12, …` (population@window spikes).
  package var summary: String {
    let entries = self.entries
    guard !entries.isEmpty else { return "none" }
    return "\(total): " + entries.map { "\($0.population)@\($0.window) \($0.spikes)" }.joined(separator: ", ")
  }
}
