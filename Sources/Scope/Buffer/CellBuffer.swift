/// A grid of cells that widgets draw into; the terminal shows it.
///
/// The buffer is a value: rendering a frame is `var buffer = CellBuffer(size: …)`, widgets mutate it,
/// and ``diff(from:)`` finds what changed since the previous frame.
///
/// - Reading: ``subscript(_:_:)`` (traps outside the grid), ``cell(at:)`` (returns `nil` instead),
///   ``lines``, ``description``.
/// - Writing: ``set(_:at:)``, ``update(at:_:)``, ``write(_:at:style:clippedTo:)``, ``fill(_:with:)``.
///
/// Writes outside the grid are ignored, so widgets never have to check bounds to stay safe.
package struct CellBuffer: Hashable, Sendable {
  /// The number of columns.
  package let width: Int
  /// The number of rows.
  package let height: Int
  /// The cells in row-major order.
  package private(set) var cells: [Cell]

  /// A buffer of `size` filled with `cell`.
  package init(size: Size, filling cell: Cell = .blank) {
    width = size.width
    height = size.height
    cells = Array(repeating: cell, count: width * height)
  }

  /// A buffer of `width`×`height` filled with `cell`.
  package init(width: Int, height: Int, filling cell: Cell = .blank) {
    self.init(size: Size(width: width, height: height), filling: cell)
  }

  /// A buffer holding `lines` as text in `style`, as wide as the longest line (shorter ones are
  /// padded with spaces); the usual way to spell an expected screen in a test.
  package init(lines: [String], style: Style = .plain) {
    let rows = lines.map { Array($0) }
    self.init(width: rows.map(\.count).max() ?? 0, height: rows.count, filling: Cell(" ", style: style))
    for (y, row) in rows.enumerated() {
      for (x, symbol) in row.enumerated() { cells[y * width + x] = Cell(symbol, style: style) }
    }
  }

  /// The whole grid as a rectangle at the origin.
  package var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }
  /// The grid's size.
  package var size: Size { Size(width: width, height: height) }

  /// The cell at column `x`, row `y`.
  ///
  /// - Precondition: (`x`, `y`) lies inside the grid; use ``cell(at:)`` when it may not.
  package subscript(x: Int, y: Int) -> Cell {
    get {
      precondition(
        x >= 0 && x < width && y >= 0 && y < height,
        "cell (\(x), \(y)) is outside the \(width)×\(height) buffer")
      return cells[y * width + x]
    }
    set {
      precondition(
        x >= 0 && x < width && y >= 0 && y < height,
        "cell (\(x), \(y)) is outside the \(width)×\(height) buffer")
      cells[y * width + x] = newValue
    }
  }

  /// The cell at `position`, or `nil` outside the grid.
  package func cell(at position: Position) -> Cell? {
    guard area.contains(position) else { return nil }
    return cells[position.y * width + position.x]
  }

  /// Replaces the cell at `position`; does nothing outside the grid.
  package mutating func set(_ cell: Cell, at position: Position) {
    guard area.contains(position) else { return }
    cells[position.y * width + position.x] = cell
  }

  /// Changes the cell at `position` in place (e.g. only its background); does nothing outside the grid.
  package mutating func update(at position: Position, _ change: (inout Cell) -> Void) {
    guard area.contains(position) else { return }
    change(&cells[position.y * width + position.x])
  }

  /// Changes every cell of `rect` (clipped to the grid) in place.
  package mutating func update(_ rect: Rect, _ change: (inout Cell) -> Void) {
    let clipped = rect.intersection(area)
    guard !clipped.isEmpty else { return }
    for y in clipped.y..<clipped.bottom {
      for x in clipped.x..<clipped.right { change(&cells[y * width + x]) }
    }
  }

  /// Sets every cell of `rect` (clipped to the grid) to `cell`.
  package mutating func fill(_ rect: Rect, with cell: Cell) {
    update(rect) { $0 = cell }
  }

  /// Writes `text` left to right from `position`, one cell per character, stopping at the edge of
  /// `clip` (and of the grid); returns the column after the last cell written.
  ///
  /// Characters that do not take exactly one column become `�` (see ``Cell/displayable(_:)``).
  /// Nothing wraps: a widget that wants wrapping splits its text first.
  @discardableResult
  package mutating func write(_ text: String, at position: Position, style: Style, clippedTo clip: Rect)
    -> Int
  {
    let bounds = clip.intersection(area)
    guard !bounds.isEmpty, position.y >= bounds.y, position.y < bounds.bottom else { return position.x }
    var x = position.x
    for character in text {
      if x >= bounds.right { break }
      if x >= bounds.x {
        cells[position.y * width + x] = Cell(Cell.displayable(character), style: style)
      }
      x += 1
    }
    return x
  }

  /// The glyphs of each row as a string (styles dropped): compare with expected text in tests.
  package var lines: [String] {
    (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.symbol)) }
  }
}

extension CellBuffer: CustomStringConvertible {
  /// The rows in quotes, then each run of non-plain style, so a failing test shows a readable grid.
  ///
  /// ```
  /// CellBuffer 4×2
  /// "ab  "
  /// "  cd"
  /// styles:
  ///   x=0…1 y=0: fg=ansi:1 bg=default +bold
  /// ```
  package var description: String {
    var text = "CellBuffer \(width)×\(height)\n"
    for line in lines { text += "\"\(line)\"\n" }
    let runs = styleRuns.filter { $0.style != .plain }
    if !runs.isEmpty {
      text += "styles:\n"
      for run in runs {
        let columns = run.start == run.end ? "x=\(run.start)" : "x=\(run.start)…\(run.end)"
        text += "  \(columns) y=\(run.row): \(run.style)\n"
      }
    }
    return text
  }

  /// A maximal run of equally styled cells within one row.
  package struct StyleRun: Hashable, Sendable {
    /// The row.
    package var row: Int
    /// The first column of the run.
    package var start: Int
    /// The last column of the run (inclusive).
    package var end: Int
    /// The style every cell of the run has.
    package var style: Style
  }

  /// Runs of equal style, row by row, left to right (plain runs included).
  package var styleRuns: [StyleRun] {
    var runs: [StyleRun] = []
    for y in 0..<height {
      for x in 0..<width {
        let style = cells[y * width + x].style
        if let last = runs.last, last.row == y, last.style == style {
          runs[runs.count - 1].end = x
        } else {
          runs.append(StyleRun(row: y, start: x, end: x, style: style))
        }
      }
    }
    return runs
  }
}
