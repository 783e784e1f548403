/// Why a .npy/.npz image could not be read or written, as one line naming where and what.
///
/// Parse errors always carry the file and a byte offset: within the file for ZIP structures and
/// member data, within the member's .npy image for headers and array data of archive members.
public struct NumPyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the input the problem was found.
  public enum Position: Equatable, Sendable {
    /// A byte offset from the start of the file.
    case byte(Int)
    /// A byte offset from the start of an archive member's uncompressed .npy image.
    case memberByte(Int)
    /// An element's flat index in C (row-major) order.
    case element(Int)
    /// The file as a whole, for failed file operations.
    case wholeFile
  }

  /// The file (or, for element conversions, the array's name) the error is about.
  public var file: String
  /// The archive member's full name, e.g. `w1.npy`, when the problem is inside one.
  public var member: String?
  /// Where the problem was found.
  public var position: Position
  /// What the reader needed at that position.
  public var expected: String
  /// What it saw instead.
  public var found: String

  /// Creates an error; prefer the reader's own helpers, which fill in file and member.
  public init(
    file: String, member: String? = nil, position: Position, expected: String, found: String
  ) {
    self.file = file
    self.member = member
    self.position = position
    self.expected = expected
    self.found = found
  }

  /// `<file>: [member '<m>': ]byte <n>[ within the member]: expected <x>, found <y>`.
  public var description: String {
    var text = "\(file): "
    if let member { text += "member '\(member)': " }
    switch position {
    case .byte(let offset): text += "byte \(offset): "
    case .memberByte(let offset): text += "byte \(offset) within the member: "
    case .element(let index): text += "element \(index) (C order): "
    case .wholeFile: break
    }
    text += "expected \(expected), found \(found)"
    return Self.oneLine(text)
  }

  /// Escapes control characters so a hostile file name or header cannot break the line.
  static func oneLine(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "\\x" + hex(UInt64(scalar.value), digits: 2)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

/// Lower-case hexadecimal with at least `digits` digits, for error texts.
func hex(_ value: UInt64, digits: Int) -> String {
  let text = String(value, radix: 16)
  return String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// Shows raw input bytes in a Python-like quoted form, cut short so errors stay one line.
func quoted(_ bytes: some Collection<UInt8>, limit: Int = 16) -> String {
  var text = "'"
  for byte in bytes.prefix(limit) {
    switch byte {
    case UInt8(ascii: "'"), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
    case 0x20..<0x7F: text.unicodeScalars.append(UnicodeScalar(byte))
    default: text += "\\x" + hex(UInt64(byte), digits: 2)
    }
  }
  text += "'"
  if bytes.count > limit { text += "..." }
  return text
}
