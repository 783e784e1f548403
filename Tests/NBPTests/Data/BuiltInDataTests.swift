import Testing

@testable import NBP

/// The built-in tiny tasks: what they contain, how they are encoded and how they start.
@Suite struct BuiltInDataTests {
  /// The bits behind an encoded input: bit b is 1 when its first group of neurons fired.
  static func decode(_ pixels: [UInt8], _ encoding: BuiltInData.OneHotEncoding) -> [Int] {
    (0..<encoding.bits).map { b in Int(pixels[2 * encoding.copies * b]) }
  }

  @Test func oneHotGroupsDriveTheSameNumberOfInputsForEveryPattern() {
    let encoding = BuiltInData.OneHotEncoding(bits: 3, copies: 2)
    #expect(encoding.encode([1, 0, 1]) == [1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0])
    #expect(encoding.encode([0, 0, 0]) == [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1])
    #expect(encoding.inputSize == 12 && encoding.activeInputs == 3 * 2)
  }

  @Test func xorHasItsFourPatternsForTrainingAndTest() {
    let data = BuiltInData.xor()
    let encoding = BuiltInData.xorEncoding
    #expect(DatasetKind.xor.classCount == 2 && DatasetKind.xor.inputSize == encoding.inputSize)
    #expect(data.train == data.test && data.train.count == 4)
    let patterns = data.train.map { Self.decode($0.pixels, encoding) }
    #expect(Set(patterns) == [[0, 0], [0, 1], [1, 0], [1, 1]])
    for (sample, bits) in zip(data.train, patterns) {
      #expect(Int(sample.label) == bits[0] ^ bits[1])
      #expect(sample.pixels == encoding.encode(bits.map(UInt8.init)))
      // At least three active inputs are needed to reach θ = 512 with weights ≤ 254.
      #expect(sample.pixels.filter { $0 == 1 }.count == encoding.activeInputs && encoding.activeInputs >= 3)
    }
  }

  @Test func linearMapLabelsAreTheArgmaxOfItsMatrixByAClearMargin() throws {
    typealias Map = BuiltInData.LinearMap
    let map = Map()
    // Every row is a permutation of −8…−1, 1…8.
    for c in 0..<Map.classes {
      let row = map.matrix[(c * Map.bits)..<((c + 1) * Map.bits)]
      #expect(row.sorted() == Array(-8...(-1)) + Array(1...8))
    }
    let data = map.dataset()
    #expect(data.train.count == Map.trainCount && data.test.count == Map.testCount)
    #expect(DatasetKind.linearMap.inputSize == 32 && DatasetKind.linearMap.classCount == 4)
    var counts = [Int](repeating: 0, count: Map.classes)
    var patterns = Set<[Int]>()
    for sample in data.train + data.test {
      let bits = Self.decode(sample.pixels, Map.encoding)
      #expect(sample.pixels == Map.encoding.encode(bits.map(UInt8.init)))
      #expect(patterns.insert(bits).inserted, "no pattern repeats, so training and test are disjoint")
      let scores = (0..<Map.classes).map { c in (0..<Map.bits).reduce(0) { $0 + map.matrix[c * Map.bits + $1] * bits[$1] } }
      let ranked = scores.enumerated().sorted { $0.element > $1.element }
      #expect(Int(sample.label) == ranked[0].offset)
      #expect(ranked[0].element - ranked[1].element >= Map.margin)
      counts[Int(sample.label)] += 1
    }
    #expect(counts.allSatisfy { $0 >= 50 }, "every class is well represented: \(counts)")
    #expect(data.train == Map().dataset().train, "the map is fixed")
  }

  @Test func builtInKindsReadNoFiles() {
    #expect(BuiltInData.dataset(.mnist20) == nil)
    #expect(throws: DatasetError(file: "x", offset: nil, problem: .builtIn(kind: .xor))) {
      try Dataset.load(.xor, directory: "x")
    }
    #expect(DatasetError(file: "x", offset: nil, problem: .builtIn(kind: .linearMap)).description
      == "x: linear-map is built in and reads no files")
  }

  @Test func imageKindsKeepTheAuthorsInitialisation() {
    #expect(NBPWeights.initial(for: .mnist20, hidden: 40, seed: 3) == .initial(input: 400, hidden: 40, output: 10, seed: 3))
  }

  @Test(arguments: [(DatasetKind.xor, 8), (.linearMap, 32)])
  func builtInKindsStartCentred(_ kind: DatasetKind, _ hidden: Int) throws {
    let weights = NBPWeights.initial(for: kind, hidden: hidden, seed: 1)
    let encoding = try #require(kind.builtInEncoding)
    #expect(weights.input == kind.inputSize && weights.hidden == hidden && weights.output == kind.classCount)
    for w in weights.w1 + weights.w2 { #expect(abs(w) <= 240 && w % 2 == 0) }
    // The backward copies start as W2ᵀ (the circuit's invariant), whatever the draw.
    for k in 0..<hidden {
      for j in 0..<kind.classCount {
        #expect(weights.w2Tp[j * hidden + k] == weights.w2[k * kind.classCount + j])
      }
    }
    // The means put a hidden unit's expected input at θ and an output's at θ/2 (loose bounds: a draw).
    func mean(_ m: [Int32]) -> Double { Double(m.reduce(0) { $0 + Int($1) }) / Double(m.count) }
    let target1 = 512 / Double(encoding.activeInputs)
    #expect(abs(mean(weights.w1) - target1) < target1 / 2, "W1 mean \(mean(weights.w1))")
    let target2 = 512 / Double(hidden)
    #expect(abs(mean(weights.w2) - target2) < target2 / 2, "W2 mean \(mean(weights.w2))")
    #expect(weights == NBPWeights.initial(for: kind, hidden: hidden, seed: 1))
    #expect(weights != NBPWeights.initial(for: kind, hidden: hidden, seed: 2))
  }
}
