import Loihi
import Testing

/// ``Chip`` must agree with the scalar ``ReferenceChip`` on every u, v and spike of random
/// networks: every connectivity kind, sign mode, precision, exponent, delay and parameter range.
@Suite struct ChipEquivalenceTests {
  typealias T = TestNetworks

  /// A random network; sizes and ranges chosen so that wraps, saturation and refractory all occur.
  static func randomNetwork(seed: UInt64) throws -> Network {
    var random = RandomGenerator(seed: seed)
    func pick(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(random.uniform(below: UInt64(range.count)))
    }
    func pick32(_ range: ClosedRange<Int32>) -> Int32 { Int32(pick(Int(range.lowerBound)...Int(range.upperBound))) }
    var populations: [PopulationSpec] = []
    var sizes: [String: Int] = [:]
    for g in 0..<pick(1...2) {
      let size = pick(1...12)
      let events = (0..<pick(0...60)).map { _ in (Int32(pick(0...(size - 1))), Int64(pick(1...150))) }
      populations.append(T.generator("g\(g)", size, events))
      sizes["g\(g)"] = size
    }
    for p in 0..<pick(1...4) {
      let size = pick(1...16)
      let parameters = try CompartmentParameters(
        currentDecay: [0, 1, 7, 1024, 2048, 4000, 4096][pick(0...6)],
        voltageDecay: [0, 1, 300, 2048, 4096][pick(0...4)],
        thresholdMantissa: [0, 10, 100, 1000, 20_000, 131_071][pick(0...5)],
        biasMantissa: pick32(-4096...4095), biasExponent: pick32(0...7),
        refractoryDelay: pick32(1...5),
        voltageMin: [-ChipLimits.voltageLimit, -100_000, 0][pick(0...2)],
        voltageMax: [ChipLimits.voltageLimit, 2047, 500_000][pick(0...2)])
      populations.insert(T.compartments("c\(p)", size, parameters), at: pick(0...populations.count))
      sizes["c\(p)"] = size
    }
    let names = populations.map(\.name)
    let targets = names.filter { $0.hasPrefix("c") }
    var connections: [ConnectionSpec] = []
    for k in 0..<pick(1...8) {
      let source = names[pick(0...(names.count - 1))]
      let target = targets[pick(0...(targets.count - 1))]
      let (pre, post) = (sizes[source]!, sizes[target]!)
      let mode = SignMode.allCases[pick(0...2)]
      let format = try WeightFormat(numWeightBits: pick32(0...8), signMode: mode, exponent: pick32(-8...7))
      func weight() -> Int32 { pick32(format.inputRange) }
      var connectivity: Connectivity
      switch pick(0...3) {
      case 0: connectivity = .dense(preCount: pre, postCount: post, weights: (0..<pre * post).map { _ in weight() })
      case 1 where pre == post: connectivity = .oneToOne(weight: weight())
      case 2 where pre == 1: connectivity = .oneToAll(weight: weight())
      default:
        var seen = Set<[Int32]>()
        var synapses: [SparseSynapse] = []
        for _ in 0..<pick(0...(pre * post)) {
          let pair = [Int32(pick(0...(pre - 1))), Int32(pick(0...(post - 1)))]
          if seen.insert(pair).inserted { synapses.append(SparseSynapse(pre: pair[0], post: pair[1], weight: weight())) }
        }
        connectivity = .sparse(synapses)
      }
      connections.append(
        try ConnectionSpec(
          name: "k\(k)", source: source, target: target, connectivity: connectivity,
          format: format, delay: pick32(0...[0, 3, 62][pick(0...2)])))
    }
    return try Network(NetworkDescription(populations: populations, connections: connections))
  }

  @Test(arguments: UInt64(1)...60)
  func matchesReference(seed: UInt64) throws {
    let network = try Self.randomNetwork(seed: seed)
    var chip = Chip(network: network, seed: seed)
    var reference = ReferenceChip(network: network)
    var spikes = 0
    for tick in 1...200 {
      chip.step()
      reference.step()
      for (p, population) in network.populations.enumerated() {
        let id = PopulationID(p)
        let expected = (0..<population.size).filter { reference.spiked[population.neuronBase + $0] }
        let actual = chip.spikes(of: id)
        spikes += actual.count
        #expect(actual == expected, "spikes of \(population.name) at tick \(tick)")
        guard !population.isGenerator else { continue }
        let base = population.compartmentBase
        let u = (0..<population.size).map { Int(chip.current(id, $0)) }
        let v = (0..<population.size).map { Int(chip.voltage(id, $0)) }
        #expect(u == Array(reference.current[base..<base + population.size]), "u of \(population.name) at tick \(tick)")
        #expect(v == Array(reference.voltage[base..<base + population.size]), "v of \(population.name) at tick \(tick)")
        if u != Array(reference.current[base..<base + population.size]) { return }
      }
    }
    _ = spikes
  }

  /// The random networks are not trivially silent (otherwise the comparison proves little).
  @Test func randomNetworksSpike() throws {
    var total = 0
    for seed in UInt64(1)...60 {
      var chip = Chip(network: try Self.randomNetwork(seed: seed))
      for _ in 0..<200 {
        chip.step()
        for p in chip.network.populations.indices where !chip.network.populations[p].isGenerator {
          total += chip.spikeCount(of: PopulationID(p))
        }
      }
    }
    #expect(total > 1000)
  }
}

/// Snapshots, restores and determinism on a network with stochastic learning.
@Suite struct ChipStateTests {
  typealias T = TestNetworks

  static func stochasticChip(seed: UInt64) throws -> Chip {
    let rule = try LearningRule(
      dw: RuleParser.parse("2^-3*x1*y0 - 2^-4*y1*x0 + u2*x2", variable: "dw"), epoch: 2,
      x1: TraceConfig(impulse128: 20 * 128 + 37, timeConstant: 5),
      x2: TraceConfig(impulse128: 3 * 128 + 64, timeConstant: 9),
      y1: TraceConfig(impulse128: 30 * 128 + 5, timeConstant: 3))
    var random = RandomGenerator(seed: 99)
    let events = (0..<400).map { _ in (Int32(random.uniform(below: 20)), Int64(random.uniform(below: 300) + 1)) }
    let weights = (0..<200).map { _ in Int32(random.uniform(below: 200)) - 60 }
    return try T.chip(
      [T.generator("in", 20, events), T.compartments("out", 10, T.lif(du: 2048, dv: 1024, vth: 60, refractory: 2))],
      [T.connect("in", "out", .dense(preCount: 20, postCount: 10, weights: weights), signMode: .mixed, bits: 7,
        learning: rule, name: "plastic")], seed: seed)
  }

  static func fingerprint(_ chip: inout Chip, ticks: Int) -> [[Int32]] {
    let out = chip.network.population(named: "out")!
    let plastic = chip.network.connection(named: "plastic")!
    return T.record(&chip, ticks: ticks) { chip in
      chip.spikes(of: out).map(Int32.init) + [-1] + chip.weightMatrix(plastic) + [-1]
        + (0..<20).map { chip.trace(.x1, plastic, $0) }
    }
  }

  @Test func sameSeedSameRun() throws {
    var a = try Self.stochasticChip(seed: 5)
    var b = try Self.stochasticChip(seed: 5)
    #expect(Self.fingerprint(&a, ticks: 300) == Self.fingerprint(&b, ticks: 300))
    #expect(a.snapshot() == b.snapshot())
  }

  @Test func differentSeedDifferentRun() throws {
    var a = try Self.stochasticChip(seed: 5)
    var b = try Self.stochasticChip(seed: 6)
    #expect(Self.fingerprint(&a, ticks: 300) != Self.fingerprint(&b, ticks: 300))
  }

  @Test func restoreReplaysExactly() throws {
    var chip = try Self.stochasticChip(seed: 3)
    chip.run(ticks: 120)
    let saved = chip.snapshot()
    let first = Self.fingerprint(&chip, ticks: 150)
    let end = chip.snapshot()
    try chip.restore(saved)
    #expect(chip.tick == 120)
    #expect(chip.snapshot() == saved)
    #expect(Self.fingerprint(&chip, ticks: 150) == first)
    #expect(chip.snapshot() == end)
    // The snapshot was not disturbed by the chip writing after it was taken.
    try chip.restore(saved)
    #expect(Self.fingerprint(&chip, ticks: 150) == first)
  }

  @Test func restoreRejectsForeignState() throws {
    var chip = try Self.stochasticChip(seed: 1)
    let other = try T.chip([T.compartments("a", 3, T.lif())], [])
    #expect(throws: LoihiError.self) { try chip.restore(other.snapshot()) }
  }

  @Test func learningActuallyChangesWeights() throws {
    var chip = try Self.stochasticChip(seed: 1)
    let plastic = chip.network.connection(named: "plastic")!
    let before = chip.weightMatrix(plastic)
    chip.run(ticks: 300)
    #expect(chip.weightMatrix(plastic) != before)
    #expect(chip.weightMatrix(plastic).allSatisfy { (-256...252).contains($0) && $0 % 4 == 0 })
  }
}
