import ArgumentParser
import Foundation
import NBP

extension NBPScopeCommand {
  /// `nbpscope bench train`: training speed of the spiking circuit against the reference.
  struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "train",
      abstract: "Training speed: the spiking circuit and the reference model on the same samples.")

    @OptionGroup var data: DataOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: ArgumentHelp("Training samples per run.", valueName: "n")) var samples = 1000
    @Option(help: ArgumentHelp("Runs; the median is reported.", valueName: "n")) var runs = 3
    @Option(
    name: .customLong("hidden"),
    help: ArgumentHelp("Hidden layer size (default: 400 for the images, 8 for xor, 32 for linear-map).", valueName: "n"))
  var hiddenSize: Int?
    @Option(help: ArgumentHelp("Seed.", valueName: "s")) var seed: UInt64 = 1

    func run() throws {
      let profile = try profileOptions.resolved()
      let dataset = try data.load()
      let training = Array(dataset.train.prefix(samples))
      guard !training.isEmpty else { throw CommandFailure("no training samples") }
      let weights = NBPWeights.initial(for: data.dataset, hidden: hiddenSize ?? data.dataset.defaultHidden, seed: seed)
      print("machine: \(MachineInfo.summary)")
      print("network: \(weights.input)-\(weights.hidden)-\(weights.output) \(data.dataset.rawValue), profile \(profile.name), \(training.count) samples, 12 ticks each, median of \(runs)")
      func median(_ engine: Engine) throws -> Double {
        var rates: [Double] = []
        for _ in 0..<runs {
          var trainer = try Trainer(
            training: training, test: [], weights: weights, engine: engine, shuffle: .none, seed: seed, verify: false,
            profile: profile)
          rates.append(try trainer.runEpoch(epochs: 1, evaluation: .reference) { _ in }.samplesPerSecond)
        }
        return rates.sorted()[rates.count / 2]
      }
      let spiking = try median(.spiking)
      let reference = try median(.reference)
      print("spiking:   \(String(format: "%.0f", spiking)) samples/s (\(String(format: "%.1f", 1e6 / spiking)) µs/sample, \(String(format: "%.0f", spiking * 12)) ticks/s)")
      print("reference: \(String(format: "%.0f", reference)) samples/s (\(String(format: "%.1f", 1e6 / reference)) µs/sample)")
      print("ratio:     spiking/reference = \(String(format: "%.3f", spiking / reference)); spiking is \(String(format: "%.1f", spiking / 667))× Loihi's 667 samples/s")
    }
  }
}
