/// Register widths and value ranges of Loihi 1, in one place.
///
/// Every range a description is checked against lives here; the names follow the NxSDK fields
/// (see `../shared/docs/loihi-semantics.md`, Part A and section 1).
public enum ChipLimits {
  /// Effective current/voltage decay (NxSDK `compartmentCurrentDecay`/`compartmentVoltageDecay`,
  /// i.e. the register value plus the chip's offset): 4096 forgets everything each tick.
  public static let decay: ClosedRange<Int32> = 0...4096
  /// `biasMant`: 13-bit signed.
  public static let biasMantissa: ClosedRange<Int32> = -4096...4095
  /// `biasExp`: 3-bit unsigned.
  public static let biasExponent: ClosedRange<Int32> = 0...7
  /// `vThMant`: 17-bit unsigned; the threshold on v is `vThMant << 6`.
  public static let thresholdMantissa: ClosedRange<Int32> = 0...131_071
  /// `refractoryDelay`: 1 means no hold; R holds v at 0 for R − 1 ticks after a spike.
  public static let refractoryDelay: ClosedRange<Int32> = 1...64
  /// Largest magnitude of v (saturating, not wrapping).
  public static let voltageLimit: Int32 = (1 << 23) - 1
  /// `vMin` may be any value from −(2^23 − 1) to 0.
  public static let voltageMin: ClosedRange<Int32> = -voltageLimit...0
  /// `vMax` may be any value from 0 to 2^23 − 1.
  public static let voltageMax: ClosedRange<Int32> = 0...voltageLimit
  /// The weight register before quantisation (`Wgt`).
  public static let weightMantissa: ClosedRange<Int32> = -256...255
  /// `numWeightBits`.
  public static let numWeightBits: ClosedRange<Int32> = 0...8
  /// `weightExponent`.
  public static let weightExponent: ClosedRange<Int32> = -8...7
  /// Synaptic delay in ticks (6 delay bits; one slot of the ring is always being consumed).
  public static let delay: ClosedRange<Int32> = 0...62
  /// Traces x1, x2, y1, y2, y3, r1 are 7-bit unsigned and saturate.
  public static let traceValue: ClosedRange<Int32> = 0...127
  /// Integer part of a trace impulse; the fraction has 7 bits.
  public static let traceImpulse: ClosedRange<Int32> = 0...127
  /// Trace time constant in ticks (0 = no memory across ticks).
  public static let traceTimeConstant: ClosedRange<Int32> = 0...65_535
  /// `tEpoch`: 6-bit epoch timer.
  public static let learningEpoch: ClosedRange<Int32> = 1...63
  /// Learned synaptic delay variable `d` (not applied to routing; see `LearningRule`).
  public static let learnedDelay: ClosedRange<Int32> = 0...62
  /// Learned tag variable `t` (9-bit signed).
  public static let tag: ClosedRange<Int32> = -256...255
}
