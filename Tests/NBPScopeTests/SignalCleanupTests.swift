import Foundation
import Testing

/// A signal while an output is being written removes the unfinished temporary file, says so on
/// standard error, and ends the process by that signal; the destination is not created.
@Suite(.serialized) struct SignalCleanupTests {
  @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
  func aSignalLeavesNoTemporaryFile(signal: Int32) throws {
    let directory = try CommandRunner.temporaryDirectory()
    // One neuron for a billion ticks: the output file is open long before the run could end.
    let net = directory.appendingPathComponent("long.json")
    try #"{"ticks": 1000000000, "compartments": [{"name": "a", "size": 1, "du": 4096, "dv": 0, "vThMant": 100}], "probes": []}"#
      .write(to: net, atomically: true, encoding: .utf8)
    let out = directory.appendingPathComponent("out.csv").path
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["sim", net.path, "--out", out]
    let log = directory.appendingPathComponent("stderr.txt")
    #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
    process.standardError = try FileHandle(forWritingTo: log)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    func temporaryFiles() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasPrefix(".out.csv.tmp-") }
    }
    let deadline = Date().addingTimeInterval(20)
    while temporaryFiles().isEmpty && process.isRunning && Date() < deadline { usleep(1000) }
    #expect(!temporaryFiles().isEmpty, "the output never appeared")
    kill(process.processIdentifier, signal)
    // Never hang the suite: a process that outlives the signal is a failure, killed here.
    let exitDeadline = Date().addingTimeInterval(20)
    while process.isRunning && Date() < exitDeadline { usleep(1000) }
    if process.isRunning {
      Issue.record("still running 20 s after signal \(signal)")
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
    #expect(temporaryFiles().isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
    let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(message.contains("interrupted; the unfinished output was removed"), "\(message)")
  }
}
