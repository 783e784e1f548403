import Scope
import Testing

struct StatusBarTests {
  @Test func leftAndRightSegments() {
    let bar = StatusBar(left: ["tick 1234", "live"], right: ["paused"])
    let buffer = rendered(bar, width: 30, height: 1)
    #expect(buffer.lines == [" tick 1234 · live      paused "])
    #expect(buffer[0, 0].style == Theme.dark.status)
    #expect(buffer[23, 0].style == Theme.dark.status.bold())
  }

  @Test func theRightSideKeepsPriority() {
    let bar = StatusBar(left: "tick 1234 · sample 102", right: "paused")
    #expect(rendered(bar, width: 20, height: 1).lines == [" tick 1234 … paused "])
  }

  @Test func monoStatusIsReversed() {
    let buffer = rendered(StatusBar(left: "tick 1"), width: 10, height: 1, theme: mono)
    #expect(buffer.styleRuns.map(\.style) == [Style(modifiers: .reverse)])
  }

  @Test func onlyTheFirstRowIsUsed() {
    #expect(rendered(StatusBar(left: "x"), width: 5, height: 2).lines == [" x   ", "     "])
  }
}
