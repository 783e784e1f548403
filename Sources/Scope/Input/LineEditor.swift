/// The text of a one-line prompt: editing, cursor movement and history.
///
/// A value type with no terminal knowledge: the app feeds it keys through ``apply(_:)`` (or calls the
/// editing methods directly) and renders it with ``PromptLine``. The cursor is an index in
/// characters, from 0 (before the first) to `text.count` (after the last).
package struct LineEditor: Hashable, Sendable {
  /// What a key did to the editor.
  package enum Outcome: Hashable, Sendable {
    /// The text or cursor changed (or the key was an editing key with nothing to do).
    case edited
    /// Enter: the line was submitted (and recorded in the history); the editor is now empty.
    case submitted(String)
    /// Escape or Ctrl-C: the line was abandoned; the editor is now empty.
    case cancelled
    /// The key means nothing to a line editor.
    case ignored
  }

  /// The current line.
  package private(set) var text: String
  /// The cursor, 0...text.count.
  package private(set) var cursor: Int
  /// Submitted lines, oldest first; consecutive duplicates and blank lines are not recorded.
  package private(set) var history: [String]
  /// The most lines ``history`` keeps.
  package var historyLimit: Int

  /// Which history entry is shown (`nil`: the line being typed).
  private var historyIndex: Int?
  /// The line being typed, kept while browsing the history.
  private var draft: String = ""

  /// Creates an editor holding `text`, cursor at its end.
  package init(text: String = "", history: [String] = [], historyLimit: Int = 200) {
    self.text = text
    self.cursor = text.count
    self.historyLimit = max(1, historyLimit)
    self.history = Array(history.suffix(max(1, historyLimit)))
  }

  // MARK: Editing

  /// Inserts `character` at the cursor and moves the cursor past it.
  package mutating func insert(_ character: Character) {
    insert(String(character))
  }

  /// Inserts `string` at the cursor and moves the cursor past it.
  package mutating func insert(_ string: String) {
    var characters = Array(text)
    characters.insert(contentsOf: string, at: cursor)
    text = String(characters)
    cursor += string.count
  }

  /// Deletes the character before the cursor (Backspace).
  package mutating func deleteBackward() {
    guard cursor > 0 else { return }
    var characters = Array(text)
    characters.remove(at: cursor - 1)
    text = String(characters)
    cursor -= 1
  }

  /// Deletes the character under the cursor (Delete).
  package mutating func deleteForward() {
    guard cursor < text.count else { return }
    var characters = Array(text)
    characters.remove(at: cursor)
    text = String(characters)
  }

  /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
  package mutating func deleteWordBackward() {
    var characters = Array(text)
    var start = cursor
    while start > 0, characters[start - 1] == " " { start -= 1 }
    while start > 0, characters[start - 1] != " " { start -= 1 }
    characters.removeSubrange(start..<cursor)
    text = String(characters)
    cursor = start
  }

  /// Deletes everything before the cursor (Ctrl-U).
  package mutating func deleteToStart() {
    text = String(text.dropFirst(cursor))
    cursor = 0
  }

  /// Empties the line and leaves history browsing.
  package mutating func clear() {
    text = ""
    cursor = 0
    historyIndex = nil
    draft = ""
  }

  // MARK: Cursor

  /// Moves the cursor one character left.
  package mutating func moveLeft() { cursor = max(0, cursor - 1) }
  /// Moves the cursor one character right.
  package mutating func moveRight() { cursor = min(text.count, cursor + 1) }
  /// Moves the cursor before the first character.
  package mutating func moveToStart() { cursor = 0 }
  /// Moves the cursor after the last character.
  package mutating func moveToEnd() { cursor = text.count }

  // MARK: History

  /// Shows the previous (older) history entry; the line being typed is kept for ``historyNext()``.
  package mutating func historyPrevious() {
    guard !history.isEmpty else { return }
    let index: Int
    if let current = historyIndex {
      index = max(0, current - 1)
    } else {
      draft = text
      index = history.count - 1
    }
    historyIndex = index
    text = history[index]
    cursor = text.count
  }

  /// Shows the next (newer) history entry, or the line being typed after the newest one.
  package mutating func historyNext() {
    guard let current = historyIndex else { return }
    if current + 1 < history.count {
      historyIndex = current + 1
      text = history[current + 1]
    } else {
      historyIndex = nil
      text = draft
    }
    cursor = text.count
  }

  /// Returns the line, records it in the history, and empties the editor.
  package mutating func submit() -> String {
    let line = text
    if !line.allSatisfy(\.isWhitespace), history.last != line {
      history.append(line)
      if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
    }
    clear()
    return line
  }

  // MARK: Keys

  /// Applies a key: printable characters insert; Backspace, Delete, ←, →, Home, End, ↑, ↓ edit and
  /// browse; Ctrl-A/E/U/W act as in a shell; Enter submits; Escape and Ctrl-C cancel.
  package mutating func apply(_ key: Key) -> Outcome {
    switch key {
    case .character(let c): insert(c)
    case .backspace: deleteBackward()
    case .delete: deleteForward()
    case .left: moveLeft()
    case .right: moveRight()
    case .home, .control("a"): moveToStart()
    case .end, .control("e"): moveToEnd()
    case .up: historyPrevious()
    case .down: historyNext()
    case .control("u"): deleteToStart()
    case .control("w"): deleteWordBackward()
    case .enter: return .submitted(submit())
    case .escape, .control("c"):
      clear()
      return .cancelled
    default: return .ignored
    }
    return .edited
  }
}
