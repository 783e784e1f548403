import Loihi

/// The static connection weights a profile sets, keyed as in the authors' parameter files.
package enum ProfileWeight: String, Sendable, CaseIterable, Hashable {
  /// `g`: gate opening (also `g1`, the one-to-one gate from c_h1 and o_copy).
  case gate = "g"
  /// `gm05`: extra half step that moves a gated unit's threshold to input > 0.
  case gateHalfStep = "gm05"
  /// `gp05`: cancels the bias only (input > 2θ).
  case gateBiasOnly = "gp05"
  /// `1ge`: the gating chain's one-to-one weight.
  case chain = "1ge"
  /// `1e`: one-to-one excitatory relay.
  case relay = "1e"
  /// `1i`: one-to-one inhibitory relay.
  case relayInhibitory = "1i"
  /// `gi`: the veto.
  case veto = "gi"

  /// The profile weight a connection kind uses; nil for plastic and fixed matrices.
  package init?(_ kind: ConnectionKind) {
    switch kind {
    case .gateAll, .gateOne: self = .gate
    case .gateHalfStep: self = .gateHalfStep
    case .gateBiasOnly: self = .gateBiasOnly
    case .chain: self = .chain
    case .oneExcitatory: self = .relay
    case .oneInhibitory: self = .relayInhibitory
    case .gateVeto: self = .veto
    case .plastic, .fixed: return nil
    }
  }
}

/// Population groups a gate can veto (one `gi` connection per member).
package enum VetoGroup: String, Sendable, CaseIterable, Hashable {
  /// h1, h1_copy, h1_copy2.
  case hidden
  /// o, o_copy, o_copy2.
  case output
  /// h1T and oT-.
  case backward

  package var members: [String] {
    switch self {
    case .hidden: return ["h1", "h1_copy", "h1_copy2"]
    case .output: return ["o", "o_copy", "o_copy2"]
    case .backward: return ["h1T", "oT-"]
    }
  }
}

/// Everything that distinguishes one version of the nBP circuit from another, as data: the static
/// weights by type, which gate vetoes which group in which window, the refractory period of each
/// neuron type, the plastic weight exponent and the threshold and bias derived from it.
///
/// Weights, threshold and bias are in weight units (the chip multiplies by 2^6 on the way to u);
/// refractory periods are the model's (0 = none; the chip register gets max(r, 1)).
package struct CircuitProfile: Sendable, Hashable {
  package var name: String
  package var summary: String
  package var weights: [ProfileWeight: Int32]
  /// Windows (0…11) in which a group is vetoed by that window's gate.
  package var vetoes: [VetoGroup: [Int]]
  /// Refractory period per neuron type (generators have none).
  package var refractory: [NeuronType: Int32]
  /// Exponent of the plastic (8-bit mixed) weights: a plastic weight w adds w·2^e weight units.
  package var weightExponent: Int32
  /// Neuron threshold; nil derives 1024·2^weightExponent.
  package var thresholdOverride: Int32?
  /// Data-neuron bias; nil derives −8192·2^weightExponent.
  package var biasOverride: Int32?

  /// The neuron types that have a refractory setting.
  package static let refractoryTypes: [NeuronType] = [.sfc, .sfl, .sflNoRefractory, .gate]

  package func weight(_ key: ProfileWeight) -> Int32 { weights[key]! }
  package var threshold: Int32 { thresholdOverride ?? (1024 << weightExponent) }
  package var bias: Int32 { biasOverride ?? (-8192 << weightExponent) }

  /// The chip's encoding of a static weight: the smallest exponent (0…7) whose mantissa fits the
  /// 8-bit signed-magnitude synapse (|m| ≤ 255) and represents the weight exactly. This reproduces
  /// every encoding of the authors' files (520 = 130·2², −8128 = −254·2⁵, 8704 = 136·2⁶, …).
  package static func encoding(of weight: Int32) -> (mantissa: Int32, exponent: Int32)? {
    for exponent: Int32 in 0...7 {
      let step = Int32(1) << exponent
      if weight % step == 0, abs(weight / step) <= 255 { return (weight / step, exponent) }
    }
    return nil
  }

  /// The bias as the chip stores it: mantissa (−4096…4095) · 2^exponent on v (weight units · 2^6).
  package static func biasEncoding(of bias: Int32) -> (mantissa: Int32, exponent: Int32)? {
    let raw = Int64(bias) * 64
    for exponent in 0...23 {
      let step = Int64(1) << exponent
      if raw % step == 0, ChipLimits.biasMantissa.contains(Int32(clamping: raw / step)) {
        return (Int32(raw / step), Int32(exponent))
      }
    }
    return nil
  }

  /// The compartment parameters of a neuron type under this profile; nil for generators.
  package func parameters(_ type: NeuronType) throws -> CompartmentParameters? {
    guard type != .generator else { return nil }
    let refractory = max(refractory[type] ?? 0, 1)  // the model's 0 (none) is 1 on the chip
    if type == .gate {
      return try CompartmentParameters(
        currentDecay: 4096, voltageDecay: 4096, thresholdMantissa: threshold, refractoryDelay: refractory)
    }
    let (mantissa, exponent) = Self.biasEncoding(of: bias)!  // checked when the profile was made
    return try CompartmentParameters(
      currentDecay: 4096, voltageDecay: 4096, thresholdMantissa: threshold, biasMantissa: mantissa,
      biasExponent: exponent, refractoryDelay: refractory)
  }
}
