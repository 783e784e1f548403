/// Fitting text into a number of columns (one column per character; see ``Cell/displayable(_:)``).
enum TextLayout {
  /// The ellipsis that marks cut text.
  static let ellipsis: Character = "…"

  /// `text` cut to `width` columns, its last column replaced by `…` when anything was cut.
  static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    guard text.count > width else { return text }
    return String(text.prefix(width - 1)) + String(ellipsis)
  }

  /// `text` cut or padded with spaces to exactly `width` columns.
  static func fit(_ text: String, to width: Int) -> String {
    let cut = truncate(text, to: width)
    return cut + String(repeating: " ", count: max(0, width - cut.count))
  }

  /// `text` broken into lines of at most `width` columns: at spaces where possible, inside a word
  /// only when the word alone is longer than a line. Explicit newlines are kept.
  static func wrap(_ text: String, to width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      var line = ""
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
        var word = Substring(word)
        if !line.isEmpty, line.count + 1 + word.count <= width {
          line += " " + word
          continue
        }
        if !line.isEmpty {
          lines.append(line)
          line = ""
        }
        while word.count > width {
          lines.append(String(word.prefix(width)))
          word = word.dropFirst(width)
        }
        line = String(word)
      }
      lines.append(line)
    }
    return lines
  }
}
