/// A command and its one-line help, for the help overlay's command list.
public struct HelpEntry: Hashable, Sendable {
  /// The command with its arguments, e.g. `step [N]`.
  public var name: String
  /// One line of help, e.g. `advance N ticks (default 1)`.
  public var help: String

  /// Creates an entry.
  public init(_ name: String, _ help: String) {
    self.name = name
    self.help = help
  }
}

/// A centred box listing every key binding (grouped by command) and every command, scrollable.
///
/// ```
/// ┌ Help ──────────────────────────────────────┐
/// │Keys                                        │
/// │  Space  toggle-run  run or pause           │
/// │  ← h    cursor left move the cursor left   │
/// │Commands                                    │
/// │  step [N]  advance N ticks                 │
/// └ 1–5 of 40 · ↑↓ PgUp PgDn scroll · Esc ─────┘
/// ```
/// Generated from the same ``KeyMap`` as the footer, so it cannot go stale. Draws nothing in an
/// area smaller than 12×3.
public struct HelpOverlay: Widget, Sendable {
  /// The key bindings to list.
  public var keyMap: KeyMap
  /// The commands to list, in order.
  public var commands: [HelpEntry]
  /// How many lines are scrolled off the top (clamped when drawn).
  public var offset: Int
  /// The box title.
  public var title: String

  /// Creates a help overlay.
  public init(keyMap: KeyMap = .default, commands: [HelpEntry], offset: Int = 0, title: String = "Help") {
    self.keyMap = keyMap
    self.commands = commands
    self.offset = max(0, offset)
    self.title = title
  }

  /// Every line of the help text, before clipping: the app can clamp its scroll offset with it.
  public var contentLines: [String] {
    let groups = keyMap.groupedByAction.map { group in
      (keys: group.keys.map(\.displayName).joined(separator: " "), command: group.action.name, help: group.help)
    }
    let keyWidth = groups.map(\.keys.count).max() ?? 0
    let commandWidth = groups.map(\.command.count).max() ?? 0
    var lines = ["Keys"]
    lines += groups.map { group in
      "  " + TextLayout.fit(group.keys, to: keyWidth) + "  " + TextLayout.fit(group.command, to: commandWidth)
        + "  " + group.help
    }
    if !commands.isEmpty {
      let nameWidth = commands.map(\.name.count).max() ?? 0
      lines += ["", "Commands"]
      lines += commands.map { "  " + TextLayout.fit($0.name, to: nameWidth) + "  " + $0.help }
    }
    return lines
  }

  /// The box drawn in `area`: as wide as the longest line allows, centred.
  public func box(in area: Rect) -> Rect {
    let lines = contentLines
    let width = (lines.map(\.count).max() ?? 0) + 2
    return area.centered(width: width, height: lines.count + 2)
  }

  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let box = box(in: area)
    guard box.width >= 12, box.height >= 3 else { return }
    let lines = contentLines
    let inner = box.inner(1)
    let top = min(offset, max(0, lines.count - inner.height))
    buffer.fill(box, with: Cell(" ", style: theme.text))
    Panel.drawBorder(into: &buffer, area: box, style: theme.text.bold(), heavy: false)
    buffer.write(
      " " + TextLayout.truncate(title, to: box.width - 4) + " ", at: Position(x: box.x + 1, y: box.y),
      style: theme.title, clippedTo: box.inner(horizontal: 1, vertical: 0))

    for (row, line) in lines[top..<min(lines.count, top + inner.height)].enumerated() {
      let isHeading = !line.isEmpty && !line.hasPrefix(" ")
      buffer.write(
        TextLayout.truncate(line, to: inner.width), at: Position(x: inner.x, y: inner.y + row),
        style: isHeading ? theme.title.adding(.underline) : theme.text, clippedTo: inner)
    }

    let last = min(lines.count, top + inner.height)
    let scrolls = lines.count > inner.height
    let footer =
      scrolls
      ? " \(top + 1)–\(last) of \(lines.count) · ↑↓ PgUp PgDn scroll · Esc closes "
      : " Esc closes "
    buffer.write(
      TextLayout.truncate(footer, to: box.width - 2), at: Position(x: box.x + 1, y: box.bottom - 1),
      style: theme.dimText, clippedTo: box.inner(horizontal: 1, vertical: 0))
  }
}
