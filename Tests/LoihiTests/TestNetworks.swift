import Loihi

/// Small builders that keep test networks readable.
enum TestNetworks {
  static func lif(
    du: Int32 = 4096, dv: Int32 = 4096, vth: Int32 = 131_071, biasMant: Int32 = 0,
    biasExp: Int32 = 0, refractory: Int32 = 1, vMin: Int32 = -ChipLimits.voltageLimit,
    vMax: Int32 = ChipLimits.voltageLimit
  ) throws -> CompartmentParameters {
    try CompartmentParameters(
      currentDecay: du, voltageDecay: dv, thresholdMantissa: vth, biasMantissa: biasMant,
      biasExponent: biasExp, refractoryDelay: refractory, voltageMin: vMin, voltageMax: vMax)
  }

  static func compartments(_ name: String, _ size: Int, _ parameters: CompartmentParameters)
    -> PopulationSpec
  {
    PopulationSpec(name: name, size: size, kind: .compartments(parameters))
  }

  /// A generator; `spikes` are (index, tick) pairs.
  static func generator(_ name: String, _ size: Int, _ spikes: [(Int32, Int64)]) -> PopulationSpec {
    PopulationSpec(
      name: name, size: size,
      kind: .generator(events: spikes.map { SpikeEvent(index: $0.0, tick: $0.1) }))
  }

  static func connect(
    _ source: String, _ target: String, _ connectivity: Connectivity,
    signMode: SignMode? = nil, bits: Int32 = 8, exponent: Int32 = 0, delay: Int32 = 0,
    learning: LearningRule? = nil, name: String? = nil
  ) throws -> ConnectionSpec {
    let mode = signMode ?? SignMode.inferred(from: connectivity.weightValues)
    return try ConnectionSpec(
      name: name, source: source, target: target, connectivity: connectivity,
      format: WeightFormat(numWeightBits: bits, signMode: mode, exponent: exponent),
      delay: delay, learning: learning)
  }

  static func chip(
    _ populations: [PopulationSpec], _ connections: [ConnectionSpec], seed: UInt64 = 1
  ) throws -> Chip {
    Chip(
      network: try Network(NetworkDescription(populations: populations, connections: connections)),
      seed: seed)
  }

  /// Runs `ticks` ticks and returns, per tick, the probe read after it.
  static func record<T>(_ chip: inout Chip, ticks: Int, _ read: (Chip) -> T) -> [T] {
    (0..<ticks).map { _ in
      chip.step()
      return read(chip)
    }
  }

  /// Ticks (1-based) at which neuron `index` of `population` spiked within `ticks` ticks.
  static func spikeTicks(_ chip: inout Chip, _ population: String, _ index: Int = 0, ticks: Int)
    -> [Int64]
  {
    let id = chip.network.population(named: population)!
    var result: [Int64] = []
    for _ in 0..<ticks {
      chip.step()
      if chip.spikes(of: id).contains(index) { result.append(chip.tick) }
    }
    return result
  }
}
