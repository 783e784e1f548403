import CNcurses

/// The real terminal, through ncursesw: the only file that calls curses.
///
/// Use it only inside ``run(_:)``, which sets the terminal up and restores it on every way out:
///
/// ```swift
/// do {
///   try CursesBackend.run { backend in
///     var renderer = Renderer(theme: theme, minimumSize: Size(width: 80, height: 24))
///     while true {
///       renderer.draw(to: &backend) { buffer, area, theme in … }
///       switch renderer.nextKey(from: &backend, timeoutMilliseconds: 33) {
///       case .interrupt?, .character("q")?: return
///       default: …
///       }
///     }
///   }
/// } catch let error as TerminalError {
///   print(error); exit(2)
/// }
/// ```
///
/// Set-up: `setlocale(LC_ALL, "")` (UTF-8 glyphs need it), `newterm` (which, unlike `initscr`,
/// reports an unusable `TERM` instead of exiting), cbreak, no echo, keypad, a 25 ms escape delay
/// (Esc responds at once), hidden cursor, and colours with the terminal's defaults kept (`-1`).
/// SIGINT and SIGTERM only set a flag (in C, see `shim.h`); ``nextKey(timeoutMilliseconds:)``
/// reports it as ``Key/interrupt``, and the loop leaves ``run(_:)`` normally, which restores the
/// terminal with `endwin`. Colour pairs are allocated lazily per (foreground, background) and
/// cached; when the terminal runs out of pairs, further combinations fall back to default colours
/// (glyphs and attributes still show).
package struct CursesBackend: TerminalBackend {
  /// The colour depth the terminal supports (`COLORS`, at most 256).
  package let colorDepth: ColorDepth
  private var pairs: [PairKey: Int32] = [:]
  private var nextPair: Int32 = 1
  private let pairLimit: Int32

  private struct PairKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  private init() {
    if has_colors() {
      start_color()
      use_default_colors()
      // 24-bit terminfo entries (xterm-direct) number colours differently; 256 is the most we use.
      colorDepth = min(ColorDepth(colorCount: Int(nbp_colors())), .palette256)
      pairLimit = Int32(nbp_color_pairs())
    } else {
      colorDepth = .mono
      pairLimit = 0
    }
  }

  /// Sets the terminal up, runs `body` with the backend, and restores the terminal however `body`
  /// ends (return or throw).
  ///
  /// - Throws: ``TerminalError/notATerminal(stream:)`` when standard input or output is not a TTY,
  ///   ``TerminalError/unusableTerminal(term:)`` when curses cannot drive `TERM` (unknown, or
  ///   without cursor addressing, like `dumb`), or whatever `body` throws.
  package static func run<T>(_ body: (inout CursesBackend) throws -> T) throws -> T {
    guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "input") }
    guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "output") }
    setlocale(LC_ALL, "")
    // Installed before newterm so that ncurses does not add its own SIGINT/SIGTERM handlers.
    nbp_install_signal_handlers()
    defer { nbp_restore_signal_handlers() }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    guard let screen = newterm(nil, nbp_stdout(), nbp_stdin()) else {
      throw TerminalError.unusableTerminal(term: term)
    }
    set_term(screen)
    defer {
      endwin()
      delscreen(screen)
    }
    // `dumb` and similar entries load fine but cannot position the cursor, so nothing would draw.
    guard nbp_can_address_cursor() != 0 else { throw TerminalError.unusableTerminal(term: term) }
    configureInput()
    var backend = CursesBackend()
    return try body(&backend)
  }

  /// Runs `body` against an off-screen curses terminal of `size` that writes to `/dev/null`:
  /// for the smoke test of this file, which must not need a TTY.
  package static func withHeadlessScreen<T>(
    term: String = "xterm-256color", size: Size, _ body: (inout CursesBackend) throws -> T
  ) throws -> T? {
    guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else { return nil }
    defer {
      fclose(output)
      fclose(input)
    }
    setlocale(LC_ALL, "")
    guard let screen = newterm(term, output, input) else { return nil }
    set_term(screen)
    defer {
      endwin()
      delscreen(screen)
    }
    configureInput()
    resizeterm(Int32(size.height), Int32(size.width))
    var backend = CursesBackend()
    return try body(&backend)
  }

  private static func configureInput() {
    cbreak()
    noecho()
    nonl()
    intrflush(nbp_stdscr(), false)
    keypad(nbp_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
  }

  /// The first code point shown at (`x`, `y`), read back from curses (smoke tests).
  package func glyph(x: Int, y: Int) -> Character? {
    let value = nbp_cell_character(nbp_stdscr(), Int32(y), Int32(x))
    return Unicode.Scalar(UInt32(bitPattern: value)).map(Character.init)
  }

  // MARK: TerminalBackend

  package var size: Size {
    var rows: Int32 = 0
    var columns: Int32 = 0
    nbp_getmaxyx(nbp_stdscr(), &rows, &columns)
    return Size(width: Int(columns), height: Int(rows))
  }

  package mutating func draw(_ changes: [CellChange]) {
    let window = nbp_stdscr()
    let size = self.size
    for change in changes where change.x < size.width && change.y < size.height {
      let style = change.cell.style.degraded(to: colorDepth)
      let pair = pair(for: style)
      let attributes = attributes(for: style.modifiers)
      // A cell is a base character plus its combining marks; ncurses takes up to CCHARW_MAX of them.
      var text = change.cell.symbol.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
      text.append(0)
      let isCorner = change.x == size.width - 1 && change.y == size.height - 1
      let result = nbp_put_cell(
        window, Int32(change.y), Int32(change.x), text, attributes, pair, isCorner ? 1 : 0)
      if result == ERR {
        let fallback: [wchar_t] = [wchar_t(UInt8(ascii: "?")), 0]
        nbp_put_cell(window, Int32(change.y), Int32(change.x), fallback, attributes, pair, isCorner ? 1 : 0)
      }
    }
  }

  package mutating func clear() {
    werase(nbp_stdscr())
    clearok(nbp_curscr(), true)
  }

  package mutating func flush() {
    wnoutrefresh(nbp_stdscr())
    doupdate()
  }

  /// The next key (`wget_wch` with a timeout); a pending SIGINT/SIGTERM comes first as
  /// ``Key/interrupt``. Keys Scope has no name for (e.g. F25, NUL) are dropped and read as a timeout.
  package mutating func nextKey(timeoutMilliseconds: Int) -> Key? {
    if nbp_take_pending_signal() != 0 { return .interrupt }
    let window = nbp_stdscr()
    wtimeout(window, Int32(clamping: timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds))
    var character: wint_t = 0
    let status = wget_wch(window, &character)
    // A signal interrupts the read (no SA_RESTART), so the flag is seen without waiting.
    if nbp_take_pending_signal() != 0 { return .interrupt }
    switch status {
    case OK: return CursesBackend.key(character: UInt32(character))
    case nbp_key_code_yes(): return CursesBackend.key(code: Int32(character))
    default: return nil
    }
  }

  // MARK: Translation

  /// The key for a character `wget_wch` returned.
  static func key(character: UInt32) -> Key? {
    switch character {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(character) + 96)))
    case 0..<32: return nil
    default: return Unicode.Scalar(character).map { .character(Character($0)) }
    }
  }

  /// The key for a function-key code `wget_wch` returned.
  static func key(code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case nbp_key_resize(): return .resize
    case nbp_key_f(1)...nbp_key_f(24): return .function(Int(code - nbp_key_f(0)))
    default: return nil
    }
  }

  /// The curses colour number: -1 for the terminal default, else the palette index.
  private static func colorNumber(_ color: Color) -> Int32 {
    switch color {
    case .default, .rgb: -1
    case .ansi(let n), .indexed(let n): Int32(n)
    }
  }

  private mutating func pair(for style: Style) -> Int32 {
    guard colorDepth > .mono else { return 0 }
    let key = PairKey(
      foreground: CursesBackend.colorNumber(style.foreground),
      background: CursesBackend.colorNumber(style.background))
    if key.foreground == -1 && key.background == -1 { return 0 }
    if let pair = pairs[key] { return pair }
    guard nextPair < pairLimit, init_extended_pair(nextPair, key.foreground, key.background) == OK else {
      return 0
    }
    pairs[key] = nextPair
    nextPair += 1
    return nextPair - 1
  }

  private func attributes(for modifiers: Modifiers) -> attr_t {
    var attributes = nbp_a_normal()
    if modifiers.contains(.bold) { attributes |= nbp_a_bold() }
    if modifiers.contains(.dim) { attributes |= nbp_a_dim() }
    if modifiers.contains(.reverse) { attributes |= nbp_a_reverse() }
    if modifiers.contains(.underline) { attributes |= nbp_a_underline() }
    return attributes
  }
}
