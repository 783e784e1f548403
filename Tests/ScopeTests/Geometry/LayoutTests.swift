import Scope
import Testing

struct LayoutTests {
  struct SplitCase: Sendable, CustomTestStringConvertible {
    var id: String
    var total: Int
    var constraints: [Constraint]
    var spacing: Int = 0
    var expected: [Int]
    var testDescription: String { id }
  }

  static let cases: [SplitCase] = [
    SplitCase(id: "fill around a status line", total: 24, constraints: [.fill(1), .length(1)], expected: [23, 1]),
    SplitCase(id: "lengths past the end shrink", total: 5, constraints: [.length(3), .length(4), .length(2)],
              expected: [3, 2, 0]),
    SplitCase(id: "ratio then fill", total: 10, constraints: [.ratio(1, 3), .fill(1)], expected: [3, 7]),
    SplitCase(id: "percentage", total: 80, constraints: [.percentage(25), .fill(1)], expected: [20, 60]),
    SplitCase(id: "weighted fills share the rest, rounding to the first",
              total: 10, constraints: [.fill(1), .fill(2)], expected: [4, 6]),
    SplitCase(id: "equal fills with a remainder", total: 10, constraints: [.fill(1), .fill(1), .fill(1)],
              expected: [4, 3, 3]),
    SplitCase(id: "no fill leaves space unused", total: 10, constraints: [.length(2), .length(3)], expected: [2, 3]),
    SplitCase(id: "spacing", total: 11, constraints: [.fill(1), .fill(1)], spacing: 1, expected: [5, 5]),
    SplitCase(id: "zero space", total: 0, constraints: [.length(2), .fill(1)], expected: [0, 0]),
    SplitCase(id: "bad ratio is empty", total: 10, constraints: [.ratio(1, 0), .fill(1)], expected: [0, 10]),
  ]

  @Test(arguments: cases)
  func verticalSplit(_ row: SplitCase) {
    let area = Rect(x: 3, y: 1, width: 7, height: row.total)
    let parts = Layout.vertical(row.constraints, spacing: row.spacing).split(area)
    #expect(parts.map(\.height) == row.expected)
    #expect(parts.allSatisfy { $0.x == 3 && $0.width == 7 })
    // Parts are stacked in order and never leave the area.
    var y = area.y
    for part in parts {
      #expect(part.y >= y)
      #expect(part.bottom <= area.bottom)
      y = part.bottom
    }
  }

  @Test func horizontalSplitPositions() {
    let parts = Rect(x: 2, y: 0, width: 20, height: 3).columns([.length(5), .fill(1), .length(4)], spacing: 1)
    #expect(parts == [
      Rect(x: 2, y: 0, width: 5, height: 3),
      Rect(x: 8, y: 0, width: 9, height: 3),
      Rect(x: 18, y: 0, width: 4, height: 3),
    ])
  }
}
