import Scope
import Testing

struct MemoryBackendTests {
  @Test func scriptedEventsRunOut() {
    var backend = MemoryBackend(size: Size(width: 1, height: 1))
    backend.enqueue(keys: [.character("q")])
    backend.enqueue([.key(.escape)])
    #expect(backend.nextKey(timeoutMilliseconds: 10) == .character("q"))
    #expect(backend.nextKey(timeoutMilliseconds: 10) == .escape)
    #expect(backend.nextKey(timeoutMilliseconds: 10) == nil)
  }

  @Test func resizeBlanksTheScreen() {
    var backend = MemoryBackend(size: Size(width: 2, height: 1), events: [.resize(Size(width: 3, height: 2))])
    backend.draw([CellChange(x: 0, y: 0, cell: Cell("a"))])
    #expect(backend.nextKey(timeoutMilliseconds: 0) == .resize)
    #expect(backend.screen == CellBuffer(width: 3, height: 2))
  }

  @Test func storesColoursAtItsDepth() {
    var backend = MemoryBackend(size: Size(width: 1, height: 1), colorDepth: .mono)
    backend.draw([CellChange(x: 0, y: 0, cell: Cell("x", style: Style(foreground: .rgb(9, 9, 9)).bold()))])
    #expect(backend.screen[0, 0] == Cell("x", style: Style(modifiers: .bold)))
  }

  @Test func countsCellsPerFrame() {
    var backend = MemoryBackend(size: Size(width: 3, height: 1))
    backend.draw([CellChange(x: 0, y: 0, cell: Cell("a")), CellChange(x: 9, y: 0, cell: Cell("b"))])
    backend.flush()
    #expect(backend.cellsInLastFrame == 2)
    #expect(backend.screen.lines == ["a  "])
  }
}
