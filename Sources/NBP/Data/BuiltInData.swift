import Loihi

/// The two tiny tasks that need no files: XOR and a fixed random linear map.
///
/// The authors first showed their circuit learning such tasks (NICE'20, in Brian2) before MNIST.
/// They are small enough that every neuron of a learning cycle fits on one screen
/// (`nbpscope tui --dataset xor --hidden 8`).
///
/// ## Why each bit drives several input neurons
/// A unit fires when its summed input exceeds θ = 512 weight units, and a weight is at most 254,
/// so a unit needs at least three active inputs to fire at all; a hidden unit that sees no active
/// input has a = 0, gets no surrogate derivative (the box is 0 < a ≤ 1024) and never learns. So
/// each bit is one-hot encoded over groups of neurons (``OneHotEncoding``): `copies` neurons for 1
/// and `copies` other neurons for 0. Every pattern then drives exactly `bits × copies` inputs,
/// whatever its bits, and an all-zero pattern is seen as clearly as any other.
package enum BuiltInData {
  /// One binary feature per group of `2 × copies` input neurons: the first `copies` fire when the
  /// bit is 1, the next `copies` when it is 0. Bit b occupies inputs `2·copies·b ..< 2·copies·(b+1)`.
  package struct OneHotEncoding: Hashable, Sendable {
    /// Binary features per sample.
    package let bits: Int
    /// Input neurons per value of a bit.
    package let copies: Int

    package init(bits: Int, copies: Int) {
      self.bits = bits
      self.copies = copies
    }

    /// Input neurons: `2 × bits × copies`.
    package var inputSize: Int { 2 * bits * copies }
    /// Input neurons every pattern drives: `bits × copies`.
    package var activeInputs: Int { bits * copies }

    /// The input spikes (0 or 1) of one pattern of `bits` values (each 0 or 1).
    package func encode(_ pattern: [UInt8]) -> [UInt8] {
      precondition(pattern.count == bits, "pattern of \(pattern.count) bits, expected \(bits)")
      var input = [UInt8](repeating: 0, count: inputSize)
      for (b, value) in pattern.enumerated() {
        let start = 2 * copies * b + (value != 0 ? 0 : copies)
        for i in start..<(start + copies) { input[i] = 1 }
      }
      return input
    }
  }

  /// XOR: 2 bits, 4 neurons per value (16 inputs, 8 active in every pattern).
  package static let xorEncoding = OneHotEncoding(bits: 2, copies: 4)

  /// The four XOR patterns (0,0), (0,1), (1,0), (1,1) with labels 0, 1, 1, 0; the test set is the
  /// same four patterns.
  package static func xor() -> Dataset {
    let samples = [[0, 0], [0, 1], [1, 0], [1, 1]].map { bits in
      Sample(pixels: xorEncoding.encode(bits.map(UInt8.init)), label: UInt8(bits[0] ^ bits[1]))
    }
    return Dataset(kind: .xor, train: samples, test: samples)
  }

  /// A fixed random map from 16 bits to 4 classes: the label of bits b is argmax over classes c of
  /// `matrix[c] · b`.
  ///
  /// - Every row of the matrix is a permutation of −8…−1, 1…8 drawn from ``seed``, so every class
  ///   has the same score distribution and the classes come out roughly balanced.
  /// - Patterns are uniform random bit vectors from the same generator, without repeats; a pattern
  ///   whose best score beats the second best by less than ``margin`` is skipped, so every label
  ///   is decided by a clear margin rather than by a tie rule.
  /// - The first ``trainCount`` kept patterns are the training set, the next ``testCount`` the test
  ///   set (disjoint, since no pattern repeats).
  /// - Encoding: 1 neuron per value of a bit (32 inputs, 16 active in every pattern).
  package struct LinearMap: Sendable {
    package static let bits = 16
    package static let classes = 4
    package static let seed: UInt64 = 2020
    package static let margin = 4
    package static let trainCount = 400
    package static let testCount = 100
    package static let encoding = OneHotEncoding(bits: bits, copies: 1)

    /// `classes × bits`, row-major.
    package let matrix: [Int]

    /// The map of ``seed``.
    package init() {
      var random = RandomGenerator(seed: Self.seed)
      let values = Array(-8...(-1)) + Array(1...8)
      var matrix: [Int] = []
      for _ in 0..<Self.classes {
        var row = values
        for i in stride(from: row.count - 1, to: 0, by: -1) {
          row.swapAt(i, Int(random.uniform(below: UInt64(i + 1))))
        }
        matrix += row
      }
      self.matrix = matrix
    }

    /// The class scores `matrix · bits`.
    package func scores(_ bits: [UInt8]) -> [Int] {
      (0..<Self.classes).map { c in
        (0..<Self.bits).reduce(0) { $0 + matrix[c * Self.bits + $1] * Int(bits[$1]) }
      }
    }

    /// The label of `bits`, or nil when the best class does not win by ``margin``.
    package func label(_ bits: [UInt8]) -> Int? {
      let s = scores(bits)
      let best = Metrics.firstMaximum(s)
      let second = s.indices.filter { $0 != best }.map { s[$0] }.max()!
      return s[best] - second >= Self.margin ? best : nil
    }

    /// The training and test sets (see the type's discussion).
    package func dataset() -> Dataset {
      var random = RandomGenerator(seed: Self.seed ^ 0x4C49_4E45_4152)  // apart from the matrix draws
      var seen = Set<[UInt8]>()
      var samples: [Sample] = []
      while samples.count < Self.trainCount + Self.testCount {
        let bits = (0..<Self.bits).map { _ in UInt8(random.next() >> 63) }
        guard seen.insert(bits).inserted, let label = label(bits) else { continue }
        samples.append(Sample(pixels: Self.encoding.encode(bits), label: UInt8(label)))
      }
      return Dataset(
        kind: .linearMap, train: Array(samples.prefix(Self.trainCount)), test: Array(samples.suffix(Self.testCount)))
    }
  }

  /// The samples of a built-in kind; nil for the image kinds (they load from files).
  package static func dataset(_ kind: DatasetKind) -> Dataset? {
    switch kind {
    case .mnist20, .mnist10, .mnist28, .fmnist28: nil
    case .xor: xor()
    case .linearMap: LinearMap().dataset()
    }
  }
}
