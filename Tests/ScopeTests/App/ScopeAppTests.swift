import Debugger
import Loihi
import NBP
import NBPDebugging
import Testing

@testable import Scope

/// The whole app on the in-memory backend: scripted keys in, screens out.
@Suite struct ScopeAppTests {
  static func app(samples count: Int = 12) throws -> ScopeApp {
    let (input, hidden, output) = (24, 12, 6)
    var random = RandomGenerator(seed: 5)
    let samples = (0..<count).map { _ in
      Sample(pixels: (0..<input).map { _ in random.uniform(below: 100) < 40 ? 1 : 0 }, label: UInt8(random.uniform(below: 6)))
    }
    let circuit = try CircuitNetwork(
      topology: .training(input: input, hidden: hidden, output: output),
      weights: .initial(input: input, hidden: hidden, output: output, seed: 5), spikeHistory: 256)
    return ScopeApp(session: Session(source: NBPSource(circuit: circuit, samples: samples)))
  }

  static func keys(_ text: String) -> [MemoryBackend.Event] {
    text.map { .key($0 == "\n" ? .enter : .character($0)) }
  }

  /// Runs the app on a memory terminal until the scripted events are used up.
  static func run(_ app: inout ScopeApp, _ events: [MemoryBackend.Event], size: Size = Size(width: 160, height: 48))
    throws -> MemoryBackend
  {
    var backend = MemoryBackend(size: size, events: events)
    var renderer = Renderer(theme: .dark, minimumSize: ScopeApp.minimumSize)
    try app.run(backend: &backend, renderer: &renderer, stopWhenIdle: true)
    // One more frame so the screen shows the final state.
    let final = app
    renderer.draw(to: &backend) { buffer, area, theme in final.render(into: &buffer, area: area, theme: theme) }
    return backend
  }

  @Test func gatingRasterShowsEveryGate() throws {
    var app = try Self.app()
    let screen = try Self.run(&app, []).screen.lines
    for k in 0..<12 {
      let gate = "g" + (k < 10 ? "0" : "") + String(k)
      #expect(screen.contains { $0.contains("┃ \(gate)") || $0.contains("┃●\(gate)") }, "\(gate) missing")
    }
    #expect(screen[0].hasPrefix(" tick 0 · before the first sample · live · paused"))
    #expect(screen.last!.contains("Space run/pause"))
  }

  @Test func stepAdvancesTheTickCounter() throws {
    var app = try Self.app()
    let screen = try Self.run(&app, Self.keys("sss")).screen.lines
    #expect(screen[0].hasPrefix(" tick 3 · before the first sample"))
    #expect(app.session.source.tick == 3)
  }

  @Test func gateBreakpointFromTheCommandLineStopsOnPhase5() throws {
    var app = try Self.app()
    let backend = try Self.run(&app, Self.keys(":break gate g05\nc"))
    let screen = backend.screen.lines
    #expect(screen[0].hasPrefix(" tick 18 · sample 0 · phase 5 g05 W2 potentiation · live · paused · breakpoint 1"), "\(screen[0])")
    #expect(screen.contains { $0.contains("stopped: breakpoint 1, tick 18 · sample 0 · phase 5 g05 W2 potentiation") })
    #expect(screen.contains { $0.contains("┃●g05") })
    // Continue again: exactly one cycle later.
    let next = try Self.run(&app, Self.keys("c")).screen.lines
    #expect(next[0].hasPrefix(" tick 30 · sample 1 · phase 5 g05"))
  }

  @Test func resizeKeepsAValidScreen() throws {
    var app = try Self.app()
    let events: [MemoryBackend.Event] = [.resize(Size(width: 100, height: 30))] + Self.keys("s")
      + [.resize(Size(width: 50, height: 10))] + [.resize(Size(width: 120, height: 40))]
    let backend = try Self.run(&app, events, size: Size(width: 160, height: 48))
    let screen = backend.screen.lines
    #expect(backend.screen.size == Size(width: 120, height: 40))
    #expect(screen.count == 40 && screen.allSatisfy { $0.count == 120 })
    #expect(screen[0].hasPrefix(" tick 1 "))
    #expect(screen.contains { $0.contains("g11") })
  }

  @Test func tooSmallTerminalSaysHowBig() throws {
    var app = try Self.app()
    let screen = try Self.run(&app, [], size: Size(width: 60, height: 15)).screen.lines
    #expect(screen.contains { $0.contains("terminal too small: enlarge to at least 80×24 (now 60×15)") })
  }

  @Test func toggleBreakpointAtTheGateCursorAndQuit() throws {
    var app = try Self.app()
    _ = try Self.run(&app, [.key(.down), .key(.character("b"))])
    #expect(app.session.breakpoints.map(\.kind) == [.window(6)])
    _ = try Self.run(&app, [.key(.character("b"))])
    #expect(app.session.breakpoints.isEmpty)
    _ = try Self.run(&app, Self.keys("q"))
    #expect(app.isQuitting)
  }

  @Test func spaceRunsUntilABreakpointAndHelpOpens() throws {
    var app = try Self.app()
    _ = try Self.run(&app, Self.keys(":break sample 2\n "))
    #expect(app.session.position.cycle == 2)
    #expect(app.session.position.window == 4)
    let help = try Self.run(&app, Self.keys("?")).screen.lines
    #expect(help.contains { $0.contains("toggle a breakpoint at the cursor") })
    #expect(help.contains { $0.contains("run to the end of the gating cycle") })
  }

  @Test func weightsPaneShowsTheMatrixAndTheInspectorFollowsTheCursor() throws {
    var app = try Self.app()
    let screen = try Self.run(&app, [.key(.tab), .key(.tab), .key(.tab), .key(.right)]).screen.lines
    #expect(app.focus == .weights)
    #expect(screen.contains { $0.contains("w2 6×12") })
    // The cursor moved one column right in the o × h view: o = 0, h = 1, which the chip stores
    // as W2[pre h=1][post o=0]; the inspector and the heatmap readout must agree on its value.
    let value = app.session.weights(group: app.session.connectionGroup(named: "w2")!)!.values[1 * 6 + 0]
    #expect(screen.contains { $0.contains("synapse") && $0.contains("w2[o=0, h=1]") })
    #expect(screen.contains { $0.contains("weight") && $0.contains(" \(value)") })
    #expect(screen.contains { $0.contains("w2[o=0, h=1] = \(value)") })
  }

  /// Zoomed in, the focused raster pans to the selected neuron and says which neurons it shows.
  @Test func zoomAndPanInNeurons() throws {
    var app = try Self.app()
    var events: [MemoryBackend.Event] = [.key(.tab)]  // focus the forward pane
    events += Array(repeating: .key(.character("+")), count: 12)  // down to 1 neuron per dot
    events += Array(repeating: .key(.down), count: 9)  // select neuron 9 of the band
    let screen = try Self.run(&app, events).screen.lines
    #expect(app.neuronsPerDot == 1)
    #expect(app.selection.neuron == 9)
    #expect(screen.contains { $0.contains("×1/dot") && $0.contains("n8") }, "the band title shows the panned range")
  }
}
