@testable import Scope
import Testing

struct ColorTests {
  struct DegradeCase: Sendable, CustomTestStringConvertible {
    var id: String
    var color: Color
    var depth: ColorDepth
    var expected: Color
    var testDescription: String { id }
  }

  // Expected values worked out by hand against xterm's palette:
  // cube levels 0, 95, 135, 175, 215, 255 (indices 16 + 36r + 6g + b), greys 8 + 10k (232 + k).
  static let cases: [DegradeCase] = [
    DegradeCase(id: "24-bit unchanged at true colour", color: .rgb(1, 2, 3), depth: .trueColor, expected: .rgb(1, 2, 3)),
    // (255, 0, 0): cube (5, 0, 0) = 16 + 180 = 196, exact.
    DegradeCase(id: "pure red to 256", color: .rgb(255, 0, 0), depth: .palette256, expected: .indexed(196)),
    DegradeCase(id: "pure red to 16", color: .rgb(255, 0, 0), depth: .ansi16, expected: .ansi(9)),
    DegradeCase(id: "pure red to 8 (bright red folds to red)", color: .rgb(255, 0, 0), depth: .ansi8, expected: .ansi(1)),
    // (128, 128, 128): cube 102 is (135, 135, 135), distance 147; grey 244 is 128, distance 0.
    DegradeCase(id: "mid grey to the grey ramp", color: .rgb(128, 128, 128), depth: .palette256, expected: .indexed(244)),
    DegradeCase(id: "mid grey to 16 is bright black", color: .rgb(128, 128, 128), depth: .ansi16, expected: .ansi(8)),
    DegradeCase(id: "mid grey to 8 is white, not black", color: .rgb(128, 128, 128), depth: .ansi8, expected: .ansi(7)),
    // (77, 157, 224): cube steps 1, 3, 4 → 16 + 36 + 18 + 4 = 74 = (95, 175, 215), distance 729.
    DegradeCase(id: "heatmap blue to 256", color: .rgb(77, 157, 224), depth: .palette256, expected: .indexed(74)),
    DegradeCase(id: "heatmap blue to 16", color: .rgb(77, 157, 224), depth: .ansi16, expected: .ansi(12)),
    DegradeCase(id: "heatmap blue to 8", color: .rgb(77, 157, 224), depth: .ansi8, expected: .ansi(4)),
    // (240, 140, 26): cube steps 5, 2, 0 → 16 + 180 + 12 = 208 = (255, 135, 0); nearest ANSI is yellow.
    DegradeCase(id: "orange to 256", color: .rgb(240, 140, 26), depth: .palette256, expected: .indexed(208)),
    DegradeCase(id: "orange to 16", color: .rgb(240, 140, 26), depth: .ansi16, expected: .ansi(3)),
    // Palette 21 is (0, 0, 255): blue 4 (0, 0, 238) is 289 away, bright blue 12 is 16928.
    DegradeCase(id: "cube blue to 16", color: .indexed(21), depth: .ansi16, expected: .ansi(4)),
    DegradeCase(id: "low palette entries are ANSI", color: .indexed(3), depth: .ansi16, expected: .ansi(3)),
    DegradeCase(id: "indexed kept at 256", color: .indexed(130), depth: .palette256, expected: .indexed(130)),
    DegradeCase(id: "ANSI kept at 16", color: .ansi(12), depth: .ansi16, expected: .ansi(12)),
    DegradeCase(id: "bright blue to 8", color: .ansi(12), depth: .ansi8, expected: .ansi(4)),
    DegradeCase(id: "ansi above 15 reads as indexed", color: .ansi(20), depth: .trueColor, expected: .indexed(20)),
    DegradeCase(id: "default stays at 8", color: .default, depth: .ansi8, expected: .default),
    DegradeCase(id: "default stays at true colour", color: .default, depth: .trueColor, expected: .default),
    DegradeCase(id: "colour to mono", color: .rgb(255, 0, 0), depth: .mono, expected: .default),
    DegradeCase(id: "ANSI to mono", color: .ansi(1), depth: .mono, expected: .default),
  ]

  @Test(arguments: cases)
  func degrade(_ row: DegradeCase) {
    #expect(Color.degrade(row.color, to: row.depth) == row.expected)
  }

  @Test func degradingTwiceChangesNothing() {
    for depth in ColorDepth.allCases {
      for color: Color in [.rgb(12, 200, 99), .indexed(250), .ansi(13), .default] {
        let once = color.degraded(to: depth)
        #expect(once.degraded(to: depth) == once, "\(color) at \(depth)")
      }
    }
  }

  @Test(arguments: [(0, ColorDepth.mono), (8, .ansi8), (16, .ansi16), (88, .ansi16), (256, .palette256),
                    (0x100_0000, .trueColor)])
  func depthFromColorCount(_ count: Int, _ depth: ColorDepth) {
    #expect(ColorDepth(colorCount: count) == depth)
  }

  @Test func paletteRGB() {
    #expect(Color.paletteRGB(16) == (0, 0, 0))
    #expect(Color.paletteRGB(231) == (255, 255, 255))
    #expect(Color.paletteRGB(232) == (8, 8, 8))
    #expect(Color.paletteRGB(255) == (238, 238, 238))
  }

  @Test func blend() {
    #expect(Color.blend(.rgb(0, 0, 0), .rgb(200, 100, 50), fraction: 0.5) == .rgb(100, 50, 25))
    // The ends come back exactly, so ANSI stops keep following the user's palette.
    #expect(Color.blend(.ansi(0), .ansi(12), fraction: 1) == .ansi(12))
    #expect(Color.blend(.ansi(0), .ansi(12), fraction: 0) == .ansi(0))
    #expect(Color.blend(.default, .rgb(1, 1, 1), fraction: 0.25) == .default)
  }

  @Test func descriptionIsTheThemeSpelling() {
    #expect(Color.rgb(0xff, 0xaa, 0x00).description == "#ffaa00")
    #expect(Color.ansi(3).description == "ansi:3")
    #expect(Color.indexed(200).description == "index:200")
    #expect(Color.default.description == "default")
  }
}
