/// A bordered pane with a title; the focused pane has heavy lines, so focus shows without colour.
///
/// ```
/// ┌ Raster ──────┐      ┏ Weights ━━━━━┓
/// │              │      ┃              ┃   (focused)
/// └──────────────┘      ┗━━━━━━━━━━━━━━┛
/// ```
/// Draw the panel, then draw its content into ``inner(_:)``. Areas under 2×2 get no border.
package struct Panel: Widget, Sendable {
  /// The title, shown in the top border.
  package var title: String
  /// Whether the pane has the keyboard.
  package var isFocused: Bool

  /// Creates a panel.
  package init(title: String, isFocused: Bool = false) {
    self.title = title
    self.isFocused = isFocused
  }

  /// The area inside the border.
  package func inner(_ area: Rect) -> Rect { area.inner(1) }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard area.width >= 2, area.height >= 2 else { return }
    let border = isFocused ? theme.text.bold() : theme.axisText
    Panel.drawBorder(into: &buffer, area: area, style: border, heavy: isFocused)
    let titleStyle = isFocused ? theme.selected(theme.title) : theme.title
    let room = area.width - 4
    if room >= 1, !title.isEmpty {
      let text = " " + TextLayout.truncate(title, to: room) + " "
      buffer.write(text, at: Position(x: area.x + 1, y: area.y), style: titleStyle, clippedTo: area)
    }
  }

  /// Draws a box border around `area` (at least 2×2).
  static func drawBorder(into buffer: inout CellBuffer, area: Rect, style: Style, heavy: Bool) {
    let (h, v, tl, tr, bl, br): (Character, Character, Character, Character, Character, Character) =
      heavy ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘")
    let last = Position(x: area.right - 1, y: area.bottom - 1)
    for x in area.x..<area.right {
      buffer.set(Cell(h, style: style), at: Position(x: x, y: area.y))
      buffer.set(Cell(h, style: style), at: Position(x: x, y: last.y))
    }
    for y in area.y..<area.bottom {
      buffer.set(Cell(v, style: style), at: Position(x: area.x, y: y))
      buffer.set(Cell(v, style: style), at: Position(x: last.x, y: y))
    }
    buffer.set(Cell(tl, style: style), at: Position(x: area.x, y: area.y))
    buffer.set(Cell(tr, style: style), at: Position(x: last.x, y: area.y))
    buffer.set(Cell(bl, style: style), at: Position(x: area.x, y: last.y))
    buffer.set(Cell(br, style: style), at: Position(x: last.x, y: last.y))
  }
}
