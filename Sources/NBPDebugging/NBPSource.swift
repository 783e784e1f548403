import Debugger
import Loihi
import NBP

/// The live chip running the nBP circuit, fed sample by sample: the one place where the debugger
/// meets the circuit's names (populations, matrices, windows) and its samples.
///
/// The next sample is scheduled just before its slot's first tick runs, so the session can step
/// tick by tick while the driver keeps the circuit's timing.
package struct NBPSource: TickSource {
  package private(set) var driver: CircuitDriver
  package let samples: [Sample]
  /// Each sample's index in the data set (the run presents them in this order).
  package let sampleIndices: [Int]
  package let populations: [SourcePopulation]
  package let timeModel: TimeModel
  package let connectionGroups: [ConnectionGroup]
  package let preferredPopulation: Int?
  private let readout: SampleReadout
  private var scheduled = 0
  /// One record per sample the run has reached, kept whole across reverse moves: the run is
  /// deterministic, so re-execution rewrites them identically, and a jump forward from a
  /// keyframe finds those it skips. `sample(ofCycle:)` shows only what the current tick has seen.
  private var records: [SampleRecord] = []

  /// - Parameter sampleIndices: the data-set index of each sample (default: 0, 1, …).
  package init(circuit: CircuitNetwork, samples: [Sample], sampleIndices: [Int]? = nil, seed: UInt64 = 0) {
    driver = CircuitDriver(circuit: circuit, seed: seed)
    self.samples = samples
    self.sampleIndices = sampleIndices ?? Array(samples.indices)
    let topology = circuit.topology
    populations = topology.populations.map(NBPAnnotation.population)
    timeModel = NBPAnnotation.timeModel(of: topology, sampleCount: samples.count)
    connectionGroups = NBPAnnotation.connectionGroups(of: circuit)
    readout = NBPAnnotation.readout(of: topology)
    preferredPopulation = topology.populations.firstIndex { $0.name == "h1" }
  }

  package var tick: Int64 { driver.chip.tick }
  package var isLive: Bool { true }
  package var lastTick: Int64? { nil }
  package var chip: Chip? { driver.chip }
  package var sampleOutcomeWindow: Int? { readout.outcomeWindow }
  private var clock: CycleClock { driver.clock }

  /// The veto and the sum it lost against (see ``SpikeExplanation``).
  package func explainSpike(of population: Int, neuron: Int) -> String? {
    guard let window = clock.position(of: tick)?.window else { return nil }
    return driver.circuit.explainSpike(
      of: populations[population].name, neuron: neuron, window: window, on: driver.chip)?.description
  }

  package mutating func step() throws -> Bool {
    let next = driver.chip.tick + 1
    guard !samples.isEmpty else { return false }
    // After the last sample's final learning tick there is nothing left to run.
    if scheduled == samples.count,
      next > clock.tick(trial: scheduled - 1, window: clock.ticksPerCycle - 1) + 1
    {
      return false
    }
    // Before a slot's first tick, schedule its sample.
    if scheduled < samples.count, let (trial, window) = clock.position(of: next), window == 0,
      trial == scheduled
    {
      let sample = samples[scheduled]
      try driver.schedule(pixels: sample.pixels, label: Int(sample.label))
      // The image is attached when asked for (`sample(ofCycle:)`): a long run keeps many records.
      if scheduled == records.count {
        records.append(SampleRecord(cycle: scheduled, sampleIndex: sampleIndices[scheduled], label: Int(sample.label)))
      }
      scheduled += 1
    }
    driver.chip.step()
    record(tick: next)
    return true
  }

  /// Keeps what `info sample` and sample breakpoints need: the output and error of the cycle.
  private mutating func record(tick: Int64) {
    guard let (trial, window) = clock.position(of: tick), trial < scheduled else { return }
    if window == readout.outputWindow {
      let reading = driver.readOutput()
      records[trial].output = reading.spikes
      records[trial].preActivation = reading.preActivation
    }
    if window == readout.errorWindow, let (plus, minus) = readout.errors {
      records[trial].errorPlus = flags(plus)
      records[trial].errorMinus = flags(minus)
    }
  }

  private func flags(_ population: Int) -> [Bool] {
    var result = [Bool](repeating: false, count: populations[population].size)
    for j in driver.chip.spikes(of: PopulationID(population)) { result[j] = true }
    return result
  }

  package func spikes(of population: Int) -> [Int] {
    driver.chip.spikes(of: PopulationID(population))
  }

  package func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    driver.chip.spikes(of: PopulationID(population), atTick: tick)?.map(Int32.init)
  }

  package func forEachTick(of population: Int, ticks: ClosedRange<Int64>, _ body: (Int, SpikeSlice) -> Void) {
    forEachTick(on: driver.chip, of: population, ticks: ticks, body)
  }

  package var historyTicks: Int? { driver.chip.network.historyDepth - 1 }

  package func spikeCount(of population: Int) -> Int {
    driver.chip.spikeCount(of: PopulationID(population))
  }

  package func sample(ofCycle cycle: Int) -> SampleRecord? {
    guard cycle >= 0 && cycle < scheduled else { return nil }
    var record = records[cycle]
    record.image = SampleImage(pixels: samples[cycle].pixels)
    if tick < clock.tick(trial: cycle, window: readout.outputWindow) {
      record.output = nil
      record.preActivation = nil
    }
    if let window = readout.errorWindow, tick < clock.tick(trial: cycle, window: window) {
      record.errorPlus = nil
      record.errorMinus = nil
    }
    return record
  }

  /// Gives a test mutable access to the driver and its chip.
  package mutating func driverForTesting(_ body: (inout CircuitDriver) throws -> Void) rethrows {
    try body(&driver)
  }

  /// What the source keeps beside the chip at a checkpoint: the samples scheduled so far and
  /// the driver's slot (the records stay whole; see `records`).
  private struct Bookkeeping: Sendable {
    let scheduled: Int
    let slot: Int
  }

  package func checkpoint() -> SourceCheckpoint? {
    SourceCheckpoint(
      chip: driver.chip.keyframe(),
      bookkeeping: Bookkeeping(scheduled: scheduled, slot: driver.slot), bookkeepingBytes: 16)
  }

  package mutating func restore(_ checkpoint: SourceCheckpoint) throws {
    guard let saved = checkpoint.bookkeeping as? Bookkeeping, saved.scheduled <= records.count else {
      throw DebuggerError.notAvailable("the checkpoint does not belong to this source")
    }
    try driver.rewind(to: checkpoint.chip, slot: saved.slot)
    scheduled = saved.scheduled
  }

  /// Continues a recorded run of this circuit on these samples: the chip as the recording had it
  /// (at its tick) and the records of the samples the recording presented up to there, whose
  /// data-set indices must be this source's.
  package mutating func resume(from chip: Chip, records recorded: [SampleRecord]) throws {
    let tick = chip.tick
    var presented = 0
    while presented < samples.count && clock.tick(trial: presented, window: 0) <= tick { presented += 1 }
    guard recorded.count >= presented else {
      throw DebuggerError.notAvailable("the recording names \(recorded.count) samples by tick \(tick); the live run would have presented \(presented)")
    }
    for k in 0..<presented where recorded[k].sampleIndex != sampleIndices[k] {
      throw DebuggerError.notAvailable(
        "the data differ from the recording's: sample \(k) is data index \(sampleIndices[k]) here, \(recorded[k].sampleIndex) in the recording")
    }
    if presented > 0 {
      let sample = samples[presented - 1]
      try driver.resume(from: chip.keyframe(), slot: presented - 1, pixels: sample.pixels, label: Int(sample.label))
    } else {
      try driver.rewind(to: chip.keyframe(), slot: -1)
    }
    scheduled = presented
    records = Array(recorded.prefix(presented))
  }

  package mutating func seek(to tick: Int64) throws {
    try stepForward(to: tick)
  }
}
