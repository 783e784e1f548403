/// A cell colour, as authored; ``degrade(_:to:)`` fits it to what a terminal can show.
package enum Color: Hashable, Sendable {
  /// The terminal's own foreground or background (transparent backgrounds stay transparent).
  case `default`
  /// One of the 16 ANSI colours, 0–15 (values above 15 are read as ``indexed(_:)``).
  case ansi(UInt8)
  /// An entry of the 256-colour palette: 0–15 ANSI, 16–231 the 6×6×6 cube, 232–255 greys.
  case indexed(UInt8)
  /// A 24-bit colour.
  case rgb(UInt8, UInt8, UInt8)
}

/// How many colours a terminal can show, from none to 24-bit.
package enum ColorDepth: Int, Hashable, Sendable, Comparable, CaseIterable, CustomStringConvertible {
  /// No colour at all: meaning must come from glyphs and attributes (bold, reverse, underline).
  case mono
  /// The 8 basic ANSI colours (`xterm`, `linux`).
  case ansi8
  /// The 16 ANSI colours.
  case ansi16
  /// The xterm 256-colour palette.
  case palette256
  /// 24-bit colour.
  case trueColor

  /// The depth for a terminal reporting `count` colours (curses' `COLORS`).
  package init(colorCount count: Int) {
    switch count {
    case ..<8: self = .mono
    case ..<16: self = .ansi8
    case ..<256: self = .ansi16
    case ..<0x100_0000: self = .palette256
    default: self = .trueColor
    }
  }

  package static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

  package var description: String {
    switch self {
    case .mono: "mono"
    case .ansi8: "8 colours"
    case .ansi16: "16 colours"
    case .palette256: "256 colours"
    case .trueColor: "24-bit colour"
    }
  }
}

extension Color {
  /// The nearest colour `depth` can show.
  ///
  /// The chain is 24-bit → nearest of the 240 palette colours 16–255 (the xterm cube and the grey
  /// ramp; 0–15 are skipped because users redefine them) → nearest of the 16 ANSI colours → nearest
  /// 8 (bright 9–15 to 1–7, grey 8 to white 7) → ``default`` for ``ColorDepth/mono``. Distances are
  /// squared RGB distances against xterm's default palette; ties go to the lower index.
  /// ``default`` never changes.
  package static func degrade(_ color: Color, to depth: ColorDepth) -> Color {
    let color = color.normalized
    switch depth {
    case .trueColor:
      return color
    case .mono:
      return .default
    case .palette256:
      if case .rgb(let r, let g, let b) = color { return .indexed(nearestPaletteIndex(r, g, b)) }
      return color
    case .ansi16:
      switch color {
      case .default, .ansi: return color
      case .indexed(let n) where n < 16: return .ansi(n)
      case .indexed, .rgb:
        let (r, g, b) = degrade(color, to: .palette256).rgbApproximation ?? (0, 0, 0)
        return .ansi(nearest(r, g, b, among: 0..<16))
      }
    case .ansi8:
      guard case .ansi(let n) = degrade(color, to: .ansi16) else { return .default }
      // Bright colours become their normal counterparts, as 8-colour terminals draw them; bright
      // black (grey) becomes white, because grey is text or a subdued fill, and black would vanish
      // on the usual dark background.
      return .ansi(n == 8 ? 7 : n & 7)
    }
  }

  /// This colour fitted to `depth`; see ``degrade(_:to:)``.
  package func degraded(to depth: ColorDepth) -> Color { Color.degrade(self, to: depth) }

  /// The colour's RGB value under xterm's default palette; `nil` for ``default``.
  package var rgbApproximation: (red: UInt8, green: UInt8, blue: UInt8)? {
    switch normalized {
    case .default: return nil
    case .ansi(let n): return Color.ansiPalette[Int(n)]
    case .indexed(let n): return Color.paletteRGB(n)
    case .rgb(let r, let g, let b): return (r, g, b)
    }
  }

  /// The colour `fraction` of the way from `start` to `end` (0 gives `start`, 1 gives `end`), as RGB.
  ///
  /// The ends come back exactly as given (an `ansi:N` stop stays the user's palette colour).
  /// ``default`` has no RGB value, so a blend involving it snaps to the nearer end.
  package static func blend(_ start: Color, _ end: Color, fraction: Double) -> Color {
    let t = min(1, max(0, fraction.isNaN ? 0 : fraction))
    if t == 0 { return start }
    if t == 1 { return end }
    guard let a = start.rgbApproximation, let b = end.rgbApproximation else {
      return t < 0.5 ? start : end
    }
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
    }
    return .rgb(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue))
  }

  /// `ansi(n)` with n > 15 means `indexed(n)`; an 0–15 `indexed` stays as it is.
  var normalized: Color {
    if case .ansi(let n) = self, n > 15 { return .indexed(n) }
    return self
  }

  /// xterm's default RGB values for the 16 ANSI colours.
  static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
    (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  /// The levels of each axis of the xterm 6×6×6 colour cube (indices 16–231).
  static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  /// The RGB value of palette entry `index`.
  static func paletteRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
    switch index {
    case 0..<16:
      return ansiPalette[Int(index)]
    case 16..<232:
      let n = Int(index) - 16
      return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
    default:
      let level = UInt8(8 + 10 * (Int(index) - 232))
      return (level, level, level)
    }
  }

  /// The nearest palette entry among 16–255: the nearest cube colour or the nearest grey.
  static func nearestPaletteIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    func cubeStep(_ v: UInt8) -> Int {
      // Midpoints between the cube levels 0, 95, 135, 175, 215, 255.
      v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40
    }
    let cube = 16 + 36 * cubeStep(r) + 6 * cubeStep(g) + cubeStep(b)
    let average = (Int(r) + Int(g) + Int(b)) / 3
    let grey = 232 + min(23, max(0, (average - 3) / 10))
    let cubeDistance = distance((r, g, b), paletteRGB(UInt8(cube)))
    let greyDistance = distance((r, g, b), paletteRGB(UInt8(grey)))
    return UInt8(greyDistance < cubeDistance ? grey : cube)
  }

  /// The ANSI colour in `candidates` nearest to (r, g, b); the lowest index wins a tie.
  static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among candidates: Range<Int>) -> UInt8 {
    var best = candidates.lowerBound
    var bestDistance = Int.max
    for index in candidates {
      let d = distance((r, g, b), ansiPalette[index])
      if d < bestDistance {
        best = index
        bestDistance = d
      }
    }
    return UInt8(best)
  }

  static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
    let dr = Int(a.0) - Int(b.0)
    let dg = Int(a.1) - Int(b.1)
    let db = Int(a.2) - Int(b.2)
    return dr * dr + dg * dg + db * db
  }
}

extension Color: CustomStringConvertible {
  /// The theme-file spelling: `default`, `ansi:N`, `index:N` or `#rrggbb`.
  package var description: String {
    switch self {
    case .default: "default"
    case .ansi(let n): "ansi:\(n)"
    case .indexed(let n): "index:\(n)"
    case .rgb(let r, let g, let b): "#" + [r, g, b].map(Color.hexByte).joined()
    }
  }

  static func hexByte(_ value: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
  }
}
