/// Writes JSON text (compact, with the escapes RFC 8259 requires): the one place strings are
/// escaped for JSON, in files and in error messages.
package enum JSONText {
  package static func write(_ value: JSONValue, into text: inout String) {
    switch value {
    case .null: text += "null"
    case .bool(let b): text += b ? "true" : "false"
    case .integer(let n): text += String(n)
    case .unsigned(let n): text += String(n)
    case .number(let d): text += d.isFinite ? "\(d)" : "null"
    case .string(let s): quote(s, into: &text)
    case .array(let elements):
      text += "["
      for (k, element) in elements.enumerated() {
        if k > 0 { text += "," }
        write(element, into: &text)
      }
      text += "]"
    case .object(let members):
      text += "{"
      for (k, member) in members.enumerated() {
        if k > 0 { text += "," }
        quote(member.key, into: &text)
        text += ":"
        write(member.value, into: &text)
      }
      text += "}"
    }
  }

  /// `s` quoted with the escapes RFC 8259 requires; with `limit`, cut after that many scalars
  /// with `…` (for error messages, which must stay one short line whatever the input held).
  package static func quote(_ s: String, into text: inout String, limit: Int = .max) {
    text += "\""
    for (k, scalar) in s.unicodeScalars.enumerated() {
      if k == limit {
        text += "…"
        break
      }
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20:
        let digits = String(scalar.value, radix: 16, uppercase: true)
        text += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }
}

extension JSONValue {
  /// Compact JSON text for the value.
  package var text: String {
    var text = ""
    JSONText.write(self, into: &text)
    return text
  }
}
