import Foundation
import Testing

@testable import Scope

/// The change view (Δ) of a learning cycle must read at a glance: its ±extremes stand clearly
/// apart from "no change" in every shipped theme, in 256 and in 16 colours.
@Suite struct DeltaContrastTests {
  /// WCAG relative luminance of an sRGB colour.
  static func luminance(_ color: Color) -> Double {
    guard let (r, g, b) = color.rgbApproximation else { return 0 }
    func channel(_ v: UInt8) -> Double {
      let c = Double(v) / 255
      return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  }

  static func contrast(_ a: Color, _ b: Color) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  @Test(arguments: ["dark", "light", "high-contrast"], [ColorDepth.palette256, .ansi16])
  func changesStandApartFromNoChange(_ name: String, _ depth: ColorDepth) throws {
    let theme = try Theme.resolve(name: name, environment: [:]).theme.degraded(to: depth)
    // A cycle's Δ of ±2 fills the scale (the pane fits the range to the changes present).
    let map = Heatmap(name: "Δ", rowLabel: "o", columnLabel: "h", rows: 1, columns: 3, values: [-2, 0, 2], valueRange: -2...2)
    let zero = map.color(for: 0, theme: theme)
    for value: Int32 in [-2, 2] {
      let ratio = Self.contrast(map.color(for: value, theme: theme), zero)
      #expect(ratio >= 3, "\(name) at \(depth): Δ \(value) against 0 has contrast \(ratio)")
    }
    // Each sign keeps a hue of its own: the two ends are different colours at this depth.
    #expect(map.color(for: -2, theme: theme) != map.color(for: 2, theme: theme))
  }
}
