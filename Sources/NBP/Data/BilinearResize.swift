/// A planned bilinear resize with scikit-image's `resize(order=1, mode='constant')` arithmetic.
///
/// scikit-image 0.19 and later (`skimage/transform/_warps.py`, `resize`) converts the bytes with
/// `img_as_float` (`p * (1/255)`), calls `scipy.ndimage.zoom(image, out/in, order=1,
/// mode='grid-constant', cval=0, grid_mode=True)` and then clips the result
/// (`_clip_warp_output`). scipy's C code (`ndimage/src/ni_interpolation.c`, `NI_ZoomShift`, and
/// `ni_splines.c`, `get_spline_interpolation_weights`) does, per axis and output index k:
///
/// ```
/// zoom = in / out                      (float64; zoom() recomputes it from the shapes)
/// cc   = ((k + 0.5) * zoom) - 0.5      (pixel centres aligned)
/// i    = floor(cc);  x = cc - i
/// w0   = 1 - x;      w1 = 1 - w0       (the last weight is 1 minus the others)
/// ```
///
/// then, for each output pixel, `t = 0` and for the taps (i, j), (i, j+1), (i+1, j), (i+1, j+1)
/// in that order `t += (value * wRow) * wColumn`, where a tap outside the image reads cval 0
/// ('grid-constant'). Finally the output is clipped to [min, max] of the input values, with 0
/// added to that range when the input has no 0 but the output does (cval kept).
struct BilinearResize: Sendable {
  /// The two taps of one output index along one axis.
  struct Taps: Sendable {
    /// The first input index; may be -1 or the last index when the sample point is near an edge.
    let first: Int
    let weight0: Double
    let weight1: Double
  }

  let rows: Int
  let columns: Int
  let toRows: Int
  let toColumns: Int
  let rowTaps: [Taps]
  let columnTaps: [Taps]

  /// Plans a resize of a `rows × columns` image to `toRows × toColumns`.
  ///
  /// - Precondition: all four sizes are positive.
  init(rows: Int, columns: Int, toRows: Int, toColumns: Int) {
    precondition(
      rows > 0 && columns > 0 && toRows > 0 && toColumns > 0,
      "resize: sizes must be positive, found \(rows) × \(columns) → \(toRows) × \(toColumns)")
    self.rows = rows
    self.columns = columns
    self.toRows = toRows
    self.toColumns = toColumns
    rowTaps = Self.taps(from: rows, to: toRows)
    columnTaps = Self.taps(from: columns, to: toColumns)
  }

  private static func taps(from inCount: Int, to outCount: Int) -> [Taps] {
    let zoom = Double(inCount) / Double(outCount)
    return (0..<outCount).map { k in
      var cc = Double(k)
      cc += 0.5
      cc *= zoom
      cc -= 0.5
      let floor = cc.rounded(.down)
      let weight0 = 1.0 - (cc - floor)
      return Taps(first: Int(floor), weight0: weight0, weight1: 1.0 - weight0)
    }
  }

  /// Resizes the `rows × columns` window of `image` that starts at `origin` with row pitch
  /// `stride`, writing `toRows × toColumns` values in `img_as_float` units to `output`.
  func apply(
    _ image: UnsafeBufferPointer<UInt8>, origin: Int, stride: Int,
    into output: UnsafeMutableBufferPointer<Double>
  ) {
    assert(output.count == toRows * toColumns)
    assert(origin + (rows - 1) * stride + columns <= image.count)
    var low = UInt8.max
    var high = UInt8.min
    for row in 0..<rows {
      for column in 0..<columns {
        let p = image[origin + row * stride + column]
        low = min(low, p)
        high = max(high, p)
      }
    }
    // Reads one tap: the img_as_float value inside the window, cval 0 outside.
    func value(_ row: Int, _ column: Int) -> Double {
      guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
      return Preprocessing.unitValue(image[origin + row * stride + column])
    }
    var hasZero = false
    for outRow in 0..<toRows {
      let r = rowTaps[outRow]
      for outColumn in 0..<toColumns {
        let c = columnTaps[outColumn]
        var t = 0.0
        t += value(r.first, c.first) * r.weight0 * c.weight0
        t += value(r.first, c.first + 1) * r.weight0 * c.weight1
        t += value(r.first + 1, c.first) * r.weight1 * c.weight0
        t += value(r.first + 1, c.first + 1) * r.weight1 * c.weight1
        output[outRow * toColumns + outColumn] = t
        hasZero = hasZero || t == 0
      }
    }
    // scikit-image clips to the input's range, widened to hold cval 0 if the output uses it.
    let lowest = low > 0 && hasZero ? 0 : Preprocessing.unitValue(low)
    let highest = Preprocessing.unitValue(high)
    for index in 0..<output.count {
      output[index] = min(max(output[index], lowest), highest)
    }
  }
}
