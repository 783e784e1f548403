import Loihi
import Testing

@Suite struct WeightFormatTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let mode: SignMode, bits: Int32, w: Int32, expected: Int32
    var testDescription: String { "\(mode) \(bits) bits: \(w) → \(expected)" }
  }

  /// s = 8 − numWeightBits + isMixed low bits are dropped: floor for mixed, toward zero otherwise.
  @Test(arguments: [
    Case(mode: .mixed, bits: 8, w: -3, expected: -4),  // floor (golden 4.6)
    Case(mode: .mixed, bits: 8, w: 3, expected: 2),
    Case(mode: .mixed, bits: 8, w: 255, expected: 254),
    Case(mode: .mixed, bits: 8, w: -256, expected: -256),
    Case(mode: .mixed, bits: 7, w: -3, expected: -4),  // s = 2
    Case(mode: .mixed, bits: 7, w: 7, expected: 4),
    Case(mode: .mixed, bits: 1, w: 100, expected: 0),  // s = 8: only the sign survives
    Case(mode: .mixed, bits: 1, w: -1, expected: -256),
    Case(mode: .mixed, bits: 0, w: -200, expected: 0),  // no bits: no weight
    Case(mode: .excitatory, bits: 8, w: 255, expected: 255),
    Case(mode: .excitatory, bits: 6, w: 7, expected: 4),  // s = 2 (golden 4.6: contribution 256)
    Case(mode: .excitatory, bits: 4, w: 255, expected: 240),
    Case(mode: .excitatory, bits: 2, w: 63, expected: 0),
    Case(mode: .excitatory, bits: 5, w: 17, expected: 16),
    Case(mode: .excitatory, bits: 3, w: 100, expected: 96),
    Case(mode: .inhibitory, bits: 8, w: -255, expected: -255),
    Case(mode: .inhibitory, bits: 8, w: -3, expected: -3),
    Case(mode: .inhibitory, bits: 7, w: -3, expected: -2),  // toward zero
    Case(mode: .inhibitory, bits: 6, w: -255, expected: -252),
  ])
  func quantize(_ c: Case) throws {
    let format = try WeightFormat(numWeightBits: c.bits, signMode: c.mode)
    #expect(format.quantize(c.w) == c.expected)
    #expect(format.storedRange.contains(c.expected))
  }

  @Test func storedRanges() throws {
    #expect(try WeightFormat(signMode: .mixed).storedRange == -256...254)
    #expect(try WeightFormat(signMode: .excitatory).storedRange == 0...255)
    #expect(try WeightFormat(signMode: .inhibitory).storedRange == -255...0)
    #expect(try WeightFormat(numWeightBits: 6, signMode: .mixed).storedRange == -256...248)
    #expect(try WeightFormat(numWeightBits: 6, signMode: .inhibitory).storedRange == -252...0)
  }

  @Test func signModeMismatchIsAnError() throws {
    let format = try WeightFormat(signMode: .excitatory)
    #expect(throws: LoihiError(path: "w", .outOfRange(value: "-2", allowed: "0...255"))) {
      try format.checkedQuantize(-2, field: "w")
    }
  }

  @Test func registerRanges() {
    #expect(throws: LoihiError(path: "numWeightBits", .outOfRange(value: "9", allowed: "0...8"))) {
      try WeightFormat(numWeightBits: 9, signMode: .mixed)
    }
    #expect(throws: LoihiError(path: "weightExp", .outOfRange(value: "-9", allowed: "-8...7"))) {
      try WeightFormat(signMode: .mixed, exponent: -9)
    }
  }

  @Test func inferredSignMode() {
    #expect(SignMode.inferred(from: [1, 2, 3]) == .excitatory)
    #expect(SignMode.inferred(from: [-1, -2]) == .inhibitory)
    #expect(SignMode.inferred(from: [-1, 0, 2]) == .mixed)
    #expect(SignMode.inferred(from: [0, 5]) == .mixed)
  }
}
