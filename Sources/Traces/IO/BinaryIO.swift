/// Little-endian fixed-width fields and LEB128 varints, written into and read from byte arrays.
///
/// Every multi-byte value in a trace file goes through these two types; file access itself lives
/// in `FileAccess.swift`.
struct ByteWriter {
  var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  var count: Int { bytes.count }

  mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  mutating func u32(_ value: UInt32) {
    u16(UInt16(truncatingIfNeeded: value))
    u16(UInt16(truncatingIfNeeded: value >> 16))
  }

  mutating func u64(_ value: UInt64) {
    u32(UInt32(truncatingIfNeeded: value))
    u32(UInt32(truncatingIfNeeded: value >> 32))
  }

  mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

  /// Unsigned LEB128: 7 bits per byte, low groups first, high bit set on all but the last.
  @inline(__always)
  mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  @inline(__always)
  mutating func varint(_ value: Int) { varint(UInt64(value)) }

  /// Signed values zigzag-coded (0, −1, 1, −2, … → 0, 1, 2, 3, …) as a varint.
  mutating func zigzag(_ value: Int64) {
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  mutating func append(_ other: [UInt8]) { bytes += other }
}

/// Reads fields from a byte array, failing with the offset of what is missing or malformed.
struct ByteReader {
  /// What went wrong and where (an offset into `bytes`).
  struct Failure: Error {
    let offset: Int
    let expected: String
    let found: String
  }

  let bytes: [UInt8]
  var position: Int
  let end: Int

  init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
    self.bytes = bytes
    self.position = start
    self.end = end ?? bytes.count
  }

  var remaining: Int { end - position }
  var isAtEnd: Bool { position >= end }

  func failure(_ expected: String, found: String? = nil, at offset: Int? = nil) -> Failure {
    Failure(
      offset: offset ?? position, expected: expected,
      found: found ?? (position >= end ? "the end of the data" : "byte 0x\(String(bytes[position], radix: 16))"))
  }

  mutating func take(_ count: Int, _ what: String) throws(Failure) -> ArraySlice<UInt8> {
    guard count >= 0, count <= remaining else {
      throw failure("\(count) bytes of \(what)", found: "\(max(remaining, 0)) bytes before the end")
    }
    defer { position += count }
    return bytes[position..<position + count]
  }

  mutating func u8(_ what: String) throws(Failure) -> UInt8 {
    guard position < end else { throw failure(what, found: "the end of the data") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func u16(_ what: String) throws(Failure) -> UInt16 {
    let s = try take(2, what)
    return UInt16(s[s.startIndex]) | UInt16(s[s.startIndex + 1]) << 8
  }

  mutating func u32(_ what: String) throws(Failure) -> UInt32 {
    let s = try take(4, what)
    var value: UInt32 = 0
    for k in 0..<4 { value |= UInt32(s[s.startIndex + k]) << UInt32(8 * k) }
    return value
  }

  mutating func u64(_ what: String) throws(Failure) -> UInt64 {
    let s = try take(8, what)
    var value: UInt64 = 0
    for k in 0..<8 { value |= UInt64(s[s.startIndex + k]) << UInt64(8 * k) }
    return value
  }

  mutating func i64(_ what: String) throws(Failure) -> Int64 { Int64(bitPattern: try u64(what)) }

  /// An unsigned LEB128 value of at most 10 bytes that fits 64 bits.
  @inline(__always)
  mutating func varint(_ what: String) throws(Failure) -> UInt64 {
    let start = position
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end else { throw failure("a varint (\(what))", found: "the end of the data", at: start) }
      let byte = bytes[position]
      position += 1
      if shift == 63 && byte > 1 {
        throw failure("a varint (\(what)) that fits 64 bits", found: "a longer one", at: start)
      }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// A varint that must lie in `range`.
  @inline(__always)
  mutating func varint(_ what: String, in range: ClosedRange<Int>) throws(Failure) -> Int {
    let start = position
    let value = try varint(what)
    guard value <= UInt64(Int.max), range.contains(Int(value)) else {
      throw failure("\(what) in \(range.lowerBound)...\(range.upperBound)", found: "\(value)", at: start)
    }
    return Int(value)
  }

  mutating func zigzag(_ what: String) throws(Failure) -> Int64 {
    let raw = try varint(what)
    return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
  }
}
