/// Every bit-level rule of the chip's arithmetic, named, with its width.
///
/// Nothing else in the emulator writes a shift amount or a mask: change a rule here and it changes
/// everywhere. All functions are total (never trap on overflow), because overflow is behaviour.
public enum FixedPoint {
  /// u is a 24-bit two's-complement register; it wraps.
  public static let currentBits = 24
  /// The per-tick dendritic input sum is a 22-bit two's-complement value in u units.
  public static let inputBits = 22
  /// Decays are multiply-then-shift by this many bits: `(4096 − D) / 4096`.
  public static let decayShift = 12
  /// Weights and thresholds are aligned to v by this many bits (one weight unit = 64 v units).
  public static let weightAlignment = 6
  /// Fractional bits of the learning accumulator (`A = w << 7`).
  public static let learningFraction = 7
  /// The learning accumulator saturates to 16 bits signed.
  public static let learningAccumulator: ClosedRange<Int64> = -32_768...32_767
  /// Bits a product may hold before it is scaled down (`max(0, Σ widths + M − 15)`).
  public static let learningProductBits = 15
  /// M in the product scaling: 3, as nengo-loihi calibrated on hardware (Lava uses 4).
  public static let learningMantissaBits = 3
  /// Fractional bits of a trace impulse.
  public static let impulseFraction = 7

  /// Wraps to `bits`-bit two's complement.
  @inlinable @inline(__always)
  public static func wrap(_ x: Int32, bits: Int) -> Int32 {
    let shift = Int32(32 - bits)
    return (x &<< shift) &>> shift
  }

  /// Wraps a 64-bit intermediate to `bits`-bit two's complement.
  @inlinable @inline(__always)
  public static func wrap(_ x: Int64, bits: Int) -> Int32 {
    Int32(truncatingIfNeeded: (x &<< Int64(64 - bits)) &>> Int64(64 - bits))
  }

  /// `sgn(x) · floor(|x| · (4096 − D) / 4096)`: rounds toward zero, symmetric in sign.
  @inlinable @inline(__always)
  public static func decay(_ x: Int32, _ d: Int32) -> Int32 {
    let magnitude = (Int64(x.magnitude) &* Int64(4096 &- d)) &>> Int64(decayShift)
    return x < 0 ? Int32(truncatingIfNeeded: -magnitude) : Int32(truncatingIfNeeded: magnitude)
  }

  /// Clamps `x` to `lo...hi`.
  @inlinable @inline(__always)
  public static func saturate(_ x: Int64, _ lo: Int64, _ hi: Int64) -> Int64 {
    x < lo ? lo : (x > hi ? hi : x)
  }

  /// What one spike through a synapse adds to u: `floor(W · 2^wexp) · 2^6`, shifted per synapse.
  @inlinable @inline(__always)
  public static func contribution(mantissa w: Int32, exponent e: Int32) -> Int32 {
    let scaled = e >= 0 ? w &<< e : w &>> (-e)
    return scaled &<< Int32(weightAlignment)
  }

  /// The threshold on v: `vThMant · 2^6`.
  @inlinable @inline(__always)
  public static func threshold(mantissa: Int32) -> Int32 {
    mantissa &<< Int32(weightAlignment)
  }

  /// The bias added to v every tick: `biasMant · 2^biasExp`, raw (not aligned by 2^6).
  @inlinable @inline(__always)
  public static func bias(mantissa: Int32, exponent: Int32) -> Int32 {
    mantissa &<< exponent
  }
}
