import Loihi
import NBP

/// The live chip running the nBP circuit, fed sample by sample.
///
/// The next sample is scheduled just before its slot's first tick runs, so the session can step
/// tick by tick while the driver keeps the circuit's timing.
public struct LiveSource: TickSource {
  public private(set) var driver: CircuitDriver
  public let samples: [Sample]
  public let populations: [SourcePopulation]
  private var scheduled = 0
  private var records: [SampleRecord] = []
  private let output: PopulationID
  private let errorPlus: PopulationID?
  private let errorMinus: PopulationID?

  public init(circuit: CircuitNetwork, samples: [Sample], seed: UInt64 = 0) {
    driver = CircuitDriver(circuit: circuit, seed: seed)
    self.samples = samples
    populations = circuit.topology.populations.map {
      SourcePopulation(name: $0.name, size: $0.size, role: $0.role, windows: $0.windows, label: $0.label)
    }
    output = circuit.network.population(named: "o")!
    errorPlus = circuit.network.population(named: "d+")
    errorMinus = circuit.network.population(named: "d-")
  }

  public var clock: CycleClock { driver.clock }
  public var tick: Int64 { driver.chip.tick }
  public var isLive: Bool { true }
  public var lastTick: Int64? { nil }
  public var chip: Chip? { driver.chip }
  public var circuit: CircuitNetwork? { driver.circuit }

  public mutating func step() throws -> Bool {
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
      records.append(SampleRecord(trial: scheduled, sampleIndex: scheduled, label: Int(sample.label)))
      scheduled += 1
    }
    driver.chip.step()
    record(tick: next)
    return true
  }

  /// Keeps what `info sample` and sample breakpoints need: the output and error of the trial.
  private mutating func record(tick: Int64) {
    guard let (trial, window) = clock.position(of: tick), trial < records.count else { return }
    let chip = driver.chip
    if window == 3 {
      let reading = driver.readOutput()
      records[trial].output = reading.spikes
      records[trial].preActivation = reading.preActivation
    }
    if window == 4, let errorPlus, let errorMinus {
      let size = chip.network[errorPlus].size
      var plus = [Bool](repeating: false, count: size)
      var minus = plus
      for j in chip.spikes(of: errorPlus) { plus[j] = true }
      for j in chip.spikes(of: errorMinus) { minus[j] = true }
      records[trial].errorPlus = plus
      records[trial].errorMinus = minus
    }
  }

  public func spikes(of population: Int) -> [Int] {
    driver.chip.spikes(of: PopulationID(population))
  }

  public func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    driver.chip.spikes(of: PopulationID(population), atTick: tick)?.map(Int32.init)
  }

  public var historyTicks: Int? { driver.chip.network.historyDepth - 1 }

  public func spikeCount(of population: Int) -> Int {
    driver.chip.spikeCount(of: PopulationID(population))
  }

  public func sample(ofTrial trial: Int) -> SampleRecord? {
    trial >= 0 && trial < records.count ? records[trial] : nil
  }

  /// Gives a test (or a debugger `set` command) mutable access to the driver and its chip.
  mutating func driverForTesting(_ body: (inout CircuitDriver) throws -> Void) rethrows {
    try body(&driver)
  }

  public mutating func seek(to tick: Int64) throws {
    guard tick >= self.tick else {
      throw DebuggerError.backwardsInLive(requested: tick, current: self.tick)
    }
    while self.tick < tick {
      if try !step() { break }
    }
  }
}
