import Foundation
import Loihi
import NumPy
import Testing

@testable import NBP

/// Training on real digits: the circuit equals the reference, runs are seeded, engines agree.
@Suite struct TrainerTests {
  static func mnist() throws -> Dataset {
    try LoadedData.subset20.get()
  }

  /// A few hundred shuffled training digits (all classes), verified after every sample.
  @Test func verifiesOnRealDigits() throws {
    let data = try Self.mnist()
    var random = RandomGenerator(seed: 11)
    let picked = (0..<300).map { _ in data.train[Int(random.uniform(below: UInt64(data.train.count)))] }
    let weights = NBPWeights.initial(input: 400, hidden: 400, output: 10, seed: 3)
    var trainer = try Trainer(
      training: picked, test: Array(data.test.prefix(200)), weights: weights, engine: .spiking,
      shuffle: .seeded, seed: 3, verify: true)
    let report = try trainer.runEpoch(epochs: 1, evaluation: .spiking) { _ in }
    #expect(report.train.count == 300)
    #expect(trainer.weights != weights, "the circuit must learn")
    var reference = ReferenceModel(weights: weights)
    // Replay the same order on the reference alone: the verified run must end where it does.
    var order = Trainer.orderGenerator(seed: 3)
    for i in Trainer.epochOrder(count: picked.count, shuffle: .seeded, generator: &order) { reference.train(picked[i].pixels, label: Int(picked[i].label)) }
    #expect(reference.weights == trainer.weights)
  }

  /// The `train` command's schedule (each epoch's evaluation on a second thread while the next
  /// epoch trains) gives every epoch the metrics of the one-thread schedule, for both engines.
  @Test(arguments: [Engine.spiking, .reference])
  func evaluationOnASecondThreadChangesNothing(engine: Engine) throws {
    let data = try Self.mnist()
    let (training, test) = (Array(data.train.prefix(200)), Array(data.test.prefix(300)))
    let weights = NBPWeights.initial(input: 400, hidden: 400, output: 10, seed: 5)
    func trainer() throws -> Trainer {
      try Trainer(
        training: training, test: test, weights: weights, engine: engine, shuffle: .seeded, seed: 5, verify: false,
        audit: engine == .spiking)
    }
    var oneThread = try trainer()
    let expected = try (1...3).map { _ in try oneThread.runEpoch(epochs: 3, evaluation: engine) { _ in } }
    var twoThreads = try trainer()
    var evaluations: [(TrainedEpoch, BackgroundEvaluation)] = []
    for _ in 1...3 {
      let trained = try twoThreads.trainEpoch(epochs: 3) { _ in }
      evaluations.append((trained, BackgroundEvaluation(weights: trained.weights, samples: test, engine: engine, profile: .standard)))
    }
    for ((trained, evaluation), report) in zip(evaluations, expected) {
      let overlapped = trained.report(test: try evaluation.wait())
      #expect(overlapped.test == report.test, "epoch \(report.epoch)")
      #expect(overlapped.train == report.train)
      #expect(overlapped.audit == report.audit)
      #expect(evaluation.isFinished())
    }
    #expect(expected.map(\.test).allSatisfy { $0.count == test.count })
    #expect(Set(expected.map(\.test)).count > 1, "the epochs learn, so their test metrics differ")
  }

  /// A weight of one W1 copy forced out of step is caught at the next comparison (right after
  /// sample 0's last learning tick, 25) and named; replaying sample 0 does not reproduce it, so
  /// the report is the comparison itself.
  @Test func verifierNamesTheFirstDifference() throws {
    let data = try Self.mnist()
    let samples = Array(data.train.prefix(3))
    let weights = NBPWeights.initial(input: 400, hidden: 400, output: 10, seed: 1)
    var driver = CircuitDriver(
      circuit: try CircuitNetwork(topology: .training(input: 400, hidden: 400, output: 10), weights: weights))
    var reference = ReferenceModel(weights: weights)
    var verifier = Verifier()
    _ = try verifier.train(samples[0], index: 0, driver: &driver, reference: &reference)
    let copy = driver.circuit.network.connection(named: "x->h1_copy")!
    let synapse = 5 * 400 + 7
    try driver.chip.setWeight(copy, synapse: synapse, to: weights.w1[synapse] == 0 ? 2 : 0)
    do {
      _ = try verifier.train(samples[1], index: 1, driver: &driver, reference: &reference)
      Issue.record("expected a verification failure")
    } catch let failure as VerificationFailure {
      #expect(failure.sample == 0)
      #expect(failure.tick == 25)
      #expect(failure.description.contains("verify: first difference at sample 0"))
      #expect(failure.description.contains("matrix w1 (x->h1_copy) [pre 5, post 7]"), "\(failure)")
    }
  }

  @Test func sameSeedSameWeights() throws {
    let data = try Self.mnist()
    let training = Array(data.train.prefix(120))
    func run(_ seed: UInt64) throws -> NBPWeights {
      var trainer = try Trainer(
        training: training, test: [], weights: .initial(input: 400, hidden: 400, output: 10, seed: seed),
        engine: .spiking, shuffle: .seeded, seed: seed, verify: false)
      _ = try trainer.runEpoch(epochs: 1, evaluation: .reference) { _ in }
      return trainer.weights
    }
    #expect(try run(5) == run(5))
    #expect(try run(5) != run(6))
  }

  /// The spiking inference circuit and the reference forward pass give the same metrics.
  @Test func enginesAgreeOnTestMetrics() throws {
    let data = try Self.mnist()
    var trainer = try Trainer(
      training: data.train, test: [], weights: .initial(input: 400, hidden: 400, output: 10, seed: 2),
      engine: .reference, shuffle: .seeded, seed: 2, verify: false)
    _ = try trainer.runEpoch(epochs: 1, evaluation: .reference) { _ in }
    let test = Array(data.test.prefix(300))
    let spiking = try Evaluator.evaluate(weights: trainer.weights, samples: test, engine: .spiking)
    let reference = try Evaluator.evaluate(weights: trainer.weights, samples: test, engine: .reference)
    #expect(spiking == reference)
    #expect(spiking.argmax > 0.5, "one epoch of 5,000 digits beats chance clearly")
  }
}

@Suite struct MetricsTests {
  @Test func authorsMetrics() {
    var metrics = Metrics()
    // Exact hit: only the label fired; a2 also peaks at the label.
    metrics.add(TrialOutput(spikes: [false, true, false], preActivation: [0, 900, 10]), label: 1)
    // No spike at all: argmax says class 0 (numpy's first maximum), a2 peaks at 2.
    metrics.add(TrialOutput(spikes: [false, false, false], preActivation: [-5, 3, 7]), label: 0)
    // Two spikes, ties go to the lowest index (0), label 2; a2 ties too → 0.
    metrics.add(TrialOutput(spikes: [true, false, true], preActivation: [600, 0, 600]), label: 2)
    #expect(metrics.count == 3)
    #expect(metrics.exact == 1.0 / 3)
    #expect(metrics.argmax == 2.0 / 3)
    #expect(metrics.top1 == 1.0 / 3)
    // Squared errors: 0 + 1 (label 0 silent) + 1 (0 fired wrongly) = 2 over 9 outputs.
    #expect(metrics.mse == 2.0 / 9)
    #expect(metrics.summary == "exact 0.3333 argmax 0.6667 top1 0.3333 mse 0.2222")
  }
}
