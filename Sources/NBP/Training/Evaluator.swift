import Dispatch
import Loihi

/// Test-set evaluation with frozen weights.
package enum Evaluator {
  /// The authors' metrics over `samples`: the spiking engine runs the 4-gate inference circuit
  /// (4 ticks per sample), the reference engine its forward pass; both read the same outputs.
  package static func evaluate(
    weights: NBPWeights, samples: [Sample], engine: Engine, profile: CircuitProfile = .standard
  ) throws -> Metrics {
    var metrics = Metrics()
    switch engine {
    case .reference:
      let model = ReferenceModel(weights: weights, profile: profile)
      for sample in samples { metrics.add(model.infer(sample.pixels), label: Int(sample.label)) }
    case .spiking:
      let topology = Topology.inference(
        input: weights.input, hidden: weights.hidden, output: weights.output, profile: profile)
      var driver = CircuitDriver(circuit: try CircuitNetwork(topology: topology, weights: weights))
      for sample in samples {
        metrics.add(try driver.run(pixels: sample.pixels, label: Int(sample.label)), label: Int(sample.label))
      }
    }
    return metrics
  }
}

/// A test evaluation on another thread, so that the next epoch can train meanwhile (the second
/// core's share of a training run). Its metrics are ``Evaluator/evaluate(weights:samples:engine:profile:)``'s
/// to the bit: the evaluation reads nothing but the frozen weights, the samples and the profile,
/// and builds its own chip.
///
/// Unchecked `Sendable`: `result` is written once, by the worker, before it signals `done`, and
/// read only after waiting on `done`; `collected` is touched only by the thread that owns the
/// object (the one that polls and waits).
package final class BackgroundEvaluation: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Metrics, any Error>?
  private var collected: Result<Metrics, any Error>?

  package init(weights: NBPWeights, samples: [Sample], engine: Engine, profile: CircuitProfile) {
    DispatchQueue.global().async { [self] in
      result = Result { try Evaluator.evaluate(weights: weights, samples: samples, engine: engine, profile: profile) }
      done.signal()
    }
  }

  /// Whether the metrics are ready; never blocks.
  package func isFinished() -> Bool {
    if collected == nil, done.wait(timeout: .now()) == .success { collected = result }
    return collected != nil
  }

  /// The metrics, waiting for them if need be.
  package func wait() throws -> Metrics {
    if collected == nil {
      done.wait()
      collected = result
    }
    return try collected!.get()
  }
}
