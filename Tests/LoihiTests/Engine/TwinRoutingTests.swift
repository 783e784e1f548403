@testable import Loihi
import Testing

/// Twin routing (`Chip+Twins.swift`): connections that route the same rows and hold equal
/// weights add one row sum. The chip must still agree with the oracle on every value after
/// every tick while twins form, learn apart, are set apart by hand, and are restored.
@Suite struct TwinRoutingTests {
  typealias T = TestNetworks
  typealias Oracle = LearningOracleTests

  /// A source feeding 2–4 dense copies of one matrix (same delay and width) into targets with
  /// different thresholds, so posts differ; some copies learn with rules that read posts (and
  /// so drift apart), some learn with pre-only rules or not at all (and stay twins).
  static func twinNetwork(seed: UInt64) throws -> Network {
    var r = Oracle.Picker(random: RandomGenerator(seed: seed &* 104_729 &+ 7))
    let pre = r.pick(1...9)
    let post = r.pick(1...11)
    let events = (0..<r.pick(20...150)).map { _ in (Int32(r.pick(0...(pre - 1))), Int64(r.pick(1...100))) }
    var populations = [T.generator("in", pre, events), T.generator("reward", 1, [(0, 17), (0, 40), (0, 77)])]
    let copies = r.pick(2...4)
    for k in 0..<copies {
      populations.append(
        T.compartments(
          "c\(k)", post,
          try CompartmentParameters(
            currentDecay: r.element([0, 4096]), voltageDecay: r.element([0, 4096]),
            thresholdMantissa: r.element([1, 5, 40, 200]), refractoryDelay: r.pick32(1...3))))
    }
    let format = try WeightFormat(
      numWeightBits: r.element([6, 7, 8]), signMode: r.element([.mixed, .excitatory]), exponent: r.pick32(0...3))
    let weights = (0..<pre * post).map { _ in r.pick32(format.inputRange) }
    let delay: Int32 = r.element([0, 0, 2, 5])
    let rules = ["4*x0*y0*r1 - 2*x0*y0", "2*x0 - x0*r1", "x0*y1 - y0*x1", "x0 - y0"]
    var connections: [ConnectionSpec] = []
    for k in 0..<copies {
      var learning: LearningRule?
      if r.chance(70) {
        learning = try LearningRule(
          dw: RuleParser.parse(r.element(rules), variable: "dw"), epoch: r.element([1, 1, 2]),
          x1: TraceConfig(impulse128: 128, timeConstant: 4), y1: TraceConfig(impulse128: 128, timeConstant: 4),
          r1: TraceConfig(impulse128: 128, timeConstant: 0), reward: "reward")
      }
      connections.append(
        try ConnectionSpec(
          name: "w\(k)", source: "in", target: "c\(k)",
          connectivity: .dense(preCount: pre, postCount: post, weights: weights), format: format, delay: delay,
          learning: learning))
    }
    // A connection of another delay from the same source is not a twin, whatever its weights.
    connections.append(
      try ConnectionSpec(
        name: "other", source: "in", target: "c0",
        connectivity: .dense(preCount: pre, postCount: post, weights: weights), format: format, delay: delay + 1))
    return try Network(NetworkDescription(populations: populations, connections: connections))
  }

  /// Steps both engines and compares everything; `change` may alter both before a tick.
  static func compare(
    _ network: Network, seed: UInt64, ticks: Int = 120, change: (Int, inout Chip, inout ReferenceChip) -> Void = { _, _, _ in }
  ) -> (shared: Int, split: Int) {
    var chip = Chip(network: network, seed: seed)
    var oracle = ReferenceChip(network: network, seed: seed)
    var (shared, split) = (0, 0)
    var wasShared = false
    for tick in 1...ticks {
      change(tick, &chip, &oracle)
      chip.step()
      oracle.step()
      let (fast, slow) = (Oracle.observe(chip), Oracle.observe(oracle))
      if fast != slow {
        let first = fast.keys.sorted().first { fast[$0] != slow[$0] } ?? "?"
        Issue.record("seed \(seed), tick \(tick): \(first): chip \(fast[first] ?? []) oracle \(slow[first] ?? [])")
        return (shared, split)
      }
      let sharing = network.twinFollowers.contains { chip.sharesTwinSum($0) }
      if sharing { shared += 1 }
      if wasShared && !sharing { split += 1 }
      wasShared = sharing
    }
    return (shared, split)
  }

  @Test(arguments: UInt64(1)...150)
  func twinsMatchTheOracle(seed: UInt64) throws {
    _ = Self.compare(try Self.twinNetwork(seed: seed), seed: seed)
  }

  /// The runs above exercise both the shared sum and twins learning apart (otherwise they
  /// prove little).
  @Test func twinsShareAndSplit() throws {
    var (shared, split) = (0, 0)
    for seed in UInt64(1)...150 {
      let result = Self.compare(try Self.twinNetwork(seed: seed), seed: seed)
      shared += result.shared
      split += result.split
    }
    #expect(shared > 1000)
    #expect(split > 10)
  }

  @Test func groupsAreSameSourceDelayAndWidth() throws {
    let network = try Self.twinNetwork(seed: 3)
    let copies = network.connections.filter { $0.name.hasPrefix("w") }.count
    #expect(network.twinFollowers.count == copies - 1)
    let other = network.connection(named: "other")!.rawValue
    #expect(network.routes[other].twinSum == -1, "a different delay routes other rows")
  }

  /// A weight set by hand on a twin (the debugger's `set`) splits it; setting it back joins
  /// it again at the next tick's full check.
  @Test func aWeightSetByHandSplitsTwins() throws {
    for seed in UInt64(1)...40 {
      let network = try Self.twinNetwork(seed: seed)
      let follower = ConnectionID(network.twinFollowers[0])
      let format = network[follower].format
      let result = Self.compare(network, seed: seed) { tick, chip, oracle in
        guard tick == 30 || tick == 60 else { return }
        let value = tick == 30 ? format.storedRange.upperBound : format.storedRange.lowerBound
        try? chip.setWeight(follower, synapse: 0, to: value)
        oracle.setWeight(follower, synapse: 0, to: value)
      }
      _ = result
    }
    // A fixed twin whose weight is set to its leader's again is shared again.
    var chip = Chip(network: try Self.fixedTwins())
    chip.run(ticks: 3)
    #expect(chip.sharesTwinSum(1))
    let original = chip.synapseWeights(ConnectionID(1))[0]
    try chip.setWeight(ConnectionID(1), synapse: 0, to: original == 0 ? 2 : 0)
    chip.step()
    #expect(!chip.sharesTwinSum(1))
    try chip.setWeight(ConnectionID(1), synapse: 0, to: original)
    chip.step()
    #expect(chip.sharesTwinSum(1))
  }

  static func fixedTwins() throws -> Network {
    let events = (1...40).map { (Int32($0 % 3), Int64($0)) }
    let format = try WeightFormat(signMode: .mixed)
    let weights: [Int32] = [10, -20, 30, 40, 50, -60]
    return try Network(
      NetworkDescription(
        populations: [
          T.generator("in", 3, events), T.compartments("a", 2, try CompartmentParameters(thresholdMantissa: 50)),
          T.compartments("b", 2, try CompartmentParameters(thresholdMantissa: 50)),
        ],
        connections: [
          try ConnectionSpec(name: "a", source: "in", target: "a", connectivity: .dense(preCount: 3, postCount: 2, weights: weights), format: format),
          try ConnectionSpec(name: "b", source: "in", target: "b", connectivity: .dense(preCount: 3, postCount: 2, weights: weights), format: format),
        ]))
  }

  /// Snapshots, keyframes and serialised states carry no twin bookkeeping of their own: a
  /// chip restored from any of them runs on exactly as the original.
  @Test func restoredStatesRunOnIdentically() throws {
    for seed in UInt64(1)...30 {
      let network = try Self.twinNetwork(seed: seed)
      var chip = Chip(network: network, seed: seed)
      chip.run(ticks: 40)
      let snapshot = chip.snapshot()
      let keyframe = chip.keyframe()
      var original = chip
      original.run(ticks: 60)
      var fromSnapshot = Chip(network: network)
      try fromSnapshot.restore(snapshot)
      fromSnapshot.run(ticks: 60)
      var fromKeyframe = Chip(network: network)
      try fromKeyframe.restore(keyframe)
      fromKeyframe.run(ticks: 60)
      #expect(Oracle.observe(fromSnapshot) == Oracle.observe(original), "seed \(seed) snapshot")
      #expect(Oracle.observe(fromKeyframe) == Oracle.observe(original), "seed \(seed) keyframe")
    }
  }
}
