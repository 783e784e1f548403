/// The screen shown instead of the interface when the terminal is below the minimum size:
/// `terminal too small: enlarge to at least 80×24 (now 40×10)`, centred and wrapped.
package struct TooSmall: Widget, Sendable {
  /// The smallest size the interface needs.
  package var minimum: Size

  /// Creates the notice for `minimum`.
  package init(minimum: Size) {
    self.minimum = minimum
  }

  /// The notice for an area of `size`.
  package func message(now size: Size) -> String {
    "terminal too small: enlarge to at least \(minimum) (now \(size))"
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let lines = TextLayout.wrap(message(now: area.size), to: area.width).prefix(area.height)
    let top = area.y + (area.height - lines.count) / 2
    for (index, line) in lines.enumerated() {
      let x = area.x + (area.width - line.count) / 2
      buffer.write(line, at: Position(x: x, y: top + index), style: theme.title, clippedTo: area)
    }
  }
}
