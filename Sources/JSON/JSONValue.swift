/// A parsed JSON value that keeps integers exact and object keys in order.
///
/// Produced by ``parse(_:)-(some Collection<UInt8>)``, a strict RFC 8259 parser written against the
/// standard library only. Numbers keep the distinction the file made: a literal with no fraction
/// and no exponent that fits `Int64` is an ``integer(_:)`` (so `9007199254740993` stays exact, and
/// `-0` is `.integer(0)`), one above it that fits `UInt64` an ``unsigned(_:)``; every other number
/// literal is a ``number(_:)``.
package enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// A number literal with no fraction and no exponent that fits `Int64`.
  case integer(Int64)
  /// Such a literal above `Int64.max` that fits `UInt64` (64-bit seeds stay exact).
  case unsigned(UInt64)
  /// Any other number literal (never NaN or infinite).
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// The members of an object, keys in file order (and unique).
  case object([JSONMember])
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Hashable, Sendable {
  package var key: String
  package var value: JSONValue

  package init(key: String, value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// Why a JSON text does not parse, and where.
///
/// The position is that of the offending byte; for an unexpected end of input it is the position
/// just past the last byte. `line` and `column` are 1-based; a line ends at LF, CR LF or a lone CR,
/// and `column` counts Unicode scalars (each ASCII byte or UTF-8 lead byte counts one). `offset` is
/// the 0-based byte offset.
package struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  package var line: Int
  package var column: Int
  package var offset: Int
  /// What would have been acceptable at that position, e.g. `',' or '}'` or `a value`.
  package var expected: String

  package init(line: Int, column: Int, offset: Int, expected: String) {
    self.line = line
    self.column = column
    self.offset = offset
    self.expected = expected
  }

  /// `line L, column C (byte O): expected <expected>`.
  package var description: String {
    "line \(line), column \(column) (byte \(offset)): expected \(expected)"
  }
}

// MARK: - Parsing

extension JSONValue {
  /// Containers may nest at most this deep; a deeper document is rejected, never overflows a stack.
  static let maximumDepth = 512

  /// Parses exactly one JSON value (RFC 8259, strict) from UTF-8 bytes.
  ///
  /// Offsets in errors are relative to the collection's first element.
  package static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    let result =
      bytes.withContiguousStorageIfAvailable { JSONParser.run($0) }
      ?? Array(bytes).withUnsafeBufferPointer { JSONParser.run($0) }
    return try result.get()
  }

  /// Parses exactly one JSON value (RFC 8259, strict) from a string's UTF-8.
  package static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var text = text
    return try text.withUTF8 { JSONParser.run($0) }.get()
  }
}

/// A failure before it is given a line and column (computed only once, when parsing has failed).
private struct JSONFailure: Error {
  var offset: Int
  var expected: String
  init(_ offset: Int, _ expected: String) {
    self.offset = offset
    self.expected = expected
  }
}

/// An open array or object while its contents are being parsed.
private struct JSONFrame {
  var isObject: Bool
  var elements: [JSONValue] = []
  var members: [JSONMember] = []
  /// The key whose value is being parsed (objects only).
  var key = ""
  /// All keys seen so far, once the object is too large for a linear duplicate search.
  var keys: Set<String>? = nil

  init(isObject: Bool) { self.isObject = isObject }
}

private enum ASCII {
  static let tab: UInt8 = 0x09
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let colon: UInt8 = 0x3A
  static let openBracket: UInt8 = 0x5B
  static let backslash: UInt8 = 0x5C
  static let closeBracket: UInt8 = 0x5D
  static let openBrace: UInt8 = 0x7B
  static let closeBrace: UInt8 = 0x7D
  static let upperE: UInt8 = 0x45
  static let lowerE: UInt8 = 0x65
}

/// A strict, iterative (explicit stack) JSON parser over a byte buffer.
private struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  let end: Int
  var i = 0

  /// Beyond this many members an object checks duplicate keys with a set instead of a scan.
  static let linearKeySearchLimit = 8

  static let escapeExpectation = #"an escape (\" \\ \/ \b \f \n \r \t or \uXXXX)"#
  static let controlExpectation =
    #"an escape such as \n or \u001F instead of a raw control character"#

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    self.end = bytes.count
  }

  static func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONSyntaxError> {
    var parser = JSONParser(bytes)
    do throws(JSONFailure) {
      return .success(try parser.document())
    } catch {
      return .failure(locate(error, in: bytes))
    }
  }

  /// Converts a byte offset into a line and a column.
  static func locate(_ failure: JSONFailure, in bytes: UnsafeBufferPointer<UInt8>)
    -> JSONSyntaxError
  {
    let offset = min(failure.offset, bytes.count)
    var line = 1
    var lineStart = 0
    var k = 0
    while k < offset {
      let b = bytes[k]
      if b == ASCII.lf || (b == ASCII.cr && (k + 1 >= bytes.count || bytes[k + 1] != ASCII.lf)) {
        line += 1
        lineStart = k + 1
      }
      k += 1
    }
    var column = 1
    k = lineStart
    while k < offset {
      if bytes[k] & 0xC0 != 0x80 { column += 1 }
      k += 1
    }
    return JSONSyntaxError(line: line, column: column, offset: offset, expected: failure.expected)
  }

  // MARK: Structure

  mutating func document() throws(JSONFailure) -> JSONValue {
    var stack: [JSONFrame] = []
    var expectation = "a value"
    skipWhitespace()

    parsing: while true {
      // A value starts at `i` (whitespace already skipped).
      guard i < end else { throw JSONFailure(end, expectation) }
      var value: JSONValue
      switch bytes[i] {
      case ASCII.openBracket:
        guard stack.count < JSONValue.maximumDepth else {
          throw JSONFailure(i, "at most \(JSONValue.maximumDepth) levels of nesting")
        }
        i += 1
        skipWhitespace()
        if i < end && bytes[i] == ASCII.closeBracket {
          i += 1
          value = .array([])
        } else if let scalars = try scalarArray() {
          value = .array(scalars)
        } else {
          stack.append(JSONFrame(isObject: false))
          expectation = "a value or ']'"
          continue parsing
        }
      case ASCII.openBrace:
        guard stack.count < JSONValue.maximumDepth else {
          throw JSONFailure(i, "at most \(JSONValue.maximumDepth) levels of nesting")
        }
        i += 1
        skipWhitespace()
        if i < end && bytes[i] == ASCII.closeBrace {
          i += 1
          value = .object([])
        } else {
          var frame = JSONFrame(isObject: true)
          try memberKey(of: &frame, expectation: "a key or '}'")
          stack.append(frame)
          expectation = "a value"
          continue parsing
        }
      case ASCII.quote:
        value = .string(try string())
      case ASCII.minus, ASCII.zero...ASCII.nine:
        value = try number()
      case UInt8(ascii: "t"):
        try literal("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        value = .null
      default:
        throw JSONFailure(i, expectation)
      }

      // Attach the finished value to its container, closing containers as they end.
      while !stack.isEmpty {
        let top = stack.count - 1
        skipWhitespace()
        if stack[top].isObject {
          stack[top].members.append(JSONMember(key: stack[top].key, value: value))
          if i < end && bytes[i] == ASCII.comma {
            i += 1
            skipWhitespace()
            try memberKey(of: &stack[top], expectation: "a key")
            expectation = "a value"
            continue parsing
          }
          guard i < end && bytes[i] == ASCII.closeBrace else { throw JSONFailure(i, "',' or '}'") }
          i += 1
          value = .object(stack.removeLast().members)
        } else {
          stack[top].elements.append(value)
          if i < end && bytes[i] == ASCII.comma {
            i += 1
            skipWhitespace()
            expectation = "a value"
            continue parsing
          }
          guard i < end && bytes[i] == ASCII.closeBracket else {
            throw JSONFailure(i, "',' or ']'")
          }
          i += 1
          value = .array(stack.removeLast().elements)
        }
      }

      skipWhitespace()
      guard i == end else { throw JSONFailure(i, "end of input") }
      return value
    }
  }

  /// The fast path for an array of scalars (a weight row, a spike pair), its first element at
  /// `i`: the elements and `i` past the `]`. Returns nil with `i` unchanged for anything else
  /// (a nested container, or a syntax error between elements), which the general loop then
  /// parses, or reports, exactly as it would have. A malformed scalar throws here what the
  /// general loop would throw for it at the same offset.
  mutating func scalarArray() throws(JSONFailure) -> [JSONValue]? {
    let start = i
    var elements: [JSONValue] = []
    // Room for every element up front (commas before the first bracket, brace or quote + 1):
    // growing an array of enums copies each element again.
    var commas = 0
    scan: for k in i..<end {
      switch bytes[k] {
      case ASCII.comma: commas += 1
      case ASCII.closeBracket, ASCII.openBracket, ASCII.openBrace, ASCII.quote: break scan
      default: continue
      }
    }
    elements.reserveCapacity(commas + 1)
    while true {
      guard i < end else {
        i = start
        return nil
      }
      switch bytes[i] {
      case ASCII.minus, ASCII.zero...ASCII.nine: elements.append(try number())
      case ASCII.quote: elements.append(.string(try string()))
      case UInt8(ascii: "t"):
        try literal("true")
        elements.append(.bool(true))
      case UInt8(ascii: "f"):
        try literal("false")
        elements.append(.bool(false))
      case UInt8(ascii: "n"):
        try literal("null")
        elements.append(.null)
      default:
        i = start
        return nil
      }
      skipWhitespace()
      guard i < end else {
        i = start
        return nil
      }
      if bytes[i] == ASCII.comma {
        i += 1
        skipWhitespace()
      } else if bytes[i] == ASCII.closeBracket {
        i += 1
        return elements
      } else {
        i = start
        return nil
      }
    }
  }

  /// Reads `"key" :` into `frame.key`, rejecting a key the object already has.
  mutating func memberKey(of frame: inout JSONFrame, expectation: String) throws(JSONFailure) {
    guard i < end && bytes[i] == ASCII.quote else { throw JSONFailure(i, expectation) }
    let keyOffset = i
    let key = try string()
    if frame.keys == nil && frame.members.count >= Self.linearKeySearchLimit {
      frame.keys = Set(frame.members.map(\.key))
    }
    let duplicate: Bool
    if frame.keys != nil {
      duplicate = !frame.keys!.insert(key).inserted
    } else {
      duplicate = frame.members.contains { $0.key == key }
    }
    if duplicate {
      throw JSONFailure(keyOffset, "a key not already used in this object ('\(key)')")
    }
    skipWhitespace()
    guard i < end && bytes[i] == ASCII.colon else { throw JSONFailure(i, "':'") }
    i += 1
    skipWhitespace()
    frame.key = key
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while i < end {
      switch bytes[i] {
      case ASCII.space, ASCII.lf, ASCII.cr, ASCII.tab: i += 1
      default: return
      }
    }
  }

  /// Matches `word` (whose first byte is known to be at `i`).
  mutating func literal(_ word: StaticString) throws(JSONFailure) {
    let start = word.utf8Start
    for k in 0..<word.utf8CodeUnitCount {
      guard i < end else { throw JSONFailure(end, "'\(word)'") }
      guard bytes[i] == start[k] else { throw JSONFailure(i, "'\(word)'") }
      i += 1
    }
  }

  // MARK: Numbers

  mutating func number() throws(JSONFailure) -> JSONValue {
    let start = i
    let negative = bytes[i] == ASCII.minus
    if negative { i += 1 }
    guard i < end && isDigit(bytes[i]) else { throw JSONFailure(i, "a digit after '-'") }

    var magnitude: Int64 = 0  // accumulated with the literal's sign, so Int64.min fits
    var overflow = false
    if bytes[i] == ASCII.zero {
      i += 1
      if i < end && isDigit(bytes[i]) { throw JSONFailure(i, "a number without leading zeros") }
    } else {
      while i < end && isDigit(bytes[i]) {
        if !overflow {
          let digit = Int64(bytes[i] &- ASCII.zero)
          let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
          let (next, o2) =
            negative
            ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
          magnitude = next
          overflow = o1 || o2
        }
        i += 1
      }
    }

    var integral = true
    if i < end && bytes[i] == ASCII.dot {
      integral = false
      i += 1
      guard i < end && isDigit(bytes[i]) else { throw JSONFailure(i, "a digit after '.'") }
      while i < end && isDigit(bytes[i]) { i += 1 }
    }
    if i < end && (bytes[i] == ASCII.lowerE || bytes[i] == ASCII.upperE) {
      integral = false
      i += 1
      if i < end && (bytes[i] == ASCII.plus || bytes[i] == ASCII.minus) { i += 1 }
      guard i < end && isDigit(bytes[i]) else { throw JSONFailure(i, "a digit in the exponent") }
      while i < end && isDigit(bytes[i]) { i += 1 }
    }

    if integral && !overflow { return .integer(magnitude) }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    if integral && !negative, let unsigned = UInt64(text) { return .unsigned(unsigned) }
    guard let double = Double(text), double.isFinite else {
      throw JSONFailure(start, "a number within the range of a Double")
    }
    return .number(double)
  }

  @inline(__always)
  func isDigit(_ b: UInt8) -> Bool { b &- ASCII.zero < 10 }

  // MARK: Strings

  /// Reads a string whose opening quote is at `i`.
  mutating func string() throws(JSONFailure) -> String {
    i += 1
    var segment = i  // start of the bytes not yet copied into `buffer`
    var buffer: [UInt8] = []
    var escaped = false
    while true {
      guard i < end else { throw JSONFailure(end, "a closing '\"'") }
      let b = bytes[i]
      if b == ASCII.quote {
        let tail = UnsafeBufferPointer(rebasing: bytes[segment..<i])
        i += 1
        if !escaped { return String(decoding: tail, as: UTF8.self) }
        buffer.append(contentsOf: tail)
        return String(decoding: buffer, as: UTF8.self)
      } else if b == ASCII.backslash {
        if !escaped {
          escaped = true
          buffer.reserveCapacity(i - segment + 16)
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<i]))
        try escape(into: &buffer)
        segment = i
      } else if b < 0x20 {
        throw JSONFailure(i, Self.controlExpectation)
      } else if b < 0x80 {
        i += 1
      } else {
        try skipUTF8Sequence()
      }
    }
  }

  /// Decodes the escape whose backslash is at `i`, appending its UTF-8.
  mutating func escape(into buffer: inout [UInt8]) throws(JSONFailure) {
    let backslash = i
    i += 1
    guard i < end else { throw JSONFailure(end, Self.escapeExpectation) }
    let b = bytes[i]
    i += 1
    switch b {
    case ASCII.quote, ASCII.backslash, ASCII.slash: buffer.append(b)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(ASCII.lf)
    case UInt8(ascii: "r"): buffer.append(ASCII.cr)
    case UInt8(ascii: "t"): buffer.append(ASCII.tab)
    case UInt8(ascii: "u"):
      let unit = try hex4()
      switch unit {
      case 0xD800...0xDBFF:
        let pairing = #"a low surrogate '\uDC00'…'\uDFFF' after '\u\#(hex(unit))'"#
        let low = i
        guard low < end else { throw JSONFailure(end, pairing) }
        guard bytes[low] == ASCII.backslash else { throw JSONFailure(low, pairing) }
        guard low + 1 < end else { throw JSONFailure(end, pairing) }
        guard bytes[low + 1] == UInt8(ascii: "u") else { throw JSONFailure(low, pairing) }
        i += 2
        let second = try hex4()
        guard (0xDC00...0xDFFF).contains(second) else { throw JSONFailure(low, pairing) }
        appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00), to: &buffer)
      case 0xDC00...0xDFFF:
        throw JSONFailure(
          backslash, #"a high surrogate '\uD800'…'\uDBFF' before '\u\#(hex(unit))'"#)
      default:
        appendUTF8(unit, to: &buffer)
      }
    default:
      throw JSONFailure(i - 1, Self.escapeExpectation)
    }
  }

  mutating func hex4() throws(JSONFailure) -> UInt32 {
    var unit: UInt32 = 0
    for _ in 0..<4 {
      guard i < end else { throw JSONFailure(end, "a hex digit") }
      let b = bytes[i]
      let digit: UInt8
      switch b {
      case 0x30...0x39: digit = b - 0x30
      case 0x41...0x46: digit = b - 0x41 + 10
      case 0x61...0x66: digit = b - 0x61 + 10
      default: throw JSONFailure(i, "a hex digit")
      }
      unit = unit << 4 | UInt32(digit)
      i += 1
    }
    return unit
  }

  func hex(_ unit: UInt32) -> String {
    String(unit, radix: 16, uppercase: true)
  }

  func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
    switch scalar {
    case ..<0x80:
      buffer.append(UInt8(scalar))
    case ..<0x800:
      buffer.append(UInt8(0xC0 | scalar >> 6))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
      buffer.append(UInt8(0xE0 | scalar >> 12))
      buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    default:
      buffer.append(UInt8(0xF0 | scalar >> 18))
      buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      buffer.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Steps over one well-formed multi-byte UTF-8 sequence starting at `i` (Unicode Table 3-7).
  /// An ill-formed sequence is reported at its first byte; one cut off by the end, at the end.
  mutating func skipUTF8Sequence() throws(JSONFailure) {
    let lead = bytes[i]
    let count: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: count = 2
    case 0xE0:
      count = 3
      secondRange = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: count = 3
    case 0xED:
      count = 3
      secondRange = 0x80...0x9F
    case 0xF0:
      count = 4
      secondRange = 0x90...0xBF
    case 0xF1...0xF3: count = 4
    case 0xF4:
      count = 4
      secondRange = 0x80...0x8F
    default: throw JSONFailure(i, "valid UTF-8")
    }
    for k in 1..<count {
      guard i + k < end else { throw JSONFailure(end, "valid UTF-8") }
      let range = k == 1 ? secondRange : 0x80...0xBF
      guard range.contains(bytes[i + k]) else { throw JSONFailure(i, "valid UTF-8") }
    }
    i += count
  }
}

// MARK: - Reading values

extension JSONValue {
  /// A short rendering for error messages: `null`, `true`, `42`, `1.5`, `"text"` (long strings
  /// cut with `…`), `[]`, `[…3 items]`, `{}`, `{…}`.
  package var brief: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let n): return String(n)
    case .unsigned(let n): return String(n)
    case .number(let d): return d.description
    case .string(let s):
      var quoted = ""
      JSONText.quote(s, into: &quoted, limit: 32)
      return quoted
    case .array(let elements):
      switch elements.count {
      case 0: return "[]"
      case 1: return "[…1 item]"
      case let n: return "[…\(n) items]"
      }
    case .object(let members):
      return members.isEmpty ? "{}" : "{…}"
    }
  }

  /// The members in file order, or nil if this is not an object.
  package var objectMembers: [JSONMember]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The elements, or nil if this is not an array.
  package var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The string, or nil if this is not a string.
  package var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The integer, also from a `.number` that is integral and within `Int64`; nil otherwise.
  package var int64Value: Int64? {
    switch self {
    case .integer(let n): return n
    case .number(let d): return Int64(exactly: d)
    default: return nil
    }
  }

  /// The number as a `Double` (an integer is rounded to the nearest `Double`); nil otherwise.
  package var doubleValue: Double? {
    switch self {
    case .integer(let n): return Double(n)
    case .unsigned(let n): return Double(n)
    case .number(let d): return d
    default: return nil
    }
  }

  /// The Boolean, or nil if this is not `true` or `false`.
  package var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The value of the member named `key`, or nil if there is none or this is not an object.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }
}
