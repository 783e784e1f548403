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

/// Small hostile inputs of the network format, each answered exactly.
@Suite struct NetworkFileEdgeTests {
  static func lif(_ name: String) -> String { #"{"name": ""# + name + #"", "size": 1, "du": 4096, "dv": 0, "vThMant": 100}"# }

  static func spec(_ json: String) -> Result<SimulationSpec, any Error> {
    Result { try SimulationSpec(json: Array(json.utf8)) }
  }

  @Test func seedsUpTo2To64MinusOneStayExact() throws {
    let spec = try Self.spec(#"{"ticks": 1, "seed": 18446744073709551615}"#).get()
    #expect(spec.seed == UInt64.max)
    guard case .failure(let error) = Self.spec(#"{"ticks": 1, "seed": 18446744073709551616}"#) else {
      Issue.record("2^64 accepted")
      return
    }
    #expect("\(error)".contains("seed"), "\(error)")
    guard case .failure(let negative) = Self.spec(#"{"ticks": 1, "seed": -1}"#) else {
      Issue.record("-1 accepted")
      return
    }
    #expect("\(negative)".hasPrefix("seed: ") && "\(negative)".contains("-1"), "\(negative)")
  }

  @Test(arguments: ["a,b", "a\nb", "a b", "h1[3]", "w(x)", "", String(repeating: "n", count: 65), "say\"hi\""])
  func namesThatWouldBreakFilesOrCommandsAreRefused(_ name: String) throws {
    var quoted = ""
    for scalar in name.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\n": quoted += "\\n"
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    let json = #"{"ticks": 1, "compartments": ["# + Self.lif(quoted) + "]}"
    guard case .failure(let error) = Self.spec(json) else {
      Issue.record("'\(name)' accepted")
      return
    }
    #expect("\(error)".hasPrefix("compartments[0].name: "), "\(error)")
    #expect("\(error)".contains("a name of 1–64 printable characters"), "\(error)")
  }

  @Test func aProbeThatIsNotAStringNamesItsOwnPath() throws {
    let json = #"{"ticks": 1, "compartments": ["# + Self.lif("a") + #"], "probes": ["a.v", 5]}"#
    guard case .failure(let error) = Self.spec(json) else {
      Issue.record("accepted")
      return
    }
    #expect("\(error)" == "probes[1]: '5' is not valid (expected a string)")
  }
}
