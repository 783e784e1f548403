/// Why a trace, an import or an export failed, as one line naming the file, the place and what
/// was expected there.
///
/// Facts are stored where the problem is found; ``description`` words them in one place:
/// `run.nbpt: byte 1234: expected a chunk header CRC-32 0x1a2b3c4d, found 0x00000000`.
public struct TraceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the input the problem was found.
  public enum Position: Equatable, Sendable {
    /// A byte offset from the start of the file.
    case byte(Int64)
    /// A byte offset within the (decompressed) payload of the chunk that starts at `chunk`.
    case payload(chunk: Int64, byte: Int)
    /// A 1-based line of a text file.
    case line(Int)
    /// A byte offset within an archive member (an `.npy` image inside an `.npz`).
    case member(String, byte: Int)
    /// The file as a whole (file operations, or facts about the whole file).
    case wholeFile
  }

  /// The file the error is about.
  public var file: String
  /// Where the problem was found.
  public var position: Position
  /// What the reader needed at that position.
  public var expected: String
  /// What it saw instead.
  public var found: String

  public init(file: String, position: Position, expected: String, found: String) {
    self.file = file
    self.position = position
    self.expected = expected
    self.found = found
  }

  /// `<file>: <position>: expected <x>, found <y>`, with control characters escaped.
  public var description: String {
    var text = "\(file): "
    switch position {
    case .byte(let offset): text += "byte \(offset): "
    case .payload(let chunk, let byte): text += "chunk at byte \(chunk), payload byte \(byte): "
    case .line(let line): text += "line \(line): "
    case .member(let member, let byte): text += "member '\(member)': byte \(byte) within the member: "
    case .wholeFile: break
    }
    text += "expected \(expected), found \(found)"
    return Self.oneLine(text)
  }

  /// The same error for another file name (e.g. a temporary file reported under its final name).
  func renamed(_ file: String) -> TraceError {
    TraceError(file: file, position: position, expected: expected, found: found)
  }

  /// Escapes control characters so a hostile file cannot break the line.
  static func oneLine(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let digits = String(scalar.value, radix: 16)
        result += "\\x" + (digits.count < 2 ? "0" : "") + digits
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

/// Shows raw bytes in a short quoted form for error texts.
func quotedBytes(_ bytes: some Collection<UInt8>, limit: Int = 12) -> String {
  var text = "'"
  for byte in bytes.prefix(limit) {
    switch byte {
    case UInt8(ascii: "'"), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
    case 0x20..<0x7F: text.unicodeScalars.append(UnicodeScalar(byte))
    default:
      let digits = String(byte, radix: 16)
      text += "\\x" + (digits.count < 2 ? "0" : "") + digits
    }
  }
  text += "'"
  if bytes.count > limit { text += "..." }
  return text
}

/// Lower-case hexadecimal with 8 digits, for CRCs in error texts.
func hex32(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
