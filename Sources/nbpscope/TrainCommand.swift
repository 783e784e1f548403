import ArgumentParser
import Foundation
import NBP
import NumPy

extension NBPScopeCommand {
  /// `nbpscope train`: trains the circuit (or its reference) and reports the authors' metrics.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train the nBP circuit on a data set and report test metrics after each epoch.",
      discussion: """
        The last line reads 'test: exact … argmax … top1 … mse …': exact one-hot match, argmax of \
        the binary output spikes, and argmax of the output potentials (top1, the measure of the \
        paper's 96.3 %/79 %, see BENCHMARKS.md). The spiking engine also reports, per epoch, the \
        spikes outside their population's windows ('population@window count'). With --verify the \
        spiking circuit and the reference model run side by side and all eight plastic matrices \
        are compared after every sample; the first difference is reported with its sample, tick, \
        phase, matrix and index, and the command fails, or, with --keep-going, each epoch reports \
        how many samples differ (the reference continuing from the chip's weights).
        """)

    @OptionGroup var circuit: CircuitOptions
    @Option(help: ArgumentHelp("Save the final weights here (written atomically).", valueName: "W.npz")) var save: String?
    @Option(help: "Training engine: spiking (the circuit on the emulated chip) or reference.") var engine: Engine = .spiking
    @Flag(help: "Run both engines side by side and compare every plastic weight after every sample.") var verify = false
    @Flag(help: "With --verify: count the samples that differ per epoch instead of stopping at the first.")
    var keepGoing = false

    func validate() throws {
      if keepGoing && !verify { throw ValidationError("--keep-going needs --verify.") }
    }

    func run() throws {
      let profile = try circuit.profileOptions.resolved()  // a bad profile fails before any data is read
      let data = circuit.data
      let (epochs, seed) = (circuit.epochs, circuit.seed)
      let dataset = try data.load()
      let training = circuit.trainingSamples(of: dataset)
      let weights = try circuit.initialWeights()
      var trainer = try Trainer(
        training: training, test: dataset.test, weights: weights, engine: engine, shuffle: circuit.shuffle,
        seed: seed, verify: verify, profile: profile, keepGoing: keepGoing, audit: engine == .spiking || verify)
      log("training \(engine.rawValue)\(verify ? " (verified against the reference)" : "") on \(training.count) "
        + "\(data.dataset.rawValue) samples, testing on \(dataset.test.count); \(weights.input)-\(weights.hidden)-\(weights.output), "
        + "profile \(profile.name)")
      var differing = 0
      var first: VerificationFailure?
      var last: EpochReport?
      let bar = ProgressLine()
      func show(_ report: EpochReport) {
        print(
          "epoch \(report.epoch)/\(epochs): train argmax \(String(format: "%.4f", report.train.argmax)) · "
            + "\(String(format: "%.0f", report.samplesPerSecond)) samples/s · test: \(report.test.summary)")
        if let audit = report.audit {
          print("epoch \(report.epoch)/\(epochs): out-of-window spikes \(audit.summary)")
        }
        if let divergence = report.divergence {
          differing += divergence.differingSamples
          if first == nil, let failure = divergence.first {
            first = failure
            print("epoch \(report.epoch)/\(epochs): \(failure.description)")
          }
          print(
            "epoch \(report.epoch)/\(epochs): verify: \(divergence.differingSamples) of \(training.count) samples differ"
              + (divergence.copiesSplit.map { "; copies split at \($0)" } ?? ""))
        }
        fflush(nil)  // one line per epoch, visible as it happens even when piped
        last = report
      }
      // Each epoch's test evaluation runs on another thread while the next epoch trains (same
      // metrics: it reads only that epoch's weights); its lines appear as soon as it is done.
      var pending: (trained: TrainedEpoch, evaluation: BackgroundEvaluation)?
      func showPending() throws {
        guard let (trained, evaluation) = pending else { return }
        pending = nil
        show(trained.report(test: try evaluation.wait()))
      }
      for _ in 0..<epochs {
        do {
          let trained = try trainer.trainEpoch(epochs: epochs) { progress in
            // A failed evaluation is left for the end of the epoch, which throws its error.
            if let evaluation = pending?.evaluation, evaluation.isFinished(), (try? evaluation.wait()) != nil {
              bar.clear()
              try? showPending()
            }
            bar.show(progress)
          }
          bar.clear()
          try showPending()
          pending = (
            trained,
            BackgroundEvaluation(weights: trained.weights, samples: dataset.test, engine: engine, profile: profile)
          )
        } catch let failure as VerificationFailure {
          bar.clear()
          try showPending()
          throw CommandFailure(failure.description)
        }
      }
      try showPending()
      if verify && differing == 0 {
        print("verify: 0 differences over \(epochs * training.count) samples (all 8 plastic matrices, every sample)")
      } else if verify {
        print(
          "verify: \(differing) of \(epochs * training.count) samples differ (all 8 plastic matrices, every sample)"
            + (first.map { "; first: tick \($0.tick), window \($0.window)" } ?? ""))
      }
      if let save {
        try trainer.weights.archive(seed: seed, epoch: epochs, dataset: data.dataset.rawValue).write(to: save)
        log("saved weights to \(save)")
      }
      if let last { print("test: \(last.test.summary)") }
    }
  }

  /// `nbpscope eval`: test metrics of saved weights.
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate saved weights on the test set (spiking: the 4-tick inference circuit).")

    @OptionGroup var data: DataOptions
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: ArgumentHelp("The weights (npz with w1, w2 as the authors store them).", valueName: "W.npz"))
    var weights: String
    @Option(help: "Engine: spiking (inference circuit on the chip) or reference.") var engine: Engine = .spiking

    func run() throws {
      let profile = try profileOptions.resolved()
      let dataset = try data.load()
      let loaded = try loadWeights(weights, for: data.dataset)
      let metrics = try Evaluator.evaluate(weights: loaded, samples: dataset.test, engine: engine, profile: profile)
      print("test: \(metrics.summary)")
    }
  }
}

/// Loads an npz of weights for a data set, turning every failure into one line naming the file.
func loadWeights(_ path: String, for kind: DatasetKind) throws -> NBPWeights {
  let weights: NBPWeights
  do {
    // Only the circuit's arrays are inflated; other members of the file cost nothing.
    let archive = try NpzArchive.read(path: path, only: Set(NBPWeights.keys))
    weights = try NBPWeights(archive: archive, file: path)
  } catch let error as WeightsFileError {
    throw CommandFailure(error.description)
  } catch let error as NumPyError {
    throw CommandFailure(error.description)
  }
  guard weights.input == kind.inputSize else {
    throw CommandFailure("\(path): 'w1' has \(weights.input) inputs, but \(kind.rawValue) has \(kind.inputSize)")
  }
  // A label must name an output; more outputs than classes would only never be targets.
  guard weights.output == kind.classCount else {
    throw CommandFailure("\(path): 'w2' has \(weights.output) outputs, but \(kind.rawValue) has \(kind.classCount) classes")
  }
  return weights
}

/// A message for the user on stderr.
func log(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A one-line progress display on stderr when it is a terminal; periodic plain lines otherwise.
final class ProgressLine {
  private let isTerminal = isatty(STDERR_FILENO) != 0
  private let clock = ContinuousClock()
  private var started: ContinuousClock.Instant?
  private var lastDecile = -1

  /// The first report of an epoch starts the clock (and shows no rate yet); later ones measure
  /// from there.
  private var startSample = 0

  func show(_ progress: TrainingProgress) {
    if started == nil || progress.sample < startSample {
      started = clock.now
      startSample = progress.sample
    }
    let elapsed = (clock.now - started!).seconds
    let done = Double(progress.sample) / Double(progress.samples)
    let measured = progress.sample - startSample
    let rate = measured > 0 && elapsed > 0 ? Double(measured) / elapsed : 0
    let eta = rate > 0 ? Double(progress.samples - progress.sample) / rate : 0
    let speed = rate > 0 ? String(format: "%.0f samples/s", rate) : "… samples/s"
    let text =
      "epoch \(progress.epoch)/\(progress.epochs) \(progress.sample)/\(progress.samples) \(speed) · "
      + "running argmax \(String(format: "%.4f", progress.running.argmax)) · "
      + (rate > 0 ? "ETA \(Int(eta) / 60):\(String(format: "%02d", Int(eta) % 60))" : "ETA …")
    if isTerminal {
      let width = 24
      let filled = Int(done * Double(width))
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      FileHandle.standardError.write(Data(("\r\u{1B}[K[\(bar)] " + text).utf8))
    } else {
      let decile = Int(done * 10)
      if decile != lastDecile {
        lastDecile = decile
        log(text)
      }
    }
  }

  func clear() {
    if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    lastDecile = -1
    started = nil
  }
}
