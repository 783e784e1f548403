/// A titled list of key/value rows: the selected population or neuron, a breakpoint's details.
///
/// ```
/// h1 neuron 17
/// spikes   3 this cycle
/// v        -1204
/// ```
/// Keys are dim and aligned (their column is at most half the width); values are cut with `…`.
/// Rows that do not fit are summarised on the last line as `… N more`.
package struct Inspector: Widget, Sendable {
  /// One key/value row.
  package struct Row: Hashable, Sendable {
    /// The name, e.g. `spikes`.
    package var key: String
    /// The value, e.g. `3 this cycle`.
    package var value: String

    /// Creates a row.
    package init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// The heading, in bold.
  package var title: String
  /// The rows, top to bottom.
  package var rows: [Row]
  /// How many rows are scrolled off the top.
  package var offset: Int

  /// Creates an inspector.
  package init(title: String, rows: [Row], offset: Int = 0) {
    self.title = title
    self.rows = rows
    self.offset = max(0, offset)
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    // An empty title takes no row (a panel around the inspector already names it).
    if !title.isEmpty {
      buffer.write(
        TextLayout.truncate(title, to: area.width), at: Position(x: area.x, y: area.y), style: theme.title,
        clippedTo: area)
    }
    let body = title.isEmpty ? area : area.droppingTop(1)
    guard !body.isEmpty else { return }
    let start = min(offset, rows.count)
    var visible = Array(rows[start...])
    var hidden = 0
    if visible.count > body.height {
      hidden = visible.count - (body.height - 1)
      visible = Array(visible.prefix(body.height - 1))
    }
    let keyWidth = min(visible.map(\.key.count).max() ?? 0, max(1, body.width / 2))
    for (index, row) in visible.enumerated() {
      let y = body.y + index
      let key = TextLayout.fit(row.key, to: keyWidth)
      let x = buffer.write(key, at: Position(x: body.x, y: y), style: theme.dimText, clippedTo: body) + 1
      let value = TextLayout.truncate(row.value, to: body.right - x)
      buffer.write(value, at: Position(x: x, y: y), style: theme.text, clippedTo: body)
    }
    if hidden > 0 {
      let more = TextLayout.truncate("… \(hidden) more", to: body.width)
      buffer.write(more, at: Position(x: body.x, y: body.bottom - 1), style: theme.dimText, clippedTo: body)
    }
  }
}
