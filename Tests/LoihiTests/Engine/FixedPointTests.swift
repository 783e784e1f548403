import Loihi
import Testing

@Suite struct FixedPointTests {
  struct DecayCase: CustomTestStringConvertible, Sendable {
    let x: Int32, d: Int32, expected: Int32
    var testDescription: String { "decay(\(x), \(d)) = \(expected)" }
  }

  /// sgn(x)·floor(|x|·(4096 − D)/4096): rounds toward zero for both signs.
  @Test(arguments: [
    DecayCase(x: 5, d: 2048, expected: 2),  // 2.5 → 2
    DecayCase(x: -5, d: 2048, expected: -2),  // −2.5 → −2, not −3 (toward zero)
    DecayCase(x: -1, d: 1, expected: 0),  // −4095/4096 → 0
    DecayCase(x: 8192, d: 1, expected: 8190),  // 8192·4095/4096 = 8190
    DecayCase(x: -8192, d: 1, expected: -8190),
    DecayCase(x: 123_456, d: 4096, expected: 0),  // τ = 1 forgets everything
    DecayCase(x: -123_456, d: 0, expected: -123_456),  // no decay
    DecayCase(x: 8_388_607, d: 2048, expected: 4_194_303),  // 4194303.5 → 4194303
  ])
  func decay(_ c: DecayCase) {
    #expect(FixedPoint.decay(c.x, c.d) == c.expected)
  }

  @Test func wrapIsTwosComplement() {
    // 24 bits: [−2^23, 2^23).
    #expect(FixedPoint.wrap(Int32(8_388_607), bits: 24) == 8_388_607)
    #expect(FixedPoint.wrap(Int32(8_388_608), bits: 24) == -8_388_608)
    #expect(FixedPoint.wrap(Int32(-8_388_608), bits: 24) == -8_388_608)
    #expect(FixedPoint.wrap(Int32(-8_388_609), bits: 24) == 8_388_607)
    // 22 bits: [−2^21, 2^21).
    #expect(FixedPoint.wrap(Int32(4_177_920), bits: 22) == -16_384)
    #expect(FixedPoint.wrap(Int64(1) << 40 + 5, bits: 22) == 5)
  }

  struct ContributionCase: CustomTestStringConvertible, Sendable {
    let w: Int32, e: Int32, expected: Int32
    var testDescription: String { "W=\(w) wexp=\(e) → \(expected)" }
  }

  /// floor(W·2^wexp)·64, shifted per synapse (Part A 3).
  @Test(arguments: [
    ContributionCase(w: 128, e: 0, expected: 8192),
    ContributionCase(w: -3, e: -1, expected: -128),  // floor(−1.5) = −2 (golden 4.6)
    ContributionCase(w: 5, e: -2, expected: 64),  // floor(1.25) = 1
    ContributionCase(w: -5, e: -2, expected: -128),  // floor(−1.25) = −2
    ContributionCase(w: 1, e: -8, expected: 0),
    ContributionCase(w: -1, e: -8, expected: -64),
    ContributionCase(w: 255, e: 7, expected: 2_088_960),
    ContributionCase(w: 145, e: 6, expected: 593_920),  // the nBP 1ge weight 9280 units
  ])
  func contribution(_ c: ContributionCase) {
    #expect(FixedPoint.contribution(mantissa: c.w, exponent: c.e) == c.expected)
  }

  @Test func thresholdAndBias() {
    #expect(FixedPoint.threshold(mantissa: 1024) == 65_536)
    #expect(FixedPoint.bias(mantissa: -4096, exponent: 7) == -524_288)  // −8192 weight units
  }
}
