import Testing

@testable import Loihi

/// A keyframe restores a chip exactly: the chip runs on bit for bit as it did, on random networks
/// with random learning rules, delays, epochs and weight formats.
@Suite struct ChipKeyframeTests {
  static func chip(seed: UInt64, history: Int) throws -> Chip {
    let network = try LearningOracleTests.randomNetwork(seed: seed)
    return Chip(network: try Network(network.description, spikeHistory: history), seed: seed)
  }

  @Test(arguments: 0..<60 as Range<UInt64>)
  func restoredChipRunsOnIdentically(seed: UInt64) throws {
    var chip = try Self.chip(seed: seed, history: 48)
    let at = Int(seed % 50) + 1
    chip.run(ticks: at)
    let keyframe = chip.keyframe()
    var states: [ChipState] = []
    var spikes: [[[Int]]] = []
    for _ in 0..<80 {
      chip.step()
      states.append(chip.snapshot())
      spikes.append(chip.network.populations.indices.map { chip.spikes(of: PopulationID($0)) })
    }
    // Restore into a chip that has run elsewhere (a later tick), as a debugger's does.
    var restored = chip
    restored.run(ticks: 7)
    try restored.restore(keyframe)
    #expect(restored.tick == Int64(at))
    for (k, expected) in states.enumerated() {
      restored.step()
      // The spike history is complete once the chip has run past what the keyframe drops.
      if k + 1 >= restored.ticksUntilSpikeHistoryIsComplete {
        #expect(restored.snapshot() == expected, "seed \(seed): tick \(restored.tick)")
      } else {
        let now = chip.network.populations.indices.map { restored.spikes(of: PopulationID($0)) }
        #expect(now == spikes[k], "seed \(seed): tick \(restored.tick)")
      }
    }
  }

  @Test func keyframeIsCompactForPlasticMatrices() throws {
    // One 200×200 plastic matrix and an identical copy: one byte per synapse, the copy shared.
    let weights = (0..<40_000).map { Int32(($0 * 37) % 200) * 2 - 200 }
    let format = try WeightFormat(signMode: .mixed)
    let rule = try LearningRule(dw: RuleParser.parse("2*x0*y0", variable: "dw"), epoch: 1)
    var populations = [PopulationSpec(name: "in", size: 200, kind: .generator(events: []))]
    populations.append(PopulationSpec(name: "a", size: 200, kind: .compartments(try CompartmentParameters(thresholdMantissa: 100))))
    let connections = try ["k0", "k1"].map { name in
      try ConnectionSpec(
        name: name, source: "in", target: "a",
        connectivity: .dense(preCount: 200, postCount: 200, weights: weights), format: format, learning: rule)
    }
    let network = try Network(NetworkDescription(populations: populations, connections: connections), spikeHistory: 1000)
    let chip = Chip(network: network)
    let keyframe = chip.keyframe()
    #expect(keyframe.byteCount < 40_000 + 20_000, "\(keyframe.byteCount) bytes")
    var restored = Chip(network: network, seed: 9)
    restored.run(ticks: 3)
    try restored.restore(keyframe)
    #expect(restored.snapshot() == chip.snapshot())
  }
}
