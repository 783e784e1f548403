import Scope
import Testing

/// Every widget, in every awkward area, in colour and mono: no trap, and nothing drawn outside the area.
struct WidgetEdgeTests {
  static let widgets: [AnyWidgetCase] = [
    AnyWidgetCase("StatusBar", StatusBar(left: ["tick 1234", "sample 102"], right: ["live", "paused"])),
    AnyWidgetCase("KeyFooter", KeyFooter()),
    AnyWidgetCase("HelpOverlay", HelpOverlay(commands: [HelpEntry("step [N]", "advance N ticks")], offset: 3)),
    AnyWidgetCase("PromptLine", PromptLine(text: "break gate g05", cursor: 3)),
    AnyWidgetCase("Inspector", Inspector(title: "h1", rows: [.init("spikes", "3"), .init("v", "-12")])),
    AnyWidgetCase("MessageLog", MessageLog(messages: ["one two three four", "five"])),
    AnyWidgetCase("TooSmall", TooSmall(minimum: Size(width: 80, height: 24))),
    AnyWidgetCase("Panel", Panel(title: "Raster", isFocused: true)),
    AnyWidgetCase("GateChainRaster", GateChainRaster(
      gateNames: ["g00", "g01"], firstTick: 0, currentTick: 1, spikes: [[0], [1], [0, 1]],
      phaseNames: ["a", "b", "c"], breakpointGates: [0, 7])),
    AnyWidgetCase("PopulationRaster", PopulationRaster(
      bands: [
        RasterBand(name: "h1", role: .forward, size: 40, spikes: [[0, 39], [5]], violations: [0, 99]),
        RasterBand(name: "d+", role: .error, size: 10, spikes: [[2]]),
      ], firstTick: 0, currentTick: 0, neuronOffset: 3, neuronsPerDot: 2)),
    AnyWidgetCase("Heatmap", Heatmap(
      name: "W2", rowLabel: "o", columnLabel: "h", rows: 3, columns: 5, values: (0..<15).map { Int32($0) - 7 },
      factor: 2, cursor: MatrixIndex(row: 9, column: -4))),
  ]

  @Test(arguments: widgets, EdgeArea.all)
  func drawsOnlyInsideItsArea(_ widget: AnyWidgetCase, _ edge: EdgeArea) {
    for theme in [Theme.dark, mono] {
      let background = Cell(".")
      var buffer = CellBuffer(width: 30, height: 12, filling: background)
      widget.draw(&buffer, edge.area, theme)
      for y in 0..<buffer.height {
        for x in 0..<buffer.width where !edge.area.contains(Position(x: x, y: y)) {
          #expect(buffer[x, y] == background, "(\(x), \(y)) drawn outside \(edge.area)")
        }
      }
    }
  }

  @Test(arguments: widgets)
  func emptyAreaDrawsNothing(_ widget: AnyWidgetCase) {
    var buffer = CellBuffer(width: 4, height: 4)
    widget.draw(&buffer, Rect(x: 1, y: 1, width: 0, height: 3), .dark)
    widget.draw(&buffer, Rect(x: 1, y: 1, width: 3, height: 0), .dark)
    #expect(buffer == CellBuffer(width: 4, height: 4))
  }
}
