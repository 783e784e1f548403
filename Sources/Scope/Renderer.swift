/// The frame loop's drawing half: renders a frame, sends only the changed cells, handles resizes.
///
/// ```swift
/// var renderer = Renderer(theme: theme, minimumSize: Size(width: 80, height: 24))
/// while running {
///   renderer.draw(to: &backend) { buffer, area, theme in
///     buffer.render(StatusBar(left: status), in: area.bottom(1), theme: theme)
///   }
///   if let key = renderer.nextKey(from: &backend, timeoutMilliseconds: 33) { … }
/// }
/// ```
///
/// The renderer keeps the previous frame and sends the backend the cells that differ from it. The
/// first frame, a frame after a size change and a frame after ``invalidate()`` clear the backend and
/// repaint everything. Below ``minimumSize`` the frame shows ``TooSmall`` instead of calling the
/// render closure. The theme is degraded to the backend's colour depth before each frame.
package struct Renderer: Sendable {
  /// The theme as configured (the frame gets it degraded to the backend's depth).
  package var theme: Theme
  /// The smallest size the render closure is called for.
  package var minimumSize: Size
  /// The frame currently on screen, or `nil` before the first frame or after ``invalidate()``.
  package private(set) var previousFrame: CellBuffer?

  /// Creates a renderer.
  package init(theme: Theme, minimumSize: Size = Size(width: 0, height: 0)) {
    self.theme = theme
    self.minimumSize = minimumSize
  }

  /// Renders one frame with `render(buffer, area, theme)` and shows it on `backend`.
  ///
  /// - Returns: The number of cells sent to the backend.
  @discardableResult
  package mutating func draw<Backend: TerminalBackend>(
    to backend: inout Backend, _ render: (inout CellBuffer, Rect, Theme) -> Void
  ) -> Int {
    let size = backend.size
    let frameTheme = theme.degraded(to: backend.colorDepth)
    var frame = CellBuffer(size: size, filling: Cell(" ", style: frameTheme.text))
    if size.covers(minimumSize) {
      render(&frame, frame.area, frameTheme)
    } else {
      frame.render(TooSmall(minimum: minimumSize), in: frame.area, theme: frameTheme)
    }

    let changes: [CellChange]
    if let previous = previousFrame, previous.size == size {
      changes = frame.diff(from: previous)
    } else {
      backend.clear()
      changes = frame.diff(from: CellBuffer(size: size))
    }
    backend.draw(changes)
    backend.flush()
    previousFrame = frame
    return changes.count
  }

  /// Forces the next frame to repaint everything (e.g. after Ctrl-L or output from elsewhere).
  package mutating func invalidate() {
    previousFrame = nil
  }

  /// The backend's next key; a ``Key/resize`` also invalidates the frame so the next one repaints.
  package mutating func nextKey<Backend: TerminalBackend>(
    from backend: inout Backend, timeoutMilliseconds: Int
  ) -> Key? {
    let key = backend.nextKey(timeoutMilliseconds: timeoutMilliseconds)
    if key == .resize { invalidate() }
    return key
  }
}
