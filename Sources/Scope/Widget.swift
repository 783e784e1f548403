/// Something that draws itself into a rectangle of a ``CellBuffer``.
///
/// Widgets are values whose rendering is a pure function of their fields, the area and the theme:
/// they never touch the terminal, never throw and never print. A widget draws only inside `area`
/// (the buffer ignores writes outside the grid anyway), and one that does not fit draws nothing or
/// a short marker; no area, including 0×0 or one off the grid, may make it trap.
package protocol Widget {
  /// Draws the widget into `area` of `buffer` with `theme`'s colours.
  func render(into buffer: inout CellBuffer, area: Rect, theme: Theme)
}

extension CellBuffer {
  /// Draws `widget` into `area` of this buffer.
  package mutating func render(_ widget: some Widget, in area: Rect, theme: Theme) {
    widget.render(into: &self, area: area, theme: theme)
  }
}
