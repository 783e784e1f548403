import Scope
import Testing

struct CellBufferDiffTests {
  @Test func identicalFramesHaveNoChanges() {
    let frame = CellBuffer(lines: ["abc", "def"])
    #expect(frame.diff(from: frame).isEmpty)
  }

  @Test func changesComeInRowMajorOrder() {
    let before = CellBuffer(lines: ["abc", "def"])
    var after = before
    after.set(Cell("Z"), at: Position(x: 0, y: 1))
    after.set(Cell("Y"), at: Position(x: 2, y: 0))
    after.set(Cell("X"), at: Position(x: 1, y: 0))
    #expect(after.diff(from: before) == [
      CellChange(x: 1, y: 0, cell: Cell("X")),
      CellChange(x: 2, y: 0, cell: Cell("Y")),
      CellChange(x: 0, y: 1, cell: Cell("Z")),
    ])
  }

  @Test func aStyleChangeIsAChange() {
    let before = CellBuffer(lines: ["ab"])
    var after = before
    after.update(at: Position(x: 1, y: 0)) { $0.style = $0.style.reversed() }
    #expect(after.diff(from: before) == [CellChange(x: 1, y: 0, cell: Cell("b", style: Style(modifiers: .reverse)))])
  }

  @Test func aSizeChangeRedrawsEverything() {
    let before = CellBuffer(lines: ["ab"])
    let after = CellBuffer(lines: ["ab", "cd"])
    #expect(after.diff(from: before).count == 4)
    #expect(after.diff(from: before).map(\.cell.symbol) == ["a", "b", "c", "d"])
  }

  @Test func applyingTheDiffReproducesTheFrame() {
    var screen = CellBuffer(lines: ["hello", "world"])
    let next = CellBuffer(lines: ["help!", "wordy"])
    for change in next.diff(from: screen) { screen.set(change.cell, at: Position(x: change.x, y: change.y)) }
    #expect(screen == next)
  }
}
