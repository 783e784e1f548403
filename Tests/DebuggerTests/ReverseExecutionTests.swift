import Loihi
import Testing

@testable import Debugger
@testable import NBP
import NBPDebugging

/// Reverse execution is exact: after any sequence of forward and reverse moves, everything the
/// session shows at a tick equals what it showed when the run first stood there.
@Suite struct ReverseExecutionTests {
  /// Everything observable at one tick, as one comparable value.
  struct Observation: Equatable, CustomStringConvertible {
    let tick: Int64
    let chip: ChipState
    let records: [SampleRecord]
    let changes: [Int: [Int64]]
    let violations: [Int64]
    let history: [[Int32]]

    init(_ session: Session) {
      let source = session.source
      tick = source.tick
      chip = source.chip!.snapshot()
      let cycles = (session.position.cycle ?? -1) + 2
      records = (0..<max(0, cycles)).compactMap { source.sample(ofCycle: $0) }
      changes = session.cycleChanges.mapValues { c in
        c.synapses.map(Int64.init) + c.firstTicks + c.lastTicks
          + c.synapses.map { Int64(c.originalWeight(of: Int($0)) ?? -9999) }
      }
      violations = session.violations.map { $0.tick * 1000 + Int64($0.population) }
      // The spike history the rasters read, every population, as far back as it is kept.
      let (now, back) = (source.tick, Int64(source.historyTicks ?? 0))
      history = source.populations.indices.flatMap { p in
        stride(from: max(1, now - back), through: now, by: 1).map { source.spikes(of: p, at: $0) ?? [-1] }
      }
    }

    var description: String { "observation at tick \(tick)" }
  }

  /// Runs forward once, tick by tick, keeping what each tick looked like.
  static func reference(_ make: () throws -> Session, ticks: Int) throws -> [Observation] {
    var session = try make()
    var seen = [Observation(session)]
    for _ in 0..<ticks {
      _ = try session.run(.ticks(1))
      seen.append(Observation(session))
    }
    return seen
  }

  /// Random moves: forward steps and runs, reverse steps, gotos both ways, reverse-continue to a
  /// breakpoint; after each, the session must look as it did at that tick the first time.
  static func randomMoves(_ make: () throws -> Session, ticks: Int, moves: Int, seed: UInt64, extra: [String]) throws {
    let seen = try reference(make, ticks: ticks)
    var session = try make()
    var random = RandomGenerator(seed: seed)
    func pick(_ n: Int) -> Int { Int(random.uniform(below: UInt64(n))) }
    for command in extra { #expect(!session.execute(command).isError, "\(command)") }
    var log: [String] = []
    var backwards = 0
    var compared = 0
    defer {
      // The sequence must have exercised what it claims to: many comparisons, many moves back.
      #expect(compared >= moves / 2 && backwards >= moves / 4, "\(compared) compared, \(backwards) backwards")
    }
    for _ in 0..<moves {
      let here = Int(session.source.tick)
      let command: String
      switch pick(9) {
      case 0: command = "step \(1 + pick(40))"
      case 1: command = "reverse-step \(1 + pick(here + 5))"
      case 2: command = "goto tick \(pick(ticks))"
      case 3: command = "until tick \(pick(ticks))"
      case 4: command = "reverse-next"
      case 5: command = "reverse-cycle"
      case 6: command = "reverse-continue"
      case 7: command = "continue"
      default: command = "rs"
      }
      log.append(command)
      let result = session.execute(command)
      if result.isError {
        // Only moves off either end of the run may be refused.
        #expect(here == 0 || result.lines.joined().contains("end"), "\(log): \(result.lines)")
        continue
      }
      let tick = Int(session.source.tick)
      if tick < here { backwards += 1 }
      guard tick < seen.count else { continue }
      compared += 1
      let now = Observation(session)
      #expect(now == seen[tick], "after \(log.suffix(4)) at tick \(tick)")
      if now != seen[tick] { return }
    }
  }

  static func nbpSession() throws -> Session {
    let (input, hidden, output) = (24, 12, 6)
    var random = RandomGenerator(seed: 5)
    let samples = (0..<60).map { _ in
      Sample(
        pixels: (0..<input).map { _ in random.uniform(below: 100) < 40 ? 1 : 0 },
        label: UInt8(random.uniform(below: UInt64(output))))
    }
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 5), spikeHistory: 64)
    // Small keyframe spacing and memory, so that reverse moves cross keyframes and thinning runs.
    return Session(source: NBPSource(circuit: circuit, samples: samples, seed: 5), history: History(memoryLimit: 100_000, spacing: 16))
  }

  /// A 4-gate ring gating a plastic connection with a stochastic rule, random inputs and rewards.
  static func learningNetworkSession() throws -> Session {
    var random = RandomGenerator(seed: 11)
    func spikes(_ size: Int, _ count: Int, _ ticks: Int) -> String {
      (0..<count).map { _ in "[\(random.uniform(below: UInt64(size))), \(1 + random.uniform(below: UInt64(ticks)))]" }.joined(separator: ", ")
    }
    let ring = (0..<4).map { "{\"name\": \"k\($0)\", \"size\": 1, \"du\": 4096, \"dv\": 4096, \"vThMant\": 1024, \"refractory\": 1}" }
    let json = """
      {"ticks": 400, "seed": 3,
       "compartments": [\(ring.joined(separator: ", ")),
         {"name": "a", "size": 5, "du": 3000, "dv": 3500, "vThMant": 150, "refractory": 2, "biasMant": 3, "biasExp": 2}],
       "generators": [{"name": "kick", "size": 1, "spikes": [[0, 3]]},
         {"name": "in", "size": 8, "spikes": [\(spikes(8, 900, 400))]},
         {"name": "rew", "size": 1, "spikes": [\(spikes(1, 60, 400))]}],
       "connections": [
         {"from": "kick", "to": "k0", "oneToOne": 145, "weightExp": 6},
         {"from": "k0", "to": "k1", "oneToOne": 145, "weightExp": 6},
         {"from": "k1", "to": "k2", "oneToOne": 145, "weightExp": 6},
         {"from": "k2", "to": "k3", "oneToOne": 145, "weightExp": 6},
         {"from": "k3", "to": "k0", "oneToOne": 145, "weightExp": 6},
         {"from": "in", "to": "a", "delay": 2, "weights": [\((0..<8).map { _ in "[" + (0..<5).map { _ in String(random.uniform(below: 120)) }.joined(separator: ", ") + "]" }.joined(separator: ", "))],
          "learning": {"dw": "2^-2*x1*y0 - 2^-3*y1*x0 + 4*x0*y0*r1", "x1Impulse": 20, "x1TimeConstant": 4,
                       "y1Impulse": 16, "y1TimeConstant": 3, "r1Impulse": 1, "reward": "rew"}}],
       "gating": {"cycle": 4, "origin": 5, "gates": ["k0", "k1", "k2", "k3"], "windows": ["present", "respond", "learn", "rest"], "populations": {"a": [1, 2]}}}
      """
    let spec = try SimulationSpec(json: Array(json.utf8), spikeHistory: 40)
    return Session(
      source: NetworkSource(network: spec.network, seed: spec.seed, ticks: spec.ticks, gating: spec.gating),
      history: History(memoryLimit: 40_000, spacing: 8))
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func randomMovesOnTheNBPCircuit(seed: UInt64) throws {
    try Self.randomMoves(Self.nbpSession, ticks: 60 * 12, moves: 60, seed: seed, extra: ["break gate g05 if label == 2", "watch w2[o=2, h=3]"])
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func randomMovesOnALearningNetwork(seed: UInt64) throws {
    try Self.randomMoves(Self.learningNetworkSession, ticks: 400, moves: 80, seed: seed, extra: ["watch in->a if changed", "break spike a[2]"])
  }

  @Test func thinningKeepsMemoryUnderTheLimit() throws {
    var session = try Self.nbpSession()
    _ = session.execute("until tick 700")
    let history = try #require(session.history)
    #expect(history.byteCount <= history.memoryLimit)
    #expect(history.spacing > 16, "the keyframes were thinned out")
    #expect(history.keyframes.first?.tick == 0)
  }

  @Test func reverseContinueStopsAtThePreviousHit() throws {
    var session = try Self.nbpSession()
    _ = session.execute("break gate g05")
    for _ in 0..<4 { _ = session.execute("continue") }
    let fourth = session.source.tick
    _ = session.execute("continue")
    let result = session.execute("reverse-continue")
    #expect(result.stop?.breakpoint == 1)
    #expect(session.source.tick == fourth)
    #expect(result.lines == ["stopped: breakpoint 1, \(session.position)"])
    // Before the first hit there is none: back to tick 0.
    for _ in 0..<3 { _ = session.execute("reverse-continue") }
    let start = session.execute("reverse-continue")
    #expect(session.source.tick == 0)
    #expect(start.lines.first?.contains("reached the start of the run") == true)
    #expect(session.execute("reverse-step").isError)
  }

  @Test func watchpointStopsBackwardsWhereTheWeightLastChanged() throws {
    var session = try Self.learningNetworkSession()
    _ = session.execute("watch in->a")
    _ = session.execute("continue")
    let first = session.source.tick
    _ = session.execute("continue")
    let back = session.execute("reverse-continue")
    #expect(session.source.tick == first, "\(back.lines)")
    #expect(back.lines.first?.contains("watchpoint 1") == true)
  }

  @Test func untilAndGotoMoveBackwards() throws {
    var session = try Self.nbpSession()
    _ = session.execute("until tick 109")
    #expect(session.execute("until tick 50").lines == ["stopped: reached tick 50, \(session.position)"])
    #expect(session.source.tick == 50)
    _ = session.execute("until sample 5")
    let back = session.execute("until sample 3")
    #expect(back.lines.first?.contains("reached sample 3") == true)
    #expect(session.position.cycle == 3 && session.position.window == 0)
    _ = session.execute("goto tick 7")
    #expect(session.source.tick == 7)
  }

  @Test func withoutHistoryBackwardMovesAreRefused() throws {
    let base = try Self.nbpSession()
    var session = Session(source: base.source, history: nil)
    _ = session.execute("step 30")
    let result = session.execute("reverse-step")
    #expect(result.isError)
    #expect(result.lines.first?.contains("--history-memory") == true)
  }
}
