import ArgumentParser
import NBP

/// How a training run goes: epochs, sample selection and order, network size, seed, initial
/// weights: the flags of `train`, with the same names, defaults and checks, so `record` runs
/// exactly what `train` runs.
struct TrainingOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Training epochs.", valueName: "n")) var epochs = 1
  @Option(help: ArgumentHelp("Keep only the first n training samples (file order, before shuffling).", valueName: "n"))
  var limit: Int?
  @Option(help: ArgumentHelp("Hidden layer size.", valueName: "n")) var hidden = 400
  @Option(help: ArgumentHelp("Seed for the initial weights, shuffling and the chip.", valueName: "s")) var seed: UInt64 = 1
  @Option(help: "Sample order: seeded (reshuffled each epoch) or none (file order).") var shuffle: ShuffleMode = .seeded
  @Option(
    name: .customLong("init"),
    help: ArgumentHelp("Start from these weights instead of the seeded initialisation.", valueName: "W.npz"))
  var initial: String?

  func validate() throws {
    guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1.") }
    guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1.") }
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
  }

  /// The training samples as used: the first `--limit` of the file.
  func samples(of dataset: Dataset) -> [Sample] {
    limit.map { Array(dataset.train.prefix($0)) } ?? dataset.train
  }

  /// The seeded initial weights, or `--init`.
  func weights(for kind: DatasetKind) throws -> NBPWeights {
    if let initial { return try loadWeights(initial, expectingInput: kind.inputSize) }
    return NBPWeights.initial(input: kind.inputSize, hidden: hidden, output: 10, seed: seed)
  }
}
