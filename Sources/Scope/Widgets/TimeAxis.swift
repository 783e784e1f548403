/// How ticks map to screen columns: one value shared by every raster on screen, so a tick's gate
/// spike and its population spikes always sit in the same column.
///
/// A column holds `ticksPerColumn` ticks (zoomed out; its left and right halves split them), or a
/// tick spans `columnsPerTick` columns (zoomed in); one of the two is 1.
package struct TimeAxis: Hashable, Sendable {
  package var firstTick: Int64
  package var ticksPerColumn: Int
  package var columnsPerTick: Int
  package var columns: Int

  /// - Precondition: both factors are at least 1 and at least one of them is 1.
  package init(firstTick: Int64, ticksPerColumn: Int = 1, columnsPerTick: Int = 1, columns: Int) {
    precondition(ticksPerColumn >= 1 && columnsPerTick >= 1, "scale factors are at least 1")
    precondition(ticksPerColumn == 1 || columnsPerTick == 1, "a column holds several ticks or a tick several columns")
    self.firstTick = firstTick
    self.ticksPerColumn = ticksPerColumn
    self.columnsPerTick = columnsPerTick
    self.columns = max(0, columns)
  }

  /// How many ticks the axis shows.
  package var tickCount: Int {
    columnsPerTick > 1 ? columns / columnsPerTick : columns * ticksPerColumn
  }

  /// The ticks on screen (empty range when the axis has no columns).
  package var ticks: Range<Int64> { firstTick..<(firstTick + Int64(tickCount)) }

  /// The first column of `tick`, or nil when it is off screen.
  package func column(of tick: Int64) -> Int? {
    guard ticks.contains(tick) else { return nil }
    let offset = Int(tick - firstTick)
    return columnsPerTick > 1 ? offset * columnsPerTick : offset / ticksPerColumn
  }

  /// The columns `tick` covers (one, or `columnsPerTick` when zoomed in).
  package func columns(of tick: Int64) -> Range<Int>? {
    column(of: tick).map { $0..<($0 + columnsPerTick) }
  }

  /// Which half of its column `tick` is drawn in: 0 left, 1 right, nil the whole column (a column
  /// of one tick). Zoomed out, the first half of a column's ticks go left.
  package func half(of tick: Int64) -> Int? {
    guard ticksPerColumn > 1 else { return nil }
    return Int(tick - firstTick) % ticksPerColumn < ticksPerColumn / 2 ? 0 : 1
  }

  /// The ticks shown in column `column`.
  package func ticks(inColumn column: Int) -> Range<Int64>? {
    guard column >= 0, column < columns else { return nil }
    if columnsPerTick > 1 {
      let tick = firstTick + Int64(column / columnsPerTick)
      return column / columnsPerTick < tickCount ? tick..<(tick + 1) : nil
    }
    let start = firstTick + Int64(column * ticksPerColumn)
    return start..<(start + Int64(ticksPerColumn))
  }

  /// `1 tick/column`, `4 ticks/column`, `8 columns/tick`: the scale, for titles.
  package var scaleDescription: String {
    columnsPerTick > 1 ? "\(columnsPerTick) columns/tick" : ticksPerColumn == 1 ? "1 tick/column" : "\(ticksPerColumn) ticks/column"
  }
}

/// The time scale the user chose: zoom steps by powers of two; "fit cycle" picks whatever spreads
/// one cycle across the width.
package struct TimeScale: Hashable, Sendable {
  package var ticksPerColumn = 1
  package var columnsPerTick = 1

  package init(ticksPerColumn: Int = 1, columnsPerTick: Int = 1) {
    self.ticksPerColumn = max(1, ticksPerColumn)
    self.columnsPerTick = self.ticksPerColumn > 1 ? 1 : max(1, columnsPerTick)
  }

  /// One step finer (zoom in) or coarser, within 32 columns/tick and 4096 ticks/column.
  package func zoomed(in zoomIn: Bool) -> TimeScale {
    if zoomIn {
      if ticksPerColumn > 1 { return TimeScale(ticksPerColumn: ticksPerColumn / 2) }
      return TimeScale(columnsPerTick: min(32, columnsPerTick * 2))
    }
    if columnsPerTick > 1 { return TimeScale(columnsPerTick: columnsPerTick / 2) }
    return TimeScale(ticksPerColumn: min(4096, ticksPerColumn * 2))
  }

  /// The scale that spreads `ticks` ticks over `columns` columns.
  package static func fitting(ticks: Int, into columns: Int) -> TimeScale {
    guard ticks > 0, columns > 0 else { return TimeScale() }
    if columns >= ticks { return TimeScale(columnsPerTick: columns / ticks) }
    var k = 1
    while ticks > columns * k { k *= 2 }
    return TimeScale(ticksPerColumn: k)
  }

  /// The axis of `columns` columns that shows `anchor`, placed `fraction` of the way across
  /// (3/4 leaves room for the windows to come), starting no earlier than tick 0.
  package func axis(columns: Int, anchor: Int64, fraction: Double = 0.75) -> TimeAxis {
    let span = columnsPerTick > 1 ? columns / columnsPerTick : columns * ticksPerColumn
    var first = anchor - Int64(Double(span) * fraction)
    // Columns of several ticks start on a multiple of their size, so a tick never changes column
    // as the view moves.
    if ticksPerColumn > 1 { first = first >= 0 ? first / Int64(ticksPerColumn) * Int64(ticksPerColumn) : 0 }
    return TimeAxis(
      firstTick: max(0, first), ticksPerColumn: ticksPerColumn, columnsPerTick: columnsPerTick, columns: columns)
  }
}
