@testable import Scope
import Testing

struct PopulationRasterTests {
  func raster(_ bands: [RasterBand], neuronOffset: Int = 0, neuronsPerDot: Int = 1, ticksPerDot: Int = 1,
              currentTick: Int? = nil) -> PopulationRaster {
    PopulationRaster(bands: bands, firstTick: 10, currentTick: currentTick, neuronOffset: neuronOffset,
                     neuronsPerDot: neuronsPerDot, ticksPerDot: ticksPerDot)
  }

  @Test func braillePacking() {
    // Cell (0, 0): tick 0 fires neurons 0 and 3 → left column dots 1 (0x01) and 7 (0x40); tick 1 fires
    // neuron 1 → right column dot 5 (0x10). 0x51 → U+2851 BRAILLE PATTERN DOTS-157 "⡑".
    // Cell (1, 1): tick 2 fires neurons 4 and 7 → dots 1 and 7 of the second cell row; tick 3 fires
    // neuron 6 → right column dot 6 (0x20). 0x61 → U+2861 DOTS-167 "⡡".
    let band = RasterBand(name: "o", role: .forward, size: 8, spikes: [[0, 3], [1], [4, 7], [6]])
    let buffer = rendered(raster([band]), width: 14, height: 3)
    #expect(buffer.lines == [
      "o (8) ×1/dot  ",
      "⡑             ",
      " ⡡            ",
    ])
    #expect(buffer[0, 1].style.foreground == Theme.dark.roles.forward)
    #expect(buffer[0, 0].style == Theme.dark.roleStyle(.forward).bold())
  }

  @Test func brailleBitsFollowUnicodeDotNumbering() {
    #expect(PopulationRaster.brailleBit(column: 0, row: 3) == 0x40)
    #expect(PopulationRaster.brailleBit(column: 1, row: 3) == 0x80)
    #expect(PopulationRaster.brailleCharacter(0xFF) == "⣿")
    #expect(PopulationRaster.brailleCharacter(0x00) == "⠀")
  }

  @Test func aggregationNeverDropsASpikeAndIsInTheTitle() {
    // 4 neurons per dot: neuron 2 → dot row 0 (0x01, tick 0); neurons 5 and 6 → dot row 1 on tick 1
    // (0x10). 0x11 → "⠑". The 400 neurons need 25 cell rows; only 2 fit, so the title gives the range.
    let band = RasterBand(name: "h1", label: "hidden", role: .forward, size: 400, spikes: [[2], [5, 6]])
    let buffer = rendered(raster([band], neuronsPerDot: 4), width: 30, height: 3)
    #expect(buffer.lines == [
      "h1 (400) ×4/dot n0–31 hidden  ",
      "⠑                             ",
      "                              ",
    ])
  }

  @Test func aggregationFactorIsShownEvenAtOne() {
    let band = RasterBand(name: "g", role: .gate, size: 4, spikes: [])
    #expect(rendered(raster([band]), width: 20, height: 2).lines[0].hasPrefix("g (4) ×1/dot"))
  }

  @Test func timeAggregation() {
    // 2 ticks per dot: ticks 0 and 1 both land in the left dot column, tick 2 in the right one.
    let band = RasterBand(name: "x", role: .input, size: 4, spikes: [[0], [0], [1]])
    let buffer = rendered(raster([band], ticksPerDot: 2), width: 30, height: 2)
    #expect(buffer.lines == [
      "x (4) ×1/dot, 2 ticks/dot     ",
      "⠑                             ",
    ])
  }

  @Test func panningShowsTheRange() {
    // Offset 16 with 4 neurons per dot: neuron 16 is the first dot of the first cell row.
    let band = RasterBand(name: "h1", role: .forward, size: 400, spikes: [[15, 16]])
    let buffer = rendered(raster([band], neuronOffset: 16, neuronsPerDot: 4), width: 24, height: 3)
    #expect(buffer.lines[0] == "h1 (400) ×4/dot n16–47  ")
    #expect(buffer.lines[1].first == "⠁")
  }

  @Test func offsetPastASmallBandKeepsItsLastRow() {
    // Size 10, 4 neurons per cell row: the last cell row starts at neuron 8.
    let band = RasterBand(name: "o", role: .target, size: 10, spikes: [[9]])
    let buffer = rendered(raster([band], neuronOffset: 100), width: 20, height: 2)
    #expect(buffer.lines == [
      "o (10) ×1/dot n8–9  ",
      "⠂                   ",
    ])
  }

  @Test func violationIsMarkedInTheTitleRow() {
    // A violation at tick offset 3 falls in braille column 1.
    let band = RasterBand(name: "o", role: .forward, size: 4, spikes: [[], [], [], [0]], violations: [3])
    let colour = rendered(raster([band]), width: 14, height: 2)
    #expect(colour.lines == [
      "o!(4) ×1/dot  ",
      " ⠈            ",
    ])
    #expect(colour[1, 0].style == Theme.dark.violationMarker)
    #expect(colour[1, 1].style.foreground == Theme.dark.ui.violation)
  }

  @Test func violationIsMarkedInMono() {
    let band = RasterBand(name: "o", role: .forward, size: 4, spikes: [[], [], [], [0]], violations: [3])
    let buffer = rendered(raster([band]), width: 14, height: 2, theme: mono)
    #expect(buffer[1, 0] == Cell("!", style: Style(modifiers: [.bold, .reverse])))
    #expect(buffer.styleRuns.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
  }

  @Test func currentTickColumnIsHighlighted() {
    // First tick 10, current 13: offset 3 → column 1.
    let band = RasterBand(name: "o", role: .forward, size: 4, spikes: [])
    let buffer = rendered(raster([band], currentTick: 13), width: 14, height: 2)
    #expect(buffer[1, 1].style.background == Theme.dark.ui.cursor)
    #expect(buffer[0, 1].style.background == .default)
    let monoBuffer = rendered(raster([band], currentTick: 13), width: 14, height: 2, theme: mono)
    #expect(monoBuffer[1, 1].style.modifiers.contains(.reverse))
  }

  @Test func bandsStackOnFreshCellRowsWithTheirOwnColours() {
    let a = RasterBand(name: "a", role: .gate, size: 2, spikes: [[1]])
    let b = RasterBand(name: "b", role: .error, size: 2, spikes: [[0]])
    let buffer = rendered(raster([a, b]), width: 12, height: 4)
    #expect(buffer.lines == [
      "a (2) ×1/dot",
      "⠂           ",
      "b (2) ×1/dot",
      "⠁           ",
    ])
    #expect(buffer[0, 1].style.foreground == Theme.dark.roles.gate)
    #expect(buffer[0, 3].style.foreground == Theme.dark.roles.error)
  }

  @Test func bandsThatDoNotFitAreListed() {
    let bands = ["a", "b", "c"].map { RasterBand(name: $0, role: .memory, size: 8, spikes: []) }
    let buffer = rendered(raster(bands), width: 14, height: 4)
    #expect(buffer.lines == [
      "a (8) ×1/dot  ",
      "              ",
      "              ",
      "+2 more: b, c ",
    ])
  }

  @Test func outOfRangeNeuronsAreIgnored() {
    let band = RasterBand(name: "o", role: .forward, size: 4, spikes: [[-1, 4, 99]])
    #expect(rendered(raster([band]), width: 12, height: 2).lines[1] == "            ")
  }

  @Test func visibleTicks() {
    #expect(PopulationRaster.visibleTicks(width: 40) == 80)
    #expect(PopulationRaster.visibleTicks(width: 40, ticksPerDot: 3) == 240)
  }
}
