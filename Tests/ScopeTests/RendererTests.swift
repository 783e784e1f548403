import Scope
import Testing

struct RendererTests {
  /// Writes `text` at the top left.
  func frame(_ text: String) -> (inout CellBuffer, Rect, Theme) -> Void {
    { buffer, area, theme in
      buffer.write(text, at: Position(x: area.x, y: area.y), style: theme.text, clippedTo: area)
    }
  }

  @Test func sendsOnlyWhatChanged() {
    var backend = MemoryBackend(size: Size(width: 8, height: 2))
    // Mono: the frame background is plain, so the first frame sends exactly the written cells.
    var renderer = Renderer(theme: mono)
    #expect(renderer.draw(to: &backend, frame("hello")) == 5)
    #expect(backend.screen.lines == ["hello   ", "        "])
    #expect(backend.clearCount == 1)
    #expect(renderer.draw(to: &backend, frame("hello")) == 0)
    #expect(renderer.draw(to: &backend, frame("help")) == 2)  // "p" replaces "l", " " replaces "o"
    #expect(backend.screen.lines == ["help    ", "        "])
    #expect(backend.flushCount == 3)
    #expect(backend.clearCount == 1)
  }

  @Test func firstColourFramePaintsTheBackground() {
    var backend = MemoryBackend(size: Size(width: 4, height: 3))
    var renderer = Renderer(theme: .dark)
    #expect(renderer.draw(to: &backend) { _, _, _ in } == 12)
  }

  @Test func invalidateRepaintsEverything() {
    var backend = MemoryBackend(size: Size(width: 6, height: 1))
    var renderer = Renderer(theme: mono)
    renderer.draw(to: &backend, frame("abc"))
    renderer.invalidate()
    #expect(renderer.draw(to: &backend, frame("abc")) == 3)
    #expect(backend.clearCount == 2)
  }

  @Test func resizeLoop() {
    // A tiny app: type into a prompt line until Enter; the terminal grows half-way through.
    var backend = MemoryBackend(
      size: Size(width: 12, height: 2),
      events: [.key(.character("r")), .key(.character("u")), .resize(Size(width: 16, height: 3)),
               .key(.character("n")), .key(.enter)])
    var renderer = Renderer(theme: mono)
    var editor = LineEditor()
    var submitted: String?
    var frames = 0
    while submitted == nil, frames < 20 {
      renderer.draw(to: &backend) { buffer, area, theme in
        let rows = area.rows([.fill(1), .length(1)])
        buffer.render(StatusBar(left: "\(area.width)×\(area.height)"), in: rows[0], theme: theme)
        buffer.render(PromptLine(editor: editor), in: rows[1], theme: theme)
      }
      frames += 1
      guard let key = renderer.nextKey(from: &backend, timeoutMilliseconds: 0) else { break }
      if key == .resize { continue }
      if case .submitted(let line) = editor.apply(key) { submitted = line }
    }
    renderer.draw(to: &backend) { buffer, area, theme in
      buffer.render(MessageLog(messages: [LogMessage("ran: \(submitted ?? "-")")]), in: area, theme: theme)
    }
    #expect(submitted == "run")
    #expect(backend.size == Size(width: 16, height: 3))
    #expect(backend.screen.lines == ["ran: run        ", "                ", "                "])
    // The first frame and the frame after the resize were full repaints.
    #expect(backend.clearCount == 2)
    #expect(renderer.previousFrame?.size == Size(width: 16, height: 3))
  }

  @Test func frameAfterResizeShowsTheNewLayout() {
    var backend = MemoryBackend(size: Size(width: 10, height: 2), events: [.resize(Size(width: 14, height: 2))])
    var renderer = Renderer(theme: mono)
    let status = { (buffer: inout CellBuffer, area: Rect, theme: Theme) in
      buffer.render(StatusBar(left: "a", right: "z"), in: area, theme: theme)
    }
    renderer.draw(to: &backend, status)
    #expect(renderer.nextKey(from: &backend, timeoutMilliseconds: 0) == .resize)
    #expect(renderer.previousFrame == nil)
    renderer.draw(to: &backend, status)
    #expect(backend.screen.lines == [" a          z ", "              "])
    #expect(backend.cellsInLastFrame == 14)
  }

  @Test func belowTheMinimumSizeShowsTooSmall() {
    var backend = MemoryBackend(size: Size(width: 24, height: 3))
    var renderer = Renderer(theme: mono, minimumSize: Size(width: 80, height: 24))
    var called = false
    renderer.draw(to: &backend) { _, _, _ in called = true }
    #expect(!called)
    #expect(backend.screen.lines == [
      "terminal too small:     ",
      "enlarge to at least     ",
      "80×24 (now 24×3)        ",
    ].map { line in
      // Each line is centred.
      let trimmed = String(line.reversed().drop { $0 == " " }.reversed())
      let left = (24 - trimmed.count) / 2
      return String(repeating: " ", count: left) + trimmed + String(repeating: " ", count: 24 - left - trimmed.count)
    })
  }

  @Test func themeIsDegradedToTheBackend() {
    var backend = MemoryBackend(size: Size(width: 2, height: 1), colorDepth: .ansi16)
    var renderer = Renderer(theme: .dark)
    var seen: Theme?
    renderer.draw(to: &backend) { buffer, area, theme in
      seen = theme
      buffer.set(Cell("x", style: Style(foreground: .rgb(255, 0, 0))), at: Position(x: 0, y: 0))
    }
    #expect(seen?.colorDepth == .ansi16)
    #expect(backend.screen[0, 0].style.foreground == .ansi(9))
  }
}
