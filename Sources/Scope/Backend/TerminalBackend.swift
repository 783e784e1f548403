/// A terminal the ``Renderer`` draws on: a size, a colour depth, cell output and key input.
///
/// Kept small on purpose so that ``MemoryBackend`` can stand in for the real terminal in tests and
/// ``CursesBackend`` stays a thin layer over ncurses.
package protocol TerminalBackend {
  /// The current size in cells.
  var size: Size { get }
  /// How many colours the terminal shows; the renderer degrades its theme to it.
  var colorDepth: ColorDepth { get }
  /// Writes cells (not yet visible until ``flush()``).
  mutating func draw(_ changes: [CellChange])
  /// Forgets the screen's contents: the next frame repaints every cell.
  mutating func clear()
  /// Makes everything drawn since the last flush visible.
  mutating func flush()
  /// The next key or event, waiting at most `timeoutMilliseconds` (0: don't wait; negative: wait
  /// indefinitely); `nil` when the time ran out.
  mutating func nextKey(timeoutMilliseconds: Int) -> Key?
}

/// Why the terminal could not be used.
package enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Standard input or output is not a terminal (a pipe, a file, `/dev/null`).
  case notATerminal(stream: String)
  /// `TERM` names a terminal curses cannot drive (unset, `dumb`, or missing from terminfo).
  case unusableTerminal(term: String)

  package var description: String {
    switch self {
    case .notATerminal(let stream):
      return "the interactive debugger needs a terminal, but standard \(stream) is not one; "
        + "run it in a terminal, or use batch mode with a command file instead"
    case .unusableTerminal(let term):
      let shown = term.isEmpty ? "TERM is not set" : "TERM='\(term)' cannot be used by curses"
      return "the interactive debugger cannot drive this terminal: \(shown); "
        + "set TERM (e.g. xterm-256color) or use batch mode with a command file instead"
    }
  }
}
