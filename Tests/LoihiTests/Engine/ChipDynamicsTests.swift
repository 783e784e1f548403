import Loihi
import Testing

/// Neuron and synapse dynamics against hand-derived and published golden vectors.
@Suite struct ChipDynamicsTests {
  typealias T = TestNetworks

  /// One spike at tick 1 through weight 128 (wexp 0) adds 128·64 = 8192 to u at tick 2.
  func goldenChip(du: Int32, dv: Int32) throws -> Chip {
    try T.chip(
      [T.generator("in", 1, [(0, 1)]), T.compartments("a", 1, T.lif(du: du, dv: dv))],
      [T.connect("in", "a", .oneToOne(weight: 128))])
  }

  /// loihi-semantics.md 3.9, first row: D_u = 2048, D_v = 0.
  @Test func goldenHalvingCurrent() throws {
    var chip = try goldenChip(du: 2048, dv: 0)
    let a = chip.network.population(named: "a")!
    let trace = T.record(&chip, ticks: 8) { ($0.current(a, 0), $0.voltage(a, 0)) }
    #expect(trace.map(\.0) == [0, 8192, 4096, 2048, 1024, 512, 256, 128])
    #expect(trace.map(\.1) == [0, 8192, 12288, 14336, 15360, 15872, 16128, 16256])
  }

  /// loihi-semantics.md 3.9, second row: D_u = 1 (register 0), D_v = 2048.
  @Test func goldenLeakyCurrent() throws {
    var chip = try goldenChip(du: 1, dv: 2048)
    let a = chip.network.population(named: "a")!
    let trace = T.record(&chip, ticks: 8) { ($0.current(a, 0), $0.voltage(a, 0)) }
    #expect(trace.map(\.0) == [0, 8192, 8190, 8188, 8186, 8184, 8182, 8180])
    #expect(trace.map(\.1) == [0, 8192, 12286, 14331, 15351, 15859, 16111, 16235])
  }

  struct ContributionCase: CustomTestStringConvertible, Sendable {
    let mode: SignMode, bits: Int32, w: Int32, exponent: Int32, u: Int32
    var testDescription: String { "\(mode) nwb \(bits) W \(w) wexp \(exponent) → u \(u)" }
  }

  /// loihi-semantics.md 4.6, through the chip: u in the tick after the spike.
  @Test(arguments: [
    ContributionCase(mode: .excitatory, bits: 6, w: 7, exponent: 0, u: 256),
    ContributionCase(mode: .inhibitory, bits: 8, w: -3, exponent: -1, u: -128),
    ContributionCase(mode: .mixed, bits: 8, w: -3, exponent: 0, u: -256),
    ContributionCase(mode: .mixed, bits: 8, w: 5, exponent: -2, u: 64),  // W = 4, 4·2^−2 = 1
    ContributionCase(mode: .mixed, bits: 8, w: -6, exponent: -2, u: -128),  // floor(−1.5) = −2
    ContributionCase(mode: .excitatory, bits: 8, w: 255, exponent: 7, u: 2_088_960),
  ])
  func goldenContribution(_ c: ContributionCase) throws {
    var chip = try T.chip(
      [T.generator("in", 1, [(0, 1)]), T.compartments("a", 1, T.lif())],
      [T.connect("in", "a", .oneToOne(weight: c.w), signMode: c.mode, bits: c.bits, exponent: c.exponent)])
    let a = chip.network.population(named: "a")!
    chip.run(ticks: 2)
    #expect(chip.current(a, 0) == c.u)
  }

  /// Bias 128 (raw) against threshold 8·64 = 512, no input, D_v = 0: v = 128, 256, 384, 512, 640
  /// → the first spike is at tick 5 (strictly greater). R holds v at 0 for R − 1 ticks after.
  @Test(arguments: [
    (Int32(1), [Int64(5), 10, 15, 20]), (Int32(2), [Int64(5), 11, 17]), (Int32(3), [Int64(5), 12, 19]),
  ])
  func refractory(_ r: Int32, _ expected: [Int64]) throws {
    var chip = try T.chip([T.compartments("a", 1, T.lif(dv: 0, vth: 8, biasMant: 128, refractory: r))], [])
    #expect(T.spikeTicks(&chip, "a", ticks: 20) == expected)
  }

  /// u keeps integrating while v is held: two inputs during refractory still leave u at the sum.
  @Test func currentIntegratesWhileRefractory() throws {
    var chip = try T.chip(
      [
        T.generator("in", 1, [(0, 1), (0, 2), (0, 3)]),
        T.compartments("a", 1, T.lif(du: 0, dv: 4096, vth: 100, refractory: 3)),
      ],
      [T.connect("in", "a", .oneToOne(weight: 128))])
    let a = chip.network.population(named: "a")!
    let trace = T.record(&chip, ticks: 5) { ($0.current(a, 0), $0.voltage(a, 0), $0.spikes(of: a)) }
    // Tick 2: u = 8192 > 6400 → spike, v reset. Ticks 3–4 held (R = 3). Tick 5: v = u again.
    #expect(trace.map(\.0) == [0, 8192, 16384, 24576, 24576])
    #expect(trace.map(\.1) == [0, 0, 0, 0, 0])
    #expect(trace.map(\.2) == [[], [0], [], [], [0]])
  }

  /// Five inputs of 255·2^7·64 = 2088960 with no decay push u past 2^23 − 1: it wraps.
  @Test func currentWrapsAt24Bits() throws {
    var chip = try T.chip(
      [
        T.generator("in", 1, (1...5).map { (0, Int64($0)) }),
        T.compartments("a", 1, T.lif(du: 0, dv: 4096, vth: 131_071)),
      ],
      [T.connect("in", "a", .oneToOne(weight: 255), exponent: 7)])
    let a = chip.network.population(named: "a")!
    let u = T.record(&chip, ticks: 6) { $0.current(a, 0) }
    #expect(u == [0, 2_088_960, 4_177_920, 6_266_880, 8_355_840, 10_444_800 - 16_777_216])
  }

  /// Two such synapses in one tick sum to 4177920, past the 22-bit input range: q wraps to −16384.
  @Test func inputSumWrapsAt22Bits() throws {
    var chip = try T.chip(
      [T.generator("in", 2, [(0, 1), (1, 1)]), T.compartments("a", 1, T.lif(du: 4096))],
      [T.connect("in", "a", .dense(preCount: 2, postCount: 1, weights: [255, 255]), exponent: 7)])
    let a = chip.network.population(named: "a")!
    chip.run(ticks: 2)
    #expect(chip.current(a, 0) == -16_384)
  }

  /// v saturates instead of wrapping: a strong negative bias pins it at vMin; vMax caps it.
  @Test func voltageSaturates() throws {
    var low = try T.chip([T.compartments("a", 1, T.lif(dv: 0, biasMant: -4096, biasExp: 7))], [])
    let a = low.network.population(named: "a")!
    low.run(ticks: 20)  // 20 · −524288 < −(2^23 − 1)
    #expect(low.voltage(a, 0) == -8_388_607)
    var high = try T.chip([T.compartments("a", 1, T.lif(dv: 0, biasMant: 4095, biasExp: 7, vMax: 1_000_000))], [])
    high.run(ticks: 5)
    #expect(high.voltage(a, 0) == 1_000_000)
  }

  /// A spike emitted at t reaches u at t + 1 + d.
  @Test(arguments: [Int32(0), 1, 5, 62])
  func delays(_ d: Int32) throws {
    var chip = try T.chip(
      [T.generator("in", 1, [(0, 1)]), T.compartments("a", 1, T.lif())],
      [T.connect("in", "a", .oneToOne(weight: 100), delay: d)])
    let a = chip.network.population(named: "a")!
    let u = T.record(&chip, ticks: 70) { $0.current(a, 0) }
    let arrivals = u.indices.filter { u[$0] != 0 }.map { $0 + 1 }
    #expect(arrivals == [2 + Int(d)])
  }

  /// A compartment spike propagates one tick per hop along a delay-0 chain.
  @Test func chainLatency() throws {
    let relay = try T.lif(vth: 100)
    var chip = try T.chip(
      [T.generator("in", 1, [(0, 3)]), T.compartments("a", 1, relay), T.compartments("b", 1, relay)],
      [T.connect("in", "a", .oneToOne(weight: 200)), T.connect("a", "b", .oneToOne(weight: 200), delay: 2)])
    #expect(T.spikeTicks(&chip, "b", ticks: 12) == [3 + 1 + 1 + 2])
  }

  @Test func generatorEventsScheduledLater() throws {
    var chip = try T.chip([T.generator("in", 3, []), T.compartments("a", 3, T.lif(vth: 10))],
      [T.connect("in", "a", .oneToOne(weight: 50))])
    let input = chip.network.population(named: "in")!
    let a = chip.network.population(named: "a")!
    chip.run(ticks: 4)
    try chip.schedule([SpikeEvent(index: 2, tick: 6), SpikeEvent(index: 0, tick: 5), SpikeEvent(index: 0, tick: 5)], on: input)
    let spikes = T.record(&chip, ticks: 4) { ($0.spikes(of: input), $0.spikes(of: a)) }
    #expect(spikes.map(\.0) == [[0], [2], [], []])
    #expect(spikes.map(\.1) == [[], [0], [2], []])
    #expect(throws: LoihiError.self) { try chip.schedule([SpikeEvent(index: 0, tick: 8)], on: input) }
    #expect(throws: LoihiError.self) { try chip.schedule([SpikeEvent(index: 3, tick: 20)], on: input) }
    #expect(throws: LoihiError.self) { try chip.schedule([SpikeEvent(index: 0, tick: 20)], on: a) }
  }
}
