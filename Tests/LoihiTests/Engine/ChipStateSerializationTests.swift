import Loihi
import Testing

/// `ChipState.serialized()` and `init(serialized:for:)`: exact round trips, continued runs, and
/// corrupt images rejected without trapping.
@Suite struct ChipStateSerializationTests {
  typealias T = TestNetworks

  /// A chip whose rule writes all three synaptic variables (w, d, t) with a reward channel.
  static func delayTagChip(seed: UInt64) throws -> Chip {
    let rule = try LearningRule(
      dw: RuleParser.parse("2*x0*y0*r1 - x1*y0", variable: "dw"),
      dd: RuleParser.parse("x0*y0", variable: "dd"),
      dt: RuleParser.parse("2*y0 - x0", variable: "dt"),
      epoch: 1, x1: TraceConfig(impulse128: 7 * 128, timeConstant: 4),
      r1: TraceConfig(impulse128: 128, timeConstant: 0), reward: "rew")
    var random = RandomGenerator(seed: 7)
    let events = (0..<300).map { _ in (Int32(random.uniform(below: 8)), Int64(random.uniform(below: 200) + 1)) }
    return try T.chip(
      [
        T.generator("in", 8, events),
        T.generator("rew", 1, (1...20).map { (0, Int64($0 * 9)) }),
        T.compartments("out", 6, T.lif(du: 1024, dv: 2048, vth: 40, refractory: 3)),
      ],
      [
        T.connect(
          "in", "out", .dense(preCount: 8, postCount: 6, weights: (0..<48).map { Int32($0 * 5 % 200) - 40 }),
          signMode: .mixed, delay: 2, learning: rule, name: "plastic"),
        T.connect("out", "out", .oneToOne(weight: -30), delay: 1),
      ], seed: seed)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    let id: String
    let make: @Sendable () throws -> Chip
    var testDescription: String { id }
  }

  static let cases = [
    Case(id: "epoch-2 traces and u dependency") { try ChipStateTests.stochasticChip(seed: 3) },
    Case(id: "learned delays, tags and reward") { try delayTagChip(seed: 4) },
    Case(id: "random network 7") { Chip(network: try ChipEquivalenceTests.randomNetwork(seed: 7), seed: 7) },
    Case(id: "random network 19") { Chip(network: try ChipEquivalenceTests.randomNetwork(seed: 19), seed: 19) },
  ]

  /// Spikes of every population, tick by tick.
  static func run(_ chip: inout Chip, ticks: Int) -> [[Int]] {
    T.record(&chip, ticks: ticks) { chip in
      chip.network.populations.indices.flatMap { chip.spikes(of: PopulationID($0)) + [-1] }
    }
  }

  /// snapshot → bytes → state → restore → identical continued run, at tick 0 and mid-run.
  @Test(arguments: cases)
  func roundTripContinuesIdentically(_ c: Case) throws {
    for warmup in [0, 97] {
      var chip = try c.make()
      chip.run(ticks: warmup)
      let state = chip.snapshot()
      let bytes = state.serialized()
      let decoded = try ChipState(serialized: bytes, for: chip.network)
      #expect(decoded == state, "decoded state differs after \(warmup) ticks")
      #expect(decoded.serialized() == bytes)
      var restored = try c.make()
      try restored.restore(decoded)
      #expect(restored.tick == Int64(warmup))
      #expect(Self.run(&restored, ticks: 150) == Self.run(&chip, ticks: 150))
      #expect(restored.snapshot() == chip.snapshot())
    }
  }

  /// A snapshot taken in the tick a weight changed keeps the change list and the old weights
  /// (the debugger's cycle view reads them).
  @Test func roundTripRightAfterALearningTick() throws {
    var chip = try Self.delayTagChip(seed: 4)
    let plastic = chip.network.connection(named: "plastic")!
    var steps = 0
    repeat {
      chip.step()
      steps += 1
    } while chip.changedSynapses(plastic).isEmpty && steps < 400
    let changes = chip.weightChanges(plastic)
    #expect(!changes.isEmpty)
    let decoded = try ChipState(serialized: chip.snapshot().serialized(), for: chip.network)
    #expect(decoded == chip.snapshot())
    var restored = try Self.delayTagChip(seed: 4)
    try restored.restore(decoded)
    #expect(restored.weightChanges(plastic).map(\.from) == changes.map(\.from))
  }

  @Test func rejectsAnotherNetwork() throws {
    let chip = try ChipStateTests.stochasticChip(seed: 1)
    let other = try Self.delayTagChip(seed: 1)
    #expect(throws: LoihiError.self) { try ChipState(serialized: chip.snapshot().serialized(), for: other.network) }
  }

  @Test func errorsNameTheByteOffset() throws {
    let chip = try ChipStateTests.stochasticChip(seed: 1)
    var bytes = chip.snapshot().serialized()
    bytes[4] ^= 1  // the compartment count
    #expect(throws: LoihiError(path: "snapshot byte 4", .shape(expected: "10 compartments (this network)", found: "11"))) {
      try ChipState(serialized: bytes, for: chip.network)
    }
    let short = Array(chip.snapshot().serialized().prefix(10))
    #expect(throws: LoihiError(path: "snapshot byte 8", .invalid(value: "2 bytes left", expected: "4 bytes of a 32-bit field"))) {
      try ChipState(serialized: short, for: chip.network)
    }
  }

  /// Every truncation throws; seeded bit flips throw or give a state the chip runs without trapping.
  @Test(arguments: cases)
  func corruptImagesNeverTrap(_ c: Case) throws {
    var chip = try c.make()
    chip.run(ticks: 60)
    let bytes = chip.snapshot().serialized()
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
      #expect(throws: LoihiError.self) { try ChipState(serialized: Array(bytes.prefix(length)), for: chip.network) }
    }
    var random = RandomGenerator(seed: 11)
    var accepted = 0
    for _ in 0..<400 {
      var copy = bytes
      for _ in 0..<Int(random.uniform(below: 3) + 1) {
        copy[Int(random.uniform(below: UInt64(copy.count)))] ^= UInt8(1) << UInt8(random.uniform(below: 8))
      }
      guard let state = try? ChipState(serialized: copy, for: chip.network) else { continue }
      var other = try c.make()
      try other.restore(state)
      other.run(ticks: 30)
      accepted += 1
    }
    #expect(accepted > 0, "some flips (in u, v or a weight's low bits) leave a valid state")
  }
}
