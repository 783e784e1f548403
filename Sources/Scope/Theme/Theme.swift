/// What a population does in the circuit; each role has its own raster colour.
package enum Role: String, Hashable, Sendable, CaseIterable {
  /// The synfire gating chain (g00 … g11).
  case gate
  /// Input neurons (the image).
  case input
  /// Forward-pass populations (h1, o).
  case forward
  /// Backward-pass populations (h1T, oT±).
  case backward
  /// Memory and gated-copy populations.
  case memory
  /// Error populations (d+ / d-).
  case error
  /// Target populations (the label).
  case target
}

/// The colours of the interface, population roles and heatmaps, plus the colour depth they target.
///
/// Widgets read colours only through a theme. Themes are TOML files (`themes/*.toml`, loaded by
/// ``resolve(name:bundled:environment:)``); ``dark`` is the built-in default and equals
/// `themes/dark.toml`. A theme whose ``colorDepth`` is ``ColorDepth/mono`` has no colour at all, and
/// widgets then show every fact with glyphs and attributes: the style helpers below (``status``,
/// ``highlighted(_:)``, …) already pick `reverse`, `bold` or `dim` in that case.
package struct Theme: Hashable, Sendable {
  /// Colours of the interface chrome.
  package struct UIColors: Hashable, Sendable {
    /// The screen background (`default` keeps the terminal's own, e.g. a transparent one).
    package var background: Color
    /// Normal text.
    package var foreground: Color
    /// Secondary text: labels, hints, units.
    package var dim: Color
    /// The status line's background.
    package var statusBackground: Color
    /// The status line's text.
    package var statusForeground: Color
    /// The background of the cursor cell, row or column (the current tick, the heatmap cursor).
    package var cursor: Color
    /// Breakpoint markers.
    package var breakpoint: Color
    /// Spikes outside a population's windows, and errors.
    package var violation: Color
    /// Axes, rulers, borders.
    package var axis: Color
    /// The background of selected items (focused pane title, selected row).
    package var selection: Color

    /// Creates the interface colours.
    package init(
      background: Color, foreground: Color, dim: Color, statusBackground: Color,
      statusForeground: Color, cursor: Color, breakpoint: Color, violation: Color, axis: Color,
      selection: Color
    ) {
      self.background = background
      self.foreground = foreground
      self.dim = dim
      self.statusBackground = statusBackground
      self.statusForeground = statusForeground
      self.cursor = cursor
      self.breakpoint = breakpoint
      self.violation = violation
      self.axis = axis
      self.selection = selection
    }
  }

  /// One colour per population ``Role``.
  package struct RoleColors: Hashable, Sendable {
    /// The gating chain.
    package var gate: Color
    /// Input neurons.
    package var input: Color
    /// Forward-pass populations.
    package var forward: Color
    /// Backward-pass populations.
    package var backward: Color
    /// Memory populations.
    package var memory: Color
    /// Error populations (d+ / d-).
    package var error: Color
    /// Target populations.
    package var target: Color

    /// Creates the role colours.
    package init(
      gate: Color, input: Color, forward: Color, backward: Color, memory: Color, error: Color,
      target: Color
    ) {
      self.gate = gate
      self.input = input
      self.forward = forward
      self.backward = backward
      self.memory = memory
      self.error = error
      self.target = target
    }

    /// The colour of `role`.
    package subscript(role: Role) -> Color {
      get {
        switch role {
        case .gate: gate
        case .input: input
        case .forward: forward
        case .backward: backward
        case .memory: memory
        case .error: error
        case .target: target
        }
      }
      set {
        switch role {
        case .gate: gate = newValue
        case .input: input = newValue
        case .forward: forward = newValue
        case .backward: backward = newValue
        case .memory: memory = newValue
        case .error: error = newValue
        case .target: target = newValue
        }
      }
    }
  }

  /// The three stops of the diverging heatmap scale; values between are blended in RGB.
  package struct HeatmapColors: Hashable, Sendable {
    /// The colour of the most negative value.
    package var negative: Color
    /// The colour of zero.
    package var zero: Color
    /// The colour of the most positive value.
    package var positive: Color

    /// Creates the heatmap scale.
    package init(negative: Color, zero: Color, positive: Color) {
      self.negative = negative
      self.zero = zero
      self.positive = positive
    }
  }

  /// The theme's name (the file's `name`, or its base name).
  package var name: String
  /// Interface colours.
  package var ui: UIColors
  /// Population role colours.
  package var roles: RoleColors
  /// Heatmap scale.
  package var heatmap: HeatmapColors
  /// The deepest colour the theme's colours may use; colours computed by widgets (heatmap blends)
  /// are degraded to it too. ``ColorDepth/mono`` means no colour at all.
  package var colorDepth: ColorDepth

  /// Creates a theme.
  package init(
    name: String, ui: UIColors, roles: RoleColors, heatmap: HeatmapColors,
    colorDepth: ColorDepth = .trueColor
  ) {
    self.name = name
    self.ui = ui
    self.roles = roles
    self.heatmap = heatmap
    self.colorDepth = colorDepth
    if colorDepth < .trueColor { self = degraded(to: colorDepth) }
  }

  /// Whether the theme shows no colour (mono theme, `NO_COLOR`, or a terminal without colours).
  package var isMonochrome: Bool { colorDepth == .mono }

  /// Whether highlights (status line, cursor, selection) use attributes instead of background
  /// colours: with 8 colours or fewer, subdued backgrounds collapse into black or white.
  package var highlightsWithAttributes: Bool { colorDepth <= .ansi8 }

  /// The built-in default: a dark theme with a colour-blind-safe blue–orange heatmap scale.
  /// Identical to `themes/dark.toml`.
  package static let dark = Theme(
    name: "dark",
    ui: UIColors(
      background: .default, foreground: .rgb(0xcd, 0xd6, 0xf4), dim: .rgb(0x7f, 0x84, 0x9c),
      statusBackground: .rgb(0x31, 0x32, 0x44), statusForeground: .rgb(0xcd, 0xd6, 0xf4),
      cursor: .rgb(0x45, 0x47, 0x5a), breakpoint: .rgb(0xf3, 0x8b, 0xa8),
      violation: .rgb(0xff, 0x55, 0x55), axis: .rgb(0x93, 0x99, 0xb2),
      selection: .rgb(0x58, 0x5b, 0x70)),
    roles: RoleColors(
      gate: .rgb(0xf9, 0xe2, 0xaf), input: .rgb(0x94, 0xe2, 0xd5), forward: .rgb(0x89, 0xb4, 0xfa),
      backward: .rgb(0xf5, 0xc2, 0xe7), memory: .rgb(0xcb, 0xa6, 0xf7), error: .rgb(0xfa, 0xb3, 0x87),
      target: .rgb(0xa6, 0xe3, 0xa1)),
    heatmap: HeatmapColors(
      negative: .rgb(0x4d, 0x9d, 0xe0), zero: .rgb(0x2a, 0x2b, 0x3c), positive: .rgb(0xf0, 0x8c, 0x1a)))

  /// A copy whose colours fit `depth` (never deeper than the current ``colorDepth``).
  package func degraded(to depth: ColorDepth) -> Theme {
    let target = min(depth, colorDepth)
    var copy = self
    copy.colorDepth = target
    for role in Role.allCases { copy.roles[role] = roles[role].degraded(to: target) }
    for path in Theme.uiColorPaths { copy.ui[keyPath: path] = ui[keyPath: path].degraded(to: target) }
    copy.heatmap = HeatmapColors(
      negative: heatmap.negative.degraded(to: target), zero: heatmap.zero.degraded(to: target),
      positive: heatmap.positive.degraded(to: target))
    return copy
  }

  static var uiColorPaths: [WritableKeyPath<UIColors, Color>] {
    [
      \.background, \.foreground, \.dim, \.statusBackground, \.statusForeground, \.cursor,
      \.breakpoint, \.violation, \.axis, \.selection,
    ]
  }
}

// MARK: - Styles with mono fallbacks

extension Theme {
  /// Normal text on the screen background.
  package var text: Style { Style(foreground: ui.foreground, background: ui.background) }

  /// Secondary text (mono: the `dim` attribute).
  package var dimText: Style {
    isMonochrome ? text.adding(.dim) : Style(foreground: ui.dim, background: ui.background)
  }

  /// Axis labels and rulers (mono: `dim`).
  package var axisText: Style {
    isMonochrome ? text.adding(.dim) : Style(foreground: ui.axis, background: ui.background)
  }

  /// Titles and headings: bold text.
  package var title: Style { text.bold() }

  /// The status line (mono and 8 colours: reverse video).
  package var status: Style {
    highlightsWithAttributes
      ? Style(modifiers: .reverse)
      : Style(foreground: ui.statusForeground, background: ui.statusBackground)
  }

  /// Breakpoint markers: bold, in the breakpoint colour.
  package var breakpointMarker: Style {
    Style(foreground: ui.breakpoint, background: ui.background, modifiers: .bold)
  }

  /// Violation markers: bold in the violation colour (mono: bold reverse, so it still leaps out).
  package var violationMarker: Style {
    isMonochrome
      ? Style(modifiers: [.bold, .reverse])
      : Style(foreground: ui.violation, background: ui.background, modifiers: .bold)
  }

  /// Glyphs of a population with `role`.
  package func roleStyle(_ role: Role) -> Style {
    Style(foreground: roles[role], background: ui.background)
  }

  /// `style` marked as under the cursor: cursor background (mono and 8 colours: reverse video).
  package func highlighted(_ style: Style) -> Style {
    highlightsWithAttributes ? style.reversed() : style.background(ui.cursor)
  }

  /// `style` marked as selected: selection background (mono and 8 colours: reverse and underline).
  package func selected(_ style: Style) -> Style {
    highlightsWithAttributes ? style.adding([.reverse, .underline]) : style.background(ui.selection)
  }
}
