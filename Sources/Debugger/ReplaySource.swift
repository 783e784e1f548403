import Loihi
import Traces

/// What a circuit adapter knows about a replayed trace that the trace's plain metadata does not
/// say: the roles of its populations, where a sample's answer is read, what a cycle is called.
public struct ReplayAnnotation: Sendable {
  public var roles: [String: PopulationRole]
  public var readout: SampleReadout?
  public var unit: String
  public var preferredPopulation: String?

  public init(roles: [String: PopulationRole], readout: SampleReadout?, unit: String, preferredPopulation: String?) {
    self.roles = roles
    self.readout = readout
    self.unit = unit
    self.preferredPopulation = preferredPopulation
  }
}

/// A recorded run played back: any tick, in any order, without a chip.
///
/// What the trace holds (spikes, the sample of each cycle) is shown; what it does not (u, v,
/// weights) is reported as absent, never invented.
public struct ReplaySource: TickSource {
  public let reader: TraceReader
  public let populations: [SourcePopulation]
  public let timeModel: TimeModel
  public private(set) var tick: Int64
  public let preferredPopulation: Int?
  private let samples: [Int: (index: Int, label: Int)]
  private let readout: SampleReadout?

  /// - Parameter annotation: what a circuit adapter adds (nil: the trace's metadata alone).
  /// - Throws: `TraceError` when the file's markers cannot be read.
  public init(reader: TraceReader, annotation: ReplayAnnotation? = nil) throws {
    self.reader = reader
    let metadata = reader.metadata
    populations = metadata.populations.map {
      let role =
        annotation?.roles[$0.name] ?? PopulationRole(rawValue: $0.role)
        ?? ($0.isGenerator ? .input : metadata.gateNames.contains($0.name) ? .gate : .forward)
      return SourcePopulation(
        name: $0.name, size: $0.size, role: role, windows: Set($0.windows), label: $0.label,
        isGenerator: $0.isGenerator)
    }
    timeModel = Self.timeModel(of: metadata, unit: annotation?.unit ?? "cycle")
    tick = reader.tickRange.lowerBound - 1
    var samples: [Int: (Int, Int)] = [:]
    for marker in try reader.markers(in: reader.tickRange) {
      if case .sample(let cycle, _, let index, let label) = marker.event { samples[cycle] = (index, label) }
    }
    self.samples = samples
    readout = timeModel.cycle == nil ? nil : annotation?.readout
    preferredPopulation = annotation?.preferredPopulation.flatMap { metadata.populationIndex(named: $0) }
  }

  /// The metadata's cycle, when it declares a complete one (length, window names, one gate each).
  static func timeModel(of metadata: TraceMetadata, unit: String) -> TimeModel {
    let n = metadata.ticksPerCycle
    guard n > 0, metadata.cycleOrigin >= 1 else { return TimeModel(cycle: nil, unit: unit) }
    let windowNames = metadata.phaseNames.count == n ? metadata.phaseNames : (0..<n).map { "window \($0)" }
    let gateNames = metadata.gateNames.count == n ? metadata.gateNames : (0..<n).map { "w\($0)" }
    return TimeModel(
      cycle: TimeModel.Cycle(length: n, origin: metadata.cycleOrigin, windowNames: windowNames, gateNames: gateNames),
      unit: unit)
  }

  public var isLive: Bool { false }
  public var lastTick: Int64? { reader.tickRange.upperBound - 1 }
  public var chip: Chip? { nil }
  public var connectionGroups: [ConnectionGroup] { [] }
  public var historyTicks: Int? { nil }
  public var sampleOutcomeWindow: Int? { readout?.outcomeWindow }

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

  public func sample(ofCycle cycle: Int) -> SampleRecord? {
    guard let (index, label) = samples[cycle] else { return nil }
    guard let readout, let model = timeModel.cycle else {
      return SampleRecord(cycle: cycle, sampleIndex: index, label: label)
    }
    return readout.record(
      cycle: cycle, sampleIndex: index, label: label, model: model, tick: tick, sizes: populations.map(\.size),
      spikes: { spikes(of: $0, at: $1) })
  }

  public mutating func seek(to target: Int64) throws {
    tick = min(max(reader.tickRange.lowerBound - 1, target), reader.tickRange.upperBound - 1)
  }
}
