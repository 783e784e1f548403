import Loihi
import Testing

@testable import NBP

/// The spiking circuit must learn exactly what the reference model computes, weight for weight.
@Suite struct CircuitEquivalenceTests {
  /// Random binary samples with a label each, seeded.
  static func samples(count: Int, inputs: Int, outputs: Int, density: UInt64, seed: UInt64) -> [([UInt8], Int)] {
    var random = RandomGenerator(seed: seed)
    return (0..<count).map { _ in
      ((0..<inputs).map { _ in random.uniform(below: 100) < density ? 1 : 0 }, Int(random.uniform(below: UInt64(outputs))))
    }
  }

  static func compare(_ chip: Chip, _ circuit: CircuitNetwork, _ reference: NBPWeights) -> String? {
    for matrix in PlasticMatrix.allCases {
      for connection in circuit.connections(of: matrix) {
        let actual = chip.weightMatrix(connection)
        let expected = reference[matrix]
        if let index = actual.indices.first(where: { actual[$0] != expected[$0] }) {
          return "\(circuit.network[connection].name) differs at \(index): chip \(actual[index]), reference \(expected[index])"
        }
      }
    }
    return nil
  }

  @Test(arguments: [(UInt64(1), 16, 8, 4), (2, 20, 12, 5), (3, 30, 16, 10)])
  func tinyCircuitMatchesReferenceEverySample(seed: UInt64, input: Int, hidden: Int, output: Int) throws {
    let topology = Topology.training(input: input, hidden: hidden, output: output)
    let initial = NBPWeights.initial(input: input, hidden: hidden, output: output, seed: seed)
    let circuit = try CircuitNetwork(topology: topology, weights: initial)
    var driver = CircuitDriver(circuit: circuit, seed: seed)
    var reference = ReferenceModel(weights: initial)
    var changes = 0
    for (n, (pixels, label)) in Self.samples(count: 300, inputs: input, outputs: output, density: 40, seed: seed).enumerated() {
      try driver.begin(pixels: pixels, label: label)
      if n > 0, let difference = Self.compare(driver.chip, circuit, reference.weights) {
        Issue.record("after sample \(n - 1): \(difference)")
        return
      }
      let before = reference.weights
      let expected = reference.train(pixels, label: label)
      if reference.weights != before { changes += 1 }
      let actual = driver.finish()
      #expect(actual == expected, "output of sample \(n)")
    }
    driver.flush()
    #expect(Self.compare(driver.chip, circuit, reference.weights) == nil)
    #expect(changes > 50, "the run must actually learn")
  }
}
