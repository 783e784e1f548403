import Scope
import Testing

struct PromptLineTests {
  @Test func promptTextAndBlockCursor() {
    let buffer = rendered(PromptLine(text: "step 5", cursor: 6), width: 10, height: 1)
    #expect(buffer.lines == [":step 5   "])
    #expect(buffer[7, 0].style.modifiers.contains(.reverse))
    #expect(buffer.styleRuns.filter { $0.style.modifiers.contains(.reverse) }.count == 1)
  }

  @Test func cursorInTheMiddle() {
    let buffer = rendered(PromptLine(text: "abcdef", cursor: 2), width: 5, height: 1)
    #expect(buffer.lines == [":abcd"])
    #expect(buffer[3, 0] == Cell("c", style: Theme.dark.text.reversed()))
  }

  @Test func scrollsToKeepTheCursorVisible() {
    // Field of 7 columns, cursor after the 14th character: characters 8–13 plus the cursor column.
    let buffer = rendered(PromptLine(text: "break gate g05", cursor: 14), width: 8, height: 1)
    #expect(buffer.lines == [":…e g05 "])
    #expect(buffer[7, 0].style.modifiers.contains(.reverse))
  }

  @Test func inactiveHasNoCursor() {
    let buffer = rendered(PromptLine(text: "next", cursor: 4, isActive: false), width: 8, height: 1)
    #expect(buffer.lines == [":next   "])
    #expect(buffer.styleRuns.allSatisfy { !$0.style.modifiers.contains(.reverse) })
  }

  @Test func fromALineEditor() {
    var editor = LineEditor()
    editor.insert("run")
    editor.moveLeft()
    let prompt = PromptLine(editor: editor)
    #expect(prompt.text == "run")
    #expect(prompt.cursor == 2)
  }
}
