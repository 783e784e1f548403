/// Spikes read from a foreign file (npz/npy, CSV, NEST), before they become a trace.
///
/// The canonical in-memory form every importer produces: named populations with sizes, and
/// spikes as (tick, population, index) records with absolute ticks. Whatever the file said about
/// time (its first tick, a cycle length) is kept separately, so the caller can report what it
/// found and what it had to assume.
package struct ImportedSpikes: Sendable {
  /// One spike.
  package struct Record: Hashable, Sendable, Comparable {
    package var tick: Int64
    package var population: Int32
    package var index: Int32

    package init(tick: Int64, population: Int32, index: Int32) {
      self.tick = tick
      self.population = population
      self.index = index
    }

    package static func < (a: Record, b: Record) -> Bool {
      (a.tick, a.population, a.index) < (b.tick, b.population, b.index)
    }
  }

  /// Populations in file order (roles and windows as far as the file says).
  package var populations: [TracePopulation]
  /// Spikes, sorted by (tick, population, index), without duplicates.
  package var records: [Record]
  /// The ticks the file covers, when it says (npz columns, a CSV `# ticks` line).
  package var tickRange: Range<Int64>?
  /// Ticks per cycle, when the file says (npz `_meta`, a CSV comment).
  package var ticksPerCycle: Int?
  /// The tick of window 0, when the file says.
  package var cycleOrigin: Int64?

  package init(
    populations: [TracePopulation], records: [Record], tickRange: Range<Int64>? = nil, ticksPerCycle: Int? = nil,
    cycleOrigin: Int64? = nil
  ) {
    self.populations = populations
    self.records = records
    self.tickRange = tickRange
    self.ticksPerCycle = ticksPerCycle
    self.cycleOrigin = cycleOrigin
  }

  /// Spikes per population.
  package var spikeCounts: [Int] {
    var counts = [Int](repeating: 0, count: populations.count)
    for record in records { counts[Int(record.population)] += 1 }
    return counts
  }

  /// Names of the populations that never spike (the authors' files can hold all-zero arrays).
  package var silentPopulations: [String] {
    zip(populations, spikeCounts).filter { $0.1 == 0 }.map(\.0.name)
  }

  /// The ticks the trace will cover: the declared range, widened to every spike.
  package var coveredTicks: Range<Int64> {
    var lower = tickRange?.lowerBound ?? records.first?.tick ?? 1
    var upper = tickRange?.upperBound ?? lower
    if let first = records.first?.tick { lower = min(lower, first) }
    if let last = records.last?.tick { upper = max(upper, last + 1) }
    return lower..<max(lower, upper)
  }

  /// Writes the spikes as a native trace with `metadata` (whose populations must be these, in
  /// this order, and whose `t0` must not be after the first spike), through a temporary file
  /// renamed into place when complete.
  package func write(to path: String, metadata: TraceMetadata) throws(TraceError) {
    precondition(metadata.populations.map(\.size) == populations.map(\.size), "metadata populations differ")
    precondition(records.first.map { $0.tick >= metadata.t0 } ?? true, "a spike before t0")
    let writer = try TraceWriter(path: path, metadata: metadata, options: .init(publishOnClose: true))
    var k = 0
    var group: [Int32] = []
    while k < records.count {
      let tick = records[k].tick
      let population = records[k].population
      group.removeAll(keepingCapacity: true)
      while k < records.count && records[k].tick == tick && records[k].population == population {
        group.append(records[k].index)
        k += 1
      }
      try writer.append(tick: tick, population: Int(population), indices: group)
    }
    try writer.advance(to: max(coveredTicks.upperBound, metadata.t0))
    try writer.close()
  }

  /// Sorts records and reports the first duplicate, if any.
  static func sorted(_ records: [Record]) -> (records: [Record], duplicate: Record?) {
    let sorted = records.sorted()
    for k in sorted.indices.dropFirst() where sorted[k] == sorted[k - 1] { return (sorted, sorted[k]) }
    return (sorted, nil)
  }
}
