@testable import Scope
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether this test process could take over a real terminal (then the refusal test must not run).
let hasTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1

/// The ncurses boundary without a TTY: an off-screen terminal writing to /dev/null.
@Suite(.serialized)
struct CursesBackendTests {
  @Test func drawsWideCharactersAndReadsThemBack() throws {
    let result = try CursesBackend.withHeadlessScreen(size: Size(width: 20, height: 5)) { backend in
      #expect(backend.size == Size(width: 20, height: 5))
      #expect(backend.colorDepth == .palette256)
      var renderer = Renderer(theme: .dark)
      renderer.draw(to: &backend) { buffer, area, theme in
        buffer.write("⣿▀█●", at: Position(x: 0, y: 0), style: theme.roleStyle(.gate), clippedTo: area)
        buffer.set(Cell("x", style: theme.text.reversed()), at: Position(x: 19, y: 4))
      }
      return [backend.glyph(x: 0, y: 0), backend.glyph(x: 1, y: 0), backend.glyph(x: 2, y: 0),
              backend.glyph(x: 3, y: 0), backend.glyph(x: 19, y: 4), backend.glyph(x: 5, y: 2)]
    }
    let glyphs = try #require(result, "newterm could not open xterm-256color on /dev/null")
    #expect(glyphs == ["⣿", "▀", "█", "●", "x", " "])
  }

  struct KeyCase: Sendable, CustomTestStringConvertible {
    var id: String
    var character: UInt32
    var key: Key?
    var testDescription: String { id }
  }

  @Test(arguments: [
    KeyCase(id: "letter", character: 0x73, key: .character("s")),
    KeyCase(id: "space", character: 0x20, key: .character(" ")),
    KeyCase(id: "non-ASCII", character: 0xE9, key: .character("é")),
    KeyCase(id: "tab", character: 9, key: .tab),
    KeyCase(id: "line feed", character: 10, key: .enter),
    KeyCase(id: "carriage return", character: 13, key: .enter),
    KeyCase(id: "escape", character: 27, key: .escape),
    KeyCase(id: "DEL", character: 127, key: .backspace),
    KeyCase(id: "ctrl-h", character: 8, key: .backspace),
    KeyCase(id: "ctrl-l", character: 12, key: .control("l")),
    KeyCase(id: "NUL", character: 0, key: nil),
  ])
  func characters(_ row: KeyCase) {
    #expect(CursesBackend.key(character: row.character) == row.key)
  }

  @Test func unusableTerminalMessage() {
    #expect(TerminalError.unusableTerminal(term: "dumb").description
      == "the interactive debugger cannot drive this terminal: TERM='dumb' cannot be used by curses; "
      + "set TERM (e.g. xterm-256color) or use batch mode with a command file instead")
    #expect(TerminalError.notATerminal(stream: "output").description
      == "the interactive debugger needs a terminal, but standard output is not one; "
      + "run it in a terminal, or use batch mode with a command file instead")
  }

  @Test(.enabled(if: !hasTerminal, "stdin and stdout are a terminal; run would take it over"))
  func refusesWithoutATerminal() {
    #expect(throws: TerminalError.self) {
      try CursesBackend.run { _ in Issue.record("run must not start without a terminal") }
    }
  }
}
