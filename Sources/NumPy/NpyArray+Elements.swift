extension NpyArray {
  /// Elements in C (row-major) order whatever the stored order, converted to Double.
  ///
  /// 64-bit integers beyond 2^53 round to the nearest Double; bools give 0 or 1.
  package func doubles() -> [Double] {
    let order = cOrderStorageIndices()
    return (0..<count).map { element(at: order?[$0] ?? $0) }
  }

  /// Elements in C order as exact integers.
  ///
  /// Floats must be integral and within Int64, and uint64 values at most `Int64.max`; otherwise
  /// this throws an error naming `name`, the flat C-order index and the value.
  package func integers(name: String) throws(NumPyError) -> [Int64] {
    let order = cOrderStorageIndices()
    var result: [Int64] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      let storage = order?[index] ?? index
      switch dtype.kind {
      case .bool: result.append(data[storage] == 0 ? 0 : 1)
      case .uint8, .uint16, .uint32: result.append(Int64(unsigned(at: storage)))
      case .int8: result.append(Int64(Int8(truncatingIfNeeded: unsigned(at: storage))))
      case .int16: result.append(Int64(Int16(truncatingIfNeeded: unsigned(at: storage))))
      case .int32: result.append(Int64(Int32(truncatingIfNeeded: unsigned(at: storage))))
      case .int64: result.append(Int64(bitPattern: unsigned(at: storage)))
      case .uint64:
        let value = unsigned(at: storage)
        guard value <= UInt64(Int64.max) else {
          throw NumPyError(
            file: name, position: .element(index), expected: "an integer within Int64",
            found: "\(value)")
        }
        result.append(Int64(value))
      case .float16, .float32, .float64:
        let value = element(at: storage)
        // 2^63 is exact in Double; anything at or above it does not fit.
        guard value.isFinite, value.rounded(.towardZero) == value,
          value >= -0x1p63, value < 0x1p63
        else {
          throw NumPyError(
            file: name, position: .element(index),
            expected: "an integral value within Int64", found: "\(value)")
        }
        result.append(Int64(value))
      }
    }
    return result
  }

  /// For each C-order position, the element's index in `data`; nil when they coincide.
  private func cOrderStorageIndices() -> [Int]? {
    guard isFortranOrder, shape.count > 1, count > 0 else { return nil }
    // Fortran strides in elements: the first axis is contiguous.
    var strides = [Int](repeating: 1, count: shape.count)
    for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
    var indices: [Int] = []
    indices.reserveCapacity(count)
    var counter = [Int](repeating: 0, count: shape.count)
    var offset = 0
    for _ in 0..<count {
      indices.append(offset)
      // Advance a C-order odometer: the last axis fastest, carrying leftwards.
      var axis = shape.count - 1
      while axis >= 0 {
        counter[axis] += 1
        offset += strides[axis]
        if counter[axis] < shape[axis] { break }
        offset -= strides[axis] * shape[axis]
        counter[axis] = 0
        axis -= 1
      }
    }
    return indices
  }

  /// The element stored at `index` (in storage order) as a Double.
  private func element(at index: Int) -> Double {
    switch dtype.kind {
    case .bool: Double(data[index] == 0 ? 0 : 1)
    case .uint8, .uint16, .uint32, .uint64: Double(unsigned(at: index))
    case .int8: Double(Int8(truncatingIfNeeded: unsigned(at: index)))
    case .int16: Double(Int16(truncatingIfNeeded: unsigned(at: index)))
    case .int32: Double(Int32(truncatingIfNeeded: unsigned(at: index)))
    case .int64: Double(Int64(bitPattern: unsigned(at: index)))
    case .float16: Self.halfToDouble(UInt16(truncatingIfNeeded: unsigned(at: index)))
    case .float32: Double(Float(bitPattern: UInt32(truncatingIfNeeded: unsigned(at: index))))
    case .float64: Double(bitPattern: unsigned(at: index))
    }
  }

  /// The raw bits of the element at `index`, honouring the stored byte order.
  private func unsigned(at index: Int) -> UInt64 {
    let size = dtype.itemSize
    let start = index * size
    var value: UInt64 = 0
    for byte in 0..<size {
      let shift = dtype.isBigEndian ? 8 * (size - 1 - byte) : 8 * byte
      value |= UInt64(data[start + byte]) << UInt64(shift)
    }
    return value
  }

  /// IEEE half precision to Double by hand, since `Float16` is unavailable on Intel macOS.
  static func halfToDouble(_ bits: UInt16) -> Double {
    let sign: FloatingPointSign = bits & 0x8000 == 0 ? .plus : .minus
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0:
      return Double(sign: sign, exponent: -24, significand: fraction)
    case 0x1F:
      return fraction == 0 ? (sign == .plus ? .infinity : -.infinity) : .nan
    default:
      return Double(sign: sign, exponent: exponent - 25, significand: 1024 + fraction)
    }
  }
}
