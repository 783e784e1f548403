import Loihi

/// The non-spiking statement of what the circuit computes, weight for weight (nbp-circuit.md §1 as
/// the chip really does it): binarized forward pass, ternary error, box-derivative backward pass
/// through the two trained transposes, ±2 updates clamped to −256…254 after each step.
///
/// It follows the chip, not the authors' numpy sketch: a unit fires only when its input sum,
/// offset by its gates and wrapped to the chip's 22-bit input register, strictly exceeds the
/// threshold (so the upper surrogate bound is a > 1024, not a ≥ 1024), and the backward pass reads
/// W2Tp and W2Tm as they stand when the error spikes are routed (before this sample's updates).
///
/// It follows the circuit profile where the profile enters the arithmetic: the gate, relay and
/// threshold-shift weights, threshold, bias and plastic weight exponent. The profile's vetoes and
/// refractory periods do not enter it: they only act on a unit whose input escapes its window,
/// which the reference, computing each window's sums directly, does not model. Where they matter,
/// `train --verify` shows the chip departing from it.
package struct ReferenceModel: Sendable {
  package private(set) var weights: NBPWeights
  let arithmetic: Arithmetic

  package init(weights: NBPWeights, profile: CircuitProfile = .standard) {
    self.weights = weights
    arithmetic = Arithmetic(profile)
  }

  /// Replaces the weights (the verifier resynchronises after a difference it has counted).
  package mutating func reset(weights: NBPWeights) {
    self.weights = weights
  }

  /// The chip arithmetic of a data neuron under a profile, and the gate input, in weight units,
  /// that each population receives in its window.
  struct Arithmetic: Sendable {
    let gate: Int32  // g: +θ/2 above the bias
    let gateHalfStep: Int32  // g + gm05
    let biasOnly: Int32  // gp05
    let relay: Int32  // 1e
    let relayInhibitory: Int32  // 1i
    /// Plastic weight exponent: a plastic weight w adds w·2^e weight units.
    let plasticShift: Int32
    private let bias: Int32
    private let threshold: Int32

    init(_ profile: CircuitProfile) {
      gate = profile.weight(.gate)
      gateHalfStep = gate + profile.weight(.gateHalfStep)
      biasOnly = profile.weight(.gateBiasOnly)
      relay = profile.weight(.relay)
      relayInhibitory = profile.weight(.relayInhibitory)
      plasticShift = profile.weightExponent
      let (mantissa, exponent) = CircuitProfile.biasEncoding(of: profile.bias)!
      bias = FixedPoint.bias(mantissa: mantissa, exponent: exponent)
      threshold = FixedPoint.threshold(mantissa: profile.threshold)
    }

    /// Whether a data neuron (memoryless) spikes when its inputs sum to `a + offset` weight
    /// units in one tick: the exact chip arithmetic.
    @inline(__always)
    func fires(_ a: Int32, _ offset: Int32) -> Bool {
      let q = FixedPoint.wrap((Int64(a) + Int64(offset)) &* 64, bits: FixedPoint.inputBits)
      let drive = FixedPoint.wrap(q &+ bias, bits: FixedPoint.currentBits)
      return drive > threshold
    }

    /// A relayed count: `plus` 1e spikes and `minus` 1i spikes arriving together.
    @inline(__always)
    func relayed(plus: Int32, minus: Int32) -> Int32 { relay &* plus &+ relayInhibitory &* minus }
  }

  /// The forward pass: output spikes and pre-activations, and the hidden activity behind them.
  package func infer(_ pixels: [UInt8]) -> TrialOutput {
    var scratch = Scratch(weights)
    scratch.forward(pixels, weights, arithmetic)
    return TrialOutput(spikes: scratch.o, preActivation: scratch.observedPreActivation(arithmetic))
  }

  /// One training sample, exactly as the 12 windows of the circuit apply it.
  /// - Parameter afterWindow: called with the weights after each learning window's updates
  ///   (5, 7, 9, 11), so a verifier can compare the chip tick by tick.
  @discardableResult
  package mutating func train(
    _ pixels: [UInt8], label: Int, afterWindow: ((Int, NBPWeights) -> Void)? = nil
  ) -> TrialOutput {
    var s = Scratch(weights)
    let m = arithmetic
    s.forward(pixels, weights, m)
    let (input, hidden, output) = (weights.input, weights.hidden, weights.output)
    // Window 4: the ternary error from t, o and the output masks.
    var dP = [Bool](repeating: false, count: output)
    var dM = [Bool](repeating: false, count: output)
    for j in 0..<output {
      let t: Int32 = j == label ? 1 : 0
      let o: Int32 = s.o[j] ? 1 : 0
      let gate: Int32 = s.oAbove0[j] ? m.gate : 0
      let over: Int32 = s.oAbove1024[j] ? 1 : 0
      // d+ gets t (1e) and o (1i); d- gets o (1e), t and o_copy2 (1i); o_copy opens both (g1).
      dP[j] = m.fires(m.relayed(plus: t, minus: o), gate)
      dM[j] = m.fires(m.relayed(plus: o, minus: t + over), gate)
    }
    let plus = (0..<output).filter { dP[$0] }
    let minus = (0..<output).filter { dM[$0] }
    let active = (0..<input).filter { pixels[$0] != 0 }
    let hiddenOn = (0..<hidden).filter { s.h[$0] }
    // Window 6: e+ through the transposes as they stand, masked by c_h1 = (a1 > 0) ∧ ¬(a1 > 1024).
    let up = backprop(positive: plus, negative: minus, mask: s.mask)
    // Window 5 (rewarded): W2 += 2 h⊗d+; W2Tp follows with d+, W2Tm with d-.
    adjust(&weights.w2, rows: hiddenOn, columns: plus, stride: output, by: 2)
    adjust(&weights.w2Tp, rows: plus, columns: hiddenOn, stride: hidden, by: 2)
    adjust(&weights.w2Tm, rows: minus, columns: hiddenOn, stride: hidden, by: 2)
    afterWindow?(5, weights)
    // Window 7 (rewarded): W1 += 2 x⊗(mask ∧ e+ > 0).
    adjust(&weights.w1, rows: active, columns: up, stride: hidden, by: 2)
    afterWindow?(7, weights)
    // Window 10: e- through the transposes after window 5's updates (rows it reads were not touched).
    let down = backprop(positive: minus, negative: plus, mask: s.mask)
    // Window 9 (unrewarded): W2 −= 2 h⊗d-; W2Tp −= 2 d-⊗h; W2Tm −= 2 d+⊗h.
    adjust(&weights.w2, rows: hiddenOn, columns: minus, stride: output, by: -2)
    adjust(&weights.w2Tp, rows: minus, columns: hiddenOn, stride: hidden, by: -2)
    adjust(&weights.w2Tm, rows: plus, columns: hiddenOn, stride: hidden, by: -2)
    afterWindow?(9, weights)
    // Window 11 (unrewarded): W1 −= 2 x⊗(mask ∧ e- > 0).
    adjust(&weights.w1, rows: active, columns: down, stride: hidden, by: -2)
    afterWindow?(11, weights)
    return TrialOutput(spikes: s.o, preActivation: s.observedPreActivation(m))
  }

  /// Hidden units that fire in a backward window: h1T gets Σ over d(first) of W2Tp rows plus
  /// Σ over d(second) of W2Tm rows, gated by g + gm05; the hidden layer then fires where h1T and
  /// c_h1 (the box mask) both fired.
  private func backprop(positive: [Int], negative: [Int], mask: [Bool]) -> [Int] {
    let hidden = weights.hidden
    var e = [Int32](repeating: 0, count: hidden)
    for j in positive { addRow(weights.w2Tp, row: j, width: hidden, into: &e) }
    for j in negative { addRow(weights.w2Tm, row: j, width: hidden, into: &e) }
    let m = arithmetic
    // In the next window h1 gets h1T (1e) + c_h1 (g1): it fires only where both did.
    return (0..<hidden).filter { mask[$0] && m.fires(e[$0] &<< m.plasticShift, m.gateHalfStep) }
  }

  /// Adds `by` to the entries (row, column) of a row-major matrix, clamping each to −256…254.
  private func adjust(_ matrix: inout [Int32], rows: [Int], columns: [Int], stride: Int, by delta: Int32) {
    guard !rows.isEmpty, !columns.isEmpty else { return }
    let (lo, hi) = (NBPWeights.range.lowerBound, NBPWeights.range.upperBound)
    matrix.withUnsafeMutableBufferPointer { m in
      for r in rows {
        let base = r * stride
        for c in columns { m[base + c] = min(hi, max(lo, m[base + c] &+ delta)) }
      }
    }
  }
}

/// Adds row `row` of a row-major matrix into `sum` (the chip's dense row add).
@inline(__always)
func addRow(_ matrix: [Int32], row: Int, width: Int, into sum: inout [Int32]) {
  matrix.withUnsafeBufferPointer { m in
    sum.withUnsafeMutableBufferPointer { s in
      let source = m.baseAddress! + row * width
      for k in 0..<width { s[k] &+= source[k] }
    }
  }
}

/// Per-sample activity of the forward pass.
struct Scratch {
  var a1: [Int32]
  var h: [Bool]
  /// c_h1: the box derivative (a1 > 0) ∧ ¬(a1 > 1024), as h1_copy ∧ ¬h1_copy2.
  var mask: [Bool]
  var a2: [Int32]
  var o: [Bool]
  var oAbove0: [Bool]
  var oAbove1024: [Bool]

  init(_ weights: NBPWeights) {
    a1 = [Int32](repeating: 0, count: weights.hidden)
    h = [Bool](repeating: false, count: weights.hidden)
    mask = h
    a2 = [Int32](repeating: 0, count: weights.output)
    o = [Bool](repeating: false, count: weights.output)
    oAbove0 = o
    oAbove1024 = o
  }

  /// a2 as the chip shows it in the output neurons' u: offset by the gate, wrapped to 22 bits.
  func observedPreActivation(_ m: ReferenceModel.Arithmetic) -> [Int32] {
    a2.map { FixedPoint.wrap((Int64($0) + Int64(m.gate)) &* 64, bits: FixedPoint.inputBits) / 64 - m.gate }
  }

  /// a1 and a2 are in weight units (plastic sums times 2^weight_exponent).
  mutating func forward(_ pixels: [UInt8], _ weights: NBPWeights, _ m: ReferenceModel.Arithmetic) {
    for i in 0..<weights.input where pixels[i] != 0 { addRow(weights.w1, row: i, width: weights.hidden, into: &a1) }
    if m.plasticShift != 0 { a1 = a1.map { $0 &<< m.plasticShift } }
    for k in 0..<weights.hidden {
      h[k] = m.fires(a1[k], m.gate)
      let above0 = m.fires(a1[k], m.gateHalfStep)
      let above1024 = m.fires(a1[k], m.biasOnly)
      // c_h1 gets 1e from h1_copy and 1i from h1_copy2, opened by g06.
      mask[k] = m.fires(m.relayed(plus: above0 ? 1 : 0, minus: above1024 ? 1 : 0), m.gate)
    }
    for k in 0..<weights.hidden where h[k] { addRow(weights.w2, row: k, width: weights.output, into: &a2) }
    if m.plasticShift != 0 { a2 = a2.map { $0 &<< m.plasticShift } }
    for j in 0..<weights.output {
      o[j] = m.fires(a2[j], m.gate)
      oAbove0[j] = m.fires(a2[j], m.gateHalfStep)
      oAbove1024[j] = m.fires(a2[j], m.biasOnly)
    }
  }
}
