import ArgumentParser
import Debugger
import Foundation
import Loihi

extension NBPScopeCommand {
  /// `nbpscope bench history`: what reverse execution costs on the live nBP circuit.
  struct HistoryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Reverse execution: forward speed with keyframes on vs off, their memory, and reverse-move latency.",
      discussion: """
        Runs the live nBP circuit in a debugger session three ways: with no history, with the \
        keyframe store under --history-memory, and over --ticks ticks with it, after which it \
        times reverse moves one tick back, to the middle and to the start, and random gotos in \
        the whole run. The samples repeat for as many epochs as --ticks needs.
        """)

    @OptionGroup var circuit: CircuitOptions
    @Option(help: ArgumentHelp("Ticks of the long run that the reverse moves travel in.", valueName: "n"))
    var ticks: Int64 = 1_000_000
    @Option(help: ArgumentHelp("Ticks per run for the forward-speed comparison.", valueName: "n"))
    var forwardTicks: Int64 = 120_000
    @Option(help: ArgumentHelp("Forward runs of each kind, alternated; the median is reported.", valueName: "n"))
    var runs = 3
    @Option(help: ArgumentHelp("Memory for the keyframes, in MiB.", valueName: "MiB"))
    var historyMemory = History.defaultMemoryMiB
    @Option(help: ArgumentHelp("Random gotos to time in the long run.", valueName: "n")) var jumps = 20

    func validate() throws {
      guard ticks >= 1_000, forwardTicks >= 1_000, runs >= 1, jumps >= 0, historyMemory >= 1 else {
        throw ValidationError("--ticks and --forward-ticks must be at least 1000; --runs, --history-memory at least 1.")
      }
    }

    func run() throws {
      print("machine: \(MachineInfo.summary)")
      let clock = ContinuousClock()
      let limit = historyMemory << 20

      // A source with enough epochs of samples for `ticks` (12 ticks per sample).
      let perEpoch = Int64(try circuit.trainingSamples(of: circuit.data.load()).count * 12)
      func source(for ticks: Int64) throws -> any TickSource {
        var options = circuit
        options.epochs = max(circuit.epochs, Int((ticks + perEpoch) / max(1, perEpoch)) + 1)
        return try options.liveSource()
      }

      // Forward: the same session run with and without keyframes, alternated.
      func forward(history: History?) throws -> Double {
        var session = Session(source: try source(for: forwardTicks), history: history)
        let elapsed = try clock.measure { _ = try session.run(.tick(forwardTicks)) }
        return Double(session.source.tick) / elapsed.seconds
      }
      var off: [Double] = []
      var on: [Double] = []
      for _ in 0..<runs {
        off.append(try forward(history: nil))
        on.append(try forward(history: History(memoryLimit: limit)))
      }
      let pairs = zip(on, off).map { $0 / $1 }.sorted()
      print("forward, no history:   \(rate(median(off))) ticks/s (median of \(runs), \(forwardTicks) ticks each)")
      print("forward, with history: \(rate(median(on))) ticks/s")
      print(
        "ratio:                 \(percent(median(on) / median(off))) of the speed without history "
          + "(pairs: \(pairs.map(percent).joined(separator: ", ")))")

      // The long run: memory of its keyframes.
      var session = Session(source: try source(for: ticks), history: History(memoryLimit: limit))
      let initialSpacing = session.history?.spacing ?? 0
      var firstKeyframeBytes = 0
      let elapsed = try clock.measure {
        while session.source.tick < ticks {
          _ = try session.run(.tick(min(ticks, session.source.tick + 100_000)))
          if firstKeyframeBytes == 0, let history = session.history, history.keyframes.count > 1 {
            firstKeyframeBytes = history.byteCount / history.keyframes.count
          }
        }
      }
      guard let history = session.history else { throw CommandFailure("this source keeps no history") }
      print("long run:              \(ticks) ticks in \(String(format: "%.1f", elapsed.seconds)) s (\(rate(Double(ticks) / elapsed.seconds)) ticks/s)")
      print(
        "keyframes:             \(history.keyframes.count), every \(history.spacing) ticks (began every \(initialSpacing)), "
          + "\(mib(history.byteCount)) MiB of \(historyMemory) MiB, \(kib(history.byteCount / max(1, history.keyframes.count))) KiB each")
      print(
        "memory per 1M ticks:   \(mib(Int(Double(firstKeyframeBytes) * 1e6 / Double(max(1, initialSpacing))))) MiB at the first spacing, "
          + "\(mib(Int(Double(history.byteCount) * 1e6 / Double(ticks)))) MiB at the end (thinned)")
      print("re-execution bound:    \(history.spacing * 2 + Int64(session.source.ticksToCompleteHistory)) ticks per move at most")

      // Reverse moves, each timed on its own.
      func timed(_ command: String) throws -> Double {
        var result: CommandResult?
        let seconds = clock.measure { result = session.execute(command) }.seconds
        guard result?.stop != nil else { throw CommandFailure("'\(command)' did not stop: \(result?.lines ?? [])") }
        return seconds
      }
      var near: [Double] = []
      for _ in 0..<5 { near.append(try timed("reverse-step")) }
      let middle = try timed("goto tick \(ticks / 2)")
      for _ in 0..<5 { near.append(try timed("reverse-step")) }
      let start = try timed("goto tick 0")
      var generator = RandomGenerator(seed: circuit.seed)
      var random: [Double] = []
      for _ in 0..<jumps { random.append(try timed("goto tick \(generator.uniform(below: UInt64(ticks)))")) }
      print("one tick back:         median \(ms(median(near))) ms, worst \(ms(near.max()!)) ms (10 reverse-steps)")
      print("to the middle:         \(ms(middle)) ms (goto tick \(ticks / 2) from the end)")
      print("to the start:          \(ms(start)) ms (goto tick 0)")
      if !random.isEmpty {
        print("random gotos:          median \(ms(median(random))) ms, worst \(ms(random.max()!)) ms (\(jumps), either direction)")
      }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func rate(_ value: Double) -> String { String(format: "%.0f", value) }
    private func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
    private func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1e3) }
    private func mib(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
    private func kib(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1024) }
  }
}
