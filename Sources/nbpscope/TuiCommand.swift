import ArgumentParser
import Debugger
import Foundation
import Scope

extension NBPScopeCommand {
  /// `nbpscope` / `nbpscope tui`: the interactive debugger.
  struct Tui: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open the interactive debugger (the default command).",
      discussion: """
        Opens the live nBP circuit on the bundled digits (samples/mnist20), paused at tick 0. \
        Keys: space run/pause, s step, n next window, c continue, f finish cycle, b breakpoint at \
        the cursor, : command line, arrows/hjkl move, +/- zoom, Tab panes, [ ] scrub, ? help, q quit. \
        Needs a terminal; for scripts use 'nbpscope debug --batch SCRIPT'.
        """)

    @OptionGroup var circuit: CircuitOptions
    @OptionGroup var replay: SourceOptions
    @Option(help: ArgumentHelp("Start from these weights (npz, the authors' keys).", valueName: "W.npz"))
    var weights: String?
    @Option(help: ArgumentHelp("Colour theme: a bundled name (dark, light, mono, high-contrast; their files are in themes/) or a path to a .toml file.", valueName: "NAME|PATH"))
    var theme = "dark"
    @Flag(help: "With --trace: continue the recording live from its start (or use :resume at any tick).")
    var resume = false

    func validate() throws {
      if resume && replay.trace == nil { throw ValidationError("--resume continues a recording: give --trace FILE.") }
    }

    func run() throws {
      let loaded: LoadedTheme
      do {
        loaded = try Theme.resolve(name: theme)
      } catch {
        throw CommandFailure(error.description)
      }
      for warning in loaded.warnings { log("warning: \(warning)") }
      var options = circuit
      if let weights { options.initial = weights }
      let session = Session(source: try replay.source(live: options), history: replay.history)
      do {
        try CursesBackend.run { backend in
          var renderer = Renderer(theme: loaded.theme, minimumSize: ScopeApp.minimumSize)
          var app = ScopeApp(session: session)
          if resume { app.execute("resume", echo: true) }
          try app.run(backend: &backend, renderer: &renderer)
        }
      } catch let error as TerminalError {
        log("nbpscope: \(error) (for scripts: nbpscope debug --batch SCRIPT)")
        throw ExitCode(2)
      }
    }
  }
}
