import Loihi

/// Any network running live on the chip: a JSON description (`--net NET.json`) stepped tick by
/// tick for its `ticks`, with the time model its `gating` block declares (or ticks only).
package struct NetworkSource: TickSource {
  private var engine: Chip
  package let populations: [SourcePopulation]
  package let timeModel: TimeModel
  package let connectionGroups: [ConnectionGroup]
  package let lastTick: Int64?

  /// - Parameters:
  ///   - network: built with a spike history (`Network(_:spikeHistory:)`) for the rasters.
  ///   - ticks: how long the description says to run; the source ends there.
  ///   - gating: the description's gating block, if any.
  package init(network: Network, seed: UInt64, ticks: Int64, gating: GatingSpec?) {
    engine = Chip(network: network, seed: seed)
    lastTick = ticks
    connectionGroups = ConnectionGroup.perConnection(of: network)
    let gates = Set(gating?.gates ?? [])
    populations = network.populations.enumerated().map { p, population in
      let role: PopulationRole =
        population.isGenerator ? .input : gates.contains(population.name) ? .gate : .forward
      return SourcePopulation(
        name: population.name, size: population.size, role: role,
        windows: gating?.populationWindows[p] ?? [], label: "", isGenerator: population.isGenerator)
    }
    timeModel =
      gating.map {
        TimeModel(
          cycle: TimeModel.Cycle(length: $0.length, origin: $0.origin, windowNames: $0.windowNames, gateNames: $0.gates))
      } ?? .ticksOnly
  }

  package var chip: Chip? { engine }
  package var tick: Int64 { engine.tick }
  package var isLive: Bool { true }
  package var historyTicks: Int? { engine.network.historyDepth - 1 }
  package var sampleOutcomeWindow: Int? { nil }
  package func sample(ofCycle cycle: Int) -> SampleRecord? { nil }

  package mutating func step() throws -> Bool {
    guard engine.tick < lastTick ?? .max else { return false }
    engine.step()
    return true
  }

  package func spikes(of population: Int) -> [Int] {
    engine.spikes(of: PopulationID(population))
  }

  package func spikeCount(of population: Int) -> Int {
    engine.spikeCount(of: PopulationID(population))
  }

  package func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    engine.spikes(of: PopulationID(population), atTick: tick)?.map(Int32.init)
  }

  package func forEachTick(of population: Int, ticks: ClosedRange<Int64>, _ body: (Int, SpikeSlice) -> Void) {
    forEachTick(on: engine, of: population, ticks: ticks, body)
  }

  package func checkpoint() -> SourceCheckpoint? { SourceCheckpoint(chip: engine.keyframe()) }

  package mutating func restore(_ checkpoint: SourceCheckpoint) throws {
    try engine.restore(checkpoint.chip)
  }

  package mutating func seek(to tick: Int64) throws {
    try stepForward(to: tick)
  }
}
