import TOML

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

  // The line syntax is the shared TOML subset's (target TOML, also read by circuit profiles);
  // themes take no arrays, and keep their own error type and messages.

  /// The name in a `[name]` header (with an optional trailing comment), or `nil` if malformed.
  static func sectionName(_ line: Substring) -> String? {
    TOMLLine.sectionName(line)
  }

  /// Splits `key = value # comment` into the key, the value and the value as written.
  static func keyValue(_ line: Substring, file: String, line lineNumber: Int, section: String)
    throws(ThemeError) -> (String, Value, String)
  {
    do {
      let (key, value, spelling) = try TOMLLine.keyValue(line, section: section)
      switch value {
      case .string(let text): return (key, .string(text), spelling)
      case .boolean(let flag): return (key, .boolean(flag), spelling)
      case .integer(let number): return (key, .integer(number), spelling)
      case .integers: preconditionFailure("arrays are only read when allowed")
      }
    } catch {
      switch error {
      case .syntax(let expected, let found):
        throw .syntax(file: file, line: lineNumber, expected: expected, found: found)
      case .invalidValue(let key, let expected, let found):
        throw .invalidValue(file: file, line: lineNumber, key: key, expected: expected, found: found)
      }
    }
  }

  static func isBareKey(_ text: Substring) -> Bool { TOMLLine.isBareKey(text) }

  static func trimmed(_ text: Substring) -> Substring { TOMLLine.trimmed(text) }

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
    TOMLLine.closest(to: name, among: candidates)
  }
}
