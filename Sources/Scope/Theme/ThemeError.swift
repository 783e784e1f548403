import Suggestions
/// Why a theme could not be loaded; ``description`` gives one line naming the file, line and key.
///
/// ```
/// themes/x.toml:7: key 'roles.gate': expected a colour like "#ffaa00", found "pink"
/// ```
package enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No file at `path`, or (`path` nil) no bundled theme of that name; `available` lists the
  /// bundled names.
  case notFound(name: String, path: String?, available: [String])
  /// The file exists but could not be read as UTF-8 text.
  case unreadable(path: String)
  /// A line is neither blank, a comment, a `[section]` nor `key = value`.
  case syntax(file: String, line: Int, expected: String, found: String)
  /// A known key has a value of the wrong kind or form.
  case invalidValue(file: String, line: Int, key: String, expected: String, found: String)
  /// A key is given twice.
  case duplicateKey(file: String, line: Int, key: String, firstLine: Int)
  /// A section header appears twice.
  case duplicateSection(file: String, line: Int, section: String, firstLine: Int)

  package var description: String {
    switch self {
    case .notFound(let name, let path, let available):
      let list = available.isEmpty ? "none" : available.joined(separator: ", ")
      let missing = path.map { "no file '\($0)'" } ?? "no bundled theme of that name, and not a path"
      return "theme '\(name)' not found: \(missing) (available: \(list))"
    case .unreadable(let path):
      return "\(path): cannot read the theme file as UTF-8 text"
    case .syntax(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected), found '\(found)'"
    case .invalidValue(let file, let line, let key, let expected, let found):
      return "\(file):\(line): key '\(key)': expected \(expected), found \(found)"
    case .duplicateKey(let file, let line, let key, let firstLine):
      return "\(file):\(line): key '\(key)' is set twice (first on line \(firstLine))"
    case .duplicateSection(let file, let line, let section, let firstLine):
      return "\(file):\(line): section '[\(section)]' appears twice (first on line \(firstLine))"
    }
  }
}

/// Something in a theme file that was ignored; the theme still loaded.
package struct ThemeWarning: Hashable, Sendable, CustomStringConvertible {
  /// What was ignored.
  package enum Kind: Hashable, Sendable {
    /// A key the section does not have (`key` is qualified, e.g. `ui.cursr`).
    case unknownKey(String)
    /// A section the schema does not have; its keys were skipped too.
    case unknownSection(String)
  }

  /// The file, as it was named when loading.
  package var file: String
  /// The 1-based line.
  package var line: Int
  /// What was ignored.
  package var kind: Kind
  /// A known name close to the unknown one, if any.
  package var suggestion: String?

  /// Creates a warning.
  package init(file: String, line: Int, kind: Kind, suggestion: String? = nil) {
    self.file = file
    self.line = line
    self.kind = kind
    self.suggestion = suggestion
  }

  /// One line, e.g. `themes/x.toml:12: unknown key 'ui.cursr' ignored; did you mean 'ui.cursor'?`
  package var description: String {
    let what: String
    switch kind {
    case .unknownKey(let key): what = "unknown key '\(echoed(key))' ignored"
    case .unknownSection(let section): what = "unknown section '[\(section)]' ignored, with its keys"
    }
    let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
    return "\(file):\(line): \(what)\(hint)"
  }
}
