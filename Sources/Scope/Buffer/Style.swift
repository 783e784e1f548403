/// Text attributes that work on every terminal, colour or not.
package struct Modifiers: OptionSet, Hashable, Sendable {
  package let rawValue: UInt8

  package init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (or bright) text.
  package static let bold = Modifiers(rawValue: 1 << 0)
  /// Faint text.
  package static let dim = Modifiers(rawValue: 1 << 1)
  /// Foreground and background swapped: the mono way to highlight.
  package static let reverse = Modifiers(rawValue: 1 << 2)
  /// Underlined text.
  package static let underline = Modifiers(rawValue: 1 << 3)
}

/// How a cell looks: foreground, background and attributes.
///
/// Setters return a modified copy, so styles read as a chain: `Style(foreground: .ansi(1)).bold()`.
package struct Style: Hashable, Sendable {
  /// The glyph colour.
  package var foreground: Color
  /// The cell colour behind the glyph.
  package var background: Color
  /// Bold, dim, reverse, underline.
  package var modifiers: Modifiers

  /// Creates a style; everything defaults to the terminal's own look.
  package init(foreground: Color = .default, background: Color = .default, modifiers: Modifiers = []) {
    self.foreground = foreground
    self.background = background
    self.modifiers = modifiers
  }

  /// The terminal's default look: default colours, no attributes.
  package static let plain = Style()

  /// A copy with foreground `color`.
  package func foreground(_ color: Color) -> Style { with { $0.foreground = color } }
  /// A copy with background `color`.
  package func background(_ color: Color) -> Style { with { $0.background = color } }
  /// A copy with `modifiers` added.
  package func adding(_ modifiers: Modifiers) -> Style { with { $0.modifiers.formUnion(modifiers) } }
  /// A copy with `modifiers` removed.
  package func removing(_ modifiers: Modifiers) -> Style { with { $0.modifiers.subtract(modifiers) } }
  /// A bold copy.
  package func bold() -> Style { adding(.bold) }
  /// A reversed copy.
  package func reversed() -> Style { adding(.reverse) }

  /// A copy with both colours fitted to `depth` (see ``Color/degrade(_:to:)``).
  package func degraded(to depth: ColorDepth) -> Style {
    Style(
      foreground: foreground.degraded(to: depth), background: background.degraded(to: depth),
      modifiers: modifiers)
  }

  private func with(_ change: (inout Style) -> Void) -> Style {
    var copy = self
    change(&copy)
    return copy
  }
}

extension Style: CustomStringConvertible {
  /// A compact spelling for test failures, e.g. `fg=#ff0000 bg=default +bold`.
  package var description: String {
    var parts = ["fg=\(foreground)", "bg=\(background)"]
    let names: [(Modifiers, String)] = [
      (.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"),
    ]
    parts += names.filter { modifiers.contains($0.0) }.map { "+" + $0.1 }
    return parts.joined(separator: " ")
  }
}
