import Foundation
import Loihi
import Testing

@testable import Debugger

/// The debugger on any JSON network (`--net`): the same commands as on the nBP circuit, values
/// equal to what `nbpscope sim` probes, and clear refusals where a network has no gating cycle.
@Suite struct NetworkSourceTests {
  static let samples: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, last != "Tests" { parts.removeLast() }
    parts.removeLast()
    return parts.joined(separator: "/") + "/samples/"
  }()

  static func spec(_ name: String) throws -> SimulationSpec {
    let data = try #require(FileManager.default.contents(atPath: samples + name))
    return try SimulationSpec(json: [UInt8](data), spikeHistory: 256)
  }

  static func session(_ name: String) throws -> Session {
    let spec = try spec(name)
    return Session(source: NetworkSource(network: spec.network, seed: spec.seed, ticks: spec.ticks, gating: spec.gating))
  }

  static func answers(_ session: inout Session, _ commands: [String]) -> [String] {
    commands.map { command in
      let result = session.execute(command)
      #expect(!result.isError, "\(command): \(result.lines)")
      return result.lines.joined(separator: "\n")
    }
  }

  /// The nBP circuit and the 12-gate ring of samples/synfire-ring.json share their timing, so one
  /// script gives the same positions on both; only what a cycle is called differs.
  @Test func oneScriptOnTheNBPCircuitAndAJSONNetwork() throws {
    let script = [
      "break gate g05", "continue", "next", "cycle", "print count(g01)", "delete", "until tick 40", "info phase",
    ]
    var nbp = try SessionTests.session()
    var ring = try Self.session("synfire-ring.json")
    let fromNBP = Self.answers(&nbp, script)
    let fromRing = Self.answers(&ring, script)
    #expect(fromNBP[0] == "breakpoint 1: gate g05 (window 5, W2 potentiation)")
    #expect(fromRing[0] == fromNBP[0])
    #expect(fromNBP[1] == "stopped: breakpoint 1, tick 18 · sample 0 · phase 5 g05 W2 potentiation")
    #expect(fromRing[1] == "stopped: breakpoint 1, tick 18 · cycle 0 · phase 5 g05 W2 potentiation")
    #expect(fromNBP[2] == "stopped: next window, tick 19 · sample 0 · phase 6 g06 backprop +")
    #expect(fromRing[2] == "stopped: next window, tick 19 · cycle 0 · phase 6 g06 backprop +")
    #expect(fromNBP[3] == "stopped: end of sample 0's cycle, tick 25 · sample 1 · phase 0 g00 reset")
    #expect(fromRing[3] == "stopped: end of cycle 0, tick 25 · cycle 1 · phase 0 g00 reset")
    // g00 spiked at tick 24 to open window 0 at tick 25, where g01 spikes, in both circuits.
    #expect(fromNBP[4] == "count(g01) = 1")
    #expect(fromRing[4] == "count(g01) = 1")
    #expect(fromRing[6] == "stopped: reached tick 40, tick 40 · cycle 2 · phase 3 g03 output")
    #expect(fromNBP[6] == "stopped: reached tick 40, tick 40 · sample 2 · phase 3 g03 output")
    #expect(fromRing[7].hasSuffix("spiked this tick: g04(1)"))
    #expect(fromNBP[7].contains("spiked this tick: ") && fromNBP[7].contains("g04(1)"))
  }

  /// After every tick, `print u/v` of every compartment and every weight equal the probes that
  /// `nbpscope sim` writes for the same network at the same tick.
  @Test(arguments: ["gated-learning.json", "learning-reward.json", "lif-bias.json", "delay-chain.json"])
  func printedValuesEqualTheSimProbes(_ name: String) throws {
    let spec = try Self.spec(name)
    var chip = Chip(network: spec.network, seed: spec.seed)
    var session = try Self.session(name)
    let network = spec.network
    for _ in 0..<spec.ticks {
      chip.step()
      _ = session.execute("step")
      for (p, population) in network.populations.enumerated() where !population.isGenerator {
        for quantity in ["u", "v"] {
          let probe = try Probe("\(population.name).\(quantity)", in: network).values(of: chip)
          for i in 0..<population.size {
            let printed = session.execute("print \(quantity)(\(population.name)[\(i)])").lines[0]
            #expect(printed == "\(quantity)(\(population.name)[\(i)]) = \(probe[i])", "tick \(chip.tick), population \(p)")
          }
        }
      }
      for connection in network.connections {
        let probe = try Probe("\(connection.name).w", in: network).values(of: chip)
        for pre in 0..<connection.preCount {
          let row = probe[pre * connection.postCount..<(pre + 1) * connection.postCount].map(String.init)
          let printed = session.execute("print w(\(connection.name))[pre=\(pre)]").lines[0]
          #expect(printed.hasPrefix("w(\(connection.name))[pre=\(pre)] = [\(row.joined(separator: ", "))]"), "tick \(chip.tick)")
        }
      }
    }
    #expect(session.position.tick == spec.ticks)
    #expect(session.execute("step").lines[0].hasPrefix("stopped: end of data"))
  }

  @Test func weightsByAxisNamesAndOneSynapse() throws {
    var session = try Self.session("gated-learning.json")
    let byName = session.execute("print in->a[a=1]").lines[0]
    let byPost = session.execute("print w(in->a)[post=1]").lines[0]
    #expect(byName.hasPrefix("in->a[a=1] = ["))
    #expect(byName.dropFirst("in->a[a=1]".count) == byPost.dropFirst("w(in->a)[post=1]".count))
    let one = session.execute("print w(in->a)[in=2, a=1]").lines[0]
    let column = byName.split(separator: "[").last!.split(separator: "]").first!.split(separator: ", ")
    #expect(one == "w(in->a)[in=2, a=1] = \(column[2])")
    #expect(session.execute("print w(in->b)[pre=0]").lines[0] == "error: unknown matrix 'in->b' (did you mean 'in->a'?)")
    #expect(session.execute("print w(in->a)[pre=6]").lines[0] == "error: index 6 is outside in->a axis in[0..<6]")
  }

  /// Two populations of 5,000 connected one to one: 5,000 synapses, but a dense matrix of 25 M
  /// cells. The session reads single weights and refuses to build the matrix instead of
  /// allocating (with populations of millions it would be terabytes).
  @Test func aMatrixTooLargeToBuildIsReadSynapseBySynapse() throws {
    let json = #"""
      {"ticks": 5, "compartments": [{"name": "a", "size": 5000, "du": 0, "dv": 0, "vThMant": 10},
       {"name": "b", "size": 5000, "du": 0, "dv": 0, "vThMant": 10}],
       "connections": [{"from": "a", "to": "b", "oneToOne": 7}]}
      """#
    let spec = try SimulationSpec(json: Array(json.utf8), spikeHistory: 16)
    var session = Session(source: NetworkSource(network: spec.network, seed: 0, ticks: spec.ticks, gating: nil))
    #expect(session.weightsTooLarge(group: 0)! == (5000, 5000))
    #expect(session.weights(group: 0) == nil)
    #expect(session.changedSinceLastStop(group: 0).isEmpty)
    #expect(session.execute("print w(a->b)[pre=3, post=3]").lines == ["w(a->b)[pre=3, post=3] = 7"])
    #expect(session.execute("print w(a->b)[pre=3, post=4]").lines == ["w(a->b)[pre=3, post=4] = 0"])
    let row = try #require(session.execute("print w(a->b)[pre=3]").lines.first)
    #expect(row.hasPrefix("w(a->b)[pre=3] = [0, 0, 0, 7, 0, "))
    #expect(row.hasSuffix(", …] (5000 values, min 0, max 7)"))
  }

  @Test func auditPhaseBreakpointsAndWeightChangesOnAGatedNetwork() throws {
    var session = try Self.session("gated-learning.json")
    let answers = Self.answers(&session, ["break audit", "continue", "delete", "break phase \"learn\"", "continue", "info cycle"])
    #expect(answers[1] == "stopped: breakpoint 1 (audit: a spiked outside its windows), tick 40 · cycle 8 · phase 3 k3 rest")
    #expect(answers[4] == "stopped: breakpoint 2, tick 43 · cycle 9 · phase 2 k2 learn")
    #expect(answers[5].hasPrefix("weights changed in this cycle (cycle 9, window 1 to the next window 0):\n  in->a: "))
    #expect(!answers[5].hasSuffix(": 0 changed (0 up, 0 down)"), "the learn window changes weights")
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    let command: String
    let message: String
    var testDescription: String { command }
  }

  @Test(arguments: [
    Refusal(command: "next", message: "next needs a gating cycle"),
    Refusal(command: "cycle", message: "cycle needs a gating cycle"),
    Refusal(command: "break gate g00", message: "break gate needs a gating cycle"),
    Refusal(command: "break phase \"input\"", message: "break phase needs a gating cycle"),
    Refusal(command: "break audit", message: "break audit needs a gating cycle"),
    Refusal(command: "until cycle 2", message: "until cycle needs a gating cycle"),
    Refusal(command: "break sample", message: "break sample needs a source whose cycles present samples"),
    Refusal(command: "info sample", message: "this source has no samples"),
  ])
  func aNetworkWithoutACycleRefusesCycleCommands(_ refusal: Refusal) throws {
    var session = try Self.session("lif-bias.json")
    let result = session.execute(refusal.command)
    #expect(result.isError)
    #expect(result.lines[0].hasPrefix("error: \(refusal.message)"), "\(result.lines)")
    #expect(session.breakpoints.isEmpty)
    #expect(session.position.description == "tick 0")
  }

  @Test func stepsAndPositionsWithoutACycle() throws {
    var session = try Self.session("lif-bias.json")
    #expect(Self.answers(&session, ["step 5", "until tick 9"]) == ["stopped: step, tick 5", "stopped: reached tick 9, tick 9"])
    #expect(session.statusLine == "tick 9 · live · paused")
    #expect(session.execute("goto tick 3").lines == ["stopped: goto, tick 3"])
    #expect(session.execute("reverse-next").lines[0].contains("needs a gating cycle"))
    #expect(session.execute("reverse-step 2").lines == ["stopped: reverse step, tick 1"])
  }
}
