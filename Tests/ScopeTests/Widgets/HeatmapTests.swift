@testable import Scope
import Testing

struct HeatmapTests {
  /// Simple stops so blends are easy to work out by hand.
  static let theme: Theme = {
    var theme = Theme.dark
    theme.heatmap = .init(negative: .rgb(0, 0, 255), zero: .rgb(255, 255, 255), positive: .rgb(255, 128, 0))
    return theme
  }()

  static let values: [Int32] = [
    -100, 0, 100,
    50, -50, 0,
    0, 0, 0,
    100, 100, -100,
  ]

  func heatmap(cursor: MatrixIndex? = MatrixIndex(row: 3, column: 2), legend: Bool = true) -> Heatmap {
    Heatmap(name: "W2", rowLabel: "o", columnLabel: "h", rows: 4, columns: 3, values: Self.values,
            cursor: cursor, showsLegend: legend)
  }

  @Test func halfBlocksCarryTwoRowsPerCell() {
    let buffer = rendered(heatmap(), width: 24, height: 5, theme: Self.theme)
    #expect(buffer.lines == [
      "W2 4×3 1:1              ",
      "▀▀▀                     ",
      "▀▀▀                     ",
      "W2[o=3, h=2] = -100     ",
      "-100           +100     ",
    ])
    // Top half = row 0 (foreground), bottom half = row 1 (background). Range ±100; 50 is halfway from
    // white to orange: (255, 255 − 63.5, 255 − 127.5) rounded = (255, 192, 128).
    let blue = Color.rgb(0, 0, 255), white = Color.rgb(255, 255, 255), orange = Color.rgb(255, 128, 0)
    #expect(buffer[0, 1].style.foreground == blue)
    #expect(buffer[0, 1].style.background == .rgb(255, 192, 128))
    #expect(buffer[1, 1].style.foreground == white)
    #expect(buffer[1, 1].style.background == .rgb(128, 128, 255))
    #expect(buffer[2, 1].style.foreground == orange)
    #expect(buffer[2, 1].style.background == white)
    #expect(buffer[0, 2].style.background == orange)
    // The cursor entry (row 3, column 2) is the lower half of cell (2, 2), in the foreground colour.
    #expect(buffer[2, 2].style.foreground == white)
    #expect(buffer[2, 2].style.background == Self.theme.ui.foreground)
    // Legend swatches run from the negative end through zero to the positive end.
    #expect(buffer[5, 4].style.background == blue)
    #expect(buffer[9, 4].style.background == white)
    #expect(buffer[13, 4].style.background == orange)
  }

  @Test func readoutFollowsTheMapInATallArea() {
    let buffer = rendered(heatmap(legend: false), width: 24, height: 8, theme: Self.theme)
    #expect(buffer.lines[3] == "W2[o=3, h=2] = -100     ")
    #expect(buffer.lines[4...].allSatisfy { $0.allSatisfy { $0 == " " } })
  }

  @Test func coloursFitTheThemeDepth() {
    let theme = Self.theme.degraded(to: .palette256)
    let buffer = rendered(heatmap(), width: 24, height: 5, theme: theme)
    // The stops are degraded first: orange (255, 128, 0) → 208 = (255, 135, 0), white → 231. Halfway
    // is (255, 195, 128) → cube steps 5, 4 (195 is the midpoint of 175 and 215; the upper wins), 2
    // → 16 + 180 + 24 + 2 = 222.
    #expect(buffer[0, 1].style.background == .indexed(222))
  }

  @Test func monoUsesSignsAndShades() {
    let buffer = rendered(heatmap(), width: 30, height: 7, theme: mono)
    // Each entry is a sign and a shade: 100 of 100 → █, 50 → ▒ (two quarters), 0 → " ·".
    #expect(buffer.lines == [
      "W2 4×3 1:1                    ",
      "-█ ·+█                        ",
      "+▒-▒ ·                        ",
      " · · ·                        ",
      "+█+█-█                        ",
      "W2[o=3, h=2] = -100           ",
      "-100 -█-▓-▒-░ ·+░+▒+▓+█ +100  ",
    ])
    #expect(buffer[4, 4].style.modifiers.contains(.reverse))
    #expect(buffer[5, 4].style.modifiers.contains(.reverse))
    #expect(!buffer[3, 4].style.modifiers.contains(.reverse))
  }

  struct BlockCase: Sendable, CustomTestStringConvertible {
    var id: String
    var reduction: Heatmap.Reduction
    var expected: [Int32]
    var testDescription: String { id }
  }

  // Blocks of [1, -7, 3, 0 / 2, 5, -3, 6] with factor 2: {1, -7, 2, 5} and {3, 0, -3, 6}.
  @Test(arguments: [
    BlockCase(id: "max magnitude keeps the sign", reduction: .maxMagnitude, expected: [-7, 6]),
    // Means 1/4 → 0 and 6/4 = 1.5 → 2 (half away from zero).
    BlockCase(id: "mean rounds half away from zero", reduction: .mean, expected: [0, 2]),
  ])
  func downsampling(_ row: BlockCase) {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 2, columns: 4,
                      values: [1, -7, 3, 0, 2, 5, -3, 6], factor: 2, reduction: row.reduction)
    #expect([map.blockValue(blockRow: 0, blockColumn: 0), map.blockValue(blockRow: 0, blockColumn: 1)] == row.expected)
  }

  @Test func negativeMeanRoundsAwayFromZero() {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 1, columns: 2, values: [-1, -2],
                      factor: 2, reduction: .mean)
    #expect(map.blockValue(blockRow: 0, blockColumn: 0) == -2)
  }

  @Test func downsamplingIsInTheTitleAndReadout() {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 2, columns: 4,
                      values: [1, -7, 3, 0, 2, 5, -3, 6], factor: 2, cursor: MatrixIndex(row: 1, column: 3),
                      showsLegend: false)
    let buffer = rendered(map, width: 36, height: 3, theme: Self.theme)
    #expect(buffer.lines[0].hasPrefix("W 2×4 1:2 max|w|"))
    #expect(buffer.lines[2].hasPrefix("W[r=1, c=3] = 6 (block max|w| 6)"))
  }

  @Test func scrollsToKeepTheCursorVisible() {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 1, columns: 30,
                      values: (0..<30).map { Int32($0) }, cursor: MatrixIndex(row: 0, column: 29))
    // 28 columns fit; the least scrolling that shows column 29 starts at column 2.
    let buffer = rendered(map, width: 28, height: 4, theme: Self.theme)
    #expect(buffer.lines[0] == "W 1×30 1:1 cols 2–29 of 30  ")
    #expect(buffer[27, 1].style.foreground == Self.theme.ui.foreground)
    #expect(buffer[26, 1].style.foreground == map.color(for: 28, theme: Self.theme))
  }

  @Test func noScrollingWhileTheCursorIsInView() {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 1, columns: 30,
                      values: (0..<30).map { Int32($0) }, cursor: MatrixIndex(row: 0, column: 25))
    #expect(rendered(map, width: 28, height: 4, theme: Self.theme).lines[0] == "W 1×30 1:1 cols 0–27 of 30  ")
  }

  @Test func scrolledColourRowsStartOnAnEvenRow() {
    // 5 rows, 1 map row (2 matrix rows): the cursor on row 4 shows rows 4 and (absent) 5.
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 5, columns: 1, values: [1, 2, 3, 4, 5],
                      cursor: MatrixIndex(row: 4, column: 0), showsLegend: false)
    let buffer = rendered(map, width: 24, height: 3, theme: Self.theme)
    #expect(buffer.lines[0] == "W 5×1 1:1 rows 4–4 of 5 ")
    #expect(buffer[0, 1].style.background == Self.theme.ui.background)
  }

  @Test func explicitRangeClamps() {
    let map = Heatmap(name: "W", rowLabel: "r", columnLabel: "c", rows: 1, columns: 2, values: [500, -3],
                      valueRange: 0...100)
    #expect(map.color(for: 500, theme: Self.theme) == .rgb(255, 128, 0))
    // Nothing below zero in the range: any negative value is the full negative colour.
    #expect(map.color(for: -3, theme: Self.theme) == .rgb(0, 0, 255))
  }

  @Test func emptyMatrixSaysSo() {
    let map = Heatmap(name: "W1", rowLabel: "h", columnLabel: "i", rows: 0, columns: 0, values: [])
    #expect(rendered(map, width: 12, height: 3).lines[0] == "W1 is empty ")
  }
}
