import Loihi
import NBP
import Traces

/// A recorded run played back: any tick, in any order, without a chip.
///
/// What the trace holds (spikes, the sample of each cycle) is shown; what it does not (u, v,
/// weights) is reported as absent, never invented.
public struct ReplaySource: TickSource {
  public let reader: TraceReader
  public let populations: [SourcePopulation]
  public let clock: CycleClock
  public private(set) var tick: Int64
  private let samples: [Int: (index: Int, label: Int)]
  private let outputIndex: Int?
  private let plusIndex: Int?
  private let minusIndex: Int?

  /// - Throws: `TraceError` when the file's markers cannot be read.
  public init(reader: TraceReader) throws {
    self.reader = reader
    let metadata = reader.metadata
    populations = metadata.populations.map {
      SourcePopulation(
        name: $0.name, size: $0.size, role: PopulationRole(rawValue: $0.role) ?? ($0.isGenerator ? .input : .forward),
        windows: Set($0.windows), label: $0.label)
    }
    // A run without a gating cycle still gets a clock (one window, no phases) for positions.
    clock =
      metadata.ticksPerCycle > 0 && metadata.phaseNames.count == metadata.ticksPerCycle
      ? CycleClock(ticksPerCycle: metadata.ticksPerCycle, phaseNames: metadata.phaseNames)
      : CycleClock(ticksPerCycle: 1, phaseNames: ["run"])
    tick = reader.tickRange.lowerBound - 1
    var samples: [Int: (Int, Int)] = [:]
    for marker in try reader.markers(in: reader.tickRange) {
      if case .sample(let cycle, _, let index, let label) = marker.event { samples[cycle] = (index, label) }
    }
    self.samples = samples
    outputIndex = metadata.populationIndex(named: "o")
    plusIndex = metadata.populationIndex(named: "d+")
    minusIndex = metadata.populationIndex(named: "d-")
  }

  public var isLive: Bool { false }
  public var lastTick: Int64? { reader.tickRange.upperBound - 1 }
  public var chip: Chip? { nil }
  public var circuit: CircuitNetwork? { nil }
  public var historyTicks: Int? { nil }

  public mutating func step() throws -> Bool {
    guard tick + 1 < reader.tickRange.upperBound else { return false }
    tick += 1
    return true
  }

  public func spikes(of population: Int) -> [Int] {
    (spikes(of: population, at: tick) ?? []).map(Int.init)
  }

  public func spikeCount(of population: Int) -> Int {
    spikes(of: population, at: tick)?.count ?? 0
  }

  public func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    guard reader.tickRange.contains(tick) else { return nil }
    return reader.spikes(population: population, from: tick, count: 1)[0]
  }

  /// One read for a whole raster window (the reader decodes only the chunks it touches).
  public func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    let visible = ticks.clamped(to: ticks.lowerBound...max(ticks.lowerBound, tick))
    var rows = reader.spikes(population: population, from: visible.lowerBound, count: Int(visible.count))
    if visible.lowerBound > tick { rows = rows.map { _ in [] } }
    return rows + Array(repeating: [], count: ticks.count - rows.count)
  }

  public func sample(ofTrial trial: Int) -> SampleRecord? {
    guard let (index, label) = samples[trial] else { return nil }
    var record = SampleRecord(trial: trial, sampleIndex: index, label: label)
    func flags(_ population: Int?, window: Int) -> [Bool]? {
      guard let population, clock.tick(trial: trial, window: window) <= tick,
        let spikes = spikes(of: population, at: clock.tick(trial: trial, window: window))
      else { return nil }
      var result = [Bool](repeating: false, count: populations[population].size)
      for i in spikes { result[Int(i)] = true }
      return result
    }
    record.output = flags(outputIndex, window: 3)
    record.errorPlus = flags(plusIndex, window: 4)
    record.errorMinus = flags(minusIndex, window: 4)
    return record
  }

  public mutating func seek(to target: Int64) throws {
    tick = min(max(reader.tickRange.lowerBound - 1, target), reader.tickRange.upperBound - 1)
  }
}
