import Scope
import Testing

struct PanelTests {
  @Test func unfocusedAndFocused() {
    #expect(rendered(Panel(title: "Raster"), width: 12, height: 3).lines == [
      "┌ Raster ──┐",
      "│          │",
      "└──────────┘",
    ])
    #expect(rendered(Panel(title: "Weights", isFocused: true), width: 13, height: 3).lines == [
      "┏ Weights ━━┓",
      "┃           ┃",
      "┗━━━━━━━━━━━┛",
    ])
    #expect(Panel(title: "x").inner(Rect(x: 2, y: 2, width: 12, height: 3)) == Rect(x: 3, y: 3, width: 10, height: 1))
  }

  @Test func longTitlesAreCut() {
    #expect(rendered(Panel(title: "Population raster"), width: 10, height: 2).lines == [
      "┌ Popul… ┐",
      "└────────┘",
    ])
  }
}
