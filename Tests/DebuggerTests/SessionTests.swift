import Loihi
import Testing

@testable import Debugger
@testable import NBP
import NBPDebugging

/// The debugger in batch form on a tiny live circuit (24-12-6, random digits).
@Suite struct SessionTests {
  static func session(samples count: Int = 20, seed: UInt64 = 3) throws -> Session {
    let (input, hidden, output) = (24, 12, 6)
    var random = RandomGenerator(seed: seed)
    let samples = (0..<count).map { _ in
      Sample(
        pixels: (0..<input).map { _ in random.uniform(below: 100) < 40 ? 1 : 0 },
        label: UInt8(random.uniform(below: UInt64(output))))
    }
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: seed), spikeHistory: 256)
    return Session(source: NBPSource(circuit: circuit, samples: samples, seed: seed))
  }

  /// Runs commands, requiring each to succeed; returns all output lines.
  static func run(_ session: inout Session, _ commands: [String]) -> [String] {
    commands.flatMap { command -> [String] in
      let result = session.execute(command)
      #expect(!result.isError, "\(command): \(result.lines)")
      #expect(!result.lines.isEmpty, "\(command) must answer with at least one line")
      return result.lines
    }
  }

  @Test func gateBreakpointStopsAfterItsWindowEveryCycle() throws {
    var session = try Self.session()
    _ = Self.run(&session, ["break gate g05"])
    var ticks: [Int64] = []
    for _ in 0..<5 {
      let result = session.execute("continue")
      #expect(result.stop?.breakpoint == 1)
      #expect(result.stop?.position.window == 5)
      #expect(result.lines == ["stopped: breakpoint 1, \(session.position)"])
      #expect(result.lines[0].hasSuffix("phase 5 g05 W2 potentiation"))
      ticks.append(session.position.tick)
    }
    #expect(ticks == [18, 30, 42, 54, 66])
    #expect(session.statusLine == "tick 66 · sample 4 · phase 5 g05 W2 potentiation · live · paused · breakpoint 1")
  }

  @Test func phaseBreakpointByName() throws {
    var session = try Self.session()
    _ = Self.run(&session, [#"break phase "W1 depression""#])
    #expect(session.execute("continue").stop?.position.window == 11)
  }

  @Test func cycleAdvancesExactlyOneCycleFromACycleEnd() throws {
    var session = try Self.session()
    let first = session.execute("cycle").stop!
    // The cycle ends in the window 0 after its last window: the learning of window 11 lands there.
    #expect(first.position.window == 0)
    #expect(first.reason == "end of sample 0's cycle")
    for n in 1...3 {
      let before = session.position.tick
      let stop = session.execute("cycle").stop!
      #expect(stop.position.tick - before == 12)
      #expect(stop.reason == "end of sample \(n)'s cycle")
    }
  }

  @Test func stepAndNext() throws {
    var session = try Self.session()
    #expect(session.execute("step 13").stop?.position.tick == 13)
    #expect(session.execute("next").stop?.position.tick == 14)
    #expect(session.execute("step").stop?.position.tick == 15)
    #expect(session.execute("until sample 3").stop?.position == session.source.timeModel.position(of: 12 * 4 + 1))
    #expect(session.execute("goto tick 100").stop?.position.tick == 100)
    #expect(session.execute("goto tick 20").stop?.position.tick == 20)
    #expect(session.execute("reverse-next").stop?.position.tick == 19)
    // Before sample 0's first window there is no earlier cycle end: back to the start.
    #expect(session.execute("reverse-cycle").lines[0].hasPrefix("stopped: reverse to the start of the run, tick 0"))
    _ = session.execute("goto tick 40")
    #expect(session.execute("reverse-cycle").lines == ["stopped: end of sample 1's cycle, \(session.source.timeModel.position(of: 37))"])
    #expect(session.position.window == 0)
    #expect(session.execute("reverse-cycle").lines == ["stopped: end of sample 0's cycle, \(session.source.timeModel.position(of: 25))"])
    #expect(session.execute("rs 3").lines == ["stopped: reverse step, \(session.source.timeModel.position(of: 22))"])
  }

  @Test func conditionsAndIgnoreCounts() throws {
    var session = try Self.session()
    _ = Self.run(&session, ["break gate g06 if count(h1T) > 3"])
    var stops = 0
    for _ in 0..<3 {
      guard let stop = session.execute("continue").stop, stop.breakpoint == 1 else { break }
      stops += 1
      let count = session.execute("print count(h1T)").lines[0]
      #expect(Int(count.split(separator: " ").last!)! > 3, "\(count)")
    }
    #expect(stops > 0)
    // ignore: the next two hits pass silently, the third stops.
    var plain = try Self.session()
    _ = Self.run(&plain, ["break gate g02", "ignore 1 2"])
    let third = plain.execute("continue").stop
    #expect(third.map { $0.position.tick } == 39)
    #expect(plain.breakpoints[0].hits == 3)
    // tbreak disappears after it stops.
    _ = Self.run(&plain, ["tbreak gate g09"])
    let temporary = plain.execute("continue").stop
    #expect(temporary?.reason == "temporary breakpoint 2")
    #expect(plain.breakpoints.count == 1)
  }

  @Test func sampleBreakpointWithLabelAndErrorConditions() throws {
    var session = try Self.session(samples: 30)
    _ = Self.run(&session, ["break sample if error && label == 2"])
    let stop = session.execute("continue").stop!
    #expect(stop.position.window == 4)
    let record = session.source.sample(ofCycle: stop.position.cycle!)!
    #expect(record.label == 2)
    #expect(record.isError == true)
    let info = session.execute("info sample").lines
    #expect(info[0].hasPrefix("sample \(stop.position.cycle!) (data index \(stop.position.cycle!)): label 2, prediction"))
  }

  @Test func spikeBreakpointOnOneNeuron() throws {
    var session = try Self.session()
    _ = Self.run(&session, ["break spike d+"])
    let stop = session.execute("continue").stop!
    #expect(stop.position.window == 4)
    #expect(session.execute("print count(d+)").lines[0] != "count(d+) = 0")
  }

  @Test func enableDisableDeleteAndInfo() throws {
    var session = try Self.session()
    let lines = Self.run(&session, [
      "break gate g05", "break spike h1[3]", "disable 1", "info breakpoints", "enable", "delete 2", "info breakpoints",
    ])
    #expect(lines.contains("Num  Type        Enb  Hits  What"))
    #expect(lines.contains { $0.hasPrefix("1    breakpoint  n    0     gate g05") })
    #expect(lines.last!.hasPrefix("1    breakpoint  y    0     gate g05"))
    #expect(session.breakpoints.map(\.number) == [1])
  }

  struct BadCommand: CustomTestStringConvertible, Sendable {
    let command: String
    let message: String
    var testDescription: String { command }
  }

  @Test(arguments: [
    BadCommand(command: "break spike h2", message: "error: unknown population 'h2' (did you mean 'h1'?)"),
    BadCommand(command: "brek gate g05", message: "error: unknown command 'brek' (did you mean 'break'?)"),
    BadCommand(command: "break gate g5", message: "error: unknown population 'g5' (did you mean 'g05'?)"),
    BadCommand(command: "break phase \"W2 potentation\"", message: "error: unknown phase 'W2 potentation' (did you mean 'W2 potentiation'?)"),
    BadCommand(command: "print w3[o=1]", message: "error: unknown matrix 'w3' (did you mean 'w1'?)"),
    BadCommand(command: "print u(h1[99])", message: "error: index 99 is outside h1[0..<12]"),
    BadCommand(command: "delete 7", message: "error: no breakpoint number 7"),
    BadCommand(
      command: "break gate g05 if count(h1) >",
      message: "error: expected a value at column 30\n  break gate g05 if count(h1) >\n  " + String(repeating: " ", count: 29) + "^"),
  ])
  func badCommandsExplainThemselves(_ c: BadCommand) throws {
    var session = try Self.session()
    let result = session.execute(c.command)
    #expect(result.isError)
    #expect(result.lines.joined(separator: "\n") == c.message)
  }

  @Test func printsStateAndWeights() throws {
    var session = try Self.session()
    _ = session.execute("until sample 1")
    _ = session.execute("step 3")  // window 3: the output is read
    let u = session.execute("print u(o[0])").lines[0]
    #expect(u.hasPrefix("u(o[0]) = "))
    let row = session.execute("print w2[o=3]").lines[0]
    #expect(row.hasPrefix("w2[o=3] = ["))
    #expect(row.hasSuffix("(12 values, min \(row.split(separator: "min ")[1].split(separator: ",")[0]), max \(row.split(separator: "max ")[1].dropLast()))"))
    #expect(session.execute("info cycle").lines.last == "  copies: all identical")
  }

  /// A W1 copy with weights large enough to fire in an ungated window is flagged by the audit.
  @Test func auditCatchesAWrongSpike() throws {
    let (input, hidden, output) = (100, 8, 4)
    var random = RandomGenerator(seed: 2)
    let samples = (0..<6).map { _ in
      Sample(pixels: (0..<input).map { _ in random.uniform(below: 100) < 50 ? 1 : 0 }, label: 1)
    }
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 2))
    var live = NBPSource(circuit: circuit, samples: samples)
    // Every input drives hidden unit 0 of the copy with 254: about 50 · 254 > 9216 units, so in
    // window 0 (x re-presented in window 11, no gate on h1_copy) the copy fires on its own.
    let copy = circuit.network.connection(named: "x->h1_copy")!
    for pre in 0..<input { try live.driverChipSetWeight(copy, synapse: pre * hidden, to: 254) }
    var session = Session(source: live)
    _ = Self.run(&session, ["break audit"])
    let stop = session.execute("continue").stop!
    #expect(stop.reason.hasPrefix("breakpoint 1 (audit: h1_copy spiked outside its windows)"), "\(stop.line)")
    let violation = session.violations.last!
    #expect(session.source.populations[violation.population].name == "h1_copy")
    #expect(!session.source.populations[violation.population].windows.contains(stop.position.window!))
  }
}

extension NBPSource {
  /// Test hook: change a weight on the live chip.
  mutating func driverChipSetWeight(_ connection: ConnectionID, synapse: Int, to value: Int32) throws {
    try driverForTesting { try $0.chip.setWeight(connection, synapse: synapse, to: value) }
  }
}
