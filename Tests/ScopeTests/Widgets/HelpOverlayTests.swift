import Scope
import Testing

struct HelpOverlayTests {
  static let keyMap = KeyMap(bindings: [
    KeyBinding(key: .character("?"), action: .help, help: "show this help"),
    KeyBinding(key: .character("q"), action: .quit, help: "quit"),
  ])
  static let commands = [HelpEntry("step [N]", "advance N ticks")]

  @Test func contentListsKeysAndCommands() {
    let overlay = HelpOverlay(keyMap: Self.keyMap, commands: Self.commands)
    #expect(overlay.contentLines == [
      "Keys",
      "  ?  help  show this help",
      "  q  quit  quit",
      "",
      "Commands",
      "  step [N]  advance N ticks",
    ])
  }

  @Test func centredBox() {
    let buffer = rendered(HelpOverlay(keyMap: Self.keyMap, commands: Self.commands), width: 31, height: 10)
    let inner = ["Keys", "  ?  help  show this help", "  q  quit  quit", "", "Commands", "  step [N]  advance N ticks"]
    #expect(buffer.lines == [padded("", to: 31)]
      + [" ┌ Help " + String(repeating: "─", count: 21) + "┐ "]
      + inner.map { " │" + padded($0, to: 27) + "│ " }
      + [" └ Esc closes " + String(repeating: "─", count: 15) + "┘ "]
      + [padded("", to: 31)])
    #expect(buffer[2, 2].style.modifiers.contains(.underline))
  }

  @Test func scrollsAndSaysWhere() {
    // 6 rows leave 4 for text: the offset 5 is clamped to 2, the last page.
    let buffer = rendered(HelpOverlay(keyMap: Self.keyMap, commands: Self.commands, offset: 5), width: 31, height: 6)
    #expect(Array(buffer.lines[1...4]) == ["  q  quit  quit", "", "Commands", "  step [N]  advance N ticks"].map {
      " │" + padded($0, to: 27) + "│ "
    })
    #expect(buffer.lines[5] == " └ 3–6 of 6 · ↑↓ PgUp PgDn s…┘ ")
  }

  @Test func defaultKeyMapListsEveryBinding() {
    let lines = HelpOverlay(commands: []).contentLines
    for group in KeyMap.default.groupedByAction {
      #expect(lines.contains { $0.contains(group.action.name) && $0.contains(group.help) }, "\(group.action.name)")
    }
    #expect(lines.contains("  ← h    cursor left       move the cursor left (rasters: the time cursor)"))
    #expect(lines.contains("  C      reverse-continue  go back to the previous breakpoint hit"))
  }

  @Test func tooSmallDrawsNothing() {
    let buffer = rendered(HelpOverlay(keyMap: Self.keyMap, commands: Self.commands), width: 10, height: 3)
    #expect(buffer == CellBuffer(width: 10, height: 3))
  }
}
