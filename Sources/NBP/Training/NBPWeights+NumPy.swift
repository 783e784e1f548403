import Loihi
import NumPy

/// Why a weights file cannot be used, naming the file and the key (and index) at fault.
package struct WeightsFileError: Error, Sendable, CustomStringConvertible {
  package let description: String
}

extension NBPWeights {
  /// Keys and layouts of the authors' weight files: `w1` is hidden × input, `w2` output × hidden,
  /// `w2Tp` and `w2Tm` hidden × output (transposes of the chip's [pre][post] layouts).
  package static let keys = ["w1", "w2", "w2Tp", "w2Tm"]

  /// An `.npz` image with the authors' keys and shapes plus metadata arrays: `seed` and `epoch`
  /// (int64 scalars in 1-element arrays) and `dataset` (its name as UTF-8 bytes, uint8).
  package func archive(seed: UInt64, epoch: Int, dataset: String) -> NpzArchive {
    return NpzArchive(members: [
      ("w1", NpyArray(shape: [hidden, input], int32s: transposed(w1, rows: input, columns: hidden))),
      ("w2", NpyArray(shape: [output, hidden], int32s: transposed(w2, rows: hidden, columns: output))),
      ("w2Tp", NpyArray(shape: [hidden, output], int32s: transposed(w2Tp, rows: output, columns: hidden))),
      ("w2Tm", NpyArray(shape: [hidden, output], int32s: transposed(w2Tm, rows: output, columns: hidden))),
      ("seed", NpyArray(shape: [1], int64s: [Int64(bitPattern: seed)])),
      ("epoch", NpyArray(shape: [1], int64s: [Int64(epoch)])),
      ("dataset", NpyArray(shape: [dataset.utf8.count], uint8s: Array(dataset.utf8))),
    ])
  }

  /// Reads weights from an archive as numpy or the authors' code write it: float64 or integer
  /// arrays; integral floats are taken as integers. With only `w1` and `w2`, the transposed copies
  /// are derived (W2Tp = W2ᵀ, W2Tm = −W2ᵀ).
  /// - Throws: ``WeightsFileError`` naming the key and the flat index of a bad value.
  package init(archive: NpzArchive, file: String) throws {
    func matrix(_ key: String) throws -> (shape: [Int], values: [Int32])? {
      guard let array = archive[key] else { return nil }
      guard array.shape.count == 2 else {
        throw WeightsFileError(description: "\(file): '\(key)' has shape \(array.shape), expected a 2-D matrix")
      }
      let values: [Int64]
      do {
        values = try array.integers(name: key)
      } catch {
        throw WeightsFileError(description: "\(file): \(error.description)")
      }
      var result: [Int32] = []
      result.reserveCapacity(values.count)
      for (i, v) in values.enumerated() {
        guard v >= Int64(NBPWeights.range.lowerBound), v <= Int64(NBPWeights.range.upperBound), v % 2 == 0 else {
          let (r, c) = (i / array.shape[1], i % array.shape[1])
          throw WeightsFileError(
            description: "\(file): '\(key)'[\(r), \(c)] is \(v), expected an even integer in -256...254 (8-bit mixed-sign weight)")
        }
        result.append(Int32(v))
      }
      return (array.shape, result)
    }
    guard let w1 = try matrix("w1"), let w2 = try matrix("w2") else {
      throw WeightsFileError(description: "\(file): expected arrays 'w1' and 'w2', found \(archive.names)")
    }
    let (hidden, input) = (w1.shape[0], w1.shape[1])
    let output = w2.shape[0]
    for (key, shape) in [("w1", w1.shape), ("w2", w2.shape)] where shape.contains(0) {
      throw WeightsFileError(
        description: "\(file): '\(key)' has shape \(shape), expected at least one \(key == "w1" ? "hidden unit and one input" : "output")")
    }
    guard w2.shape[1] == hidden else {
      throw WeightsFileError(description: "\(file): 'w2' has shape \(w2.shape), expected (outputs, \(hidden)) to follow 'w1' \(w1.shape)")
    }
    let chipW1 = transposed(w1.values, rows: hidden, columns: input)
    let chipW2 = transposed(w2.values, rows: output, columns: hidden)
    let tp = try matrix("w2Tp")
    let tm = try matrix("w2Tm")
    if (tp == nil) != (tm == nil) {
      throw WeightsFileError(
        description: "\(file): '\(tp == nil ? "w2Tm" : "w2Tp")' without '\(tp == nil ? "w2Tp" : "w2Tm")': give both transposed copies of 'w2' or neither")
    }
    if let tp, let tm {
      for (key, m) in [("w2Tp", tp), ("w2Tm", tm)] where m.shape != [hidden, output] {
        throw WeightsFileError(description: "\(file): '\(key)' has shape \(m.shape), expected [\(hidden), \(output)]")
      }
      self.init(
        input: input, hidden: hidden, output: output, w1: chipW1, w2: chipW2,
        w2Tp: transposed(tp.values, rows: hidden, columns: output),
        w2Tm: transposed(tm.values, rows: hidden, columns: output))
    } else {
      self.init(input: input, hidden: hidden, output: output, w1: chipW1, w2: chipW2)
    }
  }
}
