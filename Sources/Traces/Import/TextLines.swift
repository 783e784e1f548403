/// Reads a text file line by line in blocks, with 1-based line numbers; never holds more than a
/// block and one line.
struct TextLines {
  static let maximumLineLength = 1 << 16
  private let source: ByteSource
  let path: String
  private var buffer: [UInt8] = []
  private var start = 0
  private var offset: Int64 = 0
  private var atEnd = false
  private(set) var lineNumber = 0

  init(path: String) throws(TraceError) {
    source = .file(try OpenFile.open(path: path))
    self.path = path
  }

  /// Lines of a text held in memory; `name` is used in errors.
  init(bytes: [UInt8], name: String) {
    source = .memory(bytes)
    path = name
  }

  /// The next line without its terminator (LF or CR LF), or nil at the end.
  mutating func next() throws(TraceError) -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        var line = buffer[start..<newline]
        if line.last == 0x0D { line = line.dropLast() }
        start = newline + 1
        lineNumber += 1
        return line
      }
      if buffer.count - start > Self.maximumLineLength {
        throw TraceError(
          file: path, position: .line(lineNumber + 1),
          expected: "a line of at most \(Self.maximumLineLength) bytes", found: "a longer one (is this a text file?)")
      }
      if atEnd {
        guard start < buffer.count else { return nil }
        var line = buffer[start...]
        if line.last == 0x0D { line = line.dropLast() }
        start = buffer.count
        lineNumber += 1
        return line
      }
      buffer.removeSubrange(0..<start)
      start = 0
      let block = try source.read(at: offset, count: 1 << 20)
      offset += Int64(block.count)
      if block.isEmpty { atEnd = true }
      buffer += block
    }
  }
}

/// Splits one CSV line into fields (RFC 4180 quoting: `"a,b"`, `""` for a quote), trimming
/// spaces around unquoted fields; nil for an unterminated quote.
func csvFields(_ line: ArraySlice<UInt8>) -> [String]? {
  var fields: [String] = []
  var field: [UInt8] = []
  var quoted = false
  var wasQuoted = false
  var k = line.startIndex
  while k < line.endIndex {
    let byte = line[k]
    if quoted {
      if byte == 0x22 {
        if k + 1 < line.endIndex && line[k + 1] == 0x22 {
          field.append(0x22)
          k += 1
        } else {
          quoted = false
        }
      } else {
        field.append(byte)
      }
    } else if byte == 0x2C {
      fields.append(finish(field, wasQuoted))
      field.removeAll()
      wasQuoted = false
    } else if byte == 0x22 && field.allSatisfy({ $0 == 0x20 }) {
      field.removeAll()
      quoted = true
      wasQuoted = true
    } else {
      field.append(byte)
    }
    k += 1
  }
  guard !quoted else { return nil }
  fields.append(finish(field, wasQuoted))
  return fields
}

private func finish(_ field: [UInt8], _ wasQuoted: Bool) -> String {
  let text = String(decoding: field, as: UTF8.self)
  return wasQuoted ? text : text.trimmingSpaces
}

/// Quotes a CSV field when it needs it.
func csvField(_ text: String) -> String {
  let needs = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } || text != text.trimmingSpaces
  return needs ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
}

extension String {
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
    return String(scalars)
  }

  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
