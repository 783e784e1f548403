import Foundation
import Testing

/// Resource budgets and trace damage as the commands report them: one line, non-zero exit,
/// nothing left behind, and the flag that lets a user through.
@Suite struct BudgetCommandTests {
  typealias R = CommandRunner

  static func leftovers(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
  }

  /// The issue's 4 KB network: it used to abort allocating 70 TB and leave `.p.csv.tmp-PID`.
  @Test func simRefusesAWeightsProbeBombAndLeavesNothing() throws {
    let directory = try R.temporaryDirectory()
    let net = directory.appendingPathComponent("bomb.json")
    try Data(
      #"""
      {"ticks": 3, "compartments": [{"name": "a", "size": 4194304, "du": 0, "dv": 0, "vThMant": 10},
       {"name": "b", "size": 4194304, "du": 0, "dv": 0, "vThMant": 10}],
       "connections": [{"from": "a", "to": "b", "oneToOne": 1}], "probes": ["a->b.w"]}
      """#.utf8
    ).write(to: net)
    let out = directory.appendingPathComponent("p.csv").path
    let result = try R.run(["sim", net.path, "--out", out])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(net.path): probes[0]: needs 17,592,186,044,416 probe values per tick, over the budget of "
        + "16,777,216 (raise it with --budget probe-values=N)\n")
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(try Self.leftovers(in: directory) == [])
  }

  @Test func simBudgetFlagRaisesAndLowersLimits() throws {
    let lowered = try R.run(["sim", "samples/lif-bias.json", "--budget", "probe-rows=10"])
    #expect(lowered.status == 1)
    #expect(lowered.stderr.contains("needs 80 probe rows, over the budget of 10 (raise it with --budget probe-rows=N)"))
    let raised = try R.run(["sim", "samples/lif-bias.json", "--budget", "probe-rows=80"])
    #expect(raised.status == 0, "\(raised.stderr)")
    let bad = try R.run(["sim", "samples/lif-bias.json", "--budget", "rows=80"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--budget rows=80: expected NAME=COUNT with NAME one of compartments, synapses"))
  }

  @Test func exportsStopAtTheirBudgetAndLeaveNothing() throws {
    let directory = try R.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    #expect(try R.run(["record", "--out", path("run.nbpt"), "--limit", "20", "--hidden", "8"]).status == 0)
    // The VCD's phase wire alone needs 7 bytes per change: refused before writing.
    let vcd = try R.run(["export", path("run.nbpt"), "--format", "vcd", "--out", path("run.vcd"), "--budget", "export-bytes=1000"])
    #expect(vcd.status == 1)
    #expect(vcd.stderr.contains("the VCD of ticks 1..<254 needs 1,764 bytes of export output, over the budget of 1,000"), "\(vcd.stderr)")
    // CSV output grows with spikes: stopped once past the budget, with nothing written.
    let csv = try R.run(["export", path("run.nbpt"), "--format", "csv", "--out", path("run.csv"), "--budget", "export-bytes=4K"])
    #expect(csv.status == 1)
    #expect(csv.stderr.contains("run.csv: the export needs "), "\(csv.stderr)")
    #expect(csv.stderr.contains("over the budget of 4,096 (raise it with --budget export-bytes=N); nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: path("run.csv")))
    let npz = try R.run(["export", path("run.nbpt"), "--format", "npz", "--out", path("run.npz"), "--budget", "npz-bytes=1K"])
    #expect(npz.status == 1)
    #expect(npz.stderr.contains("the npz needs "), "\(npz.stderr)")
    #expect(try Self.leftovers(in: directory) == [])
  }

  /// The issue's class 5: no index, 64 bytes inserted at a chunk boundary. `trace info` used to
  /// say "all chunks intact" and `export` wrote 11 % of the spikes, both with exit 0.
  @Test func damageBetweenChunksFailsUnlessAllowed() throws {
    let directory = try R.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    #expect(try R.run(["record", "--out", path("run.nbpt"), "--limit", "400", "--hidden", "8"]).status == 0)
    #expect(try R.run(["export", path("run.nbpt"), "--format", "csv", "--out", path("whole.csv")]).status == 0)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("run.nbpt"))))
    let headers = (0..<bytes.count - 4).filter { bytes[$0..<$0 + 4].elementsEqual(Array("NBCK".utf8)) }
    #expect(headers.count >= 4, "frames: \(headers)")
    let body = Array(bytes[..<headers.last!])  // without the index and trailer
    let boundary = headers[2]
    let damaged = Array(body[..<boundary]) + [UInt8](repeating: 0x55, count: 64) + Array(body[boundary...])
    try Data(damaged).write(to: URL(fileURLWithPath: path("damaged.nbpt")))

    let info = try R.run(["trace", "info", path("damaged.nbpt")])
    #expect(info.status == 1)
    #expect(info.stderr.contains("byte \(boundary): expected an intact chunk header, found 64 unreadable bytes"), "\(info.stderr)")
    #expect(info.stderr.contains("'nbpscope trace repair'"))
    let export = try R.run(["export", path("damaged.nbpt"), "--format", "csv", "--out", path("part.csv")])
    #expect(export.status == 1)
    #expect(!FileManager.default.fileExists(atPath: path("part.csv")))

    let allowed = try R.run(["export", path("damaged.nbpt"), "--format", "csv", "--out", path("part.csv"), "--allow-damage"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stderr.contains("warning: \(path("damaged.nbpt")): 64 unreadable bytes in 1 place (\(boundary)..<\(boundary + 64))"))
    #expect(try TraceCommandTests.csvBody(path("part.csv")) == TraceCommandTests.csvBody(path("whole.csv")))

    #expect(try R.run(["trace", "repair", path("damaged.nbpt")]).status == 0)
    let repaired = try R.run(["trace", "info", path("damaged.nbpt")])
    #expect(repaired.status == 0, "\(repaired.stderr)")
  }
}
