import Suggestions
/// The line layer of the strict TOML subset that nbpscope's data files use (themes, circuit
/// profiles): `# comments`, `[section]` headers, and `key = value` with a bare key and a value that
/// is a `"string"` (escapes `\"` and `\\`), `true`/`false`, an integer, or, where the caller allows
/// it, a one-line array of integers `[0, 6, 8]`.
///
/// It knows nothing of any schema: callers map ``TOMLLineError`` to their own error type, which
/// adds the file name, so each file kind keeps its messages.
package enum TOMLLine {
  /// A parsed value.
  package enum Value: Hashable, Sendable {
    case string(String)
    case boolean(Bool)
    case integer(Int)
    case integers([Int])
  }

  /// What a line holds.
  package enum Content: Hashable, Sendable {
    case blank
    case section(String)
    /// A key, its value and the value as written (for messages).
    case pair(key: String, value: Value, spelling: String)
  }

  /// Parses one line. `section` qualifies keys in value errors (`weights.gi`).
  package static func parse(_ line: Substring, section: String, allowsArrays: Bool = false)
    throws(TOMLLineError) -> Content
  {
    let line = trimmed(line)
    if line.isEmpty || line.hasPrefix("#") { return .blank }
    if line.hasPrefix("[") {
      guard let name = sectionName(line) else {
        throw .syntax(expected: "a section header like '[\(section.isEmpty ? "name" : section)]'", found: String(line))
      }
      return .section(name)
    }
    let (key, value, spelling) = try keyValue(line, section: section, allowsArrays: allowsArrays)
    return .pair(key: key, value: value, spelling: spelling)
  }

  /// The name in a `[name]` header (with an optional trailing comment), or `nil` if malformed.
  package static func sectionName(_ line: Substring) -> String? {
    guard let close = line.firstIndex(of: "]") else { return nil }
    let name = trimmed(line[line.index(after: line.startIndex)..<close])
    let rest = trimmed(line[line.index(after: close)...])
    guard isBareKey(name), rest.isEmpty || rest.hasPrefix("#") else { return nil }
    return String(name)
  }

  /// Splits `key = value # comment` into the key, the value and the value as written.
  package static func keyValue(_ line: Substring, section: String, allowsArrays: Bool = false)
    throws(TOMLLineError) -> (String, Value, String)
  {
    guard let equals = line.firstIndex(of: "=") else {
      throw .syntax(expected: "'key = value' or a '[section]' header", found: String(line))
    }
    let key = trimmed(line[..<equals])
    guard isBareKey(key) else {
      throw .syntax(expected: "a key of letters, digits, '_' or '-' before '='", found: String(key))
    }
    let qualified = section.isEmpty ? String(key) : "\(section).\(key)"
    let rest = trimmed(line[line.index(after: equals)...])
    func invalid(_ expected: String, _ found: String) -> TOMLLineError {
      .invalidValue(key: qualified, expected: expected, found: found)
    }

    let value: Value
    let spelling: String
    var tail: Substring
    if rest.hasPrefix("\"") {
      var text = ""
      var index = rest.index(after: rest.startIndex)
      var closed = false
      while index < rest.endIndex {
        let character = rest[index]
        if character == "\"" {
          closed = true
          break
        }
        if character == "\\" {
          let next = rest.index(after: index)
          guard next < rest.endIndex, rest[next] == "\"" || rest[next] == "\\" else {
            let escape = next < rest.endIndex ? "\\" + String(rest[next]) : "\\"
            throw invalid("a string whose only escapes are \\\" and \\\\", "'\(escape)'")
          }
          text.append(rest[next])
          index = rest.index(after: next)
          continue
        }
        text.append(character)
        index = rest.index(after: index)
      }
      guard closed else { throw invalid("a closing '\"'", "the end of the line") }
      let end = rest.index(after: index)
      spelling = String(rest[..<end])
      value = .string(text)
      tail = rest[end...]
    } else if allowsArrays && rest.hasPrefix("[") {
      guard let close = rest.firstIndex(of: "]") else { throw invalid("a closing ']' on the same line", "the end of the line") }
      let inside = rest[rest.index(after: rest.startIndex)..<close]
      spelling = String(rest[...close])
      var numbers: [Int] = []
      let items = inside.split(separator: ",", omittingEmptySubsequences: false).map { trimmed($0) }
      // `[]` is an empty array; a trailing comma is allowed, as in TOML.
      for (n, item) in items.enumerated() where !(item.isEmpty && (items.count == 1 || n == items.count - 1)) {
        guard let number = Int(item) else {
          throw invalid("an array of integers like [0, 6, 8]", "'\(item)' in \(spelling)")
        }
        numbers.append(number)
      }
      value = .integers(numbers)
      tail = rest[rest.index(after: close)...]
    } else {
      let token = rest.prefix { !$0.isWhitespace && $0 != "#" }
      spelling = String(token)
      tail = rest[token.endIndex...]
      if token == "true" {
        value = .boolean(true)
      } else if token == "false" {
        value = .boolean(false)
      } else if let number = Int(token) {
        value = .integer(number)
      } else {
        let shown = token.isEmpty ? "nothing" : "'\(token)'"
        let kinds = allowsArrays ? "a \"string\", true, false, an integer or [integers]" : "a \"string\", true, false or an integer"
        throw invalid("a value (\(kinds))", shown)
      }
    }
    tail = trimmed(tail)
    guard tail.isEmpty || tail.hasPrefix("#") else {
      throw .syntax(expected: "a comment or the end of the line after the value", found: String(tail))
    }
    return (String(key), value, spelling)
  }

  package static func isBareKey(_ text: Substring) -> Bool {
    !text.isEmpty
      && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" }
  }

  package static func trimmed(_ text: Substring) -> Substring {
    let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
    let end = text.lastIndex { $0 != " " && $0 != "\t" }.map { text.index(after: $0) } ?? start
    return text[start..<max(start, end)]
  }

  /// The file's lines; "\r\n" is a single Character in Swift, so lines split on isNewline.
  package static func lines(of text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
  }

  // MARK: Suggestions

  /// The candidate within edit distance 2 (and less than half the name's length) of `name`.
  package static func closest(to name: String, among candidates: [String]) -> String? {
    Suggestions.closest(to: name, among: candidates) { name, _ in min(2, max(1, name.count / 2)) }
  }
}

/// Why a line is not valid TOML of the subset; the caller adds the file and line.
package enum TOMLLineError: Error, Hashable, Sendable {
  /// The line is neither blank, a comment, a `[section]` nor `key = value`.
  case syntax(expected: String, found: String)
  /// The value is malformed (`key` is qualified with its section).
  case invalidValue(key: String, expected: String, found: String)
}
