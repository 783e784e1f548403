import Loihi
import NBP

/// What the screens read from a session: pure queries, cheap for one screen's worth of ticks.
extension Session {
  /// Spikes of a population per tick of `ticks` (empty where the history does not reach).
  public func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    source.spikes(of: population, ticks: ticks)
  }

  /// The phase name of each tick (empty before the first trial).
  public func phaseNames(ticks: ClosedRange<Int64>) -> [String] {
    ticks.map { Position(tick: $0, clock: source.clock).phase ?? "" }
  }

  /// Offsets (within `ticks`) at which `population` spiked outside its windows.
  public func violationOffsets(of population: Int, ticks: ClosedRange<Int64>) -> Set<Int> {
    Set(violations.filter { $0.population == population && ticks.contains($0.tick) }.map { Int($0.tick - ticks.lowerBound) })
  }

  /// Indices of the gate populations in ring order (g00, g01, …).
  public var gatePopulations: [Int] {
    source.populations.indices.filter { source.populations[$0].role == .gate }
  }

  /// A plastic matrix in the chip's [pre][post] layout, with its shape; nil when not available.
  public func weights(_ matrix: PlasticMatrix) -> (rows: Int, columns: Int, values: [Int32])? {
    guard let chip = source.chip, let circuit = source.circuit, let connection = circuit.connections(of: matrix).first else {
      return nil
    }
    let info = chip.network[connection]
    return (info.preCount, info.postCount, chip.weightMatrix(connection))
  }

  /// The change of each weight since the start of the current cycle (0 where unchanged).
  public func weightDelta(_ matrix: PlasticMatrix) -> (rows: Int, columns: Int, values: [Int32])? {
    guard var result = weights(matrix) else { return nil }
    var delta = [Int32](repeating: 0, count: result.values.count)
    if let changes = cycleChanges[matrix] {
      for synapse in changes.synapses.map(Int.init) {
        delta[synapse] = result.values[synapse] - (changes.originalWeight(of: synapse) ?? result.values[synapse])
      }
    }
    result.values = delta
    return result
  }

  /// Rows for the inspector: the state of one neuron of a population.
  public func inspect(population: Int, neuron: Int) -> [(String, String)] {
    let info = source.populations[population]
    guard neuron >= 0, neuron < info.size else { return [("neuron", "out of range")] }
    var rows: [(String, String)] = [
      ("population", "\(info.name) (\(info.label), \(info.role.rawValue))"),
      ("neuron", "\(neuron) of \(info.size)"),
      ("windows", info.windows.isEmpty ? "any (generator)" : info.windows.sorted().map(String.init).joined(separator: ",")),
    ]
    if let chip = source.chip, !info.isGenerator {
      let id = PopulationID(population)
      let parameters = chip.network[id].parameters!
      rows += [
        ("u", "\(chip.current(id, neuron))"),
        ("v", "\(chip.voltage(id, neuron)) (threshold \(parameters.threshold))"),
        ("refractory", "\(chip.refractoryCounter(id, neuron)) of \(parameters.refractoryDelay - 1)"),
      ]
    } else if !source.isLive {
      rows.append(("state", "not in the trace (spikes only)"))
    }
    var recent: [Int64] = []
    var tick = source.tick
    let depth = Int64(source.historyTicks ?? 512)
    while tick > 0 && tick > source.tick - depth && recent.count < 6 {
      if let s = source.spikes(of: population, at: tick), s.contains(Int32(neuron)) { recent.append(tick) }
      tick -= 1
    }
    rows.append(("last spikes", recent.isEmpty ? "none in the last \(depth) ticks" : recent.map(String.init).joined(separator: ", ")))
    return rows
  }

  /// Axis names of a plastic matrix in the chip's [pre][post] layout.
  public static func axes(of matrix: PlasticMatrix) -> (pre: String, post: String) {
    switch matrix {
    case .w1: ("x", "h")
    case .w2: ("h", "o")
    case .w2Tp, .w2Tm: ("o", "h")
    }
  }

  /// Rows for the inspector: one synapse of a plastic matrix, given as [pre][post].
  public func inspect(matrix: PlasticMatrix, row: Int, column: Int) -> [(String, String)] {
    guard let (rows, columns, values) = weights(matrix), row >= 0, row < rows, column >= 0, column < columns else {
      return [("weight", "not available")]
    }
    let synapse = row * columns + column
    let original = cycleChanges[matrix]?.originalWeight(of: synapse)
    return [
      ("synapse", "\(matrix.rawValue)[\(Self.axes(of: matrix).pre)=\(row), \(Self.axes(of: matrix).post)=\(column)]"),
      ("weight", "\(values[synapse])"),
      ("this cycle", original.map { "\($0) → \(values[synapse])" } ?? "unchanged"),
    ]
  }
}
