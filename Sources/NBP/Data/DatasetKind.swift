/// The data sets: the four input encodings of the authors' code, named after their `input_data`
/// options, and two tiny built-in tasks.
///
/// Each image kind fixes the crop, the resize and the data set (`generate_input_data` in
/// `SFC_backprop/input_data.py` of lanl/spikingBackprop calls `load_mnist(sidelen:crop:)` or
/// `load_fmnist` from `SFC_backprop/load_mnist.py`):
///
/// | kind | source | crop per side | resize | inputs |
/// |---|---|---|---|---|
/// | `mnist20` | MNIST | 4 (28 → 20) | 20 → 20 (identity) | 400 |
/// | `mnist10` | MNIST | 4 (28 → 20) | 20 → 10, bilinear, no anti-aliasing | 100 |
/// | `mnist28` | MNIST | 0 | 28 → 28 (identity) | 784 |
/// | `fmnist28` | Fashion-MNIST | 0 | 28 → 28 (identity) | 784 |
///
/// `mnist20` is the paper's network (400-400-10).
///
/// The built-in kinds (``isBuiltIn``) read no files: `xor` (the four XOR patterns) and
/// `linear-map` (a fixed random linear map from 16 bits to 4 classes), the tasks the authors
/// showed first (NICE'20) before MNIST; see ``BuiltInData``.
package enum DatasetKind: String, CaseIterable, Sendable {
  /// MNIST cropped to its central 20 × 20 pixels (the paper's setting).
  case mnist20
  /// MNIST cropped to 20 × 20, then resized to 10 × 10.
  case mnist10
  /// MNIST at its full 28 × 28.
  case mnist28
  /// Fashion-MNIST at its full 28 × 28.
  case fmnist28
  /// The four XOR patterns of two bits, 2 classes (built in).
  case xor
  /// 16 random bits mapped to 4 classes by a fixed integer matrix (built in).
  case linearMap = "linear-map"

  /// Whether the samples are generated in code (no files; see ``BuiltInData``).
  package var isBuiltIn: Bool { builtInEncoding != nil }

  /// How a built-in kind turns its bits into input spikes; nil for the image kinds.
  package var builtInEncoding: BuiltInData.OneHotEncoding? {
    switch self {
    case .mnist20, .mnist10, .mnist28, .fmnist28: nil
    case .xor: BuiltInData.xorEncoding
    case .linearMap: BuiltInData.LinearMap.encoding
    }
  }

  /// The number of input units: `side × side` for images, the encoding's size for built-in kinds.
  package var inputSize: Int { builtInEncoding?.inputSize ?? side * side }

  /// The number of classes, i.e. of output units.
  package var classCount: Int {
    switch self {
    case .mnist20, .mnist10, .mnist28, .fmnist28: 10
    case .xor: 2
    case .linearMap: BuiltInData.LinearMap.classes
    }
  }

  /// The hidden layer a run uses when `--hidden` is not given: the paper's 400 for the images,
  /// the sizes the tiny tasks were measured with (README, BENCHMARKS) for the built-in kinds.
  package var defaultHidden: Int {
    switch self {
    case .mnist20, .mnist10, .mnist28, .fmnist28: 400
    case .xor: 8
    case .linearMap: 32
    }
  }

  /// The side of the square image the network sees (0 for built-in kinds: they are no images).
  package var side: Int {
    switch self {
    case .mnist20: 20
    case .mnist10: 10
    case .mnist28, .fmnist28: 28
    case .xor, .linearMap: 0
    }
  }

  /// The pixels cut from every side of a 28 × 28 source image before resizing (0 for built-in kinds).
  package var crop: Int {
    switch self {
    case .mnist20, .mnist10: 4
    case .mnist28, .fmnist28, .xor, .linearMap: 0
    }
  }

  /// The side of the image after cropping a 28 × 28 source (the input of the resize).
  package var croppedSide: Int { Self.sourceSide - 2 * crop }

  /// The image sides this kind loads: the 28 × 28 source, the cropped image (e.g. a pre-cropped
  /// subset) and the final geometry (only binarized), largest first and without repeats; none for
  /// built-in kinds.
  package var acceptedSides: [Int] {
    guard !isBuiltIn else { return [] }
    var sides: [Int] = []
    for candidate in [Self.sourceSide, croppedSide, side] where !sides.contains(candidate) {
      sides.append(candidate)
    }
    return sides
  }

  /// The side of every image in the MNIST and Fashion-MNIST files.
  package static let sourceSide = 28
}
