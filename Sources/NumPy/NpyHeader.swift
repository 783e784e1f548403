/// Who to blame in errors: the file, and the archive member when parsing inside one.
struct ErrorSite: Sendable {
  var file: String
  var member: String?

  /// An error at an offset within an .npy image (the file itself, or the member inside a .npz).
  func npy(_ offset: Int, expected: String, found: String) -> NumPyError {
    NumPyError(
      file: file, member: member, position: member == nil ? .byte(Int64(offset)) : .memberByte(offset),
      expected: expected, found: found)
  }

  /// How the end of the .npy image is called in errors.
  var end: String { member == nil ? "end of file" : "end of member" }
}

/// The three entries of a .npy header dict, e.g.
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
struct NpyHeader: Equatable {
  var dtype: NpyDType
  var isFortranOrder: Bool
  var shape: [Int]

  /// numpy pads the header so a shape can grow in place up to this many digits.
  static let growthAxisDigits = 21
  /// numpy aligns the start of array data to this many bytes.
  static let alignment = 64

  /// Elements in `shape`, or nil when the product overflows; a zero extent makes it 0 even if
  /// the others would overflow, as numpy computes it.
  static func elementCount(_ shape: [Int]) -> Int? {
    if shape.contains(0) { return 0 }
    var product = 1
    for extent in shape {
      guard extent >= 0 else { return nil }
      let (next, overflow) = product.multipliedReportingOverflow(by: extent)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// Bytes of element data for `shape`, or nil when that does not fit in an `Int`.
  static func byteCount(shape: [Int], itemSize: Int) -> Int? {
    guard let count = elementCount(shape) else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: itemSize)
    return overflow ? nil : bytes
  }

  /// `shape` as Python writes the tuple: `()`, `(5,)`, `(3, 4)`.
  static func shapeText(_ shape: [Int]) -> String {
    switch shape.count {
    case 0: "()"
    case 1: "(\(shape[0]),)"
    default: "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
  }

  /// The header as numpy writes it, so a file from `serialized()` is byte-identical to `np.save`.
  func encoded() -> [UInt8] {
    var dict =
      "{'descr': '\(dtype.descr)', 'fortran_order': \(isFortranOrder ? "True" : "False"), "
      + "'shape': \(Self.shapeText(shape)), }"
    if let growing = isFortranOrder ? shape.last : shape.first {
      dict += String(repeating: " ", count: max(0, Self.growthAxisDigits - String(growing).count))
    }
    let text = Array(dict.utf8)
    // Version 1.0 stores the header length in 2 bytes; larger headers need 2.0's 4 bytes.
    for (major, lengthBytes) in [(UInt8(1), 2), (2, 4)] {
      let prefix = 8 + lengthBytes
      let unpadded = text.count + 1
      let padding = Self.alignment - (prefix + unpadded) % Self.alignment
      let headerLength = unpadded + padding
      if lengthBytes == 2 && headerLength > Int(UInt16.max) { continue }
      var bytes = NpyArray.magic + [major, 0]
      bytes += littleEndianBytes(UInt64(headerLength), count: lengthBytes)
      bytes += text
      bytes += [UInt8](repeating: UInt8(ascii: " "), count: padding)
      bytes.append(UInt8(ascii: "\n"))
      return bytes
    }
    preconditionFailure("an array header longer than 4 GiB")
  }
}

/// A strict parser for the Python dict literal in a .npy header.
///
/// numpy reads headers with `ast.literal_eval`; this accepts the same literal syntax for the
/// three keys (either quote style, any spacing, trailing commas) and nothing else, so a
/// corrupt header is reported at the byte where it goes wrong instead of being guessed at.
struct NpyHeaderParser {
  let bytes: [UInt8]
  var position: Int
  let end: Int
  /// Where the padding (spaces and the final newline) starts, so errors quote no padding.
  let textEnd: Int
  let site: ErrorSite

  init(bytes: [UInt8], range: Range<Int>, site: ErrorSite) {
    self.bytes = bytes
    self.position = range.lowerBound
    self.end = range.upperBound
    var textEnd = range.upperBound
    while textEnd > range.lowerBound, [0x20, 0x0A].contains(bytes[textEnd - 1]) { textEnd -= 1 }
    self.textEnd = textEnd
    self.site = site
  }

  mutating func parse() throws(NumPyError) -> NpyHeader {
    var dtype: NpyDType?
    var fortranOrder: Bool?
    var shape: [Int]?
    var shapeStart = position
    skipSpace()
    try expect("{", what: "'{' opening the header dict")
    skipSpace()
    while peek != UInt8(ascii: "}") {
      let keyStart = position
      let key = try string(what: "a quoted key ('descr', 'fortran_order' or 'shape') or '}'")
      skipSpace()
      try expect(":", what: "':' after the key")
      skipSpace()
      let isDuplicate: Bool
      switch key {
      case "descr":
        isDuplicate = dtype != nil
        dtype = try descr()
      case "fortran_order":
        isDuplicate = fortranOrder != nil
        fortranOrder = try boolean()
      case "shape":
        isDuplicate = shape != nil
        shapeStart = position
        shape = try tuple()
      default:
        throw fail(
          at: keyStart, "a key 'descr', 'fortran_order' or 'shape'", found: literal(key))
      }
      if isDuplicate {
        throw fail(at: keyStart, "each key once", found: "a second " + literal(key))
      }
      skipSpace()
      if peek == UInt8(ascii: ",") {
        position += 1
        skipSpace()
      } else if peek != UInt8(ascii: "}") {
        throw fail("',' or '}' after the value")
      }
    }
    guard let dtype else { throw fail("the key 'descr'") }
    guard let fortranOrder else { throw fail("the key 'fortran_order'") }
    guard let shape else { throw fail("the key 'shape'") }
    if NpyHeader.byteCount(shape: shape, itemSize: dtype.itemSize) == nil {
      throw fail(
        at: shapeStart, "a shape whose data size fits in 63 bits",
        found: "\(NpyHeader.shapeText(shape)) of \(dtype.itemSize)-byte elements")
    }
    position += 1
    // numpy pads with spaces and ends with a newline; literal_eval allows any whitespace.
    skipSpace()
    if position < end { throw fail("only spaces and a newline after the header dict") }
    return NpyHeader(dtype: dtype, isFortranOrder: fortranOrder, shape: shape)
  }

  // MARK: Values

  private mutating func descr() throws(NumPyError) -> NpyDType {
    let start = position
    if peek == UInt8(ascii: "[") {
      throw fail(
        at: start, "a simple dtype string such as '<f8'", found: "a structured dtype (a list)")
    }
    if peek == UInt8(ascii: "(") {
      throw fail(
        at: start, "a simple dtype string such as '<f8'", found: "a sub-array dtype (a tuple)")
    }
    let text = try string(what: "a dtype string such as '<f8'")
    switch NpyDType.parse(text) {
    case .success(let dtype):
      return dtype
    case .failure(.object):
      throw fail(at: start, "a numeric dtype", found: "the object dtype " + literal(text))
    case .failure(.byteOrder):
      throw fail(at: start, "byte order '<' or '>' for a multi-byte dtype", found: literal(text))
    case .failure(.unknown):
      throw fail(at: start, "a dtype \(NpyDType.supportedList)", found: literal(text))
    }
  }

  private mutating func boolean() throws(NumPyError) -> Bool {
    if matchWord("True") { return true }
    if matchWord("False") { return false }
    throw fail("True or False")
  }

  /// A tuple of non-negative ints: `()`, `(5,)`, `(3, 4)` or `(3, 4,)`.
  private mutating func tuple() throws(NumPyError) -> [Int] {
    try expect("(", what: "a shape tuple such as (3, 4)")
    var values: [Int] = []
    var sawComma = false
    skipSpace()
    while peek != UInt8(ascii: ")") {
      values.append(try nonNegativeInt())
      skipSpace()
      sawComma = false
      if peek == UInt8(ascii: ",") {
        position += 1
        sawComma = true
        skipSpace()
      } else if peek != UInt8(ascii: ")") {
        throw fail("',' or ')' in the shape tuple")
      }
    }
    // `(5)` is the int 5 in Python, not a tuple; numpy rejects it as a shape.
    if values.count == 1 && !sawComma { throw fail("',' making (n,) a one-element tuple") }
    position += 1
    return values
  }

  private mutating func nonNegativeInt() throws(NumPyError) -> Int {
    let start = position
    if peek == UInt8(ascii: "-") {
      position += 1
      let digits = digitRun()
      throw fail(at: start, "a non-negative shape entry", found: "-" + shortened(digits))
    }
    let digits = digitRun()
    if digits.isEmpty { throw fail(at: start, "a shape entry (an int)") }
    if digits.count > 1 && digits.hasPrefix("0") {
      throw fail(at: start, "an int without leading zeros", found: shortened(digits))
    }
    guard let value = Int(digits) else {
      throw fail(at: start, "a shape entry below 2^63", found: shortened(digits))
    }
    return value
  }

  // MARK: Lexing

  private var peek: UInt8? { position < end ? bytes[position] : nil }

  private mutating func skipSpace() {
    while let byte = peek,
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    {
      position += 1
    }
  }

  private mutating func expect(_ character: Unicode.Scalar, what: String) throws(NumPyError) {
    guard peek == UInt8(ascii: character) else { throw fail(what) }
    position += 1
  }

  /// A Python identifier-like word, which must not run on into more identifier characters.
  private mutating func matchWord(_ word: String) -> Bool {
    let utf8 = Array(word.utf8)
    guard position + utf8.count <= end, Array(bytes[position..<position + utf8.count]) == utf8
    else { return false }
    let after = position + utf8.count
    if after < end, isIdentifierByte(bytes[after]) { return false }
    position = after
    return true
  }

  private func isIdentifierByte(_ byte: UInt8) -> Bool {
    let letter = byte | 0x20
    return byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)
      || (letter >= 0x61 && letter <= 0x7A) || byte >= 0x80
  }

  private mutating func digitRun() -> String {
    let start = position
    while let byte = peek, byte >= 0x30 && byte <= 0x39 { position += 1 }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// A plain single- or double-quoted string; escapes are refused since no valid key or descr
  /// needs them.
  private mutating func string(what: String) throws(NumPyError) -> String {
    guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
      throw fail(what)
    }
    let start = position
    position += 1
    // Stopping at the padding makes an unterminated string fail here, not at the newline.
    while position < textEnd, bytes[position] != quote {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D {
        throw fail("a plain string literal without escapes or line breaks")
      }
      position += 1
    }
    guard position < textEnd else {
      position = start
      throw fail("a closing quote for the string starting here")
    }
    position += 1
    // Invalid UTF-8 decodes to replacement characters, which then match no key or descr.
    return String(decoding: bytes[start + 1..<position - 1], as: UTF8.self)
  }

  /// A string from the header as it is quoted in errors, cut short if long.
  private func literal(_ text: String) -> String { quoted(Array(text.utf8), limit: 24) }

  private func shortened(_ digits: String) -> String {
    digits.count > 24 ? digits.prefix(24) + "..." : digits
  }

  private func fail(_ expected: String) -> NumPyError {
    fail(at: position, expected, found: foundHere(position))
  }

  private func fail(at offset: Int, _ expected: String, found: String? = nil) -> NumPyError {
    site.npy(offset, expected: expected, found: found ?? foundHere(offset))
  }

  private func foundHere(_ offset: Int) -> String {
    offset < textEnd ? quoted(bytes[offset..<textEnd], limit: 12) : "the end of the header"
  }
}

/// `value` as `count` little-endian bytes.
func littleEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
}
