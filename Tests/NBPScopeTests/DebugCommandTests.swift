import Foundation
import Testing

/// `nbpscope debug --batch` on the bundled digits.
@Suite struct DebugCommandTests {
  typealias R = CommandRunner

  static func script(_ text: String) throws -> String {
    let directory = try R.temporaryDirectory()
    let path = directory.appendingPathComponent("script.txt").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func gateBreakpointsStopOnPhase5EveryCycle() throws {
    let path = try Self.script("""
      # stop after the W2-potentiation window, three times
      break gate g05
      continue
      continue
      continue
      info breakpoints
      """)
    let result = try R.run(["debug", "--batch", path, "--limit", "20"])
    #expect(result.status == 0, "\(result.stderr)")
    let stops = result.stdout.split(separator: "\n").filter { $0.hasPrefix("stopped:") }
    #expect(stops == [
      "stopped: breakpoint 1, tick 18 · sample 0 · phase 5 g05 W2 potentiation",
      "stopped: breakpoint 1, tick 30 · sample 1 · phase 5 g05 W2 potentiation",
      "stopped: breakpoint 1, tick 42 · sample 2 · phase 5 g05 W2 potentiation",
    ])
    #expect(result.stdout.contains("(nbpscope) break gate g05\nbreakpoint 1: gate g05 (window 5, W2 potentiation)"))
    #expect(result.stdout.contains("1    breakpoint  y    3     gate g05"))
  }

  @Test func everyCommandAnswers() throws {
    let commands = [
      "step", "next", "cycle", "info phase", "info sample", "info cycle", "print count(h1)",
      "print v(o[2])", "print w2[o=3]", "break sample if error", "disable", "enable 1", "info breakpoints",
      "delete", "until sample 2", "goto tick 60", "help", "help break",
    ]
    let result = try R.run(["debug", "--batch", try Self.script(commands.joined(separator: "\n")), "--limit", "10"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for command in commands {
      let index = try #require(lines.firstIndex(of: "(nbpscope) \(command)"))
      #expect(index + 1 < lines.count && !lines[index + 1].hasPrefix("(nbpscope)") && !lines[index + 1].isEmpty, "\(command) answered nothing")
    }
  }

  @Test func firstErrorStopsWithExitCode1() throws {
    let path = try Self.script("step\nbreak spike h2\nstep\n")
    let result = try R.run(["debug", "--batch", path, "--limit", "5"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("error: unknown population 'h2' (did you mean 'h1'?)"))
    #expect(result.stdout.split(separator: "\n").filter { $0 == "(nbpscope) step" }.count == 1)
    #expect(result.stderr.contains("script.txt:2: command failed: break spike h2"))
  }
}

/// The interactive mode without a terminal.
@Suite struct TuiCommandTests {
  @Test func noTerminalIsAClearErrorWithExitCode2() throws {
    let result = try CommandRunner.run([])  // pipes, not a terminal
    #expect(result.status == 2)
    #expect(result.stderr.contains("debug --batch"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func badThemeNamesTheKey() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let theme = directory.appendingPathComponent("bad.toml").path
    try "[roles]\ngate = \"pink\"\n".write(toFile: theme, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["tui", "--theme", theme])
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.toml:2"))
    #expect(result.stderr.contains("roles.gate"))
  }
}

/// Replaying a recording through the debugger gives what the live run gave.
@Suite struct ReplayDebugTests {
  typealias R = CommandRunner

  @Test func replayAndLiveGiveTheSamePhaseSequence() throws {
    let directory = try R.temporaryDirectory()
    let trace = directory.appendingPathComponent("run.nbpt").path
    let record = try R.run(["record", "--out", trace, "--limit", "6"])
    #expect(record.status == 0, "\(record.stderr)")
    let script = try DebugCommandTests.script("""
      break gate g05
      continue
      continue
      continue
      info sample
      delete
      break sample if error
      continue
      until sample 4
      step 7
      info phase
      """)
    let live = try R.run(["debug", "--batch", script, "--limit", "6"])
    let replay = try R.run(["debug", "--batch", script, "--trace", trace])
    #expect(live.status == 0 && replay.status == 0, "\(live.stderr)\(replay.stderr)")
    func stops(_ out: String) -> [String] {
      out.split(separator: "\n").filter { $0.hasPrefix("stopped:") || $0.hasPrefix("spiked this tick:") || $0.hasPrefix("output o:") }
        .map { String($0.split(separator: "   a2")[0]) }  // live also shows a2, the trace has spikes only
    }
    #expect(stops(live.stdout).count == 8)
    #expect(stops(live.stdout) == stops(replay.stdout))
    #expect(replay.stdout.contains("· replay ·") == false)  // batch prints stops, not the status line
  }

  @Test func replayGoesBackwards() throws {
    let directory = try R.temporaryDirectory()
    let trace = directory.appendingPathComponent("run.nbpt").path
    _ = try R.run(["record", "--out", trace, "--limit", "3"])
    let script = try DebugCommandTests.script("goto tick 40\ngoto tick 18\ninfo phase\n")
    let result = try R.run(["debug", "--batch", script, "--trace", trace])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("stopped: goto, tick 18 · sample 0 · phase 5 g05 W2 potentiation"))
  }

  @Test func missingTraceIsOneLine() throws {
    let script = try DebugCommandTests.script("step\n")
    let result = try R.run(["debug", "--batch", script, "--trace", "/no/such.nbpt"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/no/such.nbpt"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}

/// `debug --batch --net NET.json`: any network of the `sim` format, live, and its recording.
@Suite struct NetworkDebugTests {
  typealias R = CommandRunner

  static let script = """
    break audit
    continue
    print w(in->a)[pre=0]
    delete
    break phase "learn"
    continue
    info cycle
    print v(a[1])
    """

  @Test func liveNetworkWithAGatingBlock() throws {
    let result = try R.run(["debug", "--batch", try DebugCommandTests.script(Self.script), "--net", "samples/gated-learning.json"])
    #expect(result.status == 0, "\(result.stderr)")
    let stops = result.stdout.split(separator: "\n").filter { $0.hasPrefix("stopped:") }
    #expect(stops == [
      "stopped: breakpoint 1 (audit: a spiked outside its windows), tick 40 · cycle 8 · phase 3 k3 rest",
      "stopped: breakpoint 2, tick 43 · cycle 9 · phase 2 k2 learn",
    ])
    #expect(result.stdout.contains("(nbpscope) print w(in->a)[pre=0]\nw(in->a)[pre=0] = ["))
  }

  /// A recording of the network keeps its gating block as the trace's time model: the replay stops
  /// where the live run stopped.
  @Test func recordedNetworkReplaysWithItsTimeModel() throws {
    let trace = try R.temporaryDirectory().appendingPathComponent("net.nbpt").path
    let record = try R.run(["record", "--out", trace, "--net", "samples/gated-learning.json"])
    #expect(record.status == 0, "\(record.stderr)")
    let spikesOnly = "break audit\ncontinue\ndelete\nbreak phase \"learn\"\ncontinue\ninfo phase\n"
    let script = try DebugCommandTests.script(spikesOnly)
    let live = try R.run(["debug", "--batch", script, "--net", "samples/gated-learning.json"])
    let replay = try R.run(["debug", "--batch", script, "--trace", trace])
    #expect(live.status == 0 && replay.status == 0, "\(live.stderr)\(replay.stderr)")
    #expect(live.stdout == replay.stdout)
    #expect(replay.stdout.contains("stopped: breakpoint 2, tick 43 · cycle 9 · phase 2 k2 learn"))
  }

  @Test func aNetworkWithoutGatingRefusesGateBreakpoints() throws {
    let result = try R.run(["debug", "--batch", try DebugCommandTests.script("step 3\nbreak gate g00\n"), "--net", "samples/lif-bias.json"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("stopped: step, tick 3"))
    #expect(result.stdout.contains("error: break gate needs a gating cycle, and this source has none"))
  }

  @Test func traceAndNetAreExclusive() throws {
    let result = try R.run(["debug", "--batch", try DebugCommandTests.script("step\n"), "--net", "samples/lif-bias.json", "--trace", "x.nbpt"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--trace and --net"))
  }
}
