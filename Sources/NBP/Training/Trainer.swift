import Loihi

/// Which engine trains or evaluates.
package enum Engine: String, CaseIterable, Sendable {
  /// The spiking circuit on the emulated chip (12 ticks per training sample, 4 per test sample).
  case spiking
  /// The non-spiking reference model.
  case reference
}

/// Sample order within each epoch.
package enum ShuffleMode: String, CaseIterable, Sendable {
  /// Reshuffled every epoch by a generator seeded from the run's seed.
  case seeded
  /// File order every epoch.
  case none
}

/// Where a training run stands, for progress displays.
package struct TrainingProgress: Sendable {
  package let epoch: Int
  package let epochs: Int
  package let sample: Int
  package let samples: Int
  /// Metrics of the training samples seen so far in this epoch (outputs before each update).
  package let running: Metrics
}

/// One epoch's outcome.
package struct EpochReport: Sendable {
  package let epoch: Int
  package let train: Metrics
  package let test: Metrics
  /// Training samples per second of wall time in this epoch (evaluation excluded).
  package let samplesPerSecond: Double
  /// Spikes outside their population's windows in this epoch's training (spiking engine only).
  package let audit: WindowAudit?
  /// What `verify` with `keepGoing` found in this epoch.
  package let divergence: DivergenceReport?
}

/// One epoch's training, before its test evaluation: the weights it ended with, which
/// ``Evaluator`` (or a ``BackgroundEvaluation``) turns into the report's test metrics.
package struct TrainedEpoch: Sendable {
  package let epoch: Int
  package let train: Metrics
  package let samplesPerSecond: Double
  package let audit: WindowAudit?
  package let divergence: DivergenceReport?
  package let weights: NBPWeights

  package func report(test: Metrics) -> EpochReport {
    EpochReport(
      epoch: epoch, train: train, test: test, samplesPerSecond: samplesPerSecond, audit: audit,
      divergence: divergence)
  }
}

/// Trains the circuit (or its reference) on a data set, epoch by epoch.
package struct Trainer: Sendable {
  package let training: [Sample]
  package let test: [Sample]
  package let engine: Engine
  package let verify: Bool
  package let shuffle: ShuffleMode
  package let profile: CircuitProfile
  private var order: RandomGenerator
  private var reference: ReferenceModel?
  private var driver: CircuitDriver?
  private var verifier: Verifier?
  package private(set) var epochsDone = 0

  /// - Parameters:
  ///   - weights: initial weights (seeded init or loaded).
  ///   - verify: run the spiking circuit and the reference side by side and compare all eight
  ///     plastic matrices after every sample.
  ///   - profile: the circuit version (the reference follows it where it enters the arithmetic).
  ///   - keepGoing: with `verify`, count the samples that differ instead of stopping at the first.
  ///   - audit: count the spiking circuit's spikes outside their windows, per epoch.
  package init(
    training: [Sample], test: [Sample], weights: NBPWeights, engine: Engine, shuffle: ShuffleMode,
    seed: UInt64, verify: Bool, profile: CircuitProfile = .standard, keepGoing: Bool = false, audit: Bool = false
  ) throws {
    self.training = training
    self.test = test
    self.engine = engine
    self.verify = verify
    self.shuffle = shuffle
    self.profile = profile
    order = Self.orderGenerator(seed: seed)
    if engine == .reference || verify { reference = ReferenceModel(weights: weights, profile: profile) }
    if engine == .spiking || verify {
      let topology = Topology.training(
        input: weights.input, hidden: weights.hidden, output: weights.output, profile: profile)
      driver = CircuitDriver(circuit: try CircuitNetwork(topology: topology, weights: weights), seed: seed)
      if audit { driver!.enableAudit() }
    }
    if verify { verifier = Verifier(keepGoing: keepGoing) }
  }

  /// The generator that orders the samples of every epoch, seeded from the run's seed.
  package static func orderGenerator(seed: UInt64) -> RandomGenerator {
    RandomGenerator(seed: seed ^ 0x5348_5546_464C_4521)
  }

  /// One epoch's sample order: a Fisher–Yates shuffle drawn from `generator`, or file order.
  package static func epochOrder(count: Int, shuffle: ShuffleMode, generator: inout RandomGenerator) -> [Int] {
    var indices = Array(0..<count)
    if shuffle == .seeded {
      for i in stride(from: count - 1, to: 0, by: -1) {
        indices.swapAt(i, Int(generator.uniform(below: UInt64(i + 1))))
      }
    }
    return indices
  }

  /// The current weights of the training engine (all learning applied).
  package var weights: NBPWeights {
    if let driver { return driver.circuit.weights(on: driver.chip) }
    return reference!.weights
  }

  /// Trains one epoch, then evaluates on the test set with `evaluation`.
  /// - Throws: ``VerificationFailure`` on the first difference between the engines.
  package mutating func runEpoch(
    epochs: Int, evaluation: Engine, progress: (TrainingProgress) -> Void
  ) throws -> EpochReport {
    let trained = try trainEpoch(epochs: epochs, progress: progress)
    return trained.report(
      test: try Evaluator.evaluate(weights: trained.weights, samples: test, engine: evaluation, profile: profile))
  }

  /// Trains one epoch and leaves its test evaluation to the caller.
  /// - Throws: ``VerificationFailure`` on the first difference between the engines.
  package mutating func trainEpoch(epochs: Int, progress: (TrainingProgress) -> Void) throws -> TrainedEpoch {
    let epoch = epochsDone + 1
    let indices = Self.epochOrder(count: training.count, shuffle: shuffle, generator: &order)
    var running = Metrics()
    let clock = ContinuousClock()
    let started = clock.now
    for (n, index) in indices.enumerated() {
      let sample = training[index]
      let label = Int(sample.label)
      if verify {
        running.add(try verifier!.train(sample, index: index, driver: &driver!, reference: &reference!), label: label)
      } else if var driver {
        self.driver = nil  // keep the chip's storage uniquely referenced while it runs
        running.add(try driver.run(pixels: sample.pixels, label: label), label: label)
        self.driver = driver
      } else {
        running.add(reference!.train(sample.pixels, label: label), label: label)
      }
      if n % 256 == 255 || n == indices.count - 1 {
        progress(TrainingProgress(epoch: epoch, epochs: epochs, sample: n + 1, samples: indices.count, running: running))
      }
    }
    if verify {
      try verifier!.finish(driver: &driver!, reference: &reference!)
    } else if driver != nil {
      driver!.flush()
    }
    let seconds = (clock.now - started).seconds
    epochsDone = epoch
    let divergence = verifier?.keepGoing == true ? verifier!.takeReport() : nil
    return TrainedEpoch(
      epoch: epoch, train: running, samplesPerSecond: Double(indices.count) / max(seconds, 1e-9),
      audit: driver?.takeAudit(), divergence: divergence, weights: weights)
  }
}

extension Duration {
  /// The duration in seconds.
  package var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
