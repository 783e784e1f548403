extension Topology {
  /// The 12-gate training circuit of Renner et al. (populations, wiring and gates as in the
  /// authors' `network_topology_2layer.py`, re-derived in `../shared/docs/nbp-circuit.md`).
  ///
  /// The profile decides the static weights, the refractory periods and which gate vetoes which
  /// group in which window (nbp-2024: g00, g06, g10 veto the outputs, g04 the backward units, g08
  /// the hidden units).
  package static func training(input: Int, hidden: Int, output: Int, profile: CircuitProfile = .standard) -> Topology {
    var builder = Builder()
    let windows = trainingWindows
    builder.generator("input", input)
    builder.generator("in_tgt", output)
    builder.generator("in_g", 1)
    builder.generator("reward", 1)
    builder.population("x", input, .forward, .sfc, windows["x"]!, "x")
    builder.population("m_x6", input, .memory, .sfc, windows["m_x6"]!, "m_x")
    builder.population("h1", hidden, .forward, .sfl, windows["h1"]!, "h")
    builder.population("h1_copy", hidden, .forward, .sfl, windows["h1_copy"]!, "h^<")
    builder.population("h1_copy2", hidden, .forward, .sfl, windows["h1_copy2"]!, "h^>")
    builder.population("m_h1", hidden, .memory, .sfc, windows["m_h1"]!, "m_h")
    builder.population("c_h1", hidden, .backward, .sfc, windows["c_h1"]!, "c_h")
    builder.population("h1T", hidden, .backward, .sflNoRefractory, windows["h1T"]!, "d_1")
    builder.population("o", output, .forward, .sfl, windows["o"]!, "o")
    builder.population("o_copy", output, .forward, .sfl, windows["o_copy"]!, "o^<")
    builder.population("o_copy2", output, .forward, .sfl, windows["o_copy2"]!, "o^>")
    builder.population("t", output, .forward, .sfc, windows["t"]!, "t")
    builder.population("d+", output, .backward, .sfc, windows["d+"]!, "d+")
    builder.population("d-", output, .backward, .sfc, windows["d-"]!, "d-")
    builder.population("oT-", output, .backward, .sfl, windows["oT-"]!, "o^T-")
    builder.gates(12)

    // Forward pass and memories.
    builder.connect("input", "x", .oneExcitatory)
    for copy in ["h1", "h1_copy", "h1_copy2"] { builder.connect("x", copy, .plastic) }
    for copy in ["o", "o_copy", "o_copy2"] { builder.connect("h1", copy, .plastic) }
    builder.connect("in_tgt", "t", .oneExcitatory)
    builder.connect("x", "m_x6", .oneExcitatory, delay: 4)
    builder.connect("h1", "m_h1", .oneExcitatory)
    builder.connect("h1_copy", "c_h1", .oneExcitatory, delay: 3)
    builder.connect("h1_copy2", "c_h1", .oneInhibitory, delay: 3)
    // Output error: o^< gates the error neurons one to one.
    builder.connect("o_copy", "d+", .gateOne)
    builder.connect("o_copy", "d-", .gateOne)
    builder.connect("o", "d-", .oneExcitatory)
    builder.connect("t", "d-", .oneInhibitory)
    builder.connect("o_copy2", "d-", .oneInhibitory)
    builder.connect("t", "d+", .oneExcitatory)
    builder.connect("o", "d+", .oneInhibitory)
    // The error replayed into the output layer and its negated transpose; h replayed into h1, h1T.
    for copy in ["o", "o_copy", "o_copy2"] {
      builder.connect("d+", copy, .oneExcitatory)
      builder.connect("d-", copy, .oneExcitatory, delay: 4)
    }
    builder.connect("d+", "oT-", .oneExcitatory, delay: 4)
    builder.connect("d-", "oT-", .oneExcitatory)
    for target in ["h1", "h1T"] {
      builder.connect("m_h1", target, .oneExcitatory, delay: 1)
      builder.connect("m_h1", target, .oneExcitatory, delay: 5)
    }
    // Backward pass through the two trained transposes, gated by the box derivative c_h1.
    builder.connect("o", "h1T", .plastic)
    builder.connect("oT-", "h1T", .plastic)
    for copy in ["h1", "h1_copy", "h1_copy2"] {
      builder.connect("h1T", copy, .oneExcitatory)
      builder.connect("c_h1", copy, .gateOne)
      builder.connect("c_h1", copy, .gateOne, delay: 4)
    }
    builder.connect("m_x6", "x", .oneExcitatory)
    builder.connect("m_x6", "x", .oneExcitatory, delay: 4)
    // Gates: g = open, gm05/gp05 shift the threshold by ±θ/2; each gate's vetoes (gi) follow its
    // openings, in the profile's group order, so nbp-2024 builds exactly as before profiles.
    let outputs = ["o", "o_copy", "o_copy2"]
    let openings: [[(targets: [String], kind: ConnectionKind)]] = [
      [],
      [(["x"], .gateAll)],
      [(["h1", "h1_copy"], .gateAll), (["h1_copy"], .gateHalfStep), (["h1_copy2"], .gateBiasOnly)],
      [(["o", "o_copy", "t", "m_h1"], .gateAll), (["o_copy"], .gateHalfStep), (["o_copy2"], .gateBiasOnly)],
      [],
      [(["h1", "h1T"] + outputs + ["oT-"], .gateAll)],
      [(["m_x6", "c_h1", "h1T"], .gateAll), (["h1T"], .gateHalfStep)],
      [(["x"], .gateAll)],
      [],
      [(["h1", "h1T"] + outputs + ["oT-"], .gateAll)],
      [(["h1T"], .gateAll), (["h1T"], .gateHalfStep)],
      [(["x"], .gateAll)],
    ]
    for (window, opening) in openings.enumerated() {
      let gate = CycleClock.gateName(ofWindow: window)
      for (targets, kind) in opening { builder.gate(gate, targets, kind) }
      for group in [VetoGroup.output, .backward, .hidden] where profile.vetoes[group]?.contains(window) ?? false {
        builder.gate(gate, group.members, .gateVeto)
      }
    }

    return Topology(
      inputSize: input, hiddenSize: hidden, outputSize: output, isTraining: true, profile: profile,
      populations: builder.populations, connections: builder.namedConnections,
      clock: CycleClock(ticksPerCycle: 12, phaseNames: CycleClock.trainingPhases),
      copies: [
        .w1: ["x->h1", "x->h1_copy", "x->h1_copy2"], .w2: ["h1->o", "h1->o_copy", "h1->o_copy2"],
        .w2Tp: ["o->h1T"], .w2Tm: ["oT-->h1T"],
      ])
  }

  /// The 4-gate inference circuit: x, h1, o with frozen weights, one sample every 4 ticks.
  /// The profile sets its static weights and refractory periods; its vetoes are the training
  /// circuit's (the inference circuit keeps its one veto, g00 on o).
  package static func inference(input: Int, hidden: Int, output: Int, profile: CircuitProfile = .standard) -> Topology {
    var builder = Builder()
    builder.generator("input", input)
    builder.generator("in_g", 1)
    builder.population("x", input, .forward, .sfc, [1], "x")
    builder.population("h1", hidden, .forward, .sfl, [2], "h")
    builder.population("o", output, .forward, .sfl, [3], "o")
    builder.gates(4)
    builder.connect("input", "x", .oneExcitatory)
    builder.connect("x", "h1", .fixed)
    builder.connect("h1", "o", .fixed)
    builder.gate("g00", ["o"], .gateVeto)
    builder.gate("g01", ["x"], .gateAll)
    builder.gate("g02", ["h1"], .gateAll)
    builder.gate("g03", ["o"], .gateAll)
    return Topology(
      inputSize: input, hiddenSize: hidden, outputSize: output, isTraining: false, profile: profile,
      populations: builder.populations, connections: builder.namedConnections,
      clock: CycleClock(ticksPerCycle: 4, phaseNames: CycleClock.inferencePhases),
      copies: [.w1: ["x->h1"], .w2: ["h1->o"]])
  }

  /// The windows in which each gated population of the training circuit may fire.
  package static let trainingWindows: [String: Set<Int>] = [
    "x": [1, 7, 11], "m_x6": [6], "h1": [2, 5, 7, 9, 11], "h1_copy": [2, 7, 11], "h1_copy2": [2, 7, 11],
    "m_h1": [3], "c_h1": [6], "h1T": [5, 6, 9, 10], "o": [3, 5, 9], "o_copy": [3, 5, 9], "o_copy2": [3, 5, 9],
    "t": [3], "d+": [4], "d-": [4], "oT-": [5, 9],
  ]

  /// Accumulates populations and connections, naming parallel connections uniquely.
  struct Builder {
    var populations: [CircuitPopulation] = []
    var connections: [CircuitConnection] = []

    mutating func generator(_ name: String, _ size: Int) {
      populations.append(
        CircuitPopulation(name: name, size: size, role: .input, type: .generator, windows: [], label: name))
    }

    mutating func population(
      _ name: String, _ size: Int, _ role: PopulationRole, _ type: NeuronType, _ windows: Set<Int>,
      _ label: String
    ) {
      populations.append(
        CircuitPopulation(name: name, size: size, role: role, type: type, windows: windows, label: label))
    }

    /// Gates g00…g(n−1): gk fires in window k − 1 (it opens window k); a ring, kicked by in_g.
    mutating func gates(_ count: Int) {
      let names = (0..<count).map(CycleClock.gateName(ofWindow:))
      for (k, name) in names.enumerated() {
        population(name, 1, .gate, .gate, [(k + count - 1) % count], name)
      }
      connect("in_g", names[0], .chain)
      for k in 0..<count { connect(names[k], names[(k + 1) % count], .chain) }
    }

    mutating func gate(_ gate: String, _ targets: [String], _ kind: ConnectionKind) {
      for target in targets { connect(gate, target, kind) }
    }

    mutating func connect(_ source: String, _ target: String, _ kind: ConnectionKind, delay: Int32 = 0) {
      connections.append(
        CircuitConnection(source: source, target: target, kind: kind, delay: delay, name: "\(source)->\(target)"))
    }

    /// The connections with unique names: a pair with several connections gets `:kind[_dK]`.
    var namedConnections: [CircuitConnection] {
      var pairs: [String: Int] = [:]
      for c in connections { pairs[c.name, default: 0] += 1 }
      return connections.map { c in
        guard pairs[c.name]! > 1 else { return c }
        let suffix = ":\(c.kind.rawValue)" + (c.delay > 0 ? "_d\(c.delay)" : "")
        return CircuitConnection(source: c.source, target: c.target, kind: c.kind, delay: c.delay, name: c.name + suffix)
      }
    }
  }
}
