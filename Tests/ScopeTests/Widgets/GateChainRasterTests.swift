import Scope
import Testing

struct GateChainRasterTests {
  static let names = ["g00", "g01", "g02"]
  static let staircase: [[Int]] = [[0], [0], [1], [1], [2], [], [0], []]
  static let phases = ["fwd", "fwd", "fwd", "bwd", "bwd", "bwd", "upd", "upd"]

  var raster: GateChainRaster {
    GateChainRaster(
      gateNames: Self.names, firstTick: 100, currentTick: 102, spikes: Self.staircase,
      phaseNames: Self.phases, breakpointGates: [1])
  }

  @Test func staircaseWithBreakpointAndPhases() {
    let buffer = rendered(raster, width: 13, height: 4)
    #expect(buffer.lines == [
      " g00 ██    █ ",
      "●g01   ██    ",
      " g02     █   ",
      "     fwdbwdu…",
    ])
    #expect(buffer[0, 1].style == Theme.dark.breakpointMarker)
    #expect(buffer[5, 0].style == Theme.dark.roleStyle(.gate))
    // Phase runs alternate plain and bold so that neighbours stay apart.
    #expect(buffer[8, 3].style == Theme.dark.axisText.bold())
    #expect(buffer[11, 3].style == Theme.dark.axisText)
  }

  @Test func currentTickColumnIsHighlightedTopToBottom() {
    let buffer = rendered(raster, width: 13, height: 4)
    // Tick 102 is offset 2: column 5 + 2.
    for y in 0..<4 { #expect(buffer[7, y].style.background == Theme.dark.ui.cursor, "row \(y)") }
    #expect(buffer[6, 0].style.background == .default)
    let monoBuffer = rendered(raster, width: 13, height: 4, theme: mono)
    for y in 0..<4 { #expect(monoBuffer[7, y].style.modifiers.contains(.reverse), "row \(y)") }
  }

  @Test func gatesThatDoNotFitAreCounted() {
    #expect(rendered(raster, width: 13, height: 3).lines == [
      " g00 ██    █ ",
      "●g01   ██    ",
      "+1   fwdbwdu…",
    ])
  }

  @Test func tooNarrowShowsAMarker() {
    #expect(rendered(raster, width: 5, height: 4).lines == ["…    ", "     ", "     ", "     "])
  }

  @Test func visibleTicksLeaveRoomForTheLabels() {
    #expect(GateChainRaster.labelWidth(gateNames: Self.names) == 5)
    #expect(GateChainRaster.visibleTicks(gateNames: Self.names, width: 13) == 8)
    #expect(GateChainRaster.visibleTicks(gateNames: Self.names, width: 3) == 0)
  }
}
