/// Text attributes that work on every terminal, colour or not.
public struct Modifiers: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (or bright) text.
  public static let bold = Modifiers(rawValue: 1 << 0)
  /// Faint text.
  public static let dim = Modifiers(rawValue: 1 << 1)
  /// Foreground and background swapped: the mono way to highlight.
  public static let reverse = Modifiers(rawValue: 1 << 2)
  /// Underlined text.
  public static let underline = Modifiers(rawValue: 1 << 3)
}

/// How a cell looks: foreground, background and attributes.
///
/// Setters return a modified copy, so styles read as a chain: `Style(foreground: .ansi(1)).bold()`.
public struct Style: Hashable, Sendable {
  /// The glyph colour.
  public var foreground: Color
  /// The cell colour behind the glyph.
  public var background: Color
  /// Bold, dim, reverse, underline.
  public var modifiers: Modifiers

  /// Creates a style; everything defaults to the terminal's own look.
  public init(foreground: Color = .default, background: Color = .default, modifiers: Modifiers = []) {
    self.foreground = foreground
    self.background = background
    self.modifiers = modifiers
  }

  /// The terminal's default look: default colours, no attributes.
  public static let plain = Style()

  /// A copy with foreground `color`.
  public func foreground(_ color: Color) -> Style { with { $0.foreground = color } }
  /// A copy with background `color`.
  public func background(_ color: Color) -> Style { with { $0.background = color } }
  /// A copy with `modifiers` added.
  public func adding(_ modifiers: Modifiers) -> Style { with { $0.modifiers.formUnion(modifiers) } }
  /// A copy with `modifiers` removed.
  public func removing(_ modifiers: Modifiers) -> Style { with { $0.modifiers.subtract(modifiers) } }
  /// A bold copy.
  public func bold() -> Style { adding(.bold) }
  /// A reversed copy.
  public func reversed() -> Style { adding(.reverse) }

  /// A copy with both colours fitted to `depth` (see ``Color/degrade(_:to:)``).
  public func degraded(to depth: ColorDepth) -> Style {
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
  public var description: String {
    var parts = ["fg=\(foreground)", "bg=\(background)"]
    let names: [(Modifiers, String)] = [
      (.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"),
    ]
    parts += names.filter { modifiers.contains($0.0) }.map { "+" + $0.1 }
    return parts.joined(separator: " ")
  }
}
