import Loihi
import Traces

/// What a circuit adapter knows about a replayed trace that the trace's plain metadata does not
/// say: the roles of its populations, where a sample's answer is read, what a cycle is called.
package struct ReplayAnnotation: Sendable {
  package var roles: [String: PopulationRole]
  package var readout: SampleReadout?
  package var unit: String
  package var preferredPopulation: String?
  /// The recorded network as the adapter rebuilt it (from the recording's sizes and profile), and
  /// its named connection groups: with snapshots in the trace, replay re-executes on it.
  package var network: Network?
  package var connectionGroups: [ConnectionGroup]
  /// Makes the live source that continues the recorded run from a chip at some tick, given the
  /// records of the samples presented so far (`resume`); nil when the adapter cannot.
  package var resume: (@Sendable (_ chip: Chip, _ records: [SampleRecord]) throws -> any TickSource)?

  package init(
    roles: [String: PopulationRole], readout: SampleReadout?, unit: String, preferredPopulation: String?,
    network: Network? = nil, connectionGroups: [ConnectionGroup] = []
  ) {
    self.roles = roles
    self.readout = readout
    self.unit = unit
    self.preferredPopulation = preferredPopulation
    self.network = network
    self.connectionGroups = connectionGroups
  }
}

/// A recorded run played back: any tick, in any order, without a chip.
///
/// What the trace holds (spikes, the sample of each cycle) is shown; what it does not (u, v,
/// weights) is reported as absent, never invented.
package struct ReplaySource: TickSource {
  package let reader: TraceReader
  package let populations: [SourcePopulation]
  package let timeModel: TimeModel
  package private(set) var tick: Int64
  package let preferredPopulation: Int?
  package let connectionGroups: [ConnectionGroup]
  private let samples: [Int: (index: Int, label: Int)]
  private let readout: SampleReadout?
  /// For a recording with snapshots whose network is known (a JSON network's own description in
  /// the trace, or the circuit an adapter rebuilt): the chip restored to the nearest snapshot and
  /// run forward to the position, its generators fed the spikes the trace recorded for them, so
  /// every state query (u, v, weights, why) answers at any tick with the live run's values.
  private var rerun: Chip?
  /// The generator populations whose recorded spikes re-execution schedules.
  private let generators: [Int]
  private let resume: (@Sendable (_ chip: Chip, _ records: [SampleRecord]) throws -> any TickSource)?
  /// Ticks of spikes a live source made by `resumed()` keeps for the rasters.
  private let liveSpikeHistory: Int

  /// - Parameter annotation: what a circuit adapter adds (nil: the trace's metadata alone).
  /// - Throws: `TraceError` when the file's markers cannot be read.
  /// - Parameter liveSpikeHistory: ticks of spikes the live source of `resumed()` keeps readable.
  package init(reader: TraceReader, annotation: ReplayAnnotation? = nil, liveSpikeHistory: Int = 0) throws {
    self.reader = reader
    self.liveSpikeHistory = liveSpikeHistory
    resume = annotation?.resume
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
    let network =
      annotation?.network
      ?? metadata.network.flatMap { json in try? SimulationSpec(json: Array(json.utf8)).network }
    if let network, !reader.snapshotTicks.isEmpty, network.populations.map(\.name) == metadata.populations.map(\.name) {
      rerun = Chip(network: network, seed: metadata.seed)
      connectionGroups =
        annotation?.connectionGroups.isEmpty == false
        ? annotation!.connectionGroups : ConnectionGroup.perConnection(of: network)
      generators = network.populations.indices.filter { network.populations[$0].isGenerator }
      // The rebuilt network's own state (initial weights, for a circuit) is not the recording's:
      // start from the first snapshot.
      if let first = reader.snapshotTicks.first, let snapshot = try reader.readSnapshot(atOrBefore: first) {
        try rerun!.restore(try snapshot.state(for: network))
      }
      try reexecute(to: tick)
    } else {
      rerun = nil
      connectionGroups = []
      generators = []
    }
  }

  /// Brings the rebuilt chip to `target`: straight on when it is behind by a little, else from
  /// the nearest snapshot at or before the target.
  private mutating func reexecute(to target: Int64) throws {
    guard var chip = rerun else { return }
    if chip.tick > target || target - chip.tick > Int64(max(1, reader.metadata.snapshotInterval)) {
      if let snapshot = try reader.readSnapshot(atOrBefore: target) {
        try chip.restore(try snapshot.state(for: chip.network))
      }
    }
    while chip.tick < target {
      // What a driver scheduled on the generators (a sample's pixels, its label, rewards) is in
      // the recording; already pending events merge.
      for p in generators {
        guard let spikes = spikes(of: p, at: chip.tick + 1), !spikes.isEmpty else { continue }
        do {
          try chip.schedule(spikes.map { SpikeEvent(index: $0, tick: chip.tick + 1) }, on: PopulationID(p))
        } catch {
          throw DebuggerError.notAvailable("the trace's spikes of \(populations[p].name) at tick \(chip.tick + 1) do not fit its network: \(error)")
        }
      }
      chip.step()
    }
    rerun = chip
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

  package var isLive: Bool { false }
  package var lastTick: Int64? { reader.tickRange.upperBound - 1 }
  /// The rebuilt chip at the position (recordings of JSON networks with snapshots), else nil.
  package var chip: Chip? { rerun?.tick == tick ? rerun : nil }
  package var historyTicks: Int? { nil }
  package var sampleOutcomeWindow: Int? { readout?.outcomeWindow }

  package mutating func step() throws -> Bool {
    guard tick + 1 < reader.tickRange.upperBound else { return false }
    tick += 1
    try reexecute(to: tick)
    return true
  }

  package func spikes(of population: Int) -> [Int] {
    (spikes(of: population, at: tick) ?? []).map(Int.init)
  }

  package func spikeCount(of population: Int) -> Int {
    spikes(of: population, at: tick)?.count ?? 0
  }

  package func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    guard reader.tickRange.contains(tick) else { return nil }
    return reader.spikes(population: population, from: tick, count: 1)[0]
  }

  /// One read for a whole raster window (the reader decodes only the chunks it touches). A
  /// recording is known on both sides of the position: ticks after it are shown too.
  package func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    let range = reader.tickRange
    guard ticks.upperBound >= range.lowerBound, ticks.lowerBound < range.upperBound else {
      return Array(repeating: [], count: ticks.count)
    }
    let first = max(ticks.lowerBound, range.lowerBound)
    let last = min(ticks.upperBound, range.upperBound - 1)
    let rows = reader.spikes(population: population, from: first, count: Int(last - first + 1))
    return Array(repeating: [], count: Int(first - ticks.lowerBound)) + rows
      + Array(repeating: [], count: Int(ticks.upperBound - last))
  }

  package func sample(ofCycle cycle: Int) -> SampleRecord? {
    guard let (index, label) = samples[cycle] else { return nil }
    guard let readout, let model = timeModel.cycle else {
      return SampleRecord(cycle: cycle, sampleIndex: index, label: label)
    }
    return readout.record(
      cycle: cycle, sampleIndex: index, label: label, model: model, tick: tick, sizes: populations.map(\.size),
      spikes: { spikes(of: $0, at: $1) })
  }

  /// A live source that continues the recorded run from the current tick, with the rebuilt
  /// chip's state: a JSON network from its own description, another circuit through its
  /// adapter. Reverse moves in it reach back to this tick.
  package func resumed() throws -> any TickSource {
    guard let chip else {
      throw DebuggerError.notAvailable(
        rerun == nil
          ? "this recording cannot continue live: it needs snapshots (record --snapshot-every K) and a network nbpscope can rebuild"
          : "no chip state at tick \(tick) (before the recording's first snapshot)")
    }
    let cycles = (timeModel.cycle?.position(of: tick)?.cycle).map { $0 + 1 } ?? 0
    let records = (0..<cycles).compactMap { sample(ofCycle: $0) }
    if let resume { return try resume(chip, records) }
    guard let json = reader.metadata.network else {
      throw DebuggerError.notAvailable("this recording cannot continue live: nbpscope cannot rebuild its network")
    }
    let spec: SimulationSpec
    do {
      spec = try SimulationSpec(json: Array(json.utf8), spikeHistory: liveSpikeHistory)
    } catch {
      throw DebuggerError.notAvailable("the recording's network does not load: \(error)")
    }
    var live = NetworkSource(network: spec.network, seed: spec.seed, ticks: spec.ticks, gating: spec.gating)
    try live.restore(SourceCheckpoint(chip: chip.keyframe()))
    return live
  }

  package mutating func seek(to target: Int64) throws {
    tick = min(max(reader.tickRange.lowerBound - 1, target), reader.tickRange.upperBound - 1)
    try reexecute(to: tick)
  }
}
