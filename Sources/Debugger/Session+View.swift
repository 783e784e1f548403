import Loihi

/// What the screens read from a session: pure queries, cheap for one screen's worth of ticks.
extension Session {
  /// Spikes of a population per tick of `ticks` (empty where the history does not reach).
  package func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    source.spikes(of: population, ticks: ticks)
  }

  /// Offsets (within `ticks`) at which `population` spiked outside its windows.
  package func violationOffsets(of population: Int, ticks: ClosedRange<Int64>) -> Set<Int> {
    Set(violations.filter { $0.population == population && ticks.contains($0.tick) }.map { Int($0.tick - ticks.lowerBound) })
  }

  /// Indices of the gate populations in window order (the gate of window 0 first).
  package var gatePopulations: [Int] {
    guard let cycle = source.timeModel.cycle else { return [] }
    return cycle.gateNames.compactMap { source.populationIndex(named: $0) }
  }

  /// The populations as screens and figures group them, top to bottom: the gates in window
  /// order, the forward pass (everything that is not backward; generators last, and left out for
  /// circuits with samples, whose compartments re-present them, as nBP's x does the pixels), the
  /// backward pass. Empty groups are left out.
  package var displayGroups: [(name: String, populations: [Int])] {
    let populations = source.populations
    let gates = gatePopulations
    let others = populations.indices.filter { !gates.contains($0) }
    let showsGenerators = source.sampleOutcomeWindow == nil
    let forward =
      others.filter { !populations[$0].role.isBackward && !populations[$0].isGenerator }
      + (showsGenerators ? others.filter { populations[$0].isGenerator } : [])
    let backward = others.filter { populations[$0].role.isBackward && !populations[$0].isGenerator }
    return [("gates", gates), ("forward", forward), ("backward", backward)].filter { !$0.populations.isEmpty }
  }

  /// The index of a connection group by name.
  package func connectionGroup(named name: String) -> Int? {
    source.connectionGroups.firstIndex { $0.name == name }
  }

  /// The most cells a group's matrix may have to be built densely (for the heatmap and the
  /// cycle's changes): a network within its budget may still connect two populations of millions
  /// one to one, whose dense matrix would be terabytes.
  package static let denseWeightLimit = 1 << 24

  /// The shape of a group's matrix when it is too large to build densely (see ``denseWeightLimit``).
  package func weightsTooLarge(group: Int) -> (rows: Int, columns: Int)? {
    guard source.connectionGroups.indices.contains(group) else { return nil }
    let info = source.connectionGroups[group]
    let (cells, overflow) = info.pre.size.multipliedReportingOverflow(by: info.post.size)
    return overflow || cells > Self.denseWeightLimit ? (info.pre.size, info.post.size) : nil
  }

  /// A group's matrix in the chip's [pre][post] layout, with its shape; nil when not available
  /// or too large to build (``weightsTooLarge(group:)``).
  package func weights(group: Int) -> (rows: Int, columns: Int, values: [Int32])? {
    guard let chip = source.chip, source.connectionGroups.indices.contains(group), weightsTooLarge(group: group) == nil
    else { return nil }
    let info = chip.network[source.connectionGroups[group].primary]
    return (info.preCount, info.postCount, chip.weightMatrix(source.connectionGroups[group].primary))
  }

  /// One weight of a group (0 where a sparse group has no synapse), read without building the matrix.
  package func weight(group: Int, pre: Int, post: Int) -> Int32? {
    guard let chip = source.chip, source.connectionGroups.indices.contains(group) else { return nil }
    return chip.weight(source.connectionGroups[group].primary, pre: pre, post: post) ?? 0
  }

  /// The change of each weight since the start of the current cycle (0 where unchanged).
  package func weightDelta(group: Int) -> (rows: Int, columns: Int, values: [Int32])? {
    guard var result = weights(group: group) else { return nil }
    var delta = [Int32](repeating: 0, count: result.values.count)
    if let changes = cycleChanges[group], let chip = source.chip {
      let connection = chip.network[source.connectionGroups[group].primary]
      for synapse in changes.synapses.map(Int.init) {
        // Change lists count synapses; the matrix is dense [pre][post] (sparse groups have holes).
        let (pre, post) = connection.endpoints(ofSynapse: synapse)
        let cell = pre * result.columns + post
        delta[cell] = result.values[cell] - (changes.originalWeight(of: synapse) ?? result.values[cell])
      }
    }
    result.values = delta
    return result
  }

  /// Cells of a group's dense [pre][post] matrix whose weight differs from the previous stop.
  package func changedSinceLastStop(group: Int) -> Set<Int> {
    guard let chip = source.chip, let baseline = stopBaseline, source.connectionGroups.indices.contains(group),
      weightsTooLarge(group: group) == nil
    else {
      return []
    }
    let primary = source.connectionGroups[group].primary
    let now = chip.weightMatrix(primary)
    let before = baseline.weightMatrix(primary)
    return Set(now.indices.filter { now[$0] != before[$0] })
  }

  /// Rows for the inspector: the state of one neuron of a population.
  package func inspect(population: Int, neuron: Int) -> [(String, String)] {
    let info = source.populations[population]
    guard neuron >= 0, neuron < info.size else { return [("neuron", "out of range")] }
    var rows: [(String, String)] = [
      ("population", "\(info.name)" + (info.label.isEmpty ? " (\(info.role.rawValue))" : " (\(info.label), \(info.role.rawValue))")),
      ("neuron", "\(neuron) of \(info.size)"),
      ("windows", info.windows.isEmpty ? "any" : info.windows.sorted().map(String.init).joined(separator: ",")),
    ]
    if let chip = source.chip, !info.isGenerator {
      let id = PopulationID(population)
      let parameters = chip.network[id].parameters!
      // A value that changed since the previous stop says what it was, as gdb marks registers.
      func was(_ value: (Chip) -> Int32) -> String {
        guard let baseline = stopBaseline, value(baseline) != value(chip) else { return "" }
        return " (was \(value(baseline)))"
      }
      rows += [
        ("u", "\(chip.current(id, neuron))" + was { $0.current(id, neuron) }),
        ("v", "\(chip.voltage(id, neuron)) (threshold \(parameters.threshold))" + was { $0.voltage(id, neuron) }),
        ("refractory", "\(chip.refractoryCounter(id, neuron)) of \(parameters.refractoryDelay - 1)"),
      ]
    } else if info.isGenerator {
      rows.append(("state", "a spike generator (no u, v)"))
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

  /// Rows for the inspector: one synapse of a connection group, given as [pre][post] and named
  /// post first when the screen draws the group post × pre (one index order on screen).
  package func inspect(group: Int, pre: Int, post: Int, postFirst: Bool = false) -> [(String, String)] {
    guard let (rows, columns, values) = weights(group: group), pre >= 0, pre < rows, post >= 0, post < columns else {
      return [("weight", "not available")]
    }
    let info = source.connectionGroups[group]
    let cell = pre * columns + post
    var original: Int32?
    var changedAt = ""
    if let chip = source.chip, let changes = cycleChanges[group],
      let synapse = chip.network[info.primary].synapse(pre: pre, post: post)
    {
      original = changes.originalWeight(of: synapse)
      // The learning of a tick pairs the spikes of the tick before: name that window.
      if let tick = changes.lastChange(of: synapse), let cycle = source.timeModel.cycle {
        let window = cycle.window(of: tick - 1)
        changedAt = " at tick \(tick) (\(cycle.windowNames[window]))"
      }
    }
    let previous = stopBaseline.flatMap { $0.weight(info.primary, pre: pre, post: post) }
    return [
      ("synapse", postFirst
        ? "\(info.name)[\(info.post.name)=\(post), \(info.pre.name)=\(pre)]"
        : "\(info.name)[\(info.pre.name)=\(pre), \(info.post.name)=\(post)]"),
      ("weight", "\(values[cell])" + (previous.map { $0 != values[cell] ? " (was \($0) at the last stop)" : "" } ?? "")),
      ("this cycle", original.map { "\($0) → \(values[cell])\(changedAt)" } ?? "unchanged"),
    ]
  }
}
