/// Crop, resize and binarization of raw IDX pixels, reproducing the authors' arithmetic exactly.
///
/// ## Where the steps come from (lanl/spikingBackprop, commit f725a74)
///
/// `SFC_backprop/load_mnist.py`, `load_mnist(sidelen, crop)`:
/// 1. the IDX pixels come in as `uint8` (PyPI package `mnist`);
/// 2. crop: `data[:, crop:28-crop, crop:28-crop]`;
/// 3. `rescale`: for each image,
///    `skimage.transform.resize(image, (sidelen, sidelen), anti_aliasing=False, mode='constant')`,
///    so `order` is its default 1 (bilinear), `preserve_range` its default False (the `uint8` image
///    goes through `img_as_float` first: `p * (1/255)` in float64), `cval` 0 and `clip` True;
/// 4. `data / 255.` a second time (the values are now p/255²).
///
/// `SFC_backprop/input_data.py`, `generate_input_data(input_data, threshold=0.5)`:
/// 5. `np.round(data * 256, 2)`: numpy's round with decimals is `rint(x * 100) / 100`
///    (round half to even on the already-rounded product x·100), which is *not* Python's built-in
///    `round(x, 2)` (correctly rounded: half to even on the exact binary value of x; the two differ
///    e.g. at 0.015 → numpy 0.02, Python 0.01);
/// 6. `threshold < value` with `threshold` 0.5.
///
/// ## What that comes to
/// - For a kept pixel p (identity resize: `mnist20`, `mnist28`, `fmnist28`), steps 3–6 give
///   `0.5 < round(p · 256 / 255², 2)`, which holds exactly for p ≥ 129: p = 128 gives 0.50393 → 0.5,
///   p = 129 gives 0.50787 → 0.51. Every value 100·x lies at least 0.0028 from a rounding tie, so
///   numpy's and Python's rounding agree on all 256 bytes (proved over all 256 values by a test).
/// - `mnist10`: 20 → 10 with scipy's `ndimage.zoom(order=1, mode='grid-constant', grid_mode=True)`
///   (what `resize` calls since scikit-image 0.19) samples output pixel k at input coordinate
///   (k + 0.5)·2 − 0.5 = 2k + 0.5, so every weight is ½ and the value is the mean of a 2 × 2 block
///   a…d, summed as `((a/4 + b/4) + c/4) + d/4` of the `img_as_float` values. The block is on iff
///   its byte sum is at least 514 (mean ≥ 128.5); every block value 100·x lies at least 0.00019
///   from a rounding tie. scikit-image before 0.19 used `warp` with an estimated affine map of the
///   same pixel-centre alignment ("0th pixel is at position (0.5, 0.5)"); it can differ in the last
///   bits, far below that margin, so whichever version the authors ran, the binary pixels are the
///   same.
///
/// This type implements the arithmetic itself, step by step in float64, so other sizes and
/// thresholds follow the authors' code too; bilinear results were checked bit for bit against
/// scikit-image 0.26.0 with scipy 1.17.1 (values in the tests).
package enum Preprocessing {
  /// The authors' binarization threshold (`generate_input_data(threshold=0.5)`).
  package static let defaultThreshold = 0.5

  /// Binarizes a raw pixel as the authors' code does at threshold 0.5: 1 when `p >= 129`, else 0.
  ///
  /// Equal to `binarize(unit: unitValue(p))` for every byte (see the type's discussion).
  package static func binarize(_ p: UInt8) -> UInt8 {
    p >= 129 ? 1 : 0
  }

  /// Binarizes a resized pixel given in `img_as_float` units (0...1): 1 when
  /// `threshold < scaledInput(unit:)`.
  package static func binarize(unit value: Double, threshold: Double = defaultThreshold) -> UInt8 {
    threshold < scaledInput(unit: value) ? 1 : 0
  }

  /// The network input value the authors threshold: numpy's `round(value / 255 * 256, 2)`.
  ///
  /// Computed as numpy does it in float64: divide by 255, multiply by 256, then
  /// `rint(x * 100) / 100` with round half to even.
  package static func scaledInput(unit value: Double) -> Double {
    let scaled = value / 255.0 * 256.0
    return (scaled * 100.0).rounded(.toNearestOrEven) / 100.0
  }

  /// A byte as scikit-image's `img_as_float` converts it: `p * (1/255)` in float64.
  package static func unitValue(_ p: UInt8) -> Double {
    Double(p) * (1.0 / 255.0)
  }

  /// Cuts `margin` pixels from every side of a row-major image.
  ///
  /// - Precondition: `image.count == rows × columns` and `2 × margin` is below both sides.
  package static func crop(_ image: ArraySlice<UInt8>, rows: Int, columns: Int, margin: Int) -> [UInt8] {
    precondition(image.count == rows * columns, "crop: \(image.count) pixels are not \(rows) × \(columns)")
    precondition(
      margin >= 0 && 2 * margin < rows && 2 * margin < columns,
      "crop: margin \(margin) does not fit \(rows) × \(columns)")
    let outRows = rows - 2 * margin
    let outColumns = columns - 2 * margin
    var result: [UInt8] = []
    result.reserveCapacity(outRows * outColumns)
    let base = image.startIndex
    for row in margin..<(rows - margin) {
      let start = base + row * columns + margin
      result.append(contentsOf: image[start..<(start + outColumns)])
    }
    return result
  }

  /// Resizes a row-major byte image as `skimage.transform.resize(image, (toRows, toColumns),
  /// anti_aliasing=False, mode='constant')` does, returning `img_as_float` values (0...1).
  ///
  /// Bilinear (order 1), pixel-centre aligned, zero outside the image, clipped to the input's range;
  /// the arithmetic is scipy's `ndimage.zoom(order=1, mode='grid-constant', grid_mode=True)`
  /// followed by scikit-image's clip (see `BilinearResize`).
  /// - Precondition: `image.count == rows × columns`, all sides positive.
  package static func resizeBilinear(
    _ image: ArraySlice<UInt8>, rows: Int, columns: Int, toRows: Int, toColumns: Int
  ) -> [Double] {
    precondition(image.count == rows * columns, "resize: \(image.count) pixels are not \(rows) × \(columns)")
    let plan = BilinearResize(rows: rows, columns: columns, toRows: toRows, toColumns: toColumns)
    return [Double](unsafeUninitializedCapacity: toRows * toColumns) { buffer, initialized in
      image.withUnsafeBufferPointer { source in
        plan.apply(source, origin: 0, stride: columns, into: buffer)
      }
      initialized = toRows * toColumns
    }
  }

  /// Turns one raw image into the kind's binary input: crop, resize, binarize (each 0 or 1).
  ///
  /// The image may be 28 × 28 (the source files), or already cropped, or already at the kind's
  /// side (then it is only binarized); see ``DatasetKind/acceptedSides``.
  /// - Precondition: a square image whose side is in `kind.acceptedSides`, `rows × columns` pixels.
  /// - Returns: `kind.inputSize` values, row-major.
  package static func sample(
    kind: DatasetKind, image: ArraySlice<UInt8>, rows: Int, columns: Int,
    threshold: Double = defaultThreshold
  ) -> [UInt8] {
    guard let pipeline = Pipeline(kind: kind, rows: rows, columns: columns, threshold: threshold) else {
      preconditionFailure("\(kind.rawValue) does not take \(rows) × \(columns) images")
    }
    precondition(image.count == rows * columns, "sample: \(image.count) pixels are not \(rows) × \(columns)")
    var scratch = pipeline.makeScratch()
    return [UInt8](unsafeUninitializedCapacity: kind.inputSize) { buffer, initialized in
      image.withUnsafeBufferPointer { source in
        pipeline.run(source, into: buffer, scratch: &scratch)
      }
      initialized = kind.inputSize
    }
  }
}

extension Preprocessing {
  /// The preprocessing of one image geometry for one kind, planned once and applied to many images.
  struct Pipeline: Sendable {
    let kind: DatasetKind
    let rows: Int
    let columns: Int
    /// Pixels cut from each side: the kind's crop for a 28 × 28 source, else none.
    let margin: Int
    /// Binary value of every byte when no resize is needed (identity resize in the authors' code).
    let table: [UInt8]
    /// The resize from the cropped side to the kind's side, or nil when they are equal.
    let resize: BilinearResize?
    let threshold: Double

    /// Plans the pipeline, or returns nil when `kind` does not take `rows × columns` images.
    init?(kind: DatasetKind, rows: Int, columns: Int, threshold: Double) {
      guard rows == columns, kind.acceptedSides.contains(rows) else { return nil }
      self.kind = kind
      self.rows = rows
      self.columns = columns
      self.threshold = threshold
      margin = rows == DatasetKind.sourceSide ? kind.crop : 0
      let cropped = rows - 2 * margin
      resize =
        cropped == kind.side
        ? nil : BilinearResize(rows: cropped, columns: cropped, toRows: kind.side, toColumns: kind.side)
      // An identity resize returns the img_as_float value unchanged (checked against scipy), so
      // each byte's binary value depends on the byte alone: tabulate the full chain once.
      table = (0...255).map { binarize(unit: unitValue(UInt8($0)), threshold: threshold) }
    }

    /// Working memory for ``run(_:into:scratch:)``, reused across images.
    func makeScratch() -> [Double] {
      [Double](repeating: 0, count: resize == nil ? 0 : kind.inputSize)
    }

    /// Writes the binary input of one `rows × columns` image into `output` (`kind.inputSize` values).
    func run(
      _ image: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>,
      scratch: inout [Double]
    ) {
      assert(image.count == rows * columns && output.count == kind.inputSize)
      let origin = margin * columns + margin
      guard let resize else {
        let side = kind.side
        table.withUnsafeBufferPointer { table in
          for row in 0..<side {
            let source = origin + row * columns
            for column in 0..<side {
              output[row * side + column] = table[Int(image[source + column])]
            }
          }
        }
        return
      }
      scratch.withUnsafeMutableBufferPointer { values in
        resize.apply(image, origin: origin, stride: columns, into: values)
        for index in 0..<values.count {
          output[index] = binarize(unit: values[index], threshold: threshold)
        }
      }
    }
  }
}
