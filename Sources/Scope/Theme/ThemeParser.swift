/// Reads a theme from the small TOML subset theme files use.
///
/// The subset: `# comments`; `[section]` headers (`ui`, `roles`, `heatmap`; keys before the first
/// header are top-level); `key = value` with a bare key and a value that is a `"string"` (escapes
/// `\"` and `\\`), `true`/`false` or an integer. Colours are strings: `"#rrggbb"`, `"ansi:N"` (0–15),
/// `"index:N"` (0–255) or `"default"`.
///
/// The parser is strict about what it understands and lenient about what it does not: a malformed
/// line or value throws a ``ThemeError`` naming the file, line and key; an unknown key or section is
/// skipped with a ``ThemeWarning`` (with a suggestion when a known name is close); a missing key
/// keeps the base theme's value.
package enum ThemeParser {
  /// A parsed value, with its spelling in the file for error messages.
  enum Value {
    case string(String)
    case boolean(Bool)
    case integer(Int)
  }

  /// What a known key sets.
  enum Target {
    case color(WritableKeyPath<Theme, Color>)
    case name
    case monochrome
  }

  /// Every known key: section (`""` for top level), key, and what it sets.
  static var schema: [(section: String, key: String, target: Target)] {
    var entries: [(String, String, Target)] = [("", "name", .name), ("", "monochrome", .monochrome)]
    let ui: [(String, WritableKeyPath<Theme, Color>)] = [
      ("background", \.ui.background), ("foreground", \.ui.foreground), ("dim", \.ui.dim),
      ("status_background", \.ui.statusBackground), ("status_foreground", \.ui.statusForeground),
      ("cursor", \.ui.cursor), ("breakpoint", \.ui.breakpoint), ("violation", \.ui.violation),
      ("axis", \.ui.axis), ("selection", \.ui.selection),
    ]
    entries += ui.map { ("ui", $0.0, .color($0.1)) }
    entries += Role.allCases.map { role in ("roles", role.rawValue, .color(\Theme.roles[role])) }
    let heatmap: [(String, WritableKeyPath<Theme, Color>)] = [
      ("negative", \.heatmap.negative), ("zero", \.heatmap.zero), ("positive", \.heatmap.positive),
    ]
    entries += heatmap.map { ("heatmap", $0.0, .color($0.1)) }
    return entries
  }

  /// The sections the schema knows.
  static let sections = ["ui", "roles", "heatmap"]

  /// Parses `text` (the contents of `file`) over `base`.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: The name used in messages, e.g. `themes/dark.toml`.
  ///   - base: The theme that supplies every key the file leaves out.
  /// - Returns: The theme and the warnings for ignored keys and sections, in file order.
  /// - Throws: ``ThemeError`` for the first malformed line or value.
  package static func parse(_ text: String, file: String, base: Theme = .dark) throws(ThemeError)
    -> (theme: Theme, warnings: [ThemeWarning])
  {
    var theme = base
    theme.name = baseName(of: file)
    var monochrome = false
    var warnings: [ThemeWarning] = []
    var section = ""
    var skippingSection = false
    var sectionLines: [String: Int] = [:]
    var keyLines: [String: Int] = [:]
    let schema = self.schema

    // "\r\n" is a single Character in Swift, so lines split on isNewline, not on "\n".
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (index, rawLine) in lines.enumerated() {
      let lineNumber = index + 1
      let line = trimmed(rawLine)
      if line.isEmpty || line.hasPrefix("#") { continue }

      if line.hasPrefix("[") {
        guard let name = sectionName(line) else {
          throw .syntax(
            file: file, line: lineNumber, expected: "a section header like '[ui]'", found: String(line))
        }
        if let first = sectionLines[name] {
          throw .duplicateSection(file: file, line: lineNumber, section: name, firstLine: first)
        }
        sectionLines[name] = lineNumber
        section = name
        skippingSection = !sections.contains(name)
        if skippingSection {
          warnings.append(
            ThemeWarning(
              file: file, line: lineNumber, kind: .unknownSection(name),
              suggestion: closest(to: name, among: sections)))
        }
        continue
      }

      let (key, value, spelling) = try keyValue(line, file: file, line: lineNumber, section: section)
      if skippingSection { continue }
      let qualified = section.isEmpty ? key : "\(section).\(key)"
      if let first = keyLines[qualified] {
        throw .duplicateKey(file: file, line: lineNumber, key: qualified, firstLine: first)
      }
      keyLines[qualified] = lineNumber

      guard let entry = schema.first(where: { $0.section == section && $0.key == key }) else {
        let names = schema.map { $0.section.isEmpty ? $0.key : "\($0.section).\($0.key)" }
        let sameSection = schema.filter { $0.section == section }.map(\.key)
        let suggestion =
          closest(to: key, among: sameSection).map { section.isEmpty ? $0 : "\(section).\($0)" }
          ?? names.first { $0.hasSuffix(".\(key)") }
          ?? closest(to: qualified, among: names)
        warnings.append(
          ThemeWarning(file: file, line: lineNumber, kind: .unknownKey(qualified), suggestion: suggestion))
        continue
      }

      func invalid(_ expected: String) -> ThemeError {
        .invalidValue(file: file, line: lineNumber, key: qualified, expected: expected, found: spelling)
      }
      switch (entry.target, value) {
      case (.name, .string(let name)):
        theme.name = name
      case (.name, _):
        throw invalid("a string in double quotes")
      case (.monochrome, .boolean(let flag)):
        monochrome = flag
      case (.monochrome, _):
        throw invalid("true or false")
      case (.color(let path), .string(let text)):
        switch color(text) {
        case .success(let color): theme[keyPath: path] = color
        case .failure(let expectation): throw invalid(expectation.text)
        }
      case (.color, _):
        throw invalid(ColorExpectation.any.text)
      }
    }
    return (monochrome ? theme.degraded(to: .mono) : theme, warnings)
  }

  // MARK: Lines

  /// The name in a `[name]` header (with an optional trailing comment), or `nil` if malformed.
  static func sectionName(_ line: Substring) -> String? {
    guard let close = line.firstIndex(of: "]") else { return nil }
    let name = trimmed(line[line.index(after: line.startIndex)..<close])
    let rest = trimmed(line[line.index(after: close)...])
    guard isBareKey(name), rest.isEmpty || rest.hasPrefix("#") else { return nil }
    return String(name)
  }

  /// Splits `key = value # comment` into the key, the value and the value as written.
  static func keyValue(_ line: Substring, file: String, line lineNumber: Int, section: String)
    throws(ThemeError) -> (String, Value, String)
  {
    guard let equals = line.firstIndex(of: "=") else {
      throw .syntax(
        file: file, line: lineNumber, expected: "'key = value' or a '[section]' header",
        found: String(line))
    }
    let key = trimmed(line[..<equals])
    guard isBareKey(key) else {
      throw .syntax(
        file: file, line: lineNumber,
        expected: "a key of letters, digits, '_' or '-' before '='", found: String(key))
    }
    let qualified = section.isEmpty ? String(key) : "\(section).\(key)"
    let rest = trimmed(line[line.index(after: equals)...])
    func invalid(_ expected: String, _ found: String) -> ThemeError {
      .invalidValue(file: file, line: lineNumber, key: qualified, expected: expected, found: found)
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
        throw invalid("a value (a \"string\", true, false or an integer)", shown)
      }
    }
    tail = trimmed(tail)
    guard tail.isEmpty || tail.hasPrefix("#") else {
      throw .syntax(
        file: file, line: lineNumber, expected: "a comment or the end of the line after the value",
        found: String(tail))
    }
    return (String(key), value, spelling)
  }

  static func isBareKey(_ text: Substring) -> Bool {
    !text.isEmpty
      && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" }
  }

  static func trimmed(_ text: Substring) -> Substring {
    let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
    let end = text.lastIndex { $0 != " " && $0 != "\t" }.map { text.index(after: $0) } ?? start
    return text[start..<max(start, end)]
  }

  static func baseName(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
  }

  // MARK: Colours

  /// What a colour value should have looked like.
  enum ColorExpectation: Error {
    case any, ansi, index
    var text: String {
      switch self {
      case .any: "a colour like \"#ffaa00\""
      case .ansi: "\"ansi:N\" with N from 0 to 15"
      case .index: "\"index:N\" with N from 0 to 255"
      }
    }
  }

  /// Parses a colour string: `#rrggbb`, `ansi:N`, `index:N` or `default`.
  static func color(_ text: String) -> Result<Color, ColorExpectation> {
    if text == "default" { return .success(.default) }
    if text.hasPrefix("ansi:") {
      guard let n = UInt8(text.dropFirst(5)), n < 16 else { return .failure(.ansi) }
      return .success(.ansi(n))
    }
    if text.hasPrefix("index:") {
      guard let n = UInt8(text.dropFirst(6)) else { return .failure(.index) }
      return .success(.indexed(n))
    }
    let digits = text.dropFirst()
    guard text.hasPrefix("#"), digits.count == 6, digits.allSatisfy(\.isHexDigit),
      let value = UInt32(digits, radix: 16)
    else { return .failure(.any) }
    return .success(.rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)))
  }

  // MARK: Suggestions

  /// The candidate within edit distance 2 (and less than half the name's length) of `name`.
  static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = min(2, max(1, name.count / 2))
    return candidates
      .map { ($0, editDistance(name, $0)) }
      .filter { $0.1 <= limit }
      .min { $0.1 < $1.1 }?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
