import Debugger

/// One row of a ``TimeRaster``: a group heading, or a band row of spikes per column.
package struct RasterRow: Hashable, Sendable {
  package enum Content: Hashable, Sendable {
    /// A heading between groups (`forward`, `backward`).
    case section
    /// Four neurons per row, one braille dot row each; one mask per column (left dot column for
    /// the column's first half of ticks).
    case braille([UInt8])
    /// One neuron per row; per column bit 0 = a spike in the left half, bit 1 = the right half.
    case blocks([UInt8])
    /// One character per column (the folded gating chain: the window each gate opened).
    case text([Character])
  }

  /// The text in the label column (`o 0–3`, `  4–7`, `g05`, `forward`).
  package var label: String
  package var role: Role
  package var content: Content
  /// A marker before the label (`●` for a breakpoint), if any.
  package var marker: Character?
  /// The row holds the selected neuron.
  package var isSelected: Bool
  /// Columns in which the row's population spiked outside its windows.
  package var violations: Set<Int>

  package init(
    label: String, role: Role, content: Content, marker: Character? = nil, isSelected: Bool = false,
    violations: Set<Int> = []
  ) {
    self.label = label
    self.role = role
    self.content = content
    self.marker = marker
    self.isSelected = isSelected
    self.violations = violations
  }
}

/// Every raster on one time axis: a tick row and a window row on top, then gate rows and
/// population rows, each a label and one cell per column.
///
/// ```
/// tick         13          25
/// window       0123456789ab0123456789ab
/// g05               █           █        <- a gate: one row, █ where it fired
/// o      0–3        ⠁                     <- a small population: one braille dot row per neuron
/// h1 ×32 0–127    ⡇⢸                      <- a large one: each dot row aggregates 32 neurons
/// ```
/// The current tick's column is marked `▼` in the tick row; the time cursor's column is drawn
/// highlighted through every row. Rows scroll (`scroll` rows hidden above); what does not fit is
/// counted on the last row (`↓ 12 more rows`), never dropped silently. Below the rows, a legend
/// names the windows.
package struct TimeRaster: Widget, Sendable {
  package var axis: TimeAxis
  package var labelWidth: Int
  package var cycle: TimeModel.Cycle?
  package var currentTick: Int64
  package var cursorTick: Int64?
  package var rows: [RasterRow]
  package var scroll: Int

  package static let headerRows = 2

  package init(
    axis: TimeAxis, labelWidth: Int, cycle: TimeModel.Cycle?, currentTick: Int64, cursorTick: Int64? = nil,
    rows: [RasterRow], scroll: Int = 0
  ) {
    self.axis = axis
    self.labelWidth = labelWidth
    self.cycle = cycle
    self.currentTick = currentTick
    self.cursorTick = cursorTick
    self.rows = rows
    self.scroll = max(0, scroll)
  }

  /// Rows of the area left for band rows once the header and legend are drawn.
  package static func bandRows(height: Int, hasLegend: Bool) -> Int {
    max(0, height - headerRows - (hasLegend ? 1 : 0))
  }

  package func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard area.height >= 3, area.width > labelWidth else {
      buffer.write("…", at: Position(x: area.x, y: area.y), style: theme.dimText, clippedTo: area)
      return
    }
    let plotX = area.x + labelWidth
    let hasLegend = cycle != nil && area.height >= 6
    drawHeader(into: &buffer, area: area, plotX: plotX, theme: theme)
    let body = Rect(
      x: area.x, y: area.y + Self.headerRows, width: area.width,
      height: Self.bandRows(height: area.height, hasLegend: hasLegend))
    drawRows(into: &buffer, body: body, plotX: plotX, theme: theme)
    if hasLegend, let cycle {
      let legend = cycle.windowNames.enumerated().map { "\(String($0.offset, radix: 36)) \($0.element)" }
        .joined(separator: " · ")
      buffer.write(
        TextLayout.truncate("windows: " + legend + " · gate k opens window k", to: area.width),
        at: Position(x: area.x, y: area.y + area.height - 1), style: theme.dimText, clippedTo: area)
    }
    // The time cursor, through header and rows.
    if let cursorTick, let columns = axis.columns(of: cursorTick) {
      for column in columns where column < axis.columns {
        buffer.update(Rect(x: plotX + column, y: area.y, width: 1, height: Self.headerRows + body.height)) {
          $0.style = theme.highlighted($0.style)
        }
      }
    }
  }

  private func drawHeader(into buffer: inout CellBuffer, area: Rect, plotX: Int, theme: Theme) {
    let tickRow = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    let windowRow = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
    buffer.write("tick", at: Position(x: area.x, y: tickRow.y), style: theme.dimText, clippedTo: tickRow)
    buffer.write(
      cycle == nil ? "" : "window", at: Position(x: area.x, y: windowRow.y), style: theme.dimText,
      clippedTo: windowRow)
    // Tick numbers where a cycle starts (or every 10 ticks without a cycle), never overlapping.
    var nextFree = plotX
    for column in 0..<axis.columns {
      guard let ticks = axis.ticks(inColumn: column), ticks.lowerBound >= 1 else { continue }
      if axis.columnsPerTick > 1, column % axis.columnsPerTick != 0 { continue }
      let marks = ticks.filter { tick in
        if let cycle { return tick >= cycle.origin && cycle.window(of: tick) == 0 }
        return tick % 10 == 0
      }
      guard let tick = marks.first else { continue }
      let x = plotX + column
      guard x >= nextFree else { continue }
      let text = String(tick)
      buffer.write(text, at: Position(x: x, y: tickRow.y), style: theme.axisText, clippedTo: tickRow)
      nextFree = x + text.count + 1
    }
    if let column = axis.column(of: currentTick), plotX + column < area.right {
      // The marker, unless a tick number is there: then that digit is drawn reversed instead.
      let at = Position(x: plotX + column, y: tickRow.y)
      buffer.update(at: at) { cell in
        if cell.symbol == " " { cell = Cell("▼", style: theme.title) } else { cell.style = cell.style.reversed() }
      }
    }
    guard let cycle else { return }
    // Window labels: a digit per column, the name when a tick spans enough columns, `·` where a
    // column holds ticks of several windows.
    for column in 0..<axis.columns {
      guard let ticks = axis.ticks(inColumn: column) else { continue }
      let windows = Set(ticks.map { cycle.window(of: $0) })
      let x = plotX + column
      let style = (windows.first ?? 0).isMultiple(of: 2) ? theme.axisText : theme.axisText.bold()
      if windows.count > 1 {
        buffer.write("·", at: Position(x: x, y: windowRow.y), style: theme.dimText, clippedTo: windowRow)
      } else if let window = windows.first {
        if axis.columnsPerTick >= 3 {
          guard column % axis.columnsPerTick == 0 else { continue }
          let name = TextLayout.fit(cycle.windowNames[window], to: axis.columnsPerTick - 1)
          buffer.write(name, at: Position(x: x, y: windowRow.y), style: style, clippedTo: windowRow)
        } else {
          buffer.write(String(window, radix: 36), at: Position(x: x, y: windowRow.y), style: style, clippedTo: windowRow)
        }
      }
    }
  }

  private func drawRows(into buffer: inout CellBuffer, body: Rect, plotX: Int, theme: Theme) {
    guard body.height > 0 else { return }
    let first = min(scroll, max(0, rows.count - 1))
    var shown = min(body.height, rows.count - first)
    let below = rows.count - first - shown
    if below > 0 { shown -= 1 }
    for k in 0..<shown {
      drawRow(rows[first + k], y: body.y + k, body: body, plotX: plotX, into: &buffer, theme: theme)
    }
    if below > 0 || first > 0 {
      var notes: [String] = []
      if first > 0 { notes.append("↑ \(first) rows above") }
      if below > 0 { notes.append("↓ \(below + 1) more rows") }
      let y = body.y + (below > 0 ? shown : min(body.height - 1, shown))
      if below > 0 || shown < body.height {
        buffer.write(notes.joined(separator: " · "), at: Position(x: body.x, y: y), style: theme.dimText, clippedTo: body)
      }
    }
  }

  private func drawRow(_ row: RasterRow, y: Int, body: Rect, plotX: Int, into buffer: inout CellBuffer, theme: Theme) {
    let style = theme.roleStyle(row.role)
    let labelArea = Rect(x: body.x, y: y, width: labelWidth - 1, height: 1)
    if case .section = row.content {
      let text = "─ " + row.label + " " + String(repeating: "─", count: max(0, body.width - row.label.count - 3))
      buffer.write(text, at: Position(x: body.x, y: y), style: theme.dimText, clippedTo: body)
      return
    }
    if let marker = row.marker {
      buffer.set(Cell(marker, style: theme.breakpointMarker), at: Position(x: body.x, y: y))
    }
    let labelStyle = row.isSelected ? theme.selected(style.bold()) : style
    buffer.write(
      TextLayout.fit(row.label, to: labelArea.width - 1), at: Position(x: body.x + 1, y: y), style: labelStyle,
      clippedTo: labelArea)
    let violationStyle = theme.isMonochrome ? style.bold() : style.foreground(theme.ui.violation)
    let columns = min(axis.columns, body.x + body.width - plotX)
    for column in 0..<max(0, columns) {
      let glyph: Character
      switch row.content {
      case .braille(let masks):
        guard column < masks.count, masks[column] != 0 else { continue }
        glyph = Character(Unicode.Scalar(0x2800 + UInt32(masks[column])) ?? " ")
      case .blocks(let halves):
        guard column < halves.count, halves[column] != 0 else { continue }
        glyph = halves[column] == 1 ? "▌" : halves[column] == 2 ? "▐" : "█"
      case .text(let characters):
        guard column < characters.count, characters[column] != " " else { continue }
        glyph = characters[column]
      case .section:
        continue
      }
      let cellStyle = row.violations.contains(column) ? violationStyle : style
      buffer.set(Cell(glyph, style: cellStyle), at: Position(x: plotX + column, y: y))
    }
  }
}

extension TimeRaster {
  /// The braille bit of dot (`column`, `row`), column 0–1, row 0–3 (Unicode's dot numbering).
  package static func brailleBit(column: Int, row: Int) -> UInt8 {
    let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    return bits[column][row]
  }
}
