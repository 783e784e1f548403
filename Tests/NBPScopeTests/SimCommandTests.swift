import Foundation
import Testing

/// `nbpscope sim`: the CSV contract, the samples, and bad input.
@Suite struct SimCommandTests {
  typealias R = CommandRunner

  /// Rows whose value is not zero, as "tick,probe,index,value" lines.
  static func nonZeroRows(_ csv: String) -> [String] {
    csv.split(separator: "\n").dropFirst().filter { !$0.hasSuffix(",0") }.map(String.init)
  }

  @Test func lifWithBiasSpikesEveryFifthTick() throws {
    let result = try R.run(["sim", "samples/lif-bias.json"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "tick,probe,index,value")
    #expect(lines.count == 1 + 20 * 4)
    let spikes = Self.nonZeroRows(result.stdout).filter { $0.contains(".spike") }
    // v = 128, 256, 384, 512, 640 > 512: spike at 5; refractory 3 holds v for 2 ticks.
    #expect(spikes == [
      "5,lif.spike,0,1", "5,lif_r3.spike,0,1", "10,lif.spike,0,1", "12,lif_r3.spike,0,1",
      "15,lif.spike,0,1", "19,lif_r3.spike,0,1", "20,lif.spike,0,1",
    ])
    #expect(lines[1...4] == ["1,lif.v,0,128", "1,lif.spike,0,0", "1,lif_r3.v,0,128", "1,lif_r3.spike,0,0"])
  }

  @Test func delayChain() throws {
    let result = try R.run(["sim", "samples/delay-chain.json"])
    #expect(result.status == 0)
    // src at 1 → a at 2 → (delay 2) b at 5 → (delay 5) c at 11, where u = 200·64.
    #expect(Self.nonZeroRows(result.stdout) == ["2,a.spike,0,1", "5,b.spike,0,1", "11,c.u,0,12800", "11,c.spike,0,1"])
  }

  @Test func learningWithReward() throws {
    let result = try R.run(["sim", "samples/learning-reward.json"])
    #expect(result.status == 0)
    let weights = result.stdout.split(separator: "\n").filter { $0.contains("pre->post.w") }
    func w(_ tick: Int) -> [String] {
      weights.filter { $0.hasPrefix("\(tick),") }.map { String($0.split(separator: ",")[3]) }
    }
    // Pairs at 5 (rewarded, both pres), 10 (pre 0), 15 (pre 0, rewarded), 20 (pre 1);
    // each is evaluated one tick later.
    #expect(w(5) == ["100", "50"])
    #expect(w(6) == ["102", "52"])
    #expect(w(11) == ["100", "52"])
    #expect(w(16) == ["102", "52"])
    #expect(w(21) == ["102", "50"])
    let rewards = Self.nonZeroRows(result.stdout).filter { $0.contains(".r1") }
    #expect(rewards == ["6,pre->post.r1,0,1", "16,pre->post.r1,0,1"])
  }

  @Test func synfireRingFiresOneGatePerTick() throws {
    let result = try R.run(["sim", "samples/synfire-ring.json"])
    #expect(result.status == 0)
    let spikes = Self.nonZeroRows(result.stdout)
    // Kick at 11: g00 at 12, then one gate per tick around the ring.
    #expect(spikes.count == 40 - 11)
    for (k, row) in spikes.enumerated() {
      #expect(row == "\(12 + k),g\(String(format: "%02d", k % 12)).spike,0,1")
    }
  }

  /// The example network from the issue text, verbatim.
  @Test func issueExampleRuns() throws {
    let directory = try R.temporaryDirectory()
    let file = directory.appendingPathComponent("net.json")
    try """
    { "ticks": 50, "seed": 1,
      "compartments": [ { "name": "a", "size": 2, "du": 4096, "dv": 0, "vThMant": 100,
                          "biasMant": 0, "biasExp": 0, "refractory": 1 } ],
      "generators": [ { "name": "in", "size": 3, "spikes": [[0, 1], [2, 5]] },
                      { "name": "rew", "size": 1, "spikes": [[0, 5]] } ],
      "connections": [ { "from": "in", "to": "a", "weights": [[10, -20], [0, 4], [254, 0]],
                         "numWeightBits": 8, "signMode": "mixed", "weightExp": 0, "delay": 0,
                         "learning": { "dw": "4*x0*y0*r1 - 2*x0*y0", "tEpoch": 1,
                                       "x1Impulse": 0, "x1TimeConstant": 1, "y1Impulse": 0, "y1TimeConstant": 1,
                                       "r1Impulse": 1, "r1TimeConstant": 0, "reward": "rew" } } ],
      "probes": ["a.u", "a.v", "a.spike", "in->a.w"] }
    """.write(to: file, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("probes.csv")
    let result = try R.run(["sim", file.path, "--out", out.path])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 1 + 50 * (2 + 2 + 2 + 6))
    // Tick 2: in[0] (spiked at 1) adds 10·64 and −20·64; v integrates (dv = 0).
    #expect(lines[13...18] == ["2,a.u,0,640", "2,a.u,1,-1280", "2,a.v,0,640", "2,a.v,1,-1280", "2,a.spike,0,0", "2,a.spike,1,0"])
    // Tick 6: in[2] (spiked at 5) adds 254·64 = 16256 to a[0]: v = 640·5 + 16256 > 6400 → spike.
    #expect(lines.contains("6,a.spike,0,1"))
  }

  @Test func noProbesPrintsOnlyTheHeader() throws {
    let directory = try R.temporaryDirectory()
    let file = directory.appendingPathComponent("net.json")
    try #"{"ticks": 10, "compartments": [{"name": "a", "size": 1, "du": 0, "dv": 0, "vThMant": 1}]}"#
      .write(to: file, atomically: true, encoding: .utf8)
    let result = try R.run(["sim", file.path])
    #expect(result.status == 0)
    #expect(result.stdout == "tick,probe,index,value\n")
  }

  struct BadInput: CustomTestStringConvertible, Sendable {
    let id: String
    let json: String
    let message: String
    var testDescription: String { id }
  }

  static let base = #""compartments": [{"name": "a", "size": 2, "du": 4096, "dv": 0, "vThMant": 1}], "generators": [{"name": "in", "size": 3}]"#

  @Test(arguments: [
    BadInput(id: "syntax", json: #"{"ticks": 5,}"#, message: "line 1, column 13 (byte 12): expected a key"),
    BadInput(
      id: "decay range", json: #"{"ticks": 5, "compartments": [{"name": "a", "size": 2, "du": 5000, "dv": 0, "vThMant": 1}]}"#,
      message: "compartments[0].du: 5000 is out of range (allowed 0...4096)"),
    BadInput(
      id: "unknown population", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"b\", \"oneToOne\": 3}]}",
      message: "connections[0].to: unknown name 'b' (did you mean 'a'?)"),
    BadInput(
      id: "matrix shape", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]]}]}",
      message: "connections[0].weights: shape 2×2 does not fit (expected 3×2 ([pre][post]))"),
    BadInput(
      id: "ragged matrix", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3], [5, 6]]}]}",
      message: "connections[0].weights[1]: shape 1 columns does not fit (expected 2 columns like row 0)"),
    BadInput(
      id: "weight register", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4], [5, 300]]}]}",
      message: "connections[0].weights[2][1]: 300 is out of range (allowed -256...255)"),
    BadInput(
      id: "sign mode", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4], [5, -6]], \"signMode\": \"excitatory\"}]}",
      message: "connections[0].weights[2][1]: -6 is out of range (allowed 0...255)"),
    BadInput(
      id: "rule", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"oneToAll\": 2, \"learning\": {\"dw\": \"x0*y0 - 2*z0\"}}]}",
      message: "connections[0].learning.dw: rule 'x0*y0 - 2*z0' column 11: expected a factor"),
    BadInput(
      id: "delay", json: "{\"ticks\": 5, \(base), \"connections\": [{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4], [5, 6]], \"delay\": 63}]}",
      message: "connections[0].delay: 63 is out of range (allowed 0...62)"),
    BadInput(
      id: "typo key", json: #"{"ticks": 5, "compartments": [{"name": "a", "size": 2, "du": 1, "dv": 0, "vThMant": 1, "refractroy": 2}]}"#,
      message: "compartments[0].refractroy: unknown name 'refractroy' (did you mean 'refractory'?)"),
    BadInput(
      id: "probe", json: "{\"ticks\": 5, \(base), \"probes\": [\"a.v\", \"b.v\"]}",
      message: "probes[1]: unknown name 'b' (did you mean 'a'?)"),
    BadInput(
      id: "spike tick", json: #"{"ticks": 5, "generators": [{"name": "in", "size": 3, "spikes": [[1, 0]]}]}"#,
      message: "generators[0].spikes[0][1]: 0 is out of range (allowed 1...2147483647)"),
    BadInput(
      id: "missing field", json: #"{"compartments": []}"#, message: "a 'ticks' field"),
  ])
  func badInputIsOneLineAndWritesNothing(_ case_: BadInput) throws {
    let directory = try R.temporaryDirectory()
    let file = directory.appendingPathComponent("net.json")
    try case_.json.write(to: file, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out.csv")
    let result = try R.run(["sim", file.path, "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(result.stderr.contains("net.json: "))
    #expect(result.stderr.contains(case_.message), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["net.json"])
  }

  @Test func failedRunLeavesExistingOutputUntouched() throws {
    let directory = try R.temporaryDirectory()
    let out = directory.appendingPathComponent("out.csv")
    try "previous\n".write(to: out, atomically: true, encoding: .utf8)
    let file = directory.appendingPathComponent("net.json")
    try #"{"ticks": -1}"#.write(to: file, atomically: true, encoding: .utf8)
    let result = try R.run(["sim", file.path, "--out", out.path])
    #expect(result.status == 1)
    #expect(try String(contentsOf: out, encoding: .utf8) == "previous\n")
  }

  @Test func missingFile() throws {
    let result = try R.run(["sim", "no/such/net.json"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("no/such/net.json: expected a readable file, found error 2 (No such file or directory)"))
  }

  /// Outputs never replace what is not a regular file: a device is written through, a FIFO too,
  /// a symlink's target is replaced and the link stays; inputs refuse FIFOs instead of hanging.
  @Test func outputsWriteThroughDevicesAndFollowLinks() throws {
    let directory = try R.temporaryDirectory()
    let null = try R.run(["sim", "samples/lif-bias.json", "--out", "/dev/null"])
    #expect(null.status == 0, "\(null.stderr)")
    var info = stat()
    #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    let target = directory.appendingPathComponent("target.csv").path
    let link = directory.appendingPathComponent("link.csv").path
    try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let linked = try R.run(["sim", "samples/lif-bias.json", "--out", link])
    #expect(linked.status == 0, "\(linked.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link stays a link")
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("tick,probe,index,value\n"))
    let fifo = directory.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let fromFifo = try R.run(["sim", fifo])
    #expect(fromFifo.status == 1)
    #expect(fromFifo.stderr.contains("fifo: expected a regular file, found a FIFO"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["fifo", "link.csv", "target.csv"], "no temporary file is left")
  }
}
