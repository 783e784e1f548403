import Testing

@testable import Loihi

/// Input echoed into an error is cut: a huge unknown key gives a short line, quickly.
@Suite struct EchoedInputTests {
  @Test func aHugeUnknownKeyIsCutInTheMessage() throws {
    let key = String(repeating: "k", count: 200_000)
    let json = "{\"ticks\": 1, \"\(key)\": 1}"
    do {
      _ = try SimulationSpec(json: Array(json.utf8))
      Issue.record("accepted an unknown key")
    } catch {
      let message = "\(error)"
      #expect(message.count < 200, "\(message.count) characters")
      #expect(message.contains("unknown name '" + String(repeating: "k", count: 40) + "…'"), "\(message)")
    }
  }
}
