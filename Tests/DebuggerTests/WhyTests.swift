import Loihi
import Testing

@testable import Debugger

/// `why` recomputes a neuron's tick from the spikes and weights that produced it; on random ticks
/// its input must equal what the compartment integrated, and its verdict the spike the chip made.
@Suite struct WhyTests {
  static func check(_ session: inout Session, ticks: Int, seed: UInt64) throws -> Int {
    var random = RandomGenerator(seed: seed)
    var checked = 0
    for _ in 0..<ticks {
      _ = session.execute("step \(1 + Int(random.uniform(below: 3)))")
      guard let chip = session.source.chip else { break }
      for (p, population) in session.source.populations.enumerated() where !population.isGenerator {
        let parameters = chip.network[PopulationID(p)].parameters!
        guard parameters.currentDecay == 4096 else { continue }
        for i in 0..<min(population.size, 24) {
          let why = try session.explain(population: p, neuron: i)
          #expect(why.input == chip.current(PopulationID(p), i), "\(population.name)[\(i)] at tick \(chip.tick)")
          #expect(why.inputSum == why.sources.reduce(0) { $0 + $1.contribution })
          if let voltage = why.voltage, why.refractoryHeld == false {
            #expect(why.spiked == (voltage > why.threshold), "\(population.name)[\(i)] at tick \(chip.tick)")
          }
          if why.spiked { #expect(chip.spikes(of: PopulationID(p)).contains(i)) }
          checked += 1
        }
      }
    }
    return checked
  }

  @Test func explainedInputEqualsTheCompartmentsOnTheNBPCircuit() throws {
    var session = try SessionTests.session(samples: 6)
    #expect(try Self.check(&session, ticks: 30, seed: 4) > 1000)
  }

  @Test func explainedInputEqualsTheCompartmentsOnAJSONNetwork() throws {
    var session = try NetworkSourceTests.session("gated-learning.json")
    #expect(try Self.check(&session, ticks: 20, seed: 9) > 50)
  }

  @Test func whyReadsAsTheSumAgainstTheThreshold() throws {
    var session = try SessionTests.session()
    _ = session.execute("until tick 15")  // window 2: g02 opens h1
    let lines = session.execute("why h1[0]").lines
    #expect(lines[0] == "why h1[0] at tick 15: " + (lines[0].hasSuffix("spiked") && !lines[0].hasSuffix("not spike") ? "spiked" : "did not spike"))
    #expect(lines.contains("  +8704 from g02: 1 spike"))
    #expect(lines.contains { $0.hasPrefix("  u ") && $0.contains(" − 8192 (bias) = ") && $0.hasSuffix(" 1024 (threshold)") })
    #expect(session.execute("why not g05[0]").lines[0] == "why g05[0] at tick 15: did not spike")
    // An earlier tick is explained where it happened, and the session comes back.
    #expect(session.execute("why h1[0] at tick 3").lines[0] == "why h1[0] at tick 3: did not spike")
    #expect(session.source.tick == 15)
    #expect(session.execute("why h1[0] at tick 16").lines[0] == "error: tick 16 has not run yet (the session stands at tick 15)")
    #expect(session.execute("why h1[99]").lines[0] == "error: index 99 is outside h1[0..<12]")
  }

  /// `why w2[o=i, h=j]` names the ticks at which the synapse changed (the cycle's own record of
  /// its last change agrees), with before → after values that chain up to its current weight,
  /// the nBP rule's terms, and leaves the session exactly where it stood.
  @Test func whyASynapseListsItsChangesNewestFirst() throws {
    var session = try SessionTests.session(samples: 20)
    let groups = session.source.connectionGroups
    let g = try #require(groups.firstIndex { $0.name == "w2" })
    // Stand at the end of a cycle, past several, in which W2 changed.
    _ = session.execute("until sample 4")
    for _ in 0..<15 where session.cycleChanges[g]?.synapses.isEmpty ?? true { _ = session.execute("cycle") }
    let changes = try #require(session.cycleChanges[g])
    let synapse = try #require(changes.synapses.first.map(Int.init))
    let connection = session.source.chip!.network[groups[g].primary]
    let (pre, post) = connection.endpoints(ofSynapse: synapse)
    let before = ReverseExecutionTests.Observation(session)
    let lines = session.execute("why w2[o=\(post), h=\(pre)] all").lines
    #expect(ReverseExecutionTests.Observation(session) == before, "the session moved")
    let current = session.source.chip!.weight(groups[g].primary, pre: pre, post: post)!
    #expect(lines[0].hasPrefix("why w2[o=\(post), h=\(pre)] = \(current): "), "\(lines)")
    // Change lines: `  tick T (pairing in window W, NAME): a → b (Δ ±d)`, newest first.
    let changeLines = lines.filter { $0.hasPrefix("  tick ") }
    #expect(!changeLines.isEmpty)
    let ticks = changeLines.map { Int64($0.dropFirst(7).prefix { $0.isNumber })! }
    #expect(ticks == ticks.sorted(by: >))
    #expect(ticks.first == changes.lastTicks[0], "\(lines)")
    let values = changeLines.map { line -> (Int32, Int32) in
      let part = line[line.range(of: "): ")!.upperBound...].prefix { $0 != "(" }
      let numbers = part.split(separator: "→").map { Int32($0.trimmingCharacters(in: .whitespaces))! }
      return (numbers[0], numbers[1])
    }
    #expect(values.first?.1 == current)
    for k in 1..<values.count { #expect(values[k].1 == values[k - 1].0, "the changes do not chain: \(lines)") }
    #expect(lines.contains { $0.contains("dw = ") && $0.contains("−2·y0·x0") }, "\(lines)")
    // The newest change's sum is its Δ (the nBP rule's changes are whole).
    #expect(lines.contains { $0.hasPrefix("    sum ") })
    #expect(session.execute("why w2[o=\(post)]").lines[0].hasPrefix("error: why needs one synapse"))
    #expect(session.execute("why w2[o=\(post), h=\(pre)]").lines.filter { $0.hasPrefix("  tick ") }.count == min(3, ticks.count))
  }
}
