import Scope
import Testing

/// Renders `widget` into a fresh `width`×`height` buffer (blank, plain cells).
func rendered(_ widget: some Widget, width: Int, height: Int, theme: Theme = .dark) -> CellBuffer {
  var buffer = CellBuffer(width: width, height: height)
  buffer.render(widget, in: buffer.area, theme: theme)
  return buffer
}

/// Pads `text` with spaces to `width` columns.
func padded(_ text: String, to width: Int) -> String {
  text + String(repeating: " ", count: max(0, width - text.count))
}

/// The mono theme, as NO_COLOR would give.
let mono = Theme.dark.degraded(to: .mono)

/// The package root, found from this file's path (tests never depend on the working directory).
let packageRoot: String = {
  var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  while let last = parts.last, last != "Tests" { parts.removeLast() }
  parts.removeLast()
  return parts.joined(separator: "/")
}()

/// The shipped themes directory.
let themesDirectory = packageRoot + "/themes"

/// Areas every widget must survive without trapping: empty, tiny, thin, off the buffer.
struct EdgeArea: Sendable, CustomTestStringConvertible {
  var id: String
  var area: Rect
  var testDescription: String { id }

  static let all: [EdgeArea] = [
    EdgeArea(id: "0×0", area: Rect(x: 0, y: 0, width: 0, height: 0)),
    EdgeArea(id: "1×1", area: Rect(x: 0, y: 0, width: 1, height: 1)),
    EdgeArea(id: "1 column", area: Rect(x: 0, y: 0, width: 1, height: 12)),
    EdgeArea(id: "1 row", area: Rect(x: 0, y: 0, width: 30, height: 1)),
    EdgeArea(id: "3×2", area: Rect(x: 0, y: 0, width: 3, height: 2)),
    EdgeArea(id: "partly off the buffer", area: Rect(x: 25, y: 10, width: 20, height: 10)),
    EdgeArea(id: "wholly off the buffer", area: Rect(x: 100, y: 100, width: 5, height: 5)),
  ]
}

/// One of each widget, with content, for the no-trap sweep.
struct AnyWidgetCase: Sendable, CustomTestStringConvertible {
  var id: String
  var draw: @Sendable (inout CellBuffer, Rect, Theme) -> Void
  var testDescription: String { id }

  init(_ id: String, _ widget: some Widget & Sendable) {
    self.id = id
    self.draw = { buffer, area, theme in buffer.render(widget, in: area, theme: theme) }
  }
}
