/// An in-memory terminal for tests: a ``CellBuffer`` screen and a scripted queue of keys and resizes.
///
/// Cells are stored degraded to ``colorDepth``, as a real terminal would show them. A scripted
/// resize replaces the screen with a blank one of the new size (a real terminal's contents after a
/// resize cannot be relied on either) and is reported as ``Key/resize``.
package struct MemoryBackend: TerminalBackend {
  /// One scripted input event.
  package enum Event: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal changes to this size.
    case resize(Size)
  }

  /// What the terminal shows.
  package private(set) var screen: CellBuffer
  /// The colour depth the fake terminal reports.
  package var colorDepth: ColorDepth
  /// Events not yet delivered, first to come first.
  package private(set) var pendingEvents: [Event]
  /// How many times ``flush()`` was called.
  package private(set) var flushCount = 0
  /// How many times ``clear()`` was called.
  package private(set) var clearCount = 0
  /// How many cells the last ``draw(_:)`` calls since the previous flush wrote.
  package private(set) var cellsDrawnSinceFlush = 0
  /// How many cells the last flushed frame wrote.
  package private(set) var cellsInLastFrame = 0

  /// Creates a blank terminal of `size` with scripted `events`.
  package init(size: Size, colorDepth: ColorDepth = .palette256, events: [Event] = []) {
    self.screen = CellBuffer(size: size)
    self.colorDepth = colorDepth
    self.pendingEvents = events
  }

  /// Appends events to the script.
  package mutating func enqueue(_ events: [Event]) {
    pendingEvents += events
  }

  /// Appends key presses to the script.
  package mutating func enqueue(keys: [Key]) {
    pendingEvents += keys.map { .key($0) }
  }

  package var size: Size { screen.size }

  package mutating func draw(_ changes: [CellChange]) {
    for change in changes {
      var cell = change.cell
      cell.style = cell.style.degraded(to: colorDepth)
      screen.set(cell, at: Position(x: change.x, y: change.y))
    }
    cellsDrawnSinceFlush += changes.count
  }

  package mutating func clear() {
    screen = CellBuffer(size: screen.size)
    clearCount += 1
  }

  package mutating func flush() {
    flushCount += 1
    cellsInLastFrame = cellsDrawnSinceFlush
    cellsDrawnSinceFlush = 0
  }

  /// The next scripted event; `nil` (a timeout) once the script is exhausted.
  package mutating func nextKey(timeoutMilliseconds: Int) -> Key? {
    guard !pendingEvents.isEmpty else { return nil }
    switch pendingEvents.removeFirst() {
    case .key(let key):
      return key
    case .resize(let size):
      screen = CellBuffer(size: size)
      return .resize
    }
  }
}
