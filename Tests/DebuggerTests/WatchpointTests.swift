import Loihi
import Testing

@testable import Debugger

/// Watchpoints share numbering and the gdb vocabulary with breakpoints; they stop after the tick
/// in which the value changed (or a comparison became true) and say old and new.
@Suite struct WatchpointTests {
  @Test func aWeightWatchStopsWhereTheWeightChanges() throws {
    var session = try NetworkSourceTests.session("gated-learning.json")
    let set = session.execute("watch w(in->a)[pre=0, post=0]")
    #expect(set.lines == ["watchpoint 1: w(in->a)[pre=0, post=0] (now 120)"])
    let stop = try #require(session.execute("continue").stop)
    // The sim probes say the weight first moves at tick 7 (120 → 122).
    #expect(stop.position.tick == 7)
    #expect(stop.reason == "watchpoint 1 (in->a[in=0, a=0]: 120 → 122)")
    let again = try #require(session.execute("continue").stop)
    #expect(again.position.tick == 11)
    #expect(again.reason == "watchpoint 1 (in->a[in=0, a=0]: 122 → 120)")
    #expect(session.breakpoints[0].hits == 2)
  }

  @Test func aMatrixWatchAndAComparisonThatBecomesTrue() throws {
    var session = try NetworkSourceTests.session("gated-learning.json")
    _ = session.execute("watch in->a if changed")
    let stop = try #require(session.execute("continue").stop)
    #expect(stop.position.tick == 7 && stop.reason.hasPrefix("watchpoint 1 (in->a: ") && stop.reason.hasSuffix(" weights changed)"))
    _ = session.execute("delete")
    _ = session.execute("watch count(a) > 2")
    let all = try #require(session.execute("continue").stop)
    #expect(all.reason == "watchpoint 2 (count(a) > 2 became true)")
    #expect(session.execute("print count(a)").lines == ["count(a) = 3"])
    // Edge-triggered: it fires again only after the comparison was false in between.
    let next = try #require(session.execute("continue").stop)
    #expect(next.position.tick > all.position.tick + 1)
  }

  @Test func watchpointsShareTheBreakpointVocabulary() throws {
    var session = try SessionTests.session()
    let lines = SessionTests.run(&session, [
      "break gate g05", "watch v(h1[3])", "ignore 2 3", "condition 2 tick > 16", "disable 1", "info breakpoints",
      "info watchpoints",
    ])
    #expect(lines.contains { $0.hasPrefix("1    breakpoint  n    0     gate g05") })
    #expect(lines.contains { $0.hasPrefix("2    watchpoint  y    0     v(h1[3]) if tick > 16 (ignore next 3)") })
    #expect(lines.last!.hasPrefix("2    watchpoint"))
    let stop = try #require(session.execute("continue").stop)
    #expect(stop.breakpoint == 2 && stop.position.tick > 16)
    #expect(session.breakpoints[1].hits == 4)
    #expect(session.execute("watch w2[o=3]").lines[0].hasPrefix("error: watch one weight"))
    #expect(session.execute("watch v(h9[0])").lines[0] == "error: unknown population 'h9' (did you mean 'h1'?)")
  }

  @Test func bookmarksSaveAndSource() throws {
    var session = try SessionTests.session()
    _ = SessionTests.run(&session, ["step 20", "mark start", "break gate g05 if count(h1) > 0", "watch count(d+)"])
    #expect(session.execute("info marks").lines == ["@start  tick 20 · sample 0 · phase 7 g07 W1 potentiation"])
    let save = session.execute("save breakpoints bps.txt")
    #expect(save.fileEffect == .write(path: "bps.txt", text: "break gate g05 if count(h1) > 0\nwatch count(d+)\n"))
    #expect(session.execute("source more.txt").fileEffect == .source(path: "more.txt"))
    #expect(session.execute("goto @nowhere").lines[0] == "error: no bookmark 'nowhere'")
    _ = session.execute("step 5")
    #expect(session.execute("goto @start").stop?.position.tick == 20)
    #expect(session.execute("until tick 3").lines[0] == "stopped: reached tick 3, tick 3 · before the first sample")
  }

  /// Hostile command lines (issue 12, class 3): bounded parsing, and names checked when set.
  @Test func hostileConditionsAreRefusedWhenSet() throws {
    var session = try SessionTests.session()
    let deep = "break gate g05 if " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
    #expect(session.execute(deep).lines[0].hasPrefix("error: expected at most 64 nested '(' and '!'"))
    let nots = "print " + String(repeating: "!", count: 1_000_000) + "1"
    #expect(session.execute(nots).lines[0].hasPrefix("error: expected a condition of at most 4096 characters"))
    let sum = "print " + Array(repeating: "1", count: 100_000).joined(separator: "+")
    #expect(session.execute(sum).lines[0].hasPrefix("error: expected a condition of at most 4096 characters"))
    #expect(session.execute("break gate g05 if tick > 99999999999999999999999").lines[0].hasPrefix("error: expected a number up to 9223372036854775807"))
    #expect(session.execute("break spike h1[-1]").lines[0].hasPrefix("error: expected POP[index]"))
    #expect(session.execute("break gate g05 if count(zz) > 1").lines == ["error: unknown population 'zz'"])
    #expect(session.execute("watch u(h1[99]) > 0").lines == ["error: index 99 is outside h1[0..<12]"])
    #expect(session.execute("break gate g05").isError == false)
    #expect(session.execute("condition 1 spiked(d+[40])").lines == ["error: index 40 is outside d+[0..<6]"])
    #expect(session.breakpoints.count == 1 && session.breakpoints[0].condition == nil)
    // A long syntax error shows a window around its column, not the whole line.
    let long = session.execute("break gate g05 if " + String(repeating: "1+", count: 300) + "?").lines[0]
    #expect(long.split(separator: "\n").allSatisfy { $0.count < 100 })
  }
}
