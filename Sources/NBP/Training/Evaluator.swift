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
