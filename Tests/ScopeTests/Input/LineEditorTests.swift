import Scope
import Testing

struct LineEditorTests {
  /// Applies keys, typing strings character by character.
  func typed(_ editor: LineEditor = LineEditor(), _ keys: [Key]) -> LineEditor {
    var editor = editor
    for key in keys { _ = editor.apply(key) }
    return editor
  }

  func chars(_ text: String) -> [Key] { text.map { .character($0) } }

  struct EditCase: Sendable, CustomTestStringConvertible {
    var id: String
    var keys: [Key]
    var text: String
    var cursor: Int
    var testDescription: String { id }
  }

  static let edits: [EditCase] = [
    EditCase(id: "typing", keys: "step 5".map { .character($0) }, text: "step 5", cursor: 6),
    EditCase(id: "backspace", keys: "stepp".map { .character($0) } + [.backspace], text: "step", cursor: 4),
    EditCase(id: "backspace at the start does nothing", keys: [.backspace, .character("a")], text: "a", cursor: 1),
    EditCase(id: "insert in the middle", keys: "sep".map { .character($0) } + [.left, .left, .character("t")],
             text: "step", cursor: 2),
    EditCase(id: "home and end", keys: "ab".map { .character($0) } + [.home, .character("x"), .end, .character("y")],
             text: "xaby", cursor: 4),
    EditCase(id: "delete forward", keys: "abc".map { .character($0) } + [.home, .delete], text: "bc", cursor: 0),
    EditCase(id: "right stops at the end", keys: [.character("a"), .right, .right], text: "a", cursor: 1),
    EditCase(id: "left stops at the start", keys: [.character("a"), .left, .left], text: "a", cursor: 0),
    EditCase(id: "ctrl-w deletes a word", keys: "break gate g05".map { .character($0) } + [.control("w")],
             text: "break gate ", cursor: 11),
    EditCase(id: "ctrl-u deletes to the start", keys: "abcd".map { .character($0) } + [.left, .control("u")],
             text: "d", cursor: 0),
    EditCase(id: "ctrl-a and ctrl-e", keys: "bc".map { .character($0) } + [.control("a"), .character("a"), .control("e")],
             text: "abc", cursor: 3),
  ]

  @Test(arguments: edits)
  func editing(_ row: EditCase) {
    let editor = typed(LineEditor(), row.keys)
    #expect(editor.text == row.text)
    #expect(editor.cursor == row.cursor)
  }

  @Test func enterSubmitsRecordsAndClears() {
    var editor = typed(LineEditor(), chars("next"))
    #expect(editor.apply(.enter) == .submitted("next"))
    #expect(editor.text == "")
    #expect(editor.history == ["next"])
  }

  @Test func escapeCancels() {
    var editor = typed(LineEditor(), chars("contin"))
    #expect(editor.apply(.escape) == .cancelled)
    #expect(editor.text == "")
    #expect(editor.history.isEmpty)
  }

  @Test func unrelatedKeysAreIgnored() {
    var editor = LineEditor()
    #expect(editor.apply(.function(5)) == .ignored)
    #expect(editor.apply(.interrupt) == .ignored)
  }

  @Test func historyBrowsingKeepsTheDraft() {
    var editor = LineEditor(history: ["step", "next"])
    editor.insert("con")
    editor.historyPrevious()
    #expect(editor.text == "next")
    editor.historyPrevious()
    #expect(editor.text == "step")
    editor.historyPrevious()
    #expect(editor.text == "step")
    editor.historyNext()
    #expect(editor.text == "next")
    editor.historyNext()
    #expect(editor.text == "con")
    #expect(editor.cursor == 3)
    editor.historyNext()
    #expect(editor.text == "con")
  }

  @Test func historySkipsBlanksAndRepeatsAndKeepsItsLimit() {
    var editor = LineEditor(historyLimit: 2)
    for line in ["a", "a", "  ", "b", "c"] {
      editor.insert(line)
      _ = editor.submit()
    }
    #expect(editor.history == ["b", "c"])
  }

  @Test func upAndDownBrowseTheHistory() {
    var editor = LineEditor(history: ["run"])
    #expect(editor.apply(.up) == .edited)
    #expect(editor.text == "run")
    _ = editor.apply(.down)
    #expect(editor.text == "")
  }
}
