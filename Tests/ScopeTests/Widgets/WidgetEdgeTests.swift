import Debugger
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
    AnyWidgetCase("TimeRaster", TimeRaster(
      axis: TimeAxis(firstTick: 0, ticksPerColumn: 2, columns: 40), labelWidth: 6,
      cycle: .init(length: 3, origin: 4, windowNames: ["a", "b", "c"], gateNames: ["g0", "g1", "g2"]),
      currentTick: 5, cursorTick: 90,
      rows: [
        RasterRow(label: "g0", role: .gate, content: .blocks([1, 2, 3, 0]), marker: "●", isSelected: true),
        RasterRow(label: "forward", role: .forward, content: .section),
        RasterRow(label: "h 0–3", role: .forward, content: .braille([0xFF, 0, 0x41]), violations: [0, 99]),
        RasterRow(label: "gates", role: .gate, content: .text(["0", "1", " "])),
      ], scroll: 7)),
    AnyWidgetCase("SampleView", SampleView(record: {
      var record = SampleRecord(cycle: 2, sampleIndex: 7, label: 1)
      record.image = SampleImage(pixels: (0..<16).map { UInt8($0 % 3 == 0 ? 1 : 0) })
      record.output = [false, true, false]
      return record
    }())),
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
