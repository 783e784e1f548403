import Loihi

/// What a population does in the circuit.
package enum PopulationRole: String, Sendable, CaseIterable {
  /// Spike generators fed by the driver (pixels, target, kick, reward).
  case input
  /// Forward pass: x, h1 and its copies, o and its copies, t.
  case forward
  /// Backward pass: d+, d-, oT-, h1T, c_h1.
  case backward
  /// Memories that re-present activity later in the cycle: m_x6, m_h1.
  case memory
  /// The synfire gating chain g00…g11.
  case gate
}

/// The neuron types of the authors' code (all CUBA with u and v forgetting everything each tick).
package enum NeuronType: String, Sendable {
  /// Static data neuron: bias −8192 weight units, refractory 2.
  case sfc
  /// Plastic-target data neuron: as sfc, target of learning connections.
  case sfl
  /// Plastic target without refractory period (h1T).
  case sflNoRefractory = "sfl_nr"
  /// Gate: bias 0, refractory 0 (written as 1 on the chip).
  case gate
  /// A spike generator.
  case generator
}

/// One population of the circuit.
package struct CircuitPopulation: Sendable, Hashable {
  /// The authors' identifier (`x`, `h1_copy`, `d+`, `oT-`, `g05`, …): kept exactly, so spike
  /// files line up with theirs.
  package let name: String
  package let size: Int
  package let role: PopulationRole
  package let type: NeuronType
  /// Windows (phases 0…11 of the cycle) in which the population may spike; empty for generators.
  package let windows: Set<Int>
  /// The paper's symbol, for labels on screen (h^<, o^T-, d_1, …).
  package let label: String
}

/// The kinds of connection of the authors' code, with the chip's encoding of each weight.
package enum ConnectionKind: String, Sendable, CaseIterable {
  case oneExcitatory = "1e", oneInhibitory = "1i", gateAll = "g", gateOne = "g1"
  case gateHalfStep = "gm05", gateBiasOnly = "gp05", gateVeto = "gi", chain = "1ge"
  /// Plastic all-to-all (training) and its frozen form (inference).
  case plastic = "p", fixed = "f"

  /// Mantissa and exponent of the one weight of a static kind under `profile` (weight units =
  /// mantissa·2^exp); nil for plastic and fixed matrices.
  package func encoding(in profile: CircuitProfile) -> (mantissa: Int32, exponent: Int32)? {
    ProfileWeight(self).flatMap { CircuitProfile.encoding(of: profile.weight($0)) }
  }

  /// One source neuron to every target (a gate fanning out).
  package var isOneToAll: Bool { self == .gateAll || self == .gateHalfStep || self == .gateBiasOnly || self == .gateVeto }
}

/// One connection of the circuit.
package struct CircuitConnection: Sendable, Hashable {
  package let source: String
  package let target: String
  package let kind: ConnectionKind
  package let delay: Int32
  /// Unique name in the network: `source->target` plus `:kind[_dK]` when a pair has several.
  package let name: String
}

/// The plastic matrices and which chip connections hold copies of each.
package enum PlasticMatrix: String, Sendable, CaseIterable {
  /// x → h1 (input × hidden in the chip's [pre][post] layout).
  case w1
  /// h1 → o.
  case w2
  /// o → h1T: the transposed copy of W2 that carries d+ back.
  case w2Tp
  /// oT- → h1T: the negated transposed copy that carries d- back.
  case w2Tm
}

/// The circuit as data: populations, connections, the phase table and the time model.
///
/// Sizes are parameters, so a 16-8-4 circuit builds exactly like the 400-400-10 one.
package struct Topology: Sendable {
  package let inputSize: Int
  package let hiddenSize: Int
  package let outputSize: Int
  package let isTraining: Bool
  /// The circuit version: static weights, vetoes, refractory periods, threshold and bias.
  package let profile: CircuitProfile
  package let populations: [CircuitPopulation]
  package let connections: [CircuitConnection]
  package let clock: CycleClock
  /// Chip connection names holding each plastic matrix; the first is the primary copy.
  package let copies: [PlasticMatrix: [String]]

  package func population(named name: String) -> CircuitPopulation? {
    populations.first { $0.name == name }
  }

  /// The forward and backward groups for grouped rasters.
  package var forwardGroup: [String] { populations.filter { $0.role == .forward }.map(\.name) }
  package var backwardGroup: [String] {
    populations.filter { $0.role == .backward || $0.role == .memory }.map(\.name)
  }
  package var gateNames: [String] { populations.filter { $0.role == .gate }.map(\.name) }
}
