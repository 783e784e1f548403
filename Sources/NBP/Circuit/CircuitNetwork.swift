import Loihi

/// A topology compiled onto the emulator, with the handles the driver and tools need.
package struct CircuitNetwork: Sendable {
  package let topology: Topology
  package let network: Network

  /// The authors' learning rule string, verbatim: +2 on a rewarded pre/post coincidence, else −2.
  package static let learningRule = "y0*x0*r1*4 - y0*x0*2"

  /// Builds the emulator network for `topology` with `weights` in its plastic (or fixed)
  /// connections. The ring's kick is scheduled here; samples are fed by ``CircuitDriver``.
  /// - Parameter spikeHistory: ticks of spikes the chip keeps readable (see `Network`).
  package init(topology: Topology, weights: NBPWeights, spikeHistory: Int = 0) throws {
    precondition(
      weights.input == topology.inputSize && weights.hidden == topology.hiddenSize
        && weights.output == topology.outputSize, "weights do not fit the topology")
    self.topology = topology
    var populations: [PopulationSpec] = []
    for population in topology.populations {
      if let parameters = try topology.profile.parameters(population.type) {
        populations.append(PopulationSpec(name: population.name, size: population.size, kind: .compartments(parameters)))
      } else {
        let events = population.name == "in_g" ? [SpikeEvent(index: 0, tick: topology.clock.kickTick)] : []
        populations.append(PopulationSpec(name: population.name, size: population.size, kind: .generator(events: events)))
      }
    }
    let rule = try LearningRule(
      dw: RuleParser.parse(Self.learningRule, variable: "dw"), epoch: 1,
      x1: TraceConfig(impulse128: 0, timeConstant: 1), y1: TraceConfig(impulse128: 0, timeConstant: 1),
      r1: TraceConfig(impulse128: 128, timeConstant: 0), reward: "reward")
    var matrices: [String: PlasticMatrix] = [:]
    for (matrix, names) in topology.copies { for name in names { matrices[name] = matrix } }
    let mixed = try WeightFormat(numWeightBits: 8, signMode: .mixed, exponent: topology.profile.weightExponent)
    var connections: [ConnectionSpec] = []
    for connection in topology.connections {
      let sizes = (
        topology.population(named: connection.source)!.size, topology.population(named: connection.target)!.size
      )
      if let (mantissa, exponent) = connection.kind.encoding(in: topology.profile) {
        connections.append(
          try ConnectionSpec(
            name: connection.name, source: connection.source, target: connection.target,
            connectivity: connection.kind.isOneToAll ? .oneToAll(weight: mantissa) : .oneToOne(weight: mantissa),
            format: WeightFormat(signMode: mantissa > 0 ? .excitatory : .inhibitory, exponent: exponent),
            delay: connection.delay))
      } else {
        let matrix = matrices[connection.name]!
        connections.append(
          try ConnectionSpec(
            name: connection.name, source: connection.source, target: connection.target,
            connectivity: .dense(preCount: sizes.0, postCount: sizes.1, weights: weights[matrix]),
            format: mixed, delay: connection.delay,
            learning: connection.kind == .plastic ? rule : nil))
      }
    }
    network = try Network(
      NetworkDescription(populations: populations, connections: connections), spikeHistory: spikeHistory)
  }

  /// Chip connection ids holding each copy of a plastic matrix.
  package func connections(of matrix: PlasticMatrix) -> [ConnectionID] {
    (topology.copies[matrix] ?? []).map { network.connection(named: $0)! }
  }

  /// The primary copies' weights as they stand on `chip`.
  package func weights(on chip: Chip) -> NBPWeights {
    func primary(_ matrix: PlasticMatrix) -> [Int32] {
      connections(of: matrix).first.map { chip.weightMatrix($0) } ?? []
    }
    let w2 = primary(.w2)
    if topology.isTraining {
      return NBPWeights(
        input: topology.inputSize, hidden: topology.hiddenSize, output: topology.outputSize,
        w1: primary(.w1), w2: w2, w2Tp: primary(.w2Tp), w2Tm: primary(.w2Tm))
    }
    return NBPWeights(
      input: topology.inputSize, hidden: topology.hiddenSize, output: topology.outputSize,
      w1: primary(.w1), w2: w2)
  }
}
