/// One message in the log.
package struct LogMessage: Hashable, Sendable, ExpressibleByStringLiteral {
  /// How serious a message is.
  package enum Level: Hashable, Sendable {
    /// Progress and answers to commands.
    case info
    /// Something the user should notice (shown in the breakpoint colour).
    case warning
    /// A failed command or an error (shown in the violation colour, bold).
    case error
  }

  /// The text; may be long (it wraps) and may hold newlines.
  package var text: String
  /// The severity.
  package var level: Level

  /// Creates a message.
  package init(_ text: String, level: Level = .info) {
    self.text = text
    self.level = level
  }

  package init(stringLiteral value: String) {
    self.init(value)
  }
}

/// The newest messages, wrapped to the width, bottom-aligned like a terminal.
///
/// Messages carry their meaning in words ("error: …"), so level colours are a help, not the only cue.
package struct MessageLog: Widget, Sendable {
  /// All messages, oldest first.
  package var messages: [LogMessage]
  /// How many wrapped lines are scrolled back from the newest.
  package var offset: Int

  /// Creates a log view.
  package init(messages: [LogMessage], offset: Int = 0) {
    self.messages = messages
    self.offset = max(0, offset)
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    // Only the newest messages can be on screen; wrap backwards until the area (plus the scroll
    // offset) is full instead of wrapping the whole history every frame.
    let needed = area.height.addingSaturating(offset)
    var lines: [(String, LogMessage.Level)] = []
    for message in messages.reversed() {
      let wrapped = TextLayout.wrap(message.text, to: area.width).map { ($0, message.level) }
      lines.insert(contentsOf: wrapped, at: 0)
      if lines.count >= needed { break }
    }
    let end = max(0, lines.count - offset)
    let shown = lines[max(0, end - area.height)..<end]
    for (index, (text, level)) in shown.enumerated() {
      let style: Style
      switch level {
      case .info: style = theme.text
      case .warning: style = theme.isMonochrome ? theme.text : theme.text.foreground(theme.ui.breakpoint)
      case .error: style = theme.isMonochrome ? theme.title : theme.violationMarker
      }
      buffer.write(text, at: Position(x: area.x, y: area.y + index), style: style, clippedTo: area)
    }
  }
}
