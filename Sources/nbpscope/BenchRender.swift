import ArgumentParser
import Debugger
import Foundation
import NBP
import Scope

extension NBPScopeCommand {
  /// `nbpscope bench render`: frame time of the full screen, and the UI's cost on a run.
  struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "render",
      abstract: "TUI speed: full-screen frame time, and running to a breakpoint with the UI attached vs headless.")

    @Option(help: ArgumentHelp("Frames to time.", valueName: "n")) var frames = 300
    @Option(help: ArgumentHelp("Samples to run to the breakpoint.", valueName: "n")) var samples = 300
    @Option(help: ArgumentHelp("Runs of each kind, alternated; the median is reported.", valueName: "n")) var runs = 5

    func validate() throws {
      guard frames >= 1, samples >= 1, runs >= 1 else { throw ValidationError("--frames, --samples and --runs must be positive.") }
    }
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
      print("machine: \(MachineInfo.summary)")
      let clock = ContinuousClock()

      // Frame time: the live circuit in mid-run, a 200×60 screen, one tick between frames.
      var app = ScopeApp(session: Session(source: try circuit.liveSource()))
      _ = app.session.execute("until sample 3")
      var backend = MemoryBackend(size: Size(width: 200, height: 60))
      var renderer = Renderer(theme: .dark, minimumSize: ScopeApp.minimumSize)
      var times: [Double] = []
      var cells = 0
      for _ in 0..<frames {
        _ = app.session.execute("step")
        let frame = app
        let elapsed = clock.measure {
          cells += renderer.draw(to: &backend) { buffer, area, theme in frame.render(into: &buffer, area: area, theme: theme) }
        }
        times.append(elapsed.seconds)
      }
      times.sort()
      print(
        "frame:     median \(String(format: "%.2f", times[times.count / 2] * 1e3)) ms, p90 \(String(format: "%.2f", times[times.count * 9 / 10] * 1e3)) ms "
          + "(200×60, \(frames) frames, \(cells / frames) changed cells per frame)")

      // Run to a breakpoint: headless session vs the app loop drawing at its running frame rate.
      func headless() throws -> Double {
        var session = Session(source: try circuit.liveSource())
        _ = session.execute("break sample \(samples)")
        let elapsed = try clock.measure { _ = try session.run(.breakpoint) }
        return Double(session.source.tick) / elapsed.seconds
      }
      func attached() throws -> Double {
        var app = ScopeApp(session: Session(source: try circuit.liveSource()))
        let script = ":break sample \(samples)\nc"
        var backend = MemoryBackend(
          size: Size(width: 200, height: 60), events: script.map { .key($0 == "\n" ? .enter : .character($0)) })
        var renderer = Renderer(theme: .dark, minimumSize: ScopeApp.minimumSize)
        let elapsed = try clock.measure { try app.run(backend: &backend, renderer: &renderer, stopWhenIdle: true) }
        return Double(app.session.source.tick) / elapsed.seconds
      }
      // Alternated, so that a change in the machine's load hits both alike.
      var plains: [Double] = []
      var uis: [Double] = []
      for _ in 0..<runs {
        plains.append(try headless())
        uis.append(try attached())
      }
      let plain = plains.sorted()[runs / 2]
      let ui = uis.sorted()[runs / 2]
      let pairs = zip(uis, plains).map { String(format: "%.1f %%", $0 / $1 * 100) }
      print("headless:  \(String(format: "%.0f", plain)) ticks/s to 'break sample \(samples)' (median of \(runs))")
      print("with UI:   \(String(format: "%.0f", ui)) ticks/s (frames at most every \(ScopeApp.runningFrameInterval.components.attoseconds / 1_000_000_000_000_000) ms)")
      print("ratio:     \(String(format: "%.1f", ui / plain * 100)) % of headless speed (pairs: \(pairs.joined(separator: ", ")))")
    }
  }
}
