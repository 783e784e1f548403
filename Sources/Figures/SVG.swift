/// A small SVG writer: elements appended as text, attribute values and text escaped in one place.
package struct SVG {
  package let width: Double
  package let height: Double
  private var body: [String] = []

  package init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// `&`, `<`, `>`, `"` and `'` as entities; control characters (not allowed in XML 1.0) dropped.
  package static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func number(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(format2(x))
  }

  private static func format2(_ x: Double) -> String {
    let scaled = (x * 100).rounded() / 100
    return "\(scaled)"
  }

  package mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil) {
    var element = "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(Self.escape(fill))\""
    if let opacity { element += " fill-opacity=\"\(Self.number(opacity))\"" }
    body.append(element + "/>")
  }

  package mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
    body.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.number(width))\"\(dashed ? " stroke-dasharray=\"3 3\"" : "")/>")
  }

  package mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
    let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
    body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.number(width))\"/>")
  }

  package mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
    body.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(Self.escape(fill))\"/>")
  }

  package enum Anchor: String { case start, middle, end }

  package mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 11, fill: String = "#222", anchor: Anchor = .start,
    bold: Bool = false, rotate: Double? = nil
  ) {
    var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" fill=\"\(Self.escape(fill))\" text-anchor=\"\(anchor.rawValue)\""
    if bold { element += " font-weight=\"bold\"" }
    if let rotate { element += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\"" }
    body.append(element + ">\(Self.escape(text))</text>")
  }

  /// The whole document.
  package var document: String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(width))" height="\(Self.number(height))" viewBox="0 0 \(Self.number(width)) \(Self.number(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
    <rect width="100%" height="100%" fill="#ffffff"/>
    \(body.joined(separator: "\n"))
    </svg>

    """
  }
}
