import Foundation
import Testing

/// `record`, `trace info`, `trace repair`, `export` and `import` end to end.
@Suite struct TraceCommandTests {
  typealias R = CommandRunner

  /// CSV rows and declarations without the first comment line (which names the source file).
  static func csvBody(_ path: String) throws -> String {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
  }

  static func value(_ key: String, in output: String) -> String? {
    output.split(separator: "\n").first { $0.hasPrefix(key) }.map { String($0.dropFirst(key.count)).trimmingCharacters(in: .whitespaces) }
  }

  @Test func recordInfoExportImportRoundTrips() throws {
    let directory = try R.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    let record = try R.run(["record", "--out", path("run.nbpt"), "--limit", "20", "--hidden", "24", "--snapshot-every", "100"])
    #expect(record.status == 0, "\(record.stderr)")
    #expect(record.stdout.hasPrefix("recorded 20 samples (1 epoch), 253 ticks, "), "\(record.stdout)")

    let info = try R.run(["trace", "info", path("run.nbpt")])
    #expect(info.status == 0, "\(info.stderr)")
    #expect(Self.value("ticks:", in: info.stdout) == "1..<254 (253 ticks)")
    #expect(Self.value("cycles:", in: info.stdout) == "21 (12 ticks each, window 0 at tick 13 + 12k); 20 sample markers")
    #expect(Self.value("chunks:", in: info.stdout)?.hasSuffix("3 snapshots (after ticks 0, 100, 200)") == true)
    #expect(info.stdout.contains("\nh1             24  forward "))
    #expect(Self.value("checksums:", in: info.stdout)?.hasPrefix("all ") == true)

    for format in ["npz", "csv"] {
      let export = try R.run(["export", path("run.nbpt"), "--format", format, "--out", path("run.\(format)")])
      #expect(export.status == 0, "\(export.stderr)")
      let back = try R.run(["import", path("run.\(format)"), "--out", path("back-\(format).nbpt")])
      #expect(back.status == 0, "\(back.stderr)")
      #expect(back.stdout.hasPrefix("imported 31 populations, "), "\(back.stdout)")
      let again = try R.run(["export", path("back-\(format).nbpt"), "--format", "csv", "--out", path("back-\(format).csv")])
      #expect(again.status == 0, "\(again.stderr)")
    }
    let original = try R.run(["export", path("run.nbpt"), "--format", "csv", "--out", path("run.csv")])
    #expect(original.status == 0)
    #expect(try Self.csvBody(path("back-npz.csv")) == Self.csvBody(path("run.csv")))
    #expect(try Self.csvBody(path("back-csv.csv")) == Self.csvBody(path("run.csv")))
  }

  /// A trace is never written over a device or a FIFO: the recording is refused, the device stays.
  @Test func recordingRefusesADevice() throws {
    let result = try R.run(["record", "--out", "/dev/null", "--limit", "2", "--hidden", "8"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/dev/null: expected a regular file to write the trace to, found a character device"))
    var info = stat()
    #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
  }

  @Test func networkRecordingToVCDAndNEST() throws {
    let directory = try R.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    let record = try R.run(["record", "--net", "samples/synfire-ring.json", "--out", path("ring.nbpt")])
    #expect(record.status == 0, "\(record.stderr)")
    let vcd = try R.run(["export", path("ring.nbpt"), "--format", "vcd", "--out", path("ring.vcd"), "--from", "10", "--to", "40", "--timescale", "1ms"])
    #expect(vcd.status == 0, "\(vcd.stderr)")
    let text = try String(contentsOfFile: path("ring.vcd"), encoding: .utf8)
    #expect(text.contains("$timescale 1 ms $end"))
    // The ring's gating block is the trace's time model: its gates are wires of the gating scope.
    #expect(text.contains("$scope module gating $end\n$var wire 1 ! g00 $end"))
    #expect(text.contains("ticks per cycle = 12; cycle origin = 13"))
    let save = try String(contentsOfFile: path("ring.gtkw"), encoding: .utf8)
    #expect(save.contains("[dumpfile] \"\(path("ring.vcd"))\""))
    let nest = try R.run(["export", path("ring.nbpt"), "--format", "nest", "--out", path("ring.dat")])
    #expect(nest.status == 0, "\(nest.stderr)")
    #expect(try String(contentsOfFile: path("ring.ids.csv"), encoding: .utf8).hasPrefix("population,first_id,size,role\n"))
    let back = try R.run(["import", path("ring.dat"), "--out", path("back.nbpt")])
    #expect(back.status == 0, "\(back.stderr)")
  }

  /// kill -9 in the middle of a recording: the file reads back up to its last complete chunk, and
  /// repair gives it an index; the spikes equal those of an uninterrupted run.
  @Test func killedRecordingReadsBackAndRepairs() throws {
    let directory = try R.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    let flags = ["--limit", "300", "--hidden", "16", "--seed", "3"]
    let process = Process()
    process.executableURL = R.executable
    process.arguments = ["record", "--out", path("killed.nbpt"), "--epochs", "100"] + flags
    process.currentDirectoryURL = R.packageRoot
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    // Wait until a few frame chunks are on disk.
    var frames = 0
    let deadline = Date().addingTimeInterval(120)
    while frames < 3 && Date() < deadline && process.isRunning {
      Thread.sleep(forTimeInterval: 0.05)
      let info = try R.run(["trace", "info", path("killed.nbpt")])
      frames = Self.value("chunks:", in: info.stdout).flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(frames >= 3)

    let info = try R.run(["trace", "info", path("killed.nbpt")])
    #expect(info.status == 0, "\(info.stderr)")
    #expect(Self.value("index:", in: info.stdout)?.hasPrefix("rebuilt by scanning") == true, "\(info.stdout)")
    let end = try #require(Self.value("ticks:", in: info.stdout)?.split(separator: "<").last?.split(separator: " ").first)

    let repair = try R.run(["trace", "repair", path("killed.nbpt")])
    #expect(repair.status == 0, "\(repair.stderr)")
    #expect(repair.stdout.contains("index rebuilt"), "\(repair.stdout)")
    let repaired = try R.run(["trace", "info", path("killed.nbpt")])
    #expect(Self.value("index:", in: repaired.stdout)?.hasSuffix("chunks") == true)
    #expect(try R.run(["trace", "repair", path("killed.nbpt")]).stdout.contains("nothing to repair"))

    // An uninterrupted run long enough to cover the killed one (300 samples of 12 ticks per epoch).
    let epochs = try #require(Int(end)) / 3_600 + 1
    let complete = try R.run(["record", "--out", path("complete.nbpt"), "--epochs", String(epochs)] + flags)
    #expect(complete.status == 0)
    for name in ["killed", "complete"] {
      let export = try R.run(["export", path("\(name).nbpt"), "--format", "csv", "--to", String(end), "--out", path("\(name).csv")])
      #expect(export.status == 0, "\(export.stderr)")
    }
    #expect(try Self.csvBody(path("killed.csv")) == Self.csvBody(path("complete.csv")))
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    let id: String
    let file: [UInt8]
    let arguments: [String]
    let message: String
    var testDescription: String { id }
  }

  static let bad = [
    Bad(id: "info on a text file", file: Array("hello\n".utf8), arguments: ["trace", "info", "IN"],
      message: "IN: byte 0: expected the trace magic '\\x89NBPT\\r\\n\\x1a', found 'hello\\x0a'"),
    Bad(id: "import a csv with a bad row", file: Array("tick,population,index\n1,x,0\n1,x,zero\n".utf8),
      arguments: ["import", "IN", "--format", "csv", "--out", "OUT"],
      message: "IN: line 3: expected a neuron index in 0..<4194304 for 'x', found 'zero'"),
    Bad(id: "import a truncated npz", file: [0x50, 0x4B, 0x03, 0x04, 0, 0], arguments: ["import", "IN", "--format", "npz", "--out", "OUT"],
      message: "IN: "),
    Bad(id: "export an unknown population", file: [], arguments: ["export", "TRACE", "--format", "csv", "--out", "OUT", "--populations", "h2"],
      message: "TRACE: no population 'h2' (did you mean 'h1'?)"),
  ]

  @Test(arguments: bad)
  func badInputGivesOneLineAndNoOutput(_ c: Bad) throws {
    let directory = try R.temporaryDirectory()
    let input = directory.appendingPathComponent("in.bin").path
    let output = directory.appendingPathComponent("out.file").path
    try Data(c.file).write(to: URL(fileURLWithPath: input))
    let trace = directory.appendingPathComponent("t.nbpt").path
    if c.arguments.contains("TRACE") {
      #expect(try R.run(["record", "--out", trace, "--limit", "2", "--hidden", "4"]).status == 0)
    }
    let arguments = c.arguments.map { $0 == "IN" ? input : $0 == "OUT" ? output : $0 == "TRACE" ? trace : $0 }
    let before = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    let result = try R.run(arguments)
    #expect(result.status == 1)
    let message = c.message.replacingOccurrences(of: "IN", with: input).replacingOccurrences(of: "TRACE", with: trace)
    #expect(result.stderr.hasPrefix("Error: " + message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == before)
  }

  @Test func recordHelpListsTheTrainFlags() throws {
    let help = try R.run(["record", "--help"])
    for flag in ["--out", "--dataset", "--data", "--limit", "--epochs", "--shuffle", "--init", "--seed", "--hidden", "--snapshot-every", "--net"] {
      #expect(help.stdout.contains(flag), "\(flag)")
    }
  }
}

/// GTKWave's own VCD reader accepts the export (skipped with a note without GTKWave's tools).
@Suite struct GTKWaveTests {
  @Test func vcd2fstReadsTheExport() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/vcd2fst") else {
      print("note: vcd2fst (Debian package gtkwave) is not installed; skipping the GTKWave check")
      return
    }
    let directory = try CommandRunner.temporaryDirectory()
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    #expect(try CommandRunner.run(["record", "--out", path("r.nbpt"), "--limit", "3", "--hidden", "6"]).status == 0)
    for summary in [false, true] {
      #expect(try CommandRunner.run(["export", path("r.nbpt"), "--format", "vcd", "--out", path("r.vcd")] + (summary ? ["--summary"] : [])).status == 0)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/vcd2fst")
      process.arguments = [path("r.vcd"), path("r.fst")]
      process.standardOutput = Pipe()
      process.standardError = Pipe()
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      #expect(FileManager.default.fileExists(atPath: path("r.fst")))
    }
  }
}

/// `nbpscope plot`: SVG figures a real renderer reads.
@Suite struct PlotCommandTests {
  typealias R = CommandRunner

  /// Renders with rsvg-convert when it is installed (CI installs it); returns the PNG's bytes.
  static func rendered(_ svg: String) throws -> [UInt8]? {
    let renderer = "/usr/bin/rsvg-convert"
    guard FileManager.default.isExecutableFile(atPath: renderer) else { return nil }
    let png = svg + ".png"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: renderer)
    process.arguments = [svg, "-o", png]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "rsvg-convert rejected \(svg)")
    return FileManager.default.contents(atPath: png).map { [UInt8]($0) }
  }

  @Test func rasterOfOneLearningCycle() throws {
    let out = try R.temporaryDirectory().appendingPathComponent("cycle.svg").path
    let result = try R.run(["plot", "raster", "--from", "13", "--to", "25", "--out", out, "--limit", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    for text in ["reset", "W2 potentiation", "W1 depression", "g05 (1)", "h1 (400)", "d+ (10)", ">backward<"] {
      #expect(svg.contains(text), "\(text) missing")
    }
    if let png = try Self.rendered(out) {
      #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "a PNG")
    }
  }

  @Test func rasterOfAJSONNetworkAndBadRanges() throws {
    let out = try R.temporaryDirectory().appendingPathComponent("net.svg").path
    let result = try R.run(["plot", "raster", "--net", "samples/gated-learning.json", "--from", "1", "--to", "45", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(svg.contains("learn") && svg.contains("a (3)") && svg.contains("in (6)"))
    if let png = try Self.rendered(out) { #expect(png.count > 100) }
    let bad = try R.run(["plot", "raster", "--from", "30", "--to", "20", "--out", out])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--to must be after --from"))
  }

  @Test func trainingAccuracyPerEpoch() throws {
    let directory = try R.temporaryDirectory()
    let log = directory.appendingPathComponent("train.log").path
    let train = try R.run(["train", "--limit", "30", "--epochs", "3", "--hidden", "16"])
    #expect(train.status == 0, "\(train.stderr)")
    try train.stdout.write(toFile: log, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("acc.svg").path
    let result = try R.run(["plot", "training", log, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(svg.contains("top1 (potentials)") && svg.contains("argmax (binary)") && svg.contains("exact"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 9, "3 epochs × 3 measures")
    if let png = try Self.rendered(out) { #expect(png.count > 100) }
    let blank = directory.appendingPathComponent("blank.log").path
    try "no training here\n".write(toFile: blank, atomically: true, encoding: .utf8)
    let empty = try R.run(["plot", "training", blank, "--out", out])
    #expect(empty.status == 1)
    #expect(empty.stderr.contains("no epoch lines"))
  }
}
