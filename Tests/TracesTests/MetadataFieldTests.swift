import JSON
import Testing

@testable import Traces

/// A metadata block that lacks a field, or holds a wrong one, is refused naming that field.
@Suite struct MetadataFieldTests {
  static func metadataJSON(removing key: String? = nil, setting value: (String, JSONValue)? = nil) throws -> [UInt8] {
    let metadata = TraceMetadata(
      tool: "test", source: "network", seed: 3, ticksPerCycle: 4, cycleOrigin: 1, phaseNames: ["a", "b", "c", "d"],
      gateNames: ["g0", "g1", "g2", "g3"], populations: ["g0", "g1", "g2", "g3"].map { TracePopulation(name: $0, size: 1, role: "gate", windows: [], isGenerator: false, label: "") })
    guard case .object(var members) = try JSONValue.parse(metadata.json()) else { throw MetadataProblem(offset: nil, expected: "", found: "") }
    if let key { members.removeAll { $0.key == key } }
    if let (key, new) = value {
      for k in members.indices where members[k].key == key { members[k].value = new }
    }
    var text = ""
    JSONText.write(.object(members), into: &text)
    return Array(text.utf8)
  }

  @Test(arguments: ["tool", "source", "t0", "ticksPerCycle", "cycleOrigin", "snapshotInterval", "phaseNames", "gateNames"])
  func aMissingFieldIsNamed(_ key: String) throws {
    #expect(throws: Never.self) { try TraceMetadata.decode(json: try Self.metadataJSON()).get() }
    guard case .failure(let problem) = TraceMetadata.decode(json: try Self.metadataJSON(removing: key)) else {
      Issue.record("accepted without '\(key)'")
      return
    }
    #expect(problem.expected.contains("'\(key)'"), "\(problem.expected)")
  }

  @Test func anOutOfRangeFieldIsNamedWithItsRange() throws {
    guard case .failure(let problem) = TraceMetadata.decode(json: try Self.metadataJSON(setting: ("ticksPerCycle", .integer(-5))))
    else {
      Issue.record("accepted")
      return
    }
    #expect(problem.expected.hasPrefix("an integer 'ticksPerCycle' in -1..."), "\(problem.expected)")
    #expect(problem.found == "-5")
  }
}
