/// One n-dimensional numpy array as stored in a .npy file: shape, dtype, order and raw bytes.
///
/// Invariant: `data.count == count * dtype.itemSize`. Parsing guarantees it; the initialisers
/// check it; code that assigns the package properties directly must keep it.
package struct NpyArray: Hashable, Sendable {
  /// Extent of each axis; empty for a 0-d (scalar) array.
  package var shape: [Int]
  /// Element type and byte order of `data`.
  package var dtype: NpyDType
  /// Whether `data` holds the first axis fastest (column-major), as numpy's `order='F'`.
  package var isFortranOrder: Bool
  /// Raw element bytes exactly as stored (count = product(shape) * itemsize).
  package var data: [UInt8]

  /// Wraps raw element bytes; traps if their count does not match shape and dtype.
  package init(shape: [Int], dtype: NpyDType, isFortranOrder: Bool = false, data: [UInt8]) {
    let expected = NpyHeader.byteCount(shape: shape, itemSize: dtype.itemSize)
    precondition(
      expected == data.count,
      "NpyArray: \(data.count) data bytes for shape \(shape) of \(dtype.descr)")
    self.shape = shape
    self.dtype = dtype
    self.isFortranOrder = isFortranOrder
    self.data = data
  }

  /// A C-order `<i8` array; traps if `int64s.count` is not the product of `shape`.
  package init(shape: [Int], int64s: [Int64]) {
    self.init(shape: shape, kind: .int64, values: int64s) { UInt64(bitPattern: $0) }
  }

  /// A C-order `<i4` array; traps if `int32s.count` is not the product of `shape`.
  package init(shape: [Int], int32s: [Int32]) {
    self.init(shape: shape, kind: .int32, values: int32s) { UInt64(UInt32(bitPattern: $0)) }
  }

  /// A C-order `<f8` array; traps if `doubles.count` is not the product of `shape`.
  package init(shape: [Int], doubles: [Double]) {
    self.init(shape: shape, kind: .float64, values: doubles) { $0.bitPattern }
  }

  /// A C-order `<f4` array; traps if `floats.count` is not the product of `shape`.
  package init(shape: [Int], floats: [Float]) {
    self.init(shape: shape, kind: .float32, values: floats) { UInt64($0.bitPattern) }
  }

  /// A C-order `|b1` array; traps if `bools.count` is not the product of `shape`.
  package init(shape: [Int], bools: [Bool]) {
    self.init(shape: shape, kind: .bool, values: bools) { $0 ? 1 : 0 }
  }

  /// A C-order `|u1` array; traps if `uint8s.count` is not the product of `shape`.
  package init(shape: [Int], uint8s: [UInt8]) {
    self.init(shape: shape, dtype: NpyDType(kind: .uint8), data: uint8s)
  }

  private init<Value>(
    shape: [Int], kind: NpyScalarKind, values: [Value], bits: (Value) -> UInt64
  ) {
    let size = kind.itemSize
    var data = [UInt8](repeating: 0, count: values.count * size)
    for (index, value) in values.enumerated() {
      let pattern = bits(value)
      for byte in 0..<size {
        data[index * size + byte] = UInt8(truncatingIfNeeded: pattern >> UInt64(8 * byte))
      }
    }
    self.init(shape: shape, dtype: NpyDType(kind: kind), data: data)
  }

  /// Number of elements: the product of `shape` (1 for a 0-d array).
  package var count: Int {
    guard let count = NpyHeader.elementCount(shape) else {
      preconditionFailure("NpyArray: the element count of shape \(shape) overflows")
    }
    return count
  }

  /// The .npy magic string, `\x93NUMPY`.
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// Parses one .npy byte image. `name` is used in errors.
  package static func parse(_ bytes: [UInt8], name: String) throws(NumPyError) -> NpyArray {
    try parse(bytes, site: ErrorSite(file: name))
  }

  /// Reads and parses the .npy file at `path`.
  package static func read(path: String) throws(NumPyError) -> NpyArray {
    try parse(FileIO.contents(atPath: path), name: path)
  }

  static func parse(_ bytes: [UInt8], site: ErrorSite) throws(NumPyError) -> NpyArray {
    guard bytes.count >= magic.count, bytes[0..<magic.count].elementsEqual(magic) else {
      throw site.npy(
        0, expected: "the magic string '\\x93NUMPY'",
        found: bytes.isEmpty ? site.end : quoted(bytes, limit: 8))
    }
    guard bytes.count >= 8 else {
      throw site.npy(6, expected: "a 2-byte format version", found: site.end)
    }
    let (major, minor) = (bytes[6], bytes[7])
    guard (1...3).contains(major), minor == 0 else {
      throw site.npy(6, expected: "format version 1.0, 2.0 or 3.0", found: "\(major).\(minor)")
    }
    // 1.0 has a 2-byte header length; 2.0 and 3.0 (UTF-8 header) have 4 bytes.
    let lengthBytes = major == 1 ? 2 : 4
    let headerStart = 8 + lengthBytes
    guard bytes.count >= headerStart else {
      throw site.npy(
        8, expected: "a \(lengthBytes)-byte header length",
        found: "the \(site.end) at byte \(bytes.count)")
    }
    var headerLength = 0
    for index in 0..<lengthBytes { headerLength |= Int(bytes[8 + index]) << (8 * index) }
    let dataStart = headerStart + headerLength
    guard dataStart <= bytes.count else {
      throw site.npy(
        8, expected: "a header of \(headerLength) bytes ending at byte \(dataStart)",
        found: "the \(site.end) at byte \(bytes.count)")
    }
    var parser = NpyHeaderParser(bytes: bytes, range: headerStart..<dataStart, site: site)
    let header = try parser.parse()
    // The parser has checked that the byte count fits; only now may it size anything.
    let itemSize = header.dtype.itemSize
    let byteCount = NpyHeader.byteCount(shape: header.shape, itemSize: itemSize) ?? 0
    let available = bytes.count - dataStart
    guard available >= byteCount else {
      let count = byteCount / max(itemSize, 1)
      throw site.npy(
        dataStart, expected: "\(byteCount) bytes of array data (\(count) × \(itemSize) bytes)",
        found: "\(available) bytes before the \(site.end)")
    }
    guard available == byteCount else {
      throw site.npy(
        dataStart + byteCount, expected: "the \(site.end) after the array data",
        found: "\(available - byteCount) more bytes")
    }
    return NpyArray(
      shape: header.shape, dtype: header.dtype, isFortranOrder: header.isFortranOrder,
      data: Array(bytes[dataStart...]))
  }

  /// Serialises as .npy: format version 1.0 when the header fits (header padded so data starts
  /// at a multiple of 64 bytes, as numpy does), 2.0 otherwise.
  ///
  /// The bytes equal what `np.save` writes for the same array.
  package func serialized() -> [UInt8] {
    var bytes = NpyHeader(dtype: dtype, isFortranOrder: isFortranOrder, shape: shape).encoded()
    bytes += data
    return bytes
  }
}
