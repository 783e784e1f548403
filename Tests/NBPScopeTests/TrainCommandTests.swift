import Foundation
import Testing

/// `nbpscope train`, `eval` and `circuit` end to end on the bundled digits.
@Suite struct TrainCommandTests {
  typealias R = CommandRunner

  static func lastLine(_ text: String) -> String {
    text.split(separator: "\n").last.map(String.init) ?? ""
  }

  @Test func trainSaveAndEvalAgree() throws {
    let directory = try R.temporaryDirectory()
    let weights = directory.appendingPathComponent("w.npz").path
    let train = try R.run(["train", "--epochs", "1", "--limit", "150", "--verify", "--save", weights])
    #expect(train.status == 0, "\(train.stderr)")
    let lines = train.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("verify: 0 differences over 150 samples (all 8 plastic matrices, every sample)"))
    let last = Self.lastLine(train.stdout)
    #expect(last.range(of: #"^test: exact [01]\.\d{4} argmax [01]\.\d{4} top1 [01]\.\d{4} mse [01]\.\d{4}$"#, options: .regularExpression) != nil, "\(last)")
    // Progress goes to stderr as plain lines when it is not a terminal.
    #expect(train.stderr.contains("samples/s"))
    #expect(FileManager.default.fileExists(atPath: weights))
    for engine in ["spiking", "reference"] {
      let eval = try R.run(["eval", "--weights", weights, "--engine", engine])
      #expect(eval.status == 0, "\(eval.stderr)")
      #expect(Self.lastLine(eval.stdout) == last, "eval with \(engine) must report what train reported")
    }
  }

  @Test func referenceEngineAndShuffleNone() throws {
    let spiking = try R.run(["train", "--epochs", "2", "--limit", "120", "--shuffle", "none", "--seed", "4"])
    let reference = try R.run(["train", "--epochs", "2", "--limit", "120", "--shuffle", "none", "--seed", "4", "--engine", "reference"])
    #expect(spiking.status == 0 && reference.status == 0)
    // Both engines learn the same weights, so every epoch's test metrics agree.
    func tests(_ out: String) -> [String] {
      out.split(separator: "\n").compactMap { line in
        line.range(of: "test: ").map { String(line[$0.upperBound...]) }
      }
    }
    #expect(tests(spiking.stdout) == tests(reference.stdout))
    #expect(tests(spiking.stdout).count == 3)
  }

  @Test func initFromSavedWeights() throws {
    let directory = try R.temporaryDirectory()
    let first = directory.appendingPathComponent("a.npz").path
    let second = directory.appendingPathComponent("b.npz").path
    _ = try R.run(["train", "--engine", "reference", "--limit", "100", "--save", first])
    let resumed = try R.run(["train", "--engine", "reference", "--limit", "100", "--init", first, "--save", second])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let fresh = try R.run(["eval", "--weights", first, "--engine", "reference"])
    let after = try R.run(["eval", "--weights", second, "--engine", "reference"])
    #expect(fresh.stdout != after.stdout, "a second epoch from saved weights moves them further")
  }

  struct BadWeights: CustomTestStringConvertible, Sendable {
    let id: String
    let bytes: [UInt8]
    let message: String
    var testDescription: String { id }
  }

  @Test(arguments: [
    BadWeights(id: "not a zip", bytes: Array("hello".utf8), message: "w.npz: "),
    BadWeights(id: "empty", bytes: [], message: "w.npz: "),
  ])
  func badWeightsFile(_ c: BadWeights) throws {
    let directory = try R.temporaryDirectory()
    let path = directory.appendingPathComponent("w.npz")
    try Data(c.bytes).write(to: path)
    let result = try R.run(["eval", "--weights", path.path])
    #expect(result.status == 1)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains(c.message), "\(result.stderr)")
  }

  @Test func missingDataDirectory() throws {
    let result = try R.run(["train", "--data", "/no/such/dir"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/no/such/dir"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func circuitMatchesThePaper() throws {
    let result = try R.run(["circuit"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("totals: 3282 compartments, 412 generator neurons, 102 connections, 517203 synapses (500000 plastic)"))
    #expect(result.stdout.contains("   5  g05  W2 potentiation   h1 h1T o o_copy o_copy2 oT-"))
    let inference = try R.run(["circuit", "--inference"])
    #expect(inference.stdout.contains("4 ticks per sample"))
  }
}
