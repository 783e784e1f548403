/// The parameters of a CUBA LIF compartment, as NxSDK's compartment prototype holds them.
///
/// Values are checked on init against ``ChipLimits``; errors name the NxSDK field.
public struct CompartmentParameters: Hashable, Sendable {
  /// Effective current decay `D_u` in 0...4096 (NxSDK `compartmentCurrentDecay`, JSON `du`).
  public let currentDecay: Int32
  /// Effective voltage decay `D_v` in 0...4096 (NxSDK `compartmentVoltageDecay`, JSON `dv`).
  public let voltageDecay: Int32
  /// Threshold mantissa; v must exceed `vThMant << 6` to spike (JSON `vThMant`).
  public let thresholdMantissa: Int32
  /// Bias mantissa, 13-bit signed (JSON `biasMant`).
  public let biasMantissa: Int32
  /// Bias exponent 0...7 (JSON `biasExp`).
  public let biasExponent: Int32
  /// Refractory delay R ≥ 1: v is held at 0 for R − 1 ticks after a spike (JSON `refractory`).
  public let refractoryDelay: Int32
  /// Lower saturation bound of v (JSON `vMin`).
  public let voltageMin: Int32
  /// Upper saturation bound of v (JSON `vMax`).
  public let voltageMax: Int32

  /// - Throws: ``LoihiError`` naming the first field outside its register range.
  public init(
    currentDecay: Int32 = 4096, voltageDecay: Int32 = 4096, thresholdMantissa: Int32,
    biasMantissa: Int32 = 0, biasExponent: Int32 = 0, refractoryDelay: Int32 = 1,
    voltageMin: Int32 = -ChipLimits.voltageLimit, voltageMax: Int32 = ChipLimits.voltageLimit
  ) throws {
    self.currentDecay = try LoihiError.check(currentDecay, in: ChipLimits.decay, field: "du")
    self.voltageDecay = try LoihiError.check(voltageDecay, in: ChipLimits.decay, field: "dv")
    self.thresholdMantissa = try LoihiError.check(
      thresholdMantissa, in: ChipLimits.thresholdMantissa, field: "vThMant")
    self.biasMantissa = try LoihiError.check(
      biasMantissa, in: ChipLimits.biasMantissa, field: "biasMant")
    self.biasExponent = try LoihiError.check(
      biasExponent, in: ChipLimits.biasExponent, field: "biasExp")
    self.refractoryDelay = try LoihiError.check(
      refractoryDelay, in: ChipLimits.refractoryDelay, field: "refractory")
    self.voltageMin = try LoihiError.check(voltageMin, in: ChipLimits.voltageMin, field: "vMin")
    self.voltageMax = try LoihiError.check(voltageMax, in: ChipLimits.voltageMax, field: "vMax")
  }

  /// The threshold on v in v units.
  public var threshold: Int32 { FixedPoint.threshold(mantissa: thresholdMantissa) }
  /// The bias added to v each tick, in v units.
  public var bias: Int32 { FixedPoint.bias(mantissa: biasMantissa, exponent: biasExponent) }
}
