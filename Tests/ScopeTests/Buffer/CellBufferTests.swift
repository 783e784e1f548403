import Scope
import Testing

struct CellBufferTests {
  @Test func initFromLinesPadsToTheLongest() {
    let buffer = CellBuffer(lines: ["ab", "", "wxyz"])
    #expect(buffer.size == Size(width: 4, height: 3))
    #expect(buffer.lines == ["ab  ", "    ", "wxyz"])
  }

  @Test func writeClipsToTheRectAndReturnsTheNextColumn() {
    var buffer = CellBuffer(width: 8, height: 2)
    let clip = Rect(x: 2, y: 0, width: 4, height: 1)
    let end = buffer.write("hello world", at: Position(x: 1, y: 0), style: .plain, clippedTo: clip)
    #expect(buffer.lines == ["  ello  ", "        "])
    #expect(end == 6)
    // A row outside the clip writes nothing.
    buffer.write("zz", at: Position(x: 2, y: 1), style: .plain, clippedTo: clip)
    #expect(buffer.lines[1] == "        ")
  }

  @Test func writeReplacesCharactersThatAreNotOneColumnWide() {
    var buffer = CellBuffer(width: 8, height: 1)
    buffer.write("a\u{7}b漢c⣿é", at: Position(x: 0, y: 0), style: .plain, clippedTo: buffer.area)
    #expect(buffer.lines == ["a�b�c⣿é "])
  }

  @Test func outOfBoundsWritesAreIgnored() {
    var buffer = CellBuffer(width: 2, height: 2)
    buffer.set(Cell("x"), at: Position(x: 5, y: 0))
    buffer.set(Cell("x"), at: Position(x: -1, y: 0))
    buffer.fill(Rect(x: 1, y: 1, width: 9, height: 9), with: Cell("#"))
    buffer.write("abc", at: Position(x: 0, y: 7), style: .plain, clippedTo: Rect(x: 0, y: 0, width: 99, height: 99))
    #expect(buffer.lines == ["  ", " #"])
    #expect(buffer.cell(at: Position(x: 2, y: 0)) == nil)
    #expect(buffer.cell(at: Position(x: 1, y: 1)) == Cell("#"))
  }

  @Test func zeroSizedBuffer() {
    var buffer = CellBuffer(width: 0, height: 0)
    buffer.write("x", at: Position(x: 0, y: 0), style: .plain, clippedTo: buffer.area)
    buffer.fill(buffer.area, with: Cell("y"))
    #expect(buffer.lines.isEmpty)
    #expect(buffer.diff(from: CellBuffer(width: 0, height: 0)).isEmpty)
  }

  @Test func descriptionShowsRowsAndStyleRuns() {
    var buffer = CellBuffer(lines: ["ab  ", "  cd"])
    let red = Style(foreground: .ansi(1)).bold()
    buffer.update(Rect(x: 0, y: 0, width: 2, height: 1)) { $0.style = red }
    #expect(buffer.description == """
      CellBuffer 4×2
      "ab  "
      "  cd"
      styles:
        x=0…1 y=0: fg=ansi:1 bg=default +bold

      """)
  }
}
