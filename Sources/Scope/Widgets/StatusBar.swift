/// The one-row status line: segments on the left, segments on the right, in the status colours.
///
/// Segments are joined with ` · `. When the row is too short, the right side keeps priority (it
/// holds the mode: `live · paused`) and the left side is cut with `…`; a right side longer than the
/// row is cut too. Only the first row of the area is used.
package struct StatusBar: Widget, Sendable {
  /// Segments shown from the left edge, e.g. `["tick 1234", "sample 102", "phase 5 g05 W2 potentiation"]`.
  package var left: [String]
  /// Segments shown flush right, e.g. `["live", "paused"]`.
  package var right: [String]

  /// The text between segments.
  package static let separator = " · "

  /// Creates a status bar from segments.
  package init(left: [String], right: [String] = []) {
    self.left = left
    self.right = right
  }

  /// Creates a status bar from two already-joined strings.
  package init(left: String, right: String = "") {
    self.init(left: left.isEmpty ? [] : [left], right: right.isEmpty ? [] : [right])
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let row = area.top(1)
    guard !row.isEmpty else { return }
    let style = theme.status
    buffer.fill(row, with: Cell(" ", style: style))
    // One column of padding at each end when there is room for it.
    let content = row.width >= 3 ? row.inner(horizontal: 1, vertical: 0) : row
    let rightText = TextLayout.truncate(right.joined(separator: StatusBar.separator), to: content.width)
    let leftWidth = content.width - rightText.count - (rightText.isEmpty ? 0 : 1)
    let leftText = TextLayout.truncate(left.joined(separator: StatusBar.separator), to: leftWidth)
    buffer.write(leftText, at: Position(x: content.x, y: content.y), style: style, clippedTo: content)
    buffer.write(
      rightText, at: Position(x: content.right - rightText.count, y: content.y), style: style.bold(),
      clippedTo: content)
  }
}
