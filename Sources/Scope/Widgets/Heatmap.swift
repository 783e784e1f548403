/// A row and column in a matrix.
package struct MatrixIndex: Hashable, Sendable {
  /// The row.
  package var row: Int
  /// The column.
  package var column: Int

  /// Creates an index.
  package init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }
}

/// A weight matrix as a heatmap with a diverging colour scale, a cursor and a readout.
///
/// ```
/// W2 10×100 1:2 max|w|              <- title: name, shape, downsampling, how blocks are reduced
/// ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀           <- 2 (block) rows per cell: fg = upper row, bg = lower row
/// W2[o=3, h=17] = 104                <- the exact value under the cursor
/// -128 ████████████ +128             <- legend (optional)
/// ```
///
/// With `factor` > 1, each drawn entry stands for a `factor`×`factor` block of the matrix, reduced
/// by ``Reduction/maxMagnitude`` (the entry of largest magnitude, the earlier one on a tie, so a
/// single strong weight is never averaged away) or ``Reduction/mean`` (rounded half away from zero).
/// Colours: 0 is the theme's `heatmap.zero`, the range's ends are `heatmap.negative` and
/// `heatmap.positive`, values between are blended and clamped. The range is symmetric (±largest
/// magnitude in the matrix) unless one is given.
///
/// The cursor's entry is painted in the foreground colour and its exact value is in the readout.
/// In mono each entry takes two cells, a sign (`+`, `-`) and a shade for its magnitude (`░▒▓█`,
/// quarter steps of the range, any non-zero value at least `░`; exact zero is ` ·`), and the cursor's
/// entry is in reverse video. When the map is larger than the area, the view scrolls to keep the
/// cursor visible and the title gives the visible rows or columns.
package struct Heatmap: Widget, Sendable {
  /// How a block of entries becomes one drawn entry when downsampling.
  package enum Reduction: Hashable, Sendable {
    /// The mean, rounded half away from zero.
    case mean
    /// The entry of largest magnitude (the first in row-major order on a tie).
    case maxMagnitude
  }

  /// The matrix name, e.g. `W2`.
  package var name: String
  /// What a row index means, e.g. `o` (output neuron).
  package var rowLabel: String
  /// What a column index means, e.g. `h` (hidden neuron).
  package var columnLabel: String
  /// The number of rows.
  package let rows: Int
  /// The number of columns.
  package let columns: Int
  /// The entries, row-major, `rows × columns` of them.
  package let values: [Int32]
  /// The range the colour scale spans; `nil` for ±(largest magnitude), at least ±1.
  package var valueRange: ClosedRange<Int32>?
  /// The block size for downsampling (1 = every entry).
  package var factor: Int
  /// How blocks are reduced when `factor` > 1.
  package var reduction: Reduction
  /// The highlighted entry, if any (in matrix coordinates).
  package var cursor: MatrixIndex?
  /// Whether to draw the legend row under the readout.
  package var showsLegend: Bool
  /// Entries (row-major indices) to mark as changed since the last stop: their cell is drawn
  /// underlined (bold in mono), as a debugger marks changed registers.
  package var marked: Set<Int> = []

  /// Creates a heatmap.
  ///
  /// - Precondition: `values.count == rows * columns`, `factor >= 1`.
  package init(
    name: String, rowLabel: String, columnLabel: String, rows: Int, columns: Int, values: [Int32],
    valueRange: ClosedRange<Int32>? = nil, factor: Int = 1, reduction: Reduction = .maxMagnitude,
    cursor: MatrixIndex? = nil, showsLegend: Bool = true
  ) {
    precondition(rows >= 0 && columns >= 0, "a \(rows)×\(columns) matrix has a negative dimension")
    precondition(
      values.count == rows * columns,
      "a \(rows)×\(columns) matrix needs \(rows * columns) values, got \(values.count)")
    precondition(factor >= 1, "downsampling factor is \(factor); it must be at least 1")
    self.name = name
    self.rowLabel = rowLabel
    self.columnLabel = columnLabel
    self.rows = rows
    self.columns = columns
    self.values = values
    self.valueRange = valueRange
    self.factor = factor
    self.reduction = reduction
    self.cursor = cursor
    self.showsLegend = showsLegend
  }

  // MARK: Values

  /// The value at (`row`, `column`).
  package func value(row: Int, column: Int) -> Int32 { values[row * columns + column] }

  /// The scale's range: the given one, or ±(largest magnitude, at least 1).
  package var effectiveRange: ClosedRange<Int32> {
    if let valueRange { return valueRange }
    let largest = values.reduce(Int64(1)) { max($0, abs(Int64($1))) }
    let bound = Int32(clamping: largest)
    return -bound...bound
  }

  /// The number of drawn rows and columns after downsampling.
  package var blockShape: (rows: Int, columns: Int) {
    ((rows + factor - 1) / factor, (columns + factor - 1) / factor)
  }

  /// The drawn value of block (`blockRow`, `blockColumn`).
  package func blockValue(blockRow: Int, blockColumn: Int) -> Int32 {
    let rowRange = (blockRow * factor)..<min(rows, (blockRow + 1) * factor)
    let columnRange = (blockColumn * factor)..<min(columns, (blockColumn + 1) * factor)
    switch reduction {
    case .maxMagnitude:
      var best: Int32 = 0
      var bestMagnitude: Int64 = -1
      for row in rowRange {
        for column in columnRange {
          let v = value(row: row, column: column)
          if abs(Int64(v)) > bestMagnitude {
            best = v
            bestMagnitude = abs(Int64(v))
          }
        }
      }
      return best
    case .mean:
      var sum: Int64 = 0
      for row in rowRange {
        for column in columnRange { sum += Int64(value(row: row, column: column)) }
      }
      let count = Int64(rowRange.count * columnRange.count)
      guard count > 0 else { return 0 }
      let rounded = (2 * abs(sum) + count) / (2 * count)
      return Int32(clamping: sum < 0 ? -rounded : rounded)
    }
  }

  /// How far `value` is towards the end of the range on its side of zero, 0...1.
  func intensity(_ value: Int32, range: ClosedRange<Int32>) -> Double {
    if value == 0 { return 0 }
    let bound = value > 0 ? range.upperBound : range.lowerBound
    guard (value > 0 && bound > 0) || (value < 0 && bound < 0) else { return 1 }
    return min(1, Double(value) / Double(bound))
  }

  /// The colour of `value` on the theme's diverging scale, fitted to the theme's depth.
  package func color(for value: Int32, theme: Theme) -> Color {
    let end = value < 0 ? theme.heatmap.negative : theme.heatmap.positive
    let blended = Color.blend(theme.heatmap.zero, end, fraction: intensity(value, range: effectiveRange))
    return blended.degraded(to: theme.colorDepth)
  }

  /// The mono spelling of `value`: sign and shade.
  func monoCells(for value: Int32, range: ClosedRange<Int32>) -> (Character, Character) {
    if value == 0 { return (" ", "·") }
    let shades: [Character] = ["░", "▒", "▓", "█"]
    let level = min(4, max(1, Int((intensity(value, range: range) * 4).rounded(.up))))
    return (value < 0 ? "-" : "+", shades[level - 1])
  }

  // MARK: Text

  /// The title: name, shape, downsampling and reduction.
  var titleText: String {
    var text = "\(name) \(rows)×\(columns) 1:\(factor)"
    if factor > 1 { text += reduction == .mean ? " mean" : " max|w|" }
    return text
  }

  /// The readout line for the cursor, e.g. `W2[o=3, h=17] = 104`.
  package var readout: String? {
    guard let cursor, rows > 0, columns > 0 else { return nil }
    let row = min(max(0, cursor.row), rows - 1)
    let column = min(max(0, cursor.column), columns - 1)
    var text = "\(name)[\(rowLabel)=\(row), \(columnLabel)=\(column)] = \(value(row: row, column: column))"
    if factor > 1 {
      let block = blockValue(blockRow: row / factor, blockColumn: column / factor)
      text += " (block \(reduction == .mean ? "mean" : "max|w|") \(block))"
    }
    return text
  }

  // MARK: Rendering

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    guard area.height >= 3, area.width >= 4, rows > 0, columns > 0 else {
      let text = rows == 0 || columns == 0 ? "\(name) is empty" : "…"
      buffer.write(text, at: Position(x: area.x, y: area.y), style: theme.dimText, clippedTo: area)
      return
    }
    let legend = showsLegend && area.height >= 4
    let mono = theme.isMonochrome
    let shape = blockShape
    let entriesPerRow = mono ? 1 : 2
    // The readout and legend sit right under the map, not at the bottom of a tall area.
    let mapRows = min(area.height - 2 - (legend ? 1 : 0), (shape.rows + entriesPerRow - 1) / entriesPerRow)
    let map = Rect(x: area.x, y: area.y + 1, width: area.width, height: mapRows)
    let cellsPerEntry = mono ? 2 : 1
    let visibleRows = min(shape.rows, map.height * entriesPerRow)
    let visibleColumns = min(shape.columns, map.width / cellsPerEntry)
    guard visibleColumns > 0 else {
      buffer.write("…", at: Position(x: area.x, y: area.y), style: theme.dimText, clippedTo: area)
      return
    }
    let cursorBlock = cursor.map {
      MatrixIndex(
        row: min(max(0, $0.row), rows - 1) / factor, column: min(max(0, $0.column), columns - 1) / factor)
    }
    var firstRow = max(0, (cursorBlock?.row ?? 0) - visibleRows + 1)
    // Half blocks pair rows 2k and 2k+1, so a scrolled colour view starts on an even row.
    if !mono, firstRow % 2 == 1 { firstRow += 1 }
    let lastRow = min(shape.rows, firstRow + visibleRows)
    let firstColumn = max(0, (cursorBlock?.column ?? 0) - visibleColumns + 1)

    var title = titleText
    if !marked.isEmpty { title += " · \(marked.count) changed since the last stop (underlined)" }
    if visibleRows < shape.rows {
      title += " " + span("rows", first: firstRow, count: lastRow - firstRow, of: rows)
    }
    if visibleColumns < shape.columns {
      title += " " + span("cols", first: firstColumn, count: visibleColumns, of: columns)
    }
    buffer.write(
      TextLayout.truncate(title, to: area.width), at: Position(x: area.x, y: area.y), style: theme.title,
      clippedTo: area)

    let range = effectiveRange
    for blockRow in firstRow..<lastRow {
      for blockColumn in firstColumn..<(firstColumn + visibleColumns) {
        let value = blockValue(blockRow: blockRow, blockColumn: blockColumn)
        let isCursor = cursorBlock == MatrixIndex(row: blockRow, column: blockColumn)
        let x = map.x + (blockColumn - firstColumn) * cellsPerEntry
        if mono {
          let y = map.y + blockRow - firstRow
          let (sign, shade) = monoCells(for: value, range: range)
          var style = isCursor ? theme.text.reversed() : theme.text
          if isMarked(blockRow: blockRow, blockColumn: blockColumn) { style = style.bold() }
          buffer.set(Cell(sign, style: style), at: Position(x: x, y: y))
          buffer.set(Cell(shade, style: style), at: Position(x: x + 1, y: y))
        } else {
          let y = map.y + (blockRow - firstRow) / 2
          let color = isCursor ? theme.ui.foreground : color(for: value, theme: theme)
          let isUpper = (blockRow - firstRow) % 2 == 0
          let marked = isMarked(blockRow: blockRow, blockColumn: blockColumn)
          buffer.update(at: Position(x: x, y: y)) { cell in
            if isUpper {
              cell = Cell("▀", style: Style(foreground: color, background: theme.ui.background))
            } else {
              cell.style.background = color
            }
            if marked { cell.style = cell.style.adding(.underline) }
          }
        }
      }
    }

    let readoutY = map.bottom
    if let readout {
      buffer.write(
        TextLayout.truncate(readout, to: area.width), at: Position(x: area.x, y: readoutY),
        style: theme.text, clippedTo: area)
    }
    if legend {
      let row = Rect(x: area.x, y: readoutY + 1, width: area.width, height: 1)
      drawLegend(into: &buffer, row: row, theme: theme)
    }
  }

  /// Whether any entry of a block is marked.
  private func isMarked(blockRow: Int, blockColumn: Int) -> Bool {
    guard !marked.isEmpty else { return false }
    for row in (blockRow * factor)..<min(rows, (blockRow + 1) * factor) {
      for column in (blockColumn * factor)..<min(columns, (blockColumn + 1) * factor)
      where marked.contains(row * columns + column) {
        return true
      }
    }
    return false
  }

  /// `rows 20–39 of 100` in matrix coordinates for a block span.
  private func span(_ what: String, first: Int, count: Int, of total: Int) -> String {
    "\(what) \(first * factor)–\(min(total, (first + count) * factor) - 1) of \(total)"
  }

  /// `-128 ▁swatches▁ +128`: nine steps from the negative end through zero to the positive end
  /// (mono: the sign-and-shade pairs).
  private func drawLegend(into buffer: inout CellBuffer, row: Rect, theme: Theme) {
    let range = effectiveRange
    let low = "\(range.lowerBound) "
    let high = " " + (range.upperBound > 0 ? "+" : "") + "\(range.upperBound)"
    var x = buffer.write(low, at: Position(x: row.x, y: row.y), style: theme.dimText, clippedTo: row)
    let steps: [Double] = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]
    let swatchWidth = theme.isMonochrome ? 2 : 1
    guard x + steps.count * swatchWidth + high.count <= row.right else { return }
    for step in steps {
      if theme.isMonochrome {
        let value: Int32 =
          step == 0 ? 0 : step < 0 ? -Int32((step.magnitude * 4).rounded()) : Int32((step * 4).rounded())
        let (sign, shade) = monoCells(for: value, range: -4...4)
        buffer.set(Cell(sign, style: theme.text), at: Position(x: x, y: row.y))
        buffer.set(Cell(shade, style: theme.text), at: Position(x: x + 1, y: row.y))
      } else {
        let end = step < 0 ? theme.heatmap.negative : theme.heatmap.positive
        let color = Color.blend(theme.heatmap.zero, end, fraction: step.magnitude).degraded(to: theme.colorDepth)
        buffer.set(Cell(" ", style: Style(background: color)), at: Position(x: x, y: row.y))
      }
      x += swatchWidth
    }
    buffer.write(high, at: Position(x: x, y: row.y), style: theme.dimText, clippedTo: row)
  }
}
