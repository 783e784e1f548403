import Loihi
import Testing

/// The learning engine: coincidence timing, reward timing, rule arithmetic, traces, epochs.
@Suite struct LearningTests {
  typealias T = TestNetworks

  static let nbpRule = "4*x0*y0*r1 - 2*x0*y0"

  static func rule(
    _ dw: String, epoch: Int32 = 1, x1: TraceConfig = .none, y1: TraceConfig = .none,
    r1: TraceConfig = .none, reward: String? = nil, dd: String? = nil, dt: String? = nil
  ) throws -> LearningRule {
    try LearningRule(
      dw: RuleParser.parse(dw, variable: "dw"),
      dd: try dd.map { try RuleParser.parse($0, variable: "dd") },
      dt: try dt.map { try RuleParser.parse($0, variable: "dt") },
      epoch: epoch, x1: x1, y1: y1, r1: r1, reward: reward)
  }

  /// `pre` (generator) → `post` through one plastic synapse of weight `w`; `drive` fires `post`
  /// one tick after each of its events (post's threshold is 6400, the plastic weight alone does
  /// not reach it); `rew` feeds the reinforcement channel.
  static func pairChip(
    pre: [Int64], post: [Int64], reward: [Int64] = [], w: Int32 = 100, delay: Int32 = 0,
    rule: LearningRule? = nil, signMode: SignMode = .mixed, seed: UInt64 = 1
  ) throws -> Chip {
    let learning = try rule ?? Self.rule(
      nbpRule, r1: TraceConfig(impulse128: 128, timeConstant: 0), reward: "rew")
    return try T.chip(
      [
        T.generator("pre", 1, pre.map { (0, $0) }),
        T.generator("drive", 1, post.map { (0, $0 - 1) }),
        T.generator("rew", 1, reward.map { (0, $0) }),
        T.compartments("post", 1, T.lif(vth: 100)),
      ],
      [
        T.connect("drive", "post", .oneToOne(weight: 200)),
        T.connect(
          "pre", "post", .dense(preCount: 1, postCount: 1, weights: [w]), signMode: signMode,
          delay: delay, learning: learning, name: "plastic"),
      ], seed: seed)
  }

  static func weights(_ chip: inout Chip, ticks: Int) -> [Int32] {
    let plastic = chip.network.connection(named: "plastic")!
    return T.record(&chip, ticks: ticks) { $0.weight(plastic, pre: 0, post: 0)! }
  }

  /// Pre and post spiking in the same tick s form a pair, evaluated in tick s + 1: −2 unrewarded.
  @Test func sameTickPairCounts() throws {
    var chip = try Self.pairChip(pre: [5], post: [5])
    #expect(Self.weights(&chip, ticks: 8) == [100, 100, 100, 100, 100, 98, 98, 98])
  }

  /// A pair one tick apart, either way round, does not count.
  @Test(arguments: [(Int64(5), Int64(6)), (6, 5), (5, 7)])
  func pairsOneTickApartDoNotCount(_ pre: Int64, _ post: Int64) throws {
    var chip = try Self.pairChip(pre: [pre], post: [post])
    #expect(Self.weights(&chip, ticks: 10).allSatisfy { $0 == 100 })
  }

  /// A reward event scheduled in the pair's tick sets r1 = 1 in the evaluation tick: +2. One
  /// tick earlier or later it misses: −2.
  @Test(arguments: [(Int64(5), Int32(102)), (4, 98), (6, 98)])
  func rewardTiming(_ reward: Int64, _ expected: Int32) throws {
    var chip = try Self.pairChip(pre: [5], post: [5], reward: [reward])
    #expect(Self.weights(&chip, ticks: 8).last == expected)
  }

  /// A pre spike counts when it arrives at the synapse (emission + 1 + delay).
  @Test func delayedPreCountsAtArrival() throws {
    // Emitted at 3, arrives at 6 (delay 2); post spiked at 5 counts at 6 as well: a pair.
    var arriving = try Self.pairChip(pre: [3], post: [5], delay: 2)
    #expect(Self.weights(&arriving, ticks: 8) == [100, 100, 100, 100, 100, 98, 98, 98])
    // Emitted with the post spike, it arrives two ticks too late.
    var late = try Self.pairChip(pre: [5], post: [5], delay: 2)
    #expect(Self.weights(&late, ticks: 10).allSatisfy { $0 == 100 })
  }

  /// Repeated pairs walk the weight in steps of 2 and clip at the mixed range [−256, 254].
  @Test func clipsToSignModeRange() throws {
    let ticks = Array(stride(from: Int64(2), through: 400, by: 2))
    var up = try Self.pairChip(pre: ticks, post: ticks, reward: ticks, w: 200)
    #expect(Self.weights(&up, ticks: 402).last == 254)
    var down = try Self.pairChip(pre: ticks, post: ticks, w: -200)
    #expect(Self.weights(&down, ticks: 402).last == -256)
  }

  /// loihi-semantics.md 6.9, first example: `dw = 2^-2*x1*y0` with x1 = 40 at t_y and W = 10:
  /// P = 40 · 2^(−2+7) = 1280; A = 10·128 + 1280 = 2560 → W = 20, exactly.
  @Test func goldenTraceProduct() throws {
    let rule = try Self.rule("2^-2*x1*y0", x1: TraceConfig(impulse128: 40 * 128, timeConstant: 0))
    var chip = try Self.pairChip(pre: [5], post: [5], w: 10, rule: rule)
    #expect(Self.weights(&chip, ticks: 7) == [10, 10, 10, 10, 10, 20, 20])
  }

  /// loihi-semantics.md 6.9, second example with M = 3: `dw = 2^-7*x1*y1*u0`, x1 = 100, y1 = 50:
  /// 5000 >> (7 + 7 + 3 − 15) = 1250 → 1250/128 = 9.77, so W becomes 9 or 10 (10 with p = 0.77).
  @Test func goldenTwoTraceProductRoundsStochastically() throws {
    let rule = try Self.rule(
      "2^-7*x1*y1*u0", x1: TraceConfig(impulse128: 100 * 128, timeConstant: 0),
      y1: TraceConfig(impulse128: 50 * 128, timeConstant: 0))
    var tens = 0
    for seed in UInt64(1)...400 {
      var chip = try Self.pairChip(pre: [5], post: [5], w: 0, rule: rule, signMode: .excitatory, seed: seed)
      let w = Self.weights(&chip, ticks: 8)
      #expect(w[4] == 0)
      #expect(w[5] == 9 || w[5] == 10)
      #expect(w[7] == w[5])  // nothing else changes it
      if w[5] == 10 { tens += 1 }
    }
    // 400 Bernoulli(0.765625) draws: mean 306, sd 8.5.
    #expect((270...342).contains(tens))
  }

  /// The same seed gives the same draws.
  @Test func stochasticRoundingIsSeeded() throws {
    let rule = try Self.rule(
      "2^-7*x1*y1*u0", x1: TraceConfig(impulse128: 100 * 128, timeConstant: 0),
      y1: TraceConfig(impulse128: 50 * 128, timeConstant: 0))
    let runs = try (0..<2).map { _ in
      try (UInt64(1)...40).map { seed in
        var chip = try Self.pairChip(pre: [5], post: [5], w: 0, rule: rule, signMode: .excitatory, seed: seed)
        return Self.weights(&chip, ticks: 7).last!
      }
    }
    #expect(runs[0] == runs[1])
    #expect(Set(runs[0]) == [9, 10])
  }

  /// 1000 pres spike together with impulse 100 and τ = 3: next tick each trace is
  /// floor(200/3) = 66 plus Bernoulli(2/3). A 0.25 impulse fraction lands as 0 or 1.
  @Test func traceDecayAndImpulseStatistics() throws {
    let n = 1000
    func traces(impulse128: Int32, tau: Int32, ticks: Int) throws -> [Int32] {
      let rule = try Self.rule("x0*y0", x1: TraceConfig(impulse128: impulse128, timeConstant: tau))
      var chip = try T.chip(
        [T.generator("pre", n, (0..<Int32(n)).map { ($0, 5) }), T.compartments("post", 1, T.lif())],
        [T.connect("pre", "post", .dense(preCount: n, postCount: 1, weights: Array(repeating: 0, count: n)),
          signMode: .mixed, learning: rule, name: "plastic")], seed: 7)
      chip.run(ticks: ticks)
      let c = chip.network.connection(named: "plastic")!
      return (0..<n).map { chip.trace(.x1, c, $0) }
    }
    #expect(try traces(impulse128: 100 * 128, tau: 3, ticks: 6).allSatisfy { $0 == 100 })
    let decayed = try traces(impulse128: 100 * 128, tau: 3, ticks: 7)
    #expect(decayed.allSatisfy { $0 == 66 || $0 == 67 })
    let mean = Double(decayed.reduce(0, +)) / Double(n)
    #expect(abs(mean - 200.0 / 3.0) < 0.08)  // sd of the mean ≈ 0.015
    #expect(try traces(impulse128: 100 * 128, tau: 3, ticks: 7) == decayed)  // seeded
    let fractional = try traces(impulse128: 32, tau: 0, ticks: 6)
    #expect(fractional.allSatisfy { $0 == 0 || $0 == 1 })
    let ones = fractional.reduce(0, +)
    #expect((200...300).contains(ones))  // Bernoulli(0.25) × 1000: mean 250, sd 13.7
    #expect(try traces(impulse128: 32, tau: 0, ticks: 7).allSatisfy { $0 == 0 })  // τ = 0 forgets
  }

  /// Traces saturate at 127.
  @Test func traceSaturates() throws {
    let rule = try Self.rule("x0*y0", x1: TraceConfig(impulse128: 100 * 128, timeConstant: 1000))
    var chip = try Self.pairChip(pre: [5, 6], post: [], w: 0, rule: rule)
    chip.run(ticks: 7)
    #expect(chip.trace(.x1, chip.network.connection(named: "plastic")!, 0) == 127)
  }

  /// With tEpoch = 4, a pre and a post in the same epoch pair (x0 and y0 are per epoch); in
  /// different epochs they do not. Evaluation happens at the epoch's last tick.
  @Test func epochsCollectSpikes() throws {
    let rule = try Self.rule("2*x0*y0", epoch: 4)
    // Pre arrives at 2, post (spike at 2) counts at 3: epoch 1–4, evaluated at tick 4.
    var same = try Self.pairChip(pre: [1], post: [2], rule: rule)
    #expect(Self.weights(&same, ticks: 6) == [100, 100, 100, 102, 102, 102])
    // Pre arrives at 4 (epoch 1–4), post counts at 5 (epoch 5–8): no pair.
    var split = try Self.pairChip(pre: [3], post: [4], rule: rule)
    #expect(Self.weights(&split, ticks: 9).allSatisfy { $0 == 100 })
  }

  /// An x0 product reads traces at the pre's arrival tick, not at the epoch's end.
  @Test func x0ProductsReadTracesAtArrival() throws {
    let y1 = try TraceConfig(impulse128: 10 * 128, timeConstant: 0)
    // Post spikes at 2 and counts at 3 (y1 = 10 only then); pre arrives at 3 too: dw = 10.
    var together = try Self.pairChip(pre: [2], post: [2], rule: Self.rule("x0*y1", epoch: 4, y1: y1))
    #expect(Self.weights(&together, ticks: 4).last == 110)
    // Pre arrives at tick 4, when y1 has decayed to 0: no change, although y0 was seen.
    var after = try Self.pairChip(pre: [3], post: [2], rule: Self.rule("x0*y1", epoch: 4, y1: y1))
    #expect(Self.weights(&after, ticks: 4).last == 100)
  }

  /// A reinforcement channel may be driven by a compartment: its spike counts one tick later.
  @Test func rewardFromCompartment() throws {
    let learning = try Self.rule(Self.nbpRule, r1: TraceConfig(impulse128: 128, timeConstant: 0), reward: "critic")
    var chip = try T.chip(
      [
        T.generator("pre", 1, [(0, 5)]), T.generator("drive", 1, [(0, 4)]),
        T.compartments("post", 1, T.lif(vth: 100)), T.compartments("critic", 1, T.lif(vth: 100)),
      ],
      [
        T.connect("drive", "post", .oneToOne(weight: 200)),
        T.connect("drive", "critic", .oneToOne(weight: 200)),
        T.connect("pre", "post", .dense(preCount: 1, postCount: 1, weights: [100]), signMode: .mixed,
          learning: learning, name: "plastic"),
      ])
    #expect(Self.weights(&chip, ticks: 7).last == 102)
  }

  /// dd and dt write the synapse's delay and tag variables.
  @Test func delayAndTagRules() throws {
    let rule = try Self.rule("x0*y0*0", dd: "3*x0*y0", dt: "-5*x0*y0")
    var chip = try Self.pairChip(pre: [5], post: [5], w: 100, delay: 0, rule: rule)
    chip.run(ticks: 7)
    let plastic = chip.network.connection(named: "plastic")!
    #expect(chip.trace(.d, plastic, 0) == 3)
    #expect(chip.trace(.t, plastic, 0) == -5)
    #expect(chip.weight(plastic, pre: 0, post: 0) == 100)
  }

  /// Learning reports which synapses changed in the last tick.
  @Test func changedSynapsesAreReported() throws {
    var chip = try Self.pairChip(pre: [5], post: [5])
    let plastic = chip.network.connection(named: "plastic")!
    chip.run(ticks: 5)
    #expect(chip.changedSynapses(plastic).isEmpty)
    chip.step()
    #expect(chip.changedSynapses(plastic) == [0])
    chip.step()
    #expect(chip.changedSynapses(plastic).isEmpty)
  }
}

extension LearningTests {
  /// The nBP rule at the top of the range: +4 − 2 at w = 254 must stay 254 for every seed (the
  /// accumulator saturates after the sum, so rounding never pulls it down to 252).
  @Test func rewardedStepAtTheTopStaysExact() throws {
    for seed in UInt64(1)...300 {
      var chip = try Self.pairChip(pre: [5], post: [5], reward: [5], w: 254, seed: seed)
      #expect(Self.weights(&chip, ticks: 7).last == 254)
    }
  }
}
