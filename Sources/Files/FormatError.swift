/// Why a file's content could not be read (or written), as one line naming the file, the place
/// and what was expected there: `run.nbpt: byte 1234: expected a chunk header, found …`.
///
/// The one error shape of the project's binary and text readers (traces, npy/npz, their imports):
/// facts are stored where the problem is found; ``description`` words them in one place.
package struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the input the problem was found.
  package enum Position: Equatable, Sendable {
    /// A byte offset from the start of the file.
    case byte(Int64)
    /// A byte offset within the (decompressed) payload of the chunk that starts at `chunk`.
    case payload(chunk: Int64, byte: Int)
    /// A 1-based line of a text file.
    case line(Int)
    /// A byte offset within an archive member's image (the member is named in `member`).
    case memberByte(Int)
    /// An element's flat index in C (row-major) order.
    case element(Int)
    /// The file as a whole (file operations, or facts about the whole file).
    case wholeFile
  }

  /// The file (or, for element conversions, the array's name) the error is about.
  package var file: String
  /// The archive member's name (`w1.npy`) when the problem is inside one.
  package var member: String?
  package var position: Position
  /// What the reader needed at that position, and what it saw instead.
  package var expected: String
  package var found: String

  package init(file: String, member: String? = nil, position: Position, expected: String, found: String) {
    self.file = file
    self.member = member
    self.position = position
    self.expected = expected
    self.found = found
  }

  /// A file-layer failure (open, read, size, kind) as a format error of the whole file.
  package init(_ error: FileError) {
    self.init(file: error.path, position: .wholeFile, expected: error.expected, found: error.found)
  }

  /// `<file>: [member '<m>': ]<position>: expected <x>, found <y>`, control characters escaped.
  package var description: String {
    var text = "\(file): "
    if let member { text += "member '\(member)': " }
    switch position {
    case .byte(let offset): text += "byte \(offset): "
    case .payload(let chunk, let byte): text += "chunk at byte \(chunk), payload byte \(byte): "
    case .line(let line): text += "line \(line): "
    case .memberByte(let offset): text += "byte \(offset) within the member: "
    case .element(let index): text += "element \(index) (C order): "
    case .wholeFile: break
    }
    text += "expected \(expected), found \(found)"
    return ErrorText.oneLine(text)
  }

  /// The same error for another file name (a temporary file reported under its final name).
  package func renamed(_ file: String) -> FormatError {
    var copy = self
    copy.file = file
    return copy
  }
}

/// How error texts show what they found: one line whatever the input held.
package enum ErrorText {
  /// Escapes control characters so a hostile file name or content cannot break the line.
  package static func oneLine(_ text: String) -> String {
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

  /// Lower-case hexadecimal with at least `digits` digits.
  package static func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }

  /// Raw bytes in a Python-like quoted form, cut after `limit` bytes with `...`.
  package static func quoted(_ bytes: some Collection<UInt8>, limit: Int) -> String {
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
}
