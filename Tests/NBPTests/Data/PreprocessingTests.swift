import NBP
import Testing

// MARK: - Rounding models

/// numpy's `np.round(x, 2)`: `rint(x * 100) / 100`, the product rounded to float64 first.
private func numpyRound2(_ x: Double) -> Double {
  (x * 100).rounded(.toNearestOrEven) / 100
}

/// Python's built-in `round(x, 2)` for a normal `x >= 0`: the *exact* binary value of x rounded to
/// two decimals with ties to even, returned as the nearest double to that decimal.
///
/// x = m · 2^e exactly (m the 53-bit significand), so 100·x = 100m · 2^e is exact in 64-bit
/// integers (100m < 2^60) and can be rounded without any floating-point step.
private func pythonRound2(_ x: Double) -> Double {
  precondition(x == 0 || (x > 0 && x.isNormal && x < 1024), "model covers 0 and normal 0 < x < 1024")
  if x == 0 { return 0 }
  let m = UInt64(x.significandBitPattern) | 1 << 52
  let e = Int(x.exponent) - 52
  let scaled = 100 * m
  let n: UInt64
  if e >= 0 {
    n = scaled << UInt64(e)
  } else if -e >= 64 {
    n = 0  // 100·x < 2^60 / 2^64 < 1/2
  } else {
    let k = UInt64(-e)
    let quotient = scaled >> k
    let remainder = scaled & ((1 << k) - 1)
    let half = UInt64(1) << (k - 1)
    let roundUp = remainder > half || (remainder == half && quotient & 1 == 1)
    n = roundUp ? quotient + 1 : quotient
  }
  return Double(n) / 100  // one correctly rounded division: the double nearest n/100
}

struct RoundingCase: CustomTestStringConvertible, Sendable {
  let x: Double
  let numpy: Double
  let python: Double
  var testDescription: String { "round(\(x), 2)" }

  /// Values from numpy 2.4.6 and CPython 3.11.7, where the two disagree and where they agree.
  static let all: [RoundingCase] = [
    .init(x: 0.015, numpy: 0.02, python: 0.01),  // 0.015·100 rounds to 1.5 exactly; x is below the tie
    .init(x: 0.005, numpy: 0.0, python: 0.01),  // 0.005·100 = 0.5 exactly, even is 0; x is above the tie
    .init(x: 2.675, numpy: 2.68, python: 2.67),  // the example in Python's documentation
    .init(x: 0.125, numpy: 0.12, python: 0.12),  // an exact binary tie: both go to even
    .init(x: 0.375, numpy: 0.38, python: 0.38),
    .init(x: 0.5039292579777008, numpy: 0.5, python: 0.5),  // p = 128
    .init(x: 0.5078662053056516, numpy: 0.51, python: 0.51),  // p = 129
  ]
}

@Test(arguments: RoundingCase.all)
func roundingModelsMatchNumPyAndPython(_ row: RoundingCase) {
  #expect(numpyRound2(row.x) == row.numpy)
  #expect(pythonRound2(row.x) == row.python)
}

// MARK: - Binarization

/// For every byte, the authors' chain (img_as_float, /255, ·256, round to 2 decimals, > 0.5)
/// is on exactly when p >= 129, whether the rounding is numpy's (what their code runs) or Python's.
@Test func binarizationEqualsThresholdAt129ForAllBytes() {
  for value in 0...255 {
    let p = UInt8(value)
    let unit = Double(p) * (1.0 / 255.0)  // skimage img_as_float
    #expect(Preprocessing.unitValue(p) == unit)
    let x = unit / 255.0 * 256.0  // load_mnist's / 255., then input_data's * 256
    #expect(Preprocessing.scaledInput(unit: unit) == numpyRound2(x), "p = \(p)")
    let expected: UInt8 = p >= 129 ? 1 : 0
    #expect((0.5 < numpyRound2(x) ? 1 : 0) == expected, "numpy rounding, p = \(p)")
    #expect((0.5 < pythonRound2(x) ? 1 : 0) == expected, "Python rounding, p = \(p)")
    #expect(Preprocessing.binarize(p) == expected, "p = \(p)")
    #expect(Preprocessing.binarize(unit: unit) == expected, "p = \(p)")
  }
  #expect(Preprocessing.scaledInput(unit: Preprocessing.unitValue(128)) == 0.5)
  #expect(Preprocessing.scaledInput(unit: Preprocessing.unitValue(129)) == 0.51)
}

/// The exact value 100·x = 100·S·256/(4·255²) for a 2 × 2 block with byte sum S (S = 4p for one
/// kept pixel) never comes near a rounding tie k + ½, so float64 rounding in the resize cannot
/// change a binary pixel: 100·x − (k + ½) = (12800·S − (2k+1)·65025) / 130050, checked in integers.
@Test func blockValuesStayClearOfRoundingTies() {
  var closest = Int.max
  for sum in 0...1020 {
    let residue = (12800 * sum) % 130050
    closest = min(closest, abs(residue - 65025))
  }
  // The closest is 25/130050 ≈ 0.00019 (in units of 100·x; single pixels, S = 4p, stay 375/130050
  // ≈ 0.0029 away), while float64 error after a handful of operations is below 10⁻¹³.
  #expect(closest == 25)
  // On iff 100·x > 50.5, i.e. 12800·S > 101·65025 = 6567525, i.e. S >= 514.
  #expect(12800 * 513 < 6_567_525 && 12800 * 514 > 6_567_525)
}

// MARK: - Crop

@Test func cropKeepsTheCentral20x20() {
  let image = (0..<28 * 28).map { UInt8($0 % 256) }  // pixel (r, c) = (28r + c) mod 256
  let cropped = Preprocessing.crop(image[...], rows: 28, columns: 28, margin: 4)
  #expect(cropped.count == 400)
  for row in 0..<20 {
    for column in 0..<20 {
      #expect(cropped[row * 20 + column] == UInt8(((row + 4) * 28 + column + 4) % 256))
    }
  }
  #expect(cropped.first == 116)  // (4, 4): 4·28 + 4
  #expect(cropped.last == 155)  // (23, 23): 23·28 + 23 = 667 = 2·256 + 155
  #expect(Preprocessing.crop(image[...], rows: 28, columns: 28, margin: 0) == image)
}

@Test func cropWorksOnASliceOfALargerBuffer() {
  let twoImages = [UInt8](repeating: 7, count: 16) + (0..<16).map { UInt8($0) }
  // Second 4 × 4 image, margin 1: the central 2 × 2 is pixels 5, 6, 9, 10.
  #expect(Preprocessing.crop(twoImages[16..<32], rows: 4, columns: 4, margin: 1) == [5, 6, 9, 10])
}

// MARK: - Bilinear resize against scikit-image

struct ResizeCase: CustomTestStringConvertible, Sendable {
  let name: String
  let rows: Int
  let columns: Int
  let toRows: Int
  let toColumns: Int
  /// The input, row-major.
  let image: [UInt8]
  /// (output index, expected value) from scikit-image 0.26.0 with scipy 1.17.1:
  /// `resize(image.astype(uint8), (toRows, toColumns), anti_aliasing=False, mode='constant')`.
  let expected: [(Int, Double)]
  var testDescription: String { name }

  init(
    _ name: String, _ rows: Int, _ columns: Int, to toRows: Int, _ toColumns: Int,
    pixel: (Int, Int) -> Int, expected: [(Int, Double)]
  ) {
    self.name = name
    self.rows = rows
    self.columns = columns
    self.toRows = toRows
    self.toColumns = toColumns
    var image: [UInt8] = []
    for r in 0..<rows {
      for c in 0..<columns { image.append(UInt8(pixel(r, c))) }
    }
    self.image = image
    self.expected = expected
  }

  /// Every output value, in row-major order.
  static func everyValue(_ values: [Double]) -> [(Int, Double)] {
    Array(values.enumerated())
  }

  // Factor 2 (mnist10): the mean of each 2 × 2 block, summed as ((a/4 + b/4) + c/4) + d/4.
  // By hand for output (0, 0): block 0, 7, 20, 27 → (0 + 7 + 20 + 27) / (4 · 255) = 54/1020.
  static let halve = ResizeCase(
    "20x20 to 10x10", 20, 20, to: 10, 10, pixel: { r, c in (r * 20 + c * 7) % 256 },
    expected: [
      (0, 0x1.b1b1b1b1b1b1bp-5),  // (0, 0): block 0 7 20 27 = 54/1020
      (1, 0x1.b9b9b9b9b9b9cp-4),  // (0, 1): block 14 21 34 41
      (37, 0x1.d0d0d0d0d0d0ep-1),  // (3, 7): block 218 225 238 245
      (99, 0x1.6868686868687p-1),  // (9, 9): block 230 237 250 1
      (52, 0x1.e4e4e4e4e4e4ep-1),  // (5, 2): block 228 235 248 255
    ])

  // Factor 2.8: sample points 2.8k + 0.9, weights that are not powers of two.
  static let byFactor2point8 = ResizeCase(
    "28x28 to 10x10", 28, 28, to: 10, 10, pixel: { r, c in (r * r + 3 * c) % 256 },
    expected: [
      (0, 0x1.ce9b683501ce9p-7), (12, 0x1.0c3f72a5d90c3p-3), (44, 0x1.6f08a23bd56efp-1),
      (99, 0x1.bdbdbdbdbdbebp-1), (73, 0x1.824f1be8b5824p-1),
    ])

  // Upscale: edge samples mix in cval 0, then the clip to [10/255, 255/255] lifts the corners.
  static let upscale = ResizeCase(
    "3x3 to 5x5", 3, 3, to: 5, 5, pixel: { r, c in [10, 200, 30, 40, 50, 255, 70, 80, 90][r * 3 + c] },
    expected: everyValue([
      0x1.4141414141414p-5, 0x1.14477aade1143p-2, 0x1.4141414141414p-1, 0x1.3ad46e07a13acp-2,
      0x1.34679ace01348p-4, 0x1.1ab44de7811abp-4, 0x1.15e2af7c4915ep-2, 0x1.1919191919192p-1,
      0x1.0101010101010p-1, 0x1.818181818181ap-2, 0x1.0101010101010p-3, 0x1.6161616161616p-3,
      0x1.9191919191919p-3, 0x1.5b5b5b5b5b5b6p-1, 0x1.999999999999cp-1, 0x1.74a7db0e4174cp-3,
      0x1.f1f1f1f1f1f1fp-3, 0x1.1111111111111p-2, 0x1.e5184b7eb1e52p-2, 0x1.f5285b8ec1f55p-2,
      0x1.67ce349b01680p-3, 0x1.db750ea841dbap-3, 0x1.0101010101012p-2, 0x1.14477aade1146p-2,
      0x1.ce9b683501ceep-3,
    ]))

  // An input with a 0: the clip range already holds cval, so edge values may fall below the
  // smallest nonzero input.
  static let upscaleWithZero = ResizeCase(
    "2x2 to 4x4", 2, 2, to: 4, 4, pixel: { r, c in [0, 100, 200, 255][r * 2 + c] },
    expected: [
      (0, 0.0), (1, 0.07352941176470588), (3, 0.22058823529411764), (6, 0.4571078431372549),
      (15, 0.5625), (12, 0.4411764705882353),
    ])

  // A flat image: every upscaled value, edges included, is clipped back to 10/255.
  static let flat = ResizeCase(
    "flat 3x3 to 5x5", 3, 3, to: 5, 5, pixel: { _, _ in 10 },
    expected: everyValue([Double](repeating: 0.0392156862745098, count: 25)))

  // Identity: the img_as_float values unchanged.
  static let identity = ResizeCase(
    "4x4 identity", 4, 4, to: 4, 4, pixel: { r, c in (r * 4 + c) * 17 },
    expected: everyValue((0..<16).map { Double($0 * 17) * (1.0 / 255.0) }))

  // Not square.
  static let rectangle = ResizeCase(
    "2x3 to 3x2", 2, 3, to: 3, 2, pixel: { r, c in (r * 3 + c + 1) * 40 },
    expected: everyValue([
      0x1.4ea3f94ea3f94p-3, 0x1.701ac5701ac56p-2, 0x1.b9b9b9b9b9b9bp-2, 0x1.5555555555555p-1,
      0x1.1c71c71c71c73p-1, 0x1.80d62b80d62bap-1,
    ]))

  static let all: [ResizeCase] = [halve, byFactor2point8, upscale, upscaleWithZero, flat, identity, rectangle]
}

@Test(arguments: ResizeCase.all)
func bilinearResizeMatchesScikitImageBitForBit(_ row: ResizeCase) {
  let resized = Preprocessing.resizeBilinear(
    row.image[...], rows: row.rows, columns: row.columns, toRows: row.toRows, toColumns: row.toColumns)
  #expect(resized.count == row.toRows * row.toColumns)
  for (index, value) in row.expected {
    let found = resized[index]
    #expect(
      found.bitPattern == value.bitPattern,
      "(\(index / row.toColumns), \(index % row.toColumns)): expected \(value), found \(found)")
  }
}

// MARK: - Whole samples

/// mnist10 binarizes each 2 × 2 block of the crop: on exactly when its byte sum is at least 514.
@Test func mnist10BlockIsOnFromSum514() {
  for sum in 0...1020 {
    var image = [UInt8](repeating: 0, count: 400)
    // Spread the sum over the block's four pixels (0, 0), (0, 1), (1, 0), (1, 1).
    for (index, position) in [0, 1, 20, 21].enumerated() {
      image[position] = UInt8(sum / 4 + (index < sum % 4 ? 1 : 0))
    }
    let sample = Preprocessing.sample(kind: .mnist10, image: image[...], rows: 20, columns: 20)
    #expect(sample[0] == (sum >= 514 ? 1 : 0), "block sum \(sum)")
    #expect(sample.dropFirst().allSatisfy { $0 == 0 })
  }
}

struct GeometryCase: CustomTestStringConvertible, Sendable {
  let kind: DatasetKind
  let side: Int
  var testDescription: String { "\(kind.rawValue) from \(side)x\(side)" }

  static let all: [GeometryCase] = DatasetKind.allCases.flatMap { kind in
    kind.acceptedSides.map { GeometryCase(kind: kind, side: $0) }
  }
}

/// A source image, the same image cropped, and (for identity resizes) at the final size all give
/// the sample the full pipeline gives from 28 × 28.
@Test(arguments: GeometryCase.all)
func samplesAgreeAcrossAcceptedGeometries(_ row: GeometryCase) {
  // A synthetic 28 × 28 "digit": a bright ring with a gradient, so all thresholds are crossed.
  var source = [UInt8](repeating: 0, count: 784)
  for r in 0..<28 {
    for c in 0..<28 {
      let d = (r - 14) * (r - 14) + (c - 13) * (c - 13)
      source[r * 28 + c] = d > 20 && d < 60 ? UInt8(min(255, 90 + 5 * d)) : UInt8((r * 3 + c) % 130)
    }
  }
  let reference = Preprocessing.sample(kind: row.kind, image: source[...], rows: 28, columns: 28)
  #expect(reference.count == row.kind.inputSize)
  #expect(reference.allSatisfy { $0 <= 1 })
  let margin = (28 - row.side) / 2
  let input = Preprocessing.crop(source[...], rows: 28, columns: 28, margin: margin)
  let sample = Preprocessing.sample(kind: row.kind, image: input[...], rows: row.side, columns: row.side)
  if row.side == row.kind.side && row.side != row.kind.croppedSide {
    // Already at the final size (mnist10 from 10 × 10): only binarized, byte by byte.
    #expect(sample == input.map(Preprocessing.binarize))
  } else {
    #expect(sample == reference)
  }
  if row.kind != .mnist10 {
    // Identity resize: the sample is the binarized crop.
    let crop = Preprocessing.crop(source[...], rows: 28, columns: 28, margin: row.kind.crop)
    #expect(reference == crop.map(Preprocessing.binarize))
  }
}

@Test func thresholdFollowsTheAuthorsScale() {
  // round(p·256/255², 2) for p = 100 is 0.39, for p = 160 is 0.63: thresholds 0.4 and 0.6 split them.
  let image: [UInt8] = [100, 160, 0, 255]
  #expect(Preprocessing.scaledInput(unit: Preprocessing.unitValue(100)) == 0.39)
  #expect(Preprocessing.scaledInput(unit: Preprocessing.unitValue(160)) == 0.63)
  let kind = DatasetKind.mnist28
  var source = [UInt8](repeating: 0, count: 784)
  source.replaceSubrange(0..<4, with: image)
  let low = Preprocessing.sample(kind: kind, image: source[...], rows: 28, columns: 28, threshold: 0.38)
  let high = Preprocessing.sample(kind: kind, image: source[...], rows: 28, columns: 28, threshold: 0.63)
  #expect(Array(low[0..<4]) == [1, 1, 0, 1])
  #expect(Array(high[0..<4]) == [0, 0, 0, 1])
}
