import Foundation
import Loihi

/// The four plastic matrices of the circuit, in weight units (even, −256…254), each in the chip
/// connection's [pre][post] layout.
package struct NBPWeights: Hashable, Sendable {
  package let input: Int
  package let hidden: Int
  package let output: Int
  /// x → h1: `input × hidden`, `w1[i * hidden + k]`.
  package var w1: [Int32]
  /// h1 → o: `hidden × output`.
  package var w2: [Int32]
  /// o → h1T: `output × hidden`; starts as W2ᵀ.
  package var w2Tp: [Int32]
  /// oT- → h1T: `output × hidden`; starts as −W2ᵀ.
  package var w2Tm: [Int32]

  /// The chip's range for 8-bit mixed-sign weights.
  package static let range: ClosedRange<Int32> = -256...254

  package init(input: Int, hidden: Int, output: Int, w1: [Int32], w2: [Int32], w2Tp: [Int32], w2Tm: [Int32]) {
    precondition(w1.count == input * hidden && w2.count == hidden * output, "matrix sizes")
    precondition(w2Tp.count == output * hidden && w2Tm.count == output * hidden, "matrix sizes")
    self.input = input
    self.hidden = hidden
    self.output = output
    self.w1 = w1
    self.w2 = w2
    self.w2Tp = w2Tp
    self.w2Tm = w2Tm
  }

  /// W1 and W2, with the transposed copies derived: W2Tp = W2ᵀ, W2Tm = −W2ᵀ (clipped to the
  /// range, since −(−256) = 256 is not representable).
  package init(input: Int, hidden: Int, output: Int, w1: [Int32], w2: [Int32]) {
    var tp = [Int32](repeating: 0, count: output * hidden)
    var tm = tp
    for k in 0..<hidden {
      for j in 0..<output {
        tp[j * hidden + k] = w2[k * output + j]
        tm[j * hidden + k] = min(Self.range.upperBound, -w2[k * output + j])
      }
    }
    self.init(input: input, hidden: hidden, output: output, w1: w1, w2: w2, w2Tp: tp, w2Tm: tm)
  }

  /// The authors' initialisation (their code calls it "He"; the formula is Glorot's): normal with
  /// standard deviation sqrt(2 / (fan_in + fan_out)), times 1024, clipped to ±240, rounded toward
  /// zero to an even integer. Seeded: the same seed gives the same weights.
  package static func initial(input: Int, hidden: Int, output: Int, seed: UInt64) -> NBPWeights {
    var random = RandomGenerator(seed: seed)
    func matrix(_ fanIn: Int, _ fanOut: Int) -> [Int32] {
      let deviation = (2.0 / Double(fanIn + fanOut)).squareRoot() * 1024
      return (0..<fanIn * fanOut).map { _ in
        let x = min(240, max(-240, random.normal() * deviation))
        let whole = Int32(x.rounded(.towardZero))
        return whole - whole % 2
      }
    }
    let w1 = matrix(input, hidden)
    let w2 = matrix(hidden, output)
    return NBPWeights(input: input, hidden: hidden, output: output, w1: w1, w2: w2)
  }

  /// The matrix stored under `name`, in the chip's [pre][post] layout.
  package subscript(matrix: PlasticMatrix) -> [Int32] {
    switch matrix {
    case .w1: return w1
    case .w2: return w2
    case .w2Tp: return w2Tp
    case .w2Tm: return w2Tm
    }
  }

  /// (pre, post) sizes of a matrix.
  package func shape(of matrix: PlasticMatrix) -> (pre: Int, post: Int) {
    switch matrix {
    case .w1: return (input, hidden)
    case .w2: return (hidden, output)
    case .w2Tp, .w2Tm: return (output, hidden)
    }
  }
}

extension RandomGenerator {
  /// A standard normal deviate (Box–Muller on two uniform 53-bit draws).
  mutating func normal() -> Double {
    let scale = 1.0 / Double(UInt64(1) << 53)
    let u1 = (Double(next() >> 11) + 1) * scale  // in (0, 1]
    let u2 = Double(next() >> 11) * scale
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
