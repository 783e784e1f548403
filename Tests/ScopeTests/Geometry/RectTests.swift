import Scope
import Testing

struct RectTests {
  @Test func negativeValuesClampToZero() {
    #expect(Rect(x: -3, y: -1, width: -5, height: 4) == Rect(x: 0, y: 0, width: 0, height: 4))
    #expect(Size(width: -1, height: 2) == Size(width: 0, height: 2))
  }

  struct InnerCase: Sendable, CustomTestStringConvertible {
    var id: String
    var rect: Rect
    var margin: Int
    var expected: Rect
    var testDescription: String { id }
  }

  @Test(arguments: [
    InnerCase(id: "margin 1", rect: Rect(x: 2, y: 3, width: 10, height: 6), margin: 1,
              expected: Rect(x: 3, y: 4, width: 8, height: 4)),
    InnerCase(id: "margins meet horizontally", rect: Rect(x: 0, y: 0, width: 2, height: 9), margin: 1,
              expected: Rect(x: 0, y: 0, width: 0, height: 0)),
    InnerCase(id: "margin 0", rect: Rect(x: 1, y: 1, width: 3, height: 3), margin: 0,
              expected: Rect(x: 1, y: 1, width: 3, height: 3)),
    InnerCase(id: "huge margin saturates", rect: Rect(x: 0, y: 0, width: 5, height: 5), margin: .max,
              expected: Rect(x: 0, y: 0, width: 0, height: 0)),
  ])
  func inner(_ row: InnerCase) {
    #expect(row.rect.inner(row.margin) == row.expected)
  }

  @Test func edgesSaturate() {
    let far = Rect(x: .max - 1, y: .max, width: 10, height: 10)
    #expect(far.right == .max)
    #expect(far.bottom == .max)
    #expect(Rect(x: 0, y: 0, width: .max, height: .max).area == .max)
  }

  @Test func intersection() {
    let a = Rect(x: 0, y: 0, width: 10, height: 5)
    #expect(a.intersection(Rect(x: 8, y: 3, width: 10, height: 10)) == Rect(x: 8, y: 3, width: 2, height: 2))
    #expect(a.intersection(Rect(x: 20, y: 0, width: 3, height: 3)).isEmpty)
  }

  @Test func cuttingAndCentring() {
    let r = Rect(x: 1, y: 2, width: 10, height: 6)
    #expect(r.top(2) == Rect(x: 1, y: 2, width: 10, height: 2))
    #expect(r.bottom(2) == Rect(x: 1, y: 6, width: 10, height: 2))
    #expect(r.left(20) == r)
    #expect(r.right(3) == Rect(x: 8, y: 2, width: 3, height: 6))
    #expect(r.droppingTop(7).isEmpty)
    #expect(r.droppingLeft(4) == Rect(x: 5, y: 2, width: 6, height: 6))
    #expect(r.centered(width: 4, height: 3) == Rect(x: 4, y: 3, width: 4, height: 3))
    #expect(r.centered(width: 40, height: 40) == r)
  }

  @Test func contains() {
    let r = Rect(x: 2, y: 2, width: 2, height: 2)
    #expect(r.contains(Position(x: 3, y: 3)))
    #expect(!r.contains(Position(x: 4, y: 3)))
    #expect(!Rect.zero.contains(Position(x: 0, y: 0)))
  }
}
