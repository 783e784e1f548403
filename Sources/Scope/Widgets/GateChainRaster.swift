/// The gating chain as a raster: one row per gate, one column per tick, the phase names beneath.
///
/// ```
/// ●g00 █     █     <- gate 0 fired at ticks 0 and 6; a breakpoint is set on it
///  g01  █     █
///  g02   █
///      fwd…bwd…     <- the phase of each tick, one name per run of equal phases
/// ```
/// The chain reads as a staircase; a silent window reads as a gap. The label column holds a marker
/// (`●` for a breakpoint on that gate) and the gate's name. The current tick's column is
/// highlighted (cursor background; reverse video in mono). Gates that do not fit are counted in the
/// axis row's label column (`+3`). Areas narrower than the label column plus one tick, or lower than
/// two rows, show only `…`.
public struct GateChainRaster: Widget, Sendable {
  /// The gate names, one per row (`g00` … `g11`).
  public var gateNames: [String]
  /// The tick shown in the first column.
  public var firstTick: Int
  /// The tick to highlight, if any.
  public var currentTick: Int?
  /// For each visible tick (index 0 is `firstTick`), the indices of the gates that fired.
  /// Ticks past the end of the array are drawn empty.
  public var spikes: [[Int]]
  /// For each visible tick, the name of its phase (`fwd`, `W2 potentiation`, …).
  public var phaseNames: [String]
  /// Indices of gates that have a breakpoint.
  public var breakpointGates: Set<Int>

  /// The glyph of a spike.
  public static let spikeGlyph: Character = "█"
  /// The glyph marking a breakpoint in the label column.
  public static let breakpointGlyph: Character = "●"

  /// Creates a gate raster.
  public init(
    gateNames: [String], firstTick: Int, currentTick: Int? = nil, spikes: [[Int]],
    phaseNames: [String] = [], breakpointGates: Set<Int> = []
  ) {
    self.gateNames = gateNames
    self.firstTick = firstTick
    self.currentTick = currentTick
    self.spikes = spikes
    self.phaseNames = phaseNames
    self.breakpointGates = breakpointGates
  }

  /// The width of the label column: marker, longest name, a space.
  public static func labelWidth(gateNames: [String]) -> Int {
    1 + (gateNames.map(\.count).max() ?? 0) + 1
  }

  /// How many ticks an area `width` columns wide shows (so the app knows how much data to pass).
  public static func visibleTicks(gateNames: [String], width: Int) -> Int {
    max(0, width - labelWidth(gateNames: gateNames))
  }

  public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
    guard !area.isEmpty else { return }
    let labelWidth = GateChainRaster.labelWidth(gateNames: gateNames)
    guard area.width > labelWidth, area.height >= 2 else {
      buffer.write("…", at: Position(x: area.x, y: area.y), style: theme.dimText, clippedTo: area)
      return
    }
    let plot = area.droppingLeft(labelWidth)
    let shownGates = min(gateNames.count, area.height - 1)
    let axisY = area.y + shownGates

    for gate in 0..<shownGates {
      let y = area.y + gate
      if breakpointGates.contains(gate) {
        buffer.set(
          Cell(GateChainRaster.breakpointGlyph, style: theme.breakpointMarker), at: Position(x: area.x, y: y))
      }
      buffer.write(
        gateNames[gate], at: Position(x: area.x + 1, y: y), style: theme.roleStyle(.gate),
        clippedTo: area.left(labelWidth - 1))
    }
    let hidden = gateNames.count - shownGates
    if hidden > 0 {
      buffer.write(
        "+\(hidden)", at: Position(x: area.x, y: axisY), style: theme.dimText,
        clippedTo: area.left(labelWidth - 1))
    }

    let ticks = min(plot.width, spikes.count)
    let spike = Cell(GateChainRaster.spikeGlyph, style: theme.roleStyle(.gate))
    for offset in 0..<ticks {
      for gate in spikes[offset] where gate >= 0 && gate < shownGates {
        buffer.set(spike, at: Position(x: plot.x + offset, y: area.y + gate))
      }
    }

    drawPhaseAxis(into: &buffer, row: Rect(x: plot.x, y: axisY, width: plot.width, height: 1), theme: theme)

    if let current = currentTick, current >= firstTick, current - firstTick < plot.width {
      let column = Rect(x: plot.x + current - firstTick, y: area.y, width: 1, height: shownGates + 1)
      buffer.update(column) { $0.style = theme.highlighted($0.style) }
    }
  }

  /// One name per run of equal phase names, cut to the run's width (`…` when cut), alternating plain
  /// and bold so neighbouring runs stay apart.
  private func drawPhaseAxis(into buffer: inout CellBuffer, row: Rect, theme: Theme) {
    let names = Array(phaseNames.prefix(row.width))
    var start = 0
    var runIndex = 0
    while start < names.count {
      var end = start + 1
      while end < names.count, names[end] == names[start] { end += 1 }
      let style = runIndex.isMultiple(of: 2) ? theme.axisText : theme.axisText.bold()
      let text = TextLayout.fit(names[start], to: end - start)
      buffer.write(text, at: Position(x: row.x + start, y: row.y), style: style, clippedTo: row)
      start = end
      runIndex += 1
    }
  }
}
