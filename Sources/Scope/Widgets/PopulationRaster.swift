/// Spike rasters of several populations, stacked in bands, drawn in braille.
///
/// Each band is a title row and then braille rows. One braille cell holds 2 × 4 dots: 2 columns of
/// `ticksPerDot` ticks each, and 4 rows of `neuronsPerDot` neurons each. A dot is on when any of its
/// neurons spiked in any of its ticks, so zooming out never hides a spike; the aggregation factors
/// are always in the title:
///
/// ```
/// h1 (400) ×4/dot hidden       <- name, size, neurons per dot, label
/// ⡑⠀⠁⢀⣿                        <- 10 ticks, neurons 0–15
/// o (10) ×1/dot n4–9 !          <- panned: neurons 4–9 shown; `!` marks a violation in that column
/// ```
///
/// Bands start on a fresh cell row, so no braille cell mixes two populations' colours. A tick where
/// a population spiked outside its windows gets a `!` (bold, violation colour; bold reverse in mono)
/// in the band's title row, over the title text if need be, and the band's glyphs in that column
/// take the violation colour. The current tick's column is highlighted (reverse in mono).
///
/// `neuronOffset` pans every band to start at that neuron, clamped per band so that a band smaller
/// than the offset still shows its last cell row; the title gives the visible range (`n16–143`)
/// whenever a band is not shown whole. Bands that do not fit are listed on the last row as
/// `+2 more: h1T, o`.
public struct PopulationRaster: Widget, Sendable {
  /// The bands, top to bottom.
  public var bands: [RasterBand]
  /// The tick of the first visible tick offset.
  public var firstTick: Int
  /// The tick to highlight, if any.
  public var currentTick: Int?
  /// The first neuron shown in each band (pan).
  public var neuronOffset: Int
  /// Neurons per braille dot row (zoom), at least 1.
  public var neuronsPerDot: Int
  /// Ticks per braille dot column (time zoom), at least 1.
  public var ticksPerDot: Int

  /// Creates a raster.
  ///
  /// - Precondition: `neuronsPerDot` and `ticksPerDot` are at least 1; `neuronOffset` is not negative.
  public init(
    bands: [RasterBand], firstTick: Int, currentTick: Int? = nil, neuronOffset: Int = 0,
    neuronsPerDot: Int = 1, ticksPerDot: Int = 1
  ) {
    precondition(neuronsPerDot >= 1, "neuronsPerDot is \(neuronsPerDot); it must be at least 1")
    precondition(ticksPerDot >= 1, "ticksPerDot is \(ticksPerDot); it must be at least 1")
    precondition(neuronOffset >= 0, "neuronOffset is \(neuronOffset); it must not be negative")
    self.bands = bands
    self.firstTick = firstTick
    self.currentTick = currentTick
    self.neuronOffset = neuronOffset
    self.neuronsPerDot = neuronsPerDot
    self.ticksPerDot = ticksPerDot
  }

  /// How many ticks an area `width` columns wide shows.
  public static func visibleTicks(width: Int, ticksPerDot: Int = 1) -> Int {
    max(0, width) * 2 * max(1, ticksPerDot)
  }

  /// The braille bit of dot (`column`, `row`), column 0–1, row 0–3 (Unicode's dot numbering).
  static func brailleBit(column: Int, row: Int) -> UInt8 {
    let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    return bits[column][row]
  }

  /// The braille character with dots `mask` (U+2800 + mask).
  static func brailleCharacter(_ mask: UInt8) -> Character {
    Character(Unicode.Scalar(0x2800 + UInt32(mask)) ?? " ")
  }

  /// The first neuron shown for `band`: the offset, clamped so the band's last cell row stays visible.
  func effectiveOffset(for band: RasterBand) -> Int {
    let perCell = 4 * max(1, neuronsPerDot)
    let lastRowStart = band.size == 0 ? 0 : ((band.size - 1) / perCell) * perCell
    return min(max(0, neuronOffset), lastRowStart)
  }

  /// The braille rows `band` needs to show every neuron from its effective offset.
  public func rowsNeeded(for band: RasterBand) -> Int {
    let perCell = 4 * max(1, neuronsPerDot)
    let neurons = band.size - effectiveOffset(for: band)
    return (neurons + perCell - 1) / perCell
  }

  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    var remaining = area
    for (index, band) in bands.enumerated() {
      let needed = 1 + rowsNeeded(for: band)
      let isLast = index == bands.count - 1
      var rows = needed
      if needed > remaining.height {
        // A clipped band that is not the last leaves a row for the list of the omitted bands.
        rows = isLast ? remaining.height : remaining.height - 1
        if rows < min(needed, 2) {
          drawOmitted(Array(bands[index...]), into: &buffer, area: remaining, theme: theme)
          return
        }
      }
      drawBand(band, into: &buffer, area: remaining.top(rows), theme: theme)
      remaining = remaining.droppingTop(rows)
      if rows < needed, !isLast {
        drawOmitted(Array(bands[(index + 1)...]), into: &buffer, area: remaining, theme: theme)
        return
      }
    }
  }

  /// The title: name, size, aggregation, visible range when partial, label.
  func title(for band: RasterBand, shownRows: Int) -> String {
    var title = "\(band.name) (\(band.size)) ×\(neuronsPerDot)/dot"
    if ticksPerDot > 1 { title += ", \(ticksPerDot) ticks/dot" }
    let first = effectiveOffset(for: band)
    let last = min(band.size, first + shownRows * 4 * neuronsPerDot) - 1
    if band.size > 0, first > 0 || last < band.size - 1 { title += " n\(first)–\(last)" }
    if !band.label.isEmpty { title += " " + band.label }
    return title
  }

  private func drawBand(_ band: RasterBand, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    let plot = area.droppingTop(1)
    let style = theme.roleStyle(band.role)
    buffer.write(
      title(for: band, shownRows: plot.height), at: Position(x: area.x, y: area.y), style: style.bold(),
      clippedTo: area.top(1))

    let ticksPerColumn = 2 * ticksPerDot
    let offset = effectiveOffset(for: band)
    var masks = [UInt8](repeating: 0, count: plot.width * plot.height)
    for tick in 0..<min(band.spikes.count, plot.width * ticksPerColumn) {
      let column = tick / ticksPerColumn
      let dotColumn = (tick / ticksPerDot) % 2
      for neuron in band.spikes[tick] {
        let n = Int(neuron) - offset
        guard n >= 0, Int(neuron) < band.size else { continue }
        let dotRow = n / neuronsPerDot
        guard dotRow / 4 < plot.height else { break }
        masks[(dotRow / 4) * plot.width + column] |= PopulationRaster.brailleBit(column: dotColumn, row: dotRow % 4)
      }
    }
    let violationColumns = Set(
      band.violations.filter { $0 >= 0 && $0 < plot.width * ticksPerColumn }.map { $0 / ticksPerColumn })
    let violationGlyphs = theme.isMonochrome ? style : style.foreground(theme.ui.violation)
    for row in 0..<plot.height {
      for column in 0..<plot.width where masks[row * plot.width + column] != 0 {
        let glyph = PopulationRaster.brailleCharacter(masks[row * plot.width + column])
        let cellStyle = violationColumns.contains(column) ? violationGlyphs : style
        buffer.set(Cell(glyph, style: cellStyle), at: Position(x: plot.x + column, y: plot.y + row))
      }
    }
    for column in violationColumns {
      buffer.set(Cell("!", style: theme.violationMarker), at: Position(x: area.x + column, y: area.y))
    }
    if let current = currentTick, current >= firstTick {
      let column = (current - firstTick) / ticksPerColumn
      if column < plot.width {
        buffer.update(Rect(x: plot.x + column, y: plot.y, width: 1, height: plot.height)) {
          $0.style = theme.highlighted($0.style)
        }
      }
    }
  }

  private func drawOmitted(_ omitted: [RasterBand], into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !omitted.isEmpty, !area.isEmpty else { return }
    let row = area.bottom(1)
    let text = "+\(omitted.count) more: " + omitted.map(\.name).joined(separator: ", ")
    buffer.fill(row, with: Cell(" ", style: theme.text))
    buffer.write(
      TextLayout.truncate(text, to: row.width), at: Position(x: row.x, y: row.y), style: theme.dimText,
      clippedTo: row)
  }
}
