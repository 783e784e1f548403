/// The `:` command line: prompt, text and a block cursor, scrolled so the cursor stays visible.
///
/// Named `PromptLine` rather than `CommandLine` so it does not shadow the standard library's
/// `CommandLine` in modules that import Scope. The terminal's own cursor is hidden, so the cursor is
/// drawn as a reverse-video cell (which needs no colour). When inactive, the line is drawn dim and
/// without a cursor. When the text is scrolled, its first visible column shows `…`.
package struct PromptLine: Widget, Sendable {
  /// The prompt, `:` by default.
  package var prompt: String
  /// The text typed so far.
  package var text: String
  /// The cursor, 0...text.count (in characters).
  package var cursor: Int
  /// Whether the prompt has the keyboard (cursor shown).
  package var isActive: Bool

  /// Creates a prompt line.
  package init(prompt: String = ":", text: String, cursor: Int, isActive: Bool = true) {
    self.prompt = prompt
    self.text = text
    self.cursor = min(max(0, cursor), text.count)
    self.isActive = isActive
  }

  /// Creates a prompt line showing `editor`'s text and cursor.
  package init(editor: LineEditor, prompt: String = ":", isActive: Bool = true) {
    self.init(prompt: prompt, text: editor.text, cursor: editor.cursor, isActive: isActive)
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let row = area.top(1)
    guard !row.isEmpty else { return }
    let promptStyle = isActive ? theme.title : theme.dimText
    let textStyle = isActive ? theme.text : theme.dimText
    let x = buffer.write(prompt, at: Position(x: row.x, y: row.y), style: promptStyle, clippedTo: row)
    let field = row.droppingLeft(x - row.x)
    guard !field.isEmpty else { return }
    let characters = Array(text)
    let cursor = min(max(0, self.cursor), characters.count)
    // The cursor may sit after the last character, so it needs a column of its own.
    let start = max(0, cursor - field.width + 1)
    var visible = String(characters[start..<min(characters.count, start + field.width)])
    if start > 0, field.width >= 2 { visible = String(TextLayout.ellipsis) + visible.dropFirst() }
    buffer.write(visible, at: Position(x: field.x, y: field.y), style: textStyle, clippedTo: field)
    if isActive {
      buffer.update(at: Position(x: field.x + cursor - start, y: field.y)) { cell in
        cell.style = theme.text.reversed()
      }
    }
  }
}
