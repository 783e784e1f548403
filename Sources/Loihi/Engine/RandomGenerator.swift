/// The chip's one seeded random source (xoshiro256**, seeded through SplitMix64).
///
/// The hardware PRNG is not public; what matters is that every draw comes from this one generator
/// in a fixed order, so the same seed gives the same run bit for bit. It is a value: a snapshot of
/// the chip copies it, and restoring rewinds it.
public struct RandomGenerator: Hashable, Sendable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) &<< 7 | (s1 &* 5) &>> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform integer in `0..<bound` (bound > 0), without modulo bias (Lemire's method).
  @inlinable
  public mutating func uniform(below bound: UInt64) -> UInt64 {
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return product.high
  }

  /// True with probability `numerator / denominator`; draws only when the outcome is uncertain.
  @inlinable
  public mutating func bernoulli(_ numerator: Int64, over denominator: Int64) -> Bool {
    if numerator <= 0 { return false }
    if numerator >= denominator { return true }
    return Int64(uniform(below: UInt64(denominator))) < numerator
  }
}
