/// How a synapse group stores its weights: sign mode, precision and exponent.
public enum SignMode: String, Hashable, Sendable, CaseIterable {
  case mixed, excitatory, inhibitory

  /// The sign mode NxSDK's helper infers for a set of weights: all > 0 excitatory, all < 0
  /// inhibitory, otherwise mixed.
  public static func inferred(from weights: some Sequence<Int32>) -> SignMode {
    var allPositive = true
    var allNegative = true
    var any = false
    for w in weights {
      any = true
      if w <= 0 { allPositive = false }
      if w >= 0 { allNegative = false }
    }
    if any && allPositive { return .excitatory }
    if any && allNegative { return .inhibitory }
    return .mixed
  }
}

/// Weight precision and scaling of one synapse group (Part A 3).
public struct WeightFormat: Hashable, Sendable {
  /// `numWeightBits` 0...8. Zero bits store no weight at all: every weight is 0.
  public let numWeightBits: Int32
  public let signMode: SignMode
  /// `weightExponent` −8...7; a spike adds `floor(W · 2^wexp) · 2^6` to u.
  public let exponent: Int32

  public init(numWeightBits: Int32 = 8, signMode: SignMode, exponent: Int32 = 0) throws {
    self.numWeightBits = try LoihiError.check(
      numWeightBits, in: ChipLimits.numWeightBits, field: "numWeightBits")
    self.signMode = signMode
    self.exponent = try LoihiError.check(
      exponent, in: ChipLimits.weightExponent, field: "weightExp")
  }

  /// Low bits dropped from the mantissa: `s = 8 − numWeightBits + isMixed` (capped at 8).
  public var droppedBits: Int32 {
    min(8, 8 - numWeightBits + (signMode == .mixed ? 1 : 0))
  }

  /// The range a stored (quantised or learned) mantissa lies in.
  public var storedRange: ClosedRange<Int32> {
    if numWeightBits == 0 { return 0...0 }
    let top: Int32 = 256 - (1 << droppedBits)
    switch signMode {
    case .mixed: return -256...top
    case .excitatory: return 0...top
    case .inhibitory: return -top...0
    }
  }

  /// The range a user-given mantissa must lie in before quantisation.
  public var inputRange: ClosedRange<Int32> {
    switch signMode {
    case .mixed: return -256...255
    case .excitatory: return 0...255
    case .inhibitory: return -255...0
    }
  }

  /// Build-time quantisation of a checked mantissa: floor for mixed (−3 → −4 at 8 bits), toward
  /// zero for excitatory and inhibitory.
  public func quantize(_ w: Int32) -> Int32 {
    if numWeightBits == 0 { return 0 }
    let s = droppedBits
    let q: Int32
    switch signMode {
    case .mixed: q = (w >> s) << s
    case .excitatory: q = (w >> s) << s
    case .inhibitory: q = -(((-w) >> s) << s)
    }
    let range = storedRange
    return min(max(q, range.lowerBound), range.upperBound)
  }

  /// Checks `w` against ``inputRange`` and quantises it.
  public func checkedQuantize(_ w: Int32, field: @autoclosure () -> String) throws -> Int32 {
    quantize(try LoihiError.check(w, in: inputRange, field: field()))
  }
}
