/// The four input encodings of the authors' code, named after their `input_data` options.
///
/// Each kind fixes the crop, the resize and the data set (`generate_input_data` in
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
public enum DatasetKind: String, CaseIterable, Sendable {
  /// MNIST cropped to its central 20 × 20 pixels (the paper's setting).
  case mnist20
  /// MNIST cropped to 20 × 20, then resized to 10 × 10.
  case mnist10
  /// MNIST at its full 28 × 28.
  case mnist28
  /// Fashion-MNIST at its full 28 × 28.
  case fmnist28

  /// The number of input units: `side × side`.
  public var inputSize: Int { side * side }

  /// The side of the square image the network sees.
  public var side: Int {
    switch self {
    case .mnist20: 20
    case .mnist10: 10
    case .mnist28, .fmnist28: 28
    }
  }

  /// The pixels cut from every side of a 28 × 28 source image before resizing.
  public var crop: Int {
    switch self {
    case .mnist20, .mnist10: 4
    case .mnist28, .fmnist28: 0
    }
  }

  /// The side of the image after cropping a 28 × 28 source (the input of the resize).
  public var croppedSide: Int { Self.sourceSide - 2 * crop }

  /// The image sides this kind loads: the 28 × 28 source, the cropped image (e.g. a pre-cropped
  /// subset) and the final geometry (only binarized), largest first and without repeats.
  public var acceptedSides: [Int] {
    var sides: [Int] = []
    for candidate in [Self.sourceSide, croppedSide, side] where !sides.contains(candidate) {
      sides.append(candidate)
    }
    return sides
  }

  /// The side of every image in the MNIST and Fashion-MNIST files.
  public static let sourceSide = 28
}
