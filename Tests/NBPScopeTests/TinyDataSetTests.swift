import Foundation
import Testing

/// The built-in tiny tasks end to end: the spiking circuit learns them, verified against the
/// reference after every sample (the epoch counts are the default seed's, see BENCHMARKS.md).
@Suite struct TinyDataSetTests {
  typealias R = CommandRunner

  /// The argmax accuracy of a `test: exact … argmax A …` line.
  static func argmax(_ line: Substring) -> Double? {
    guard let range = line.range(of: #"argmax [01]\.\d{4}"#, options: .regularExpression) else { return nil }
    return Double(line[range].dropFirst("argmax ".count))
  }

  /// Trains with --verify and returns the per-epoch test lines and the last line.
  static func train(_ arguments: [String], epochs: Int, samples: Int) throws -> (epochs: [Substring], last: String) {
    let result = try R.run(["train", "--verify", "--epochs", "\(epochs)"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.contains("verify: 0 differences over \(epochs * samples) samples (all 8 plastic matrices, every sample)"))
    let epochLines = lines.filter { $0.hasPrefix("epoch ") && $0.contains(" · test: exact ") }
    #expect(epochLines.count == epochs)
    return (epochLines, lines.last.map(String.init) ?? "")
  }

  @Test func spikingCircuitLearnsXor() throws {
    let directory = try R.temporaryDirectory()
    let weights = directory.appendingPathComponent("xor.npz").path
    let (epochs, last) = try Self.train(
      ["--dataset", "xor", "--hidden", "8", "--save", weights], epochs: 21, samples: 4)
    #expect(Self.argmax(epochs[0]) ?? 1 < 1, "not solved by chance at the start: \(epochs[0])")
    #expect(Self.argmax(last[...]) == 1, "\(last)")
    for engine in ["spiking", "reference"] {
      let eval = try R.run(["eval", "--dataset", "xor", "--weights", weights, "--engine", engine])
      #expect(eval.status == 0, "\(eval.stderr)")
      #expect(TrainCommandTests.lastLine(eval.stdout) == last, "eval with \(engine) must report what train reported")
    }
  }

  @Test func spikingCircuitLearnsTheLinearMap() throws {
    let (epochs, last) = try Self.train(["--dataset", "linear-map", "--hidden", "32"], epochs: 13, samples: 400)
    #expect(Self.argmax(epochs[0]) ?? 1 < 0.95, "\(epochs[0])")
    #expect(Self.argmax(last[...]) ?? 0 >= 0.95, "\(last)")
  }

  @Test func builtInDataSetsRefuseADataDirectory() throws {
    let result = try R.run(["train", "--dataset", "linear-map", "--data", "/tmp"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("--data does not apply to linear-map"), "\(result.stderr)")
  }

  @Test func weightsOfAnotherShapeAreRefused() throws {
    let directory = try R.temporaryDirectory()
    let weights = directory.appendingPathComponent("xor.npz").path
    _ = try R.run(["train", "--dataset", "xor", "--hidden", "8", "--engine", "reference", "--save", weights])
    let result = try R.run(["eval", "--dataset", "linear-map", "--weights", weights])
    #expect(result.status == 1)
    #expect(result.stderr.contains("'w1' has 16 inputs, but linear-map has 32"), "\(result.stderr)")
  }

  @Test func recordAndDebugRunTheXorCircuit() throws {
    let directory = try R.temporaryDirectory()
    let trace = directory.appendingPathComponent("xor.nbpt").path
    let record = try R.run(["record", "--dataset", "xor", "--hidden", "8", "--epochs", "2", "--out", trace])
    #expect(record.status == 0, "\(record.stderr)")
    #expect(record.stdout.hasPrefix("recorded 8 samples (2 epochs), "), "\(record.stdout)")
    let script = directory.appendingPathComponent("script.txt").path
    try "cycle\ninfo sample\nnext\nprint count(x)\n".write(toFile: script, atomically: true, encoding: .utf8)
    let debug = try R.run(["debug", "--batch", script, "--dataset", "xor", "--hidden", "8"])
    #expect(debug.status == 0, "\(debug.stderr)")
    // Every XOR pattern drives 8 of the 16 input neurons; the outputs are the two classes.
    #expect(debug.stdout.contains("count(x) = 8"), "\(debug.stdout)")
    #expect(debug.stdout.range(of: #"output o: +[01]{2} "#, options: .regularExpression) != nil, "\(debug.stdout)")
  }
}

/// Without `--hidden`, each data set gets the hidden size it was measured with.
@Suite struct DefaultHiddenTests {
  @Test func tinyTasksDefaultToTheirMeasuredHiddenSize() throws {
    let xor = try CommandRunner.run(["train", "--dataset", "xor", "--epochs", "1"])
    #expect(xor.status == 0, "\(xor.stderr)")
    #expect((xor.stdout + xor.stderr).contains("; 16-8-2,"), "\(xor.stderr.prefix(200))")
    let map = try CommandRunner.run(["train", "--dataset", "linear-map", "--epochs", "1", "--engine", "reference"])
    #expect(map.status == 0, "\(map.stderr)")
    #expect((map.stdout + map.stderr).contains("-32-4,"), "\(map.stderr.prefix(200))")
  }
}
