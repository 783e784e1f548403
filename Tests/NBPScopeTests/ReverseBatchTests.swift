import Foundation
import Testing

/// Every reverse command in `debug --batch`, on the nBP circuit and on a JSON network: after each
/// move, what the session prints equals what a forward run printed at the same tick.
@Suite struct ReverseBatchTests {
  typealias R = CommandRunner

  /// One command's echo and the lines it answered.
  struct Answer {
    let command: String
    let lines: [String]

    /// The tick of a stop line (`stopped: …, tick 41 · sample 2 · …`).
    var stopTick: Int? {
      guard let line = lines.first(where: { $0.hasPrefix("stopped:") }),
        let range = line.range(of: #"tick \d+ ·"#, options: .regularExpression)
      else { return nil }
      return Int(line[range].dropFirst(5).dropLast(2))
    }
  }

  static func answers(_ output: String) -> [Answer] {
    var answers: [Answer] = []
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }  // the newline ending the output
    for line in lines {
      if line.hasPrefix("(nbpscope) ") {
        answers.append(Answer(command: String(line.dropFirst(11)), lines: []))
      } else if let last = answers.popLast() {
        answers.append(Answer(command: last.command, lines: last.lines + [line]))
      }
    }
    return answers
  }

  /// Runs `script` and returns its answers, requiring success.
  static func run(_ script: [String], _ arguments: [String]) throws -> [Answer] {
    let path = try DebugCommandTests.script(script.joined(separator: "\n") + "\n")
    let result = try R.run(["debug", "--batch", path] + arguments)
    #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.suffix(2000))")
    return answers(result.stdout)
  }

  /// Steps forward tick by tick printing `probes`, then runs `moves`, each followed by the
  /// probes, and compares every move's probes with the forward run's at the tick it reached.
  static func check(moves: [String], probes: [String], ticks: Int, _ arguments: [String]) throws {
    let forward = try run(Array(([probes] + Array(repeating: ["step"] + probes, count: ticks)).joined()), arguments)
    var seen: [Int: [[String]]] = [0: probes.indices.map { forward[$0].lines }]
    var k = probes.count
    while k + probes.count < forward.count {
      guard let tick = forward[k].stopTick else {
        Issue.record("'\(forward[k].command)' did not stop: \(forward[k].lines)")
        return
      }
      seen[tick] = (1...probes.count).map { forward[k + $0].lines }
      k += probes.count + 1
    }
    #expect(seen.count == ticks + 1)

    let backward = try run(Array(moves.map { [$0] + probes }.joined()), arguments)
    #expect(backward.count == moves.count * (probes.count + 1))
    var compared = Set<String>()
    for m in moves.indices {
      let answer = backward[m * (probes.count + 1)]
      guard let tick = answer.stopTick else { continue }  // set-up commands (break, delete)
      let printed = (1...probes.count).map { backward[m * (probes.count + 1) + $0].lines }
      #expect(seen[tick] != nil, "\(answer.command) reached tick \(tick), beyond the forward run")
      #expect(printed == seen[tick], "after '\(answer.command)' at tick \(tick)")
      compared.insert(answer.command.split(separator: " ")[0].description)
    }
    // Every kind of move was checked.
    let reverseNames: Set<String> = ["reverse-step", "reverse-next", "reverse-cycle", "reverse-continue", "rs", "rn", "rf", "rc"]
    for name in Set(moves.map { $0.split(separator: " ")[0].description }).intersection(reverseNames) {
      #expect(compared.contains(name), "\(name) never stopped")
    }
  }

  @Test func reverseMovesOnTheNBPCircuit() throws {
    try Self.check(
      moves: [
        "goto tick 130", "reverse-step", "reverse-step 7", "rs", "reverse-next", "rn", "reverse-cycle", "rf",
        "break gate g05", "reverse-continue", "rc", "delete", "watch count(d-) > 0", "reverse-continue", "delete",
        "until tick 40", "goto tick 97", "until sample 3", "goto tick 11", "rs 4", "goto tick 120", "until sample 1",
      ],
      probes: ["print u(h1[3])", "print v(o[2])", "print w2[o=3, h=17]", "print count(h1)", "info sample", "info cycle"],
      ticks: 130, ["--limit", "20"])
  }

  @Test func reverseMovesOnAJSONNetworkWithLearning() throws {
    let net = "samples/gated-learning.json"
    try Self.check(
      moves: [
        "goto tick 50", "reverse-step", "reverse-step 5", "reverse-next", "rn", "reverse-cycle", "rf",
        "break gate k1", "reverse-continue", "rc", "delete", "until tick 12", "goto tick 44", "until cycle 3",
        "goto tick 2", "goto tick 33", "rs 30",
      ],
      probes: ["print u(a[0])", "print v(a[1])", "print w(in->a)[post=0]", "print count(a)", "info cycle"],
      ticks: 50, ["--net", net])
  }

  /// A recording of the nBP circuit with snapshots replays with full state: every state query at
  /// any tick, in any order, prints what the live run printed.
  @Test func nbpRecordingWithSnapshotsAnswersAsTheLiveRun() throws {
    let directory = try R.temporaryDirectory()
    let trace = directory.appendingPathComponent("run.nbpt").path
    let record = try R.run(["record", "--out", trace, "--limit", "10", "--snapshot-every", "60"])
    #expect(record.status == 0, "\(record.stderr)")
    let script = [
      "goto tick 97", "info cycle", "print w1[h=5]", "why h1[5]", "print u(h1[3])", "goto tick 30", "info cycle",
      "print v(o[2])", "print w2[o=2]", "why o[2] at tick 16", "why not o[1] at tick 16", "goto tick 121",
      "print w2Tm[o=4]", "why w2[o=2, h=76] all", "info sample",
    ]
    let replay = try Self.run(script, ["--trace", trace])
    let live = try Self.run(script, ["--limit", "10"])
    #expect(replay.count == script.count)
    for (r, l) in zip(replay, live) {
      // The output pre-activations (`a2 […]`) are read live in the output window; a replay
      // shows the sample from the recorded spikes.
      let liveLines = r.command == "info sample" ? l.lines.map { $0.components(separatedBy: "   a2 [")[0] } : l.lines
      #expect(r.lines == liveLines, "\(r.command)")
      #expect(!r.lines.joined().contains("not available") && !r.lines.joined().contains("spikes only"), "\(r.command): \(r.lines)")
    }
  }

  /// `resume` continues a recording live from where the replay stands: what it prints after
  /// running on (and back, within what it ran) equals the live run's, on the nBP circuit and on
  /// a JSON network; before the resume point the history does not reach.
  @Test func resumeContinuesARecordingAsTheLiveRun() throws {
    let directory = try R.temporaryDirectory()
    let nbp = directory.appendingPathComponent("nbp.nbpt").path
    let net = directory.appendingPathComponent("net.nbpt").path
    #expect(try R.run(["record", "--out", nbp, "--limit", "10", "--snapshot-every", "60"]).status == 0)
    #expect(try R.run(["record", "--net", "samples/gated-learning.json", "--out", net, "--snapshot-every", "10"]).status == 0)
    for (trace, live, start, probes) in [
      (nbp, ["--limit", "10"], 50, ["print u(h1[3])", "print w2[o=2]", "info sample", "info cycle", "print v(o[1])"]),
      (net, ["--net", "samples/gated-learning.json"], 17, ["print u(a[0])", "print w(in->a)[post=0]", "info cycle"]),
    ] {
      let resumed = try Self.run(
        ["goto tick \(start)", "resume", "step 30"] + probes + ["reverse-step 12"] + probes + ["goto tick \(start + 5)"]
          + probes, ["--trace", trace])
      #expect(resumed[1].lines[0].hasPrefix("resumed live at tick \(start)"), "\(resumed[1].lines)")
      let reference = try Self.run(
        ["goto tick \(start + 30)"] + probes + ["goto tick \(start + 18)"] + probes + ["goto tick \(start + 5)"] + probes, live)
      let k = probes.count
      for i in 0..<k {
        #expect(resumed[3 + i].lines == reference[1 + i].lines, "\(trace): \(probes[i]) at tick \(start + 30)")
        #expect(resumed[4 + k + i].lines == reference[2 + k + i].lines, "\(trace): \(probes[i]) at tick \(start + 18)")
        #expect(resumed[5 + 2 * k + i].lines == reference[3 + 2 * k + i].lines, "\(trace): \(probes[i]) at tick \(start + 5)")
      }
      for (move, answer) in [
        ("reverse-step", "error: already at tick \(start), the start of the history"),
        ("goto tick \(start - 1)", "error: the history begins at tick \(start) (where this live run began); tick \(start - 1) is before it"),
      ] {
        let script = try DebugCommandTests.script("goto tick \(start)\nresume\n\(move)\n")
        let refused = try R.run(["debug", "--batch", script, "--trace", trace])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains(answer), "\(refused.stdout)")
      }
    }
  }
}
