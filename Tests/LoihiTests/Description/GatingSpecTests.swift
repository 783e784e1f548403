import Testing

@testable import Loihi

/// The optional `gating` block of the network format: read, defaults, and one-line path errors.
@Suite struct GatingSpecTests {
  static let ring = """
    "compartments": [
      {"name": "g0", "size": 1, "du": 4096, "dv": 4096, "vThMant": 1024},
      {"name": "g1", "size": 1, "du": 4096, "dv": 4096, "vThMant": 1024},
      {"name": "g2", "size": 1, "du": 4096, "dv": 4096, "vThMant": 1024},
      {"name": "a", "size": 4, "du": 4096, "dv": 4096, "vThMant": 100}],
    "generators": [{"name": "kick", "size": 1, "spikes": [[0, 2]]}]
    """

  static func spec(_ gating: String) throws -> SimulationSpec {
    try SimulationSpec(json: Array("{\"ticks\": 30, \(ring), \"gating\": \(gating)}".utf8))
  }

  @Test func readsEveryField() throws {
    let gating = try #require(
      try Self.spec(
        #"{"cycle": 3, "origin": 7, "gates": ["g0", "g1", "g2"], "windows": ["in", "out", "learn"], "populations": {"a": [1, 2]}}"#
      ).gating)
    #expect(gating.length == 3)
    #expect(gating.origin == 7)
    #expect(gating.gates == ["g0", "g1", "g2"])
    #expect(gating.windowNames == ["in", "out", "learn"])
    // a is population 3; each gate may spike in the window before the one it opens.
    #expect(gating.populationWindows == [3: [1, 2], 0: [2], 1: [0], 2: [1]])
  }

  @Test func defaults() throws {
    let gating = try #require(try Self.spec(#"{"cycle": 3, "gates": ["g0", "g1", "g2"]}"#).gating)
    #expect(gating.origin == 4, "the ring kicked at tick cycle − 1 opens window 0 at cycle + 1")
    #expect(gating.windowNames == ["window 0", "window 1", "window 2"])
    #expect(gating.populationWindows[3] == nil, "a population not listed is unconstrained")
  }

  @Test func absentBlockIsNil() throws {
    #expect(try SimulationSpec(json: Array("{\"ticks\": 3, \(Self.ring)}".utf8)).gating == nil)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let id: String
    let gating: String
    let message: String
    var testDescription: String { id }
  }

  @Test(arguments: [
    Bad(id: "gate not a population", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g9"]}"#,
        message: "gating.gates[2]: unknown name 'g9' (did you mean 'g0'?)"),
    Bad(id: "duplicate gate", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g1"]}"#,
        message: "gating.gates[2]: name 'g1' is used twice"),
    Bad(id: "gate count", gating: #"{"cycle": 4, "gates": ["g0", "g1", "g2"]}"#,
        message: "gating.gates: shape 3 gates does not fit (expected 4 gates, one per window)"),
    Bad(id: "window outside the cycle", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g2"], "populations": {"a": [1, 3]}}"#,
        message: "gating.populations.a[1]: 3 is out of range (allowed 0...2)"),
    Bad(id: "window twice", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g2"], "populations": {"a": [1, 1]}}"#,
        message: "gating.populations.a[1]: '1' is not valid (expected each window once)"),
    Bad(id: "unknown population", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g2"], "populations": {"b": [1]}}"#,
        message: "gating.populations.b: unknown name 'b' (did you mean 'a'?)"),
    Bad(id: "duplicate window name", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g2"], "windows": ["x", "y", "x"]}"#,
        message: "gating.windows[2]: name 'x' is used twice"),
    Bad(id: "window name count", gating: #"{"cycle": 3, "gates": ["g0", "g1", "g2"], "windows": ["x"]}"#,
        message: "gating.windows: shape 1 names does not fit (expected 3 window names)"),
    Bad(id: "typo", gating: #"{"cycle": 3, "gate": ["g0", "g1", "g2"]}"#,
        message: "gating.gate: unknown name 'gate' (did you mean 'gates'?)"),
    Bad(id: "cycle range", gating: #"{"cycle": 0, "gates": []}"#,
        message: "gating.cycle: 0 is out of range (allowed 1...4096)"),
    Bad(id: "origin range", gating: #"{"cycle": 3, "origin": 0, "gates": ["g0", "g1", "g2"]}"#,
        message: "gating.origin: 0 is out of range (allowed 1...2147483647)"),
  ])
  func badBlocksNameTheirPath(_ bad: Bad) {
    do {
      _ = try Self.spec(bad.gating)
      Issue.record("accepted \(bad.gating)")
    } catch {
      #expect("\(error)" == bad.message)
    }
  }
}
