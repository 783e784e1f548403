import ArgumentParser
import Debugger
import Foundation
import NBP
import Traces

/// The flags that choose a live circuit run (shared by debug, tui and record).
struct CircuitOptions: ParsableArguments {
  @OptionGroup var data: DataOptions
  @OptionGroup var profileOptions: ProfileOptions
  @Option(help: ArgumentHelp("Keep only the first n training samples (file order, before shuffling).", valueName: "n"))
  var limit: Int?
  @Option(help: ArgumentHelp("Epochs of samples to feed.", valueName: "n")) var epochs = 1
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

  /// The training samples in file order, `--limit` applied.
  func trainingSamples(of dataset: Dataset) -> [Sample] {
    limit.map { Array(dataset.train.prefix($0)) } ?? dataset.train
  }

  /// `--init` weights, or the seeded initialisation.
  func initialWeights() throws -> NBPWeights {
    if let initial { return try loadWeights(initial, expectingInput: data.dataset.inputSize) }
    return NBPWeights.initial(input: data.dataset.inputSize, hidden: hidden, output: 10, seed: seed)
  }

  /// The training circuit of the chosen `--profile` for `weights`.
  func trainingTopology(for weights: NBPWeights) throws -> Topology {
    Topology.training(
      input: weights.input, hidden: weights.hidden, output: weights.output, profile: try profileOptions.resolved())
  }

  /// The training circuit on the chosen data, samples in the order `train` presents them.
  func liveSource() throws -> LiveSource {
    let dataset = try data.load()
    let training = trainingSamples(of: dataset)
    let weights = try initialWeights()
    var order = Trainer.orderGenerator(seed: seed)
    var samples: [Sample] = []
    for _ in 0..<max(1, epochs) {
      samples += Trainer.epochOrder(count: training.count, shuffle: shuffle, generator: &order).map { training[$0] }
    }
    let topology = try trainingTopology(for: weights)
    // The chip keeps the spikes of the last 1,024 ticks readable for the rasters.
    let circuit = try CircuitNetwork(topology: topology, weights: weights, spikeHistory: 1024)
    return LiveSource(circuit: circuit, samples: samples, seed: seed)
  }
}

/// `--trace FILE` (replay a recording) or, without it, a live circuit from `CircuitOptions`.
struct SourceOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Replay this recording (nbpscope record) instead of running the circuit live.", valueName: "FILE"))
  var trace: String?

  func source(live circuit: CircuitOptions) throws -> any TickSource {
    guard let trace else { return try circuit.liveSource() }
    do {
      return try ReplaySource(reader: TraceReader(path: trace))
    } catch {
      throw CommandFailure("\(error)")
    }
  }
}
