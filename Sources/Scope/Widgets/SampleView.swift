import Debugger

/// A sample and what the circuit made of it: the input image in half blocks beside the label,
/// the output spikes, the prediction (`none` when no output fired), the target, the error
/// populations, and ✓/✗.
///
/// ```
/// ▄▀▀▄   label   3          <- the image, two pixel rows per cell
/// █  █   pred    3 ✓
/// ▀▄▄▀   o       0001000000
///        target  0001000000
///        d+ d-   0000000000 0000000000
/// ```
package struct SampleView: Widget, Sendable {
  package var record: SampleRecord

  package init(record: SampleRecord) {
    self.record = record
  }

  /// The text lines beside the image.
  package var lines: [(String, String)] {
    func bits(_ v: [Bool]?) -> String { v.map { $0.map { $0 ? "1" : "0" }.joined() } ?? "·" }
    let size = record.output?.count ?? record.errorPlus?.count ?? 0
    let target = size > 0 ? (0..<size).map { $0 == record.label ? "1" : "0" }.joined() : "·"
    var lines: [(String, String)] = [
      ("label", "\(record.label)"),
      ("pred", record.predictionText + (record.isError.map { $0 ? " ✗" : " ✓" } ?? "")),
      ("o", bits(record.output)),
      ("target", target),
    ]
    if record.errorPlus != nil || record.output != nil {
      lines.append(("d+", bits(record.errorPlus)))
      lines.append(("d-", bits(record.errorMinus)))
    }
    return lines
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    var textX = area.x
    if let image = record.image, image.rows > 1, area.width >= image.columns + 12 {
      let style = theme.roleStyle(.input)
      for cellRow in 0..<min(area.height, (image.rows + 1) / 2) {
        for column in 0..<image.columns {
          let top = image.pixels[(2 * cellRow) * image.columns + column] != 0
          let bottomRow = 2 * cellRow + 1
          let bottom = bottomRow < image.rows && image.pixels[bottomRow * image.columns + column] != 0
          let glyph: Character = top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " "
          if glyph != " " {
            buffer.set(Cell(glyph, style: style), at: Position(x: area.x + column, y: area.y + cellRow))
          }
        }
      }
      textX = area.x + image.columns + 2
    }
    let textArea = Rect(x: textX, y: area.y, width: area.right - textX, height: area.height)
    for (k, (key, value)) in lines.enumerated() where k < textArea.height {
      buffer.write(TextLayout.fit(key, to: 7), at: Position(x: textArea.x, y: textArea.y + k), style: theme.dimText, clippedTo: textArea)
      let style = key == "pred" && record.isError == true ? theme.violationMarker : theme.text
      buffer.write(value, at: Position(x: textArea.x + 7, y: textArea.y + k), style: style, clippedTo: textArea)
    }
  }
}
