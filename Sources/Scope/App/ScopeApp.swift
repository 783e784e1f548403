import Debugger
import Loihi

/// The panes that Tab cycles through.
public enum Pane: Int, CaseIterable, Sendable {
  case gates, forward, backward, weights, inspector

  var title: String {
    switch self {
    case .gates: "gating chain"
    case .forward: "forward"
    case .backward: "backward"
    case .weights: "weights"
    case .inspector: "inspector"
    }
  }
}

/// The interactive debugger: key handling and screen state around a `Session`.
///
/// Pure with respect to the terminal: `handle(_:)` changes state, `render(into:area:theme:)` draws
/// it, and `run(backend:…)` drives both against any ``TerminalBackend`` (ncurses, or memory in
/// tests).
public struct ScopeApp {
  public var session: Session
  public var keyMap: KeyMap = .default
  public private(set) var focus: Pane
  /// The connection group in the weights pane (an index into the source's groups), if any.
  public private(set) var group: Int?
  public private(set) var showsDelta = false
  public private(set) var heatCursor = MatrixIndex(row: 0, column: 0)
  public private(set) var heatFactor: Int?
  public private(set) var neuronsPerDot: Int?
  public private(set) var gateCursor = 0
  /// The selected neuron (population index, neuron index) for the inspector and `b`.
  public private(set) var selection: (population: Int, neuron: Int)
  /// How many ticks the view lags behind the chip (scrubbing back through the history).
  public private(set) var viewLag: Int64 = 0
  public private(set) var messages: [LogMessage] = []
  public private(set) var editor: LineEditor?
  public private(set) var helpOffset: Int?
  public private(set) var isQuitting = false
  /// The run in progress (space / c), advanced in slices between frames.
  public private(set) var running: RunTarget?

  /// The smallest terminal the layout works in.
  public static let minimumSize = Size(width: 80, height: 24)

  public init(session: Session) {
    self.session = session
    let source = session.source
    let populations = source.populations
    selection = (source.preferredPopulation ?? populations.firstIndex { $0.role != .gate && !$0.isGenerator } ?? 0, 0)
    let groups = source.connectionGroups
    group = groups.firstIndex { $0.name == "w2" } ?? groups.firstIndex(where: \.isPlastic) ?? (groups.isEmpty ? nil : 0)
    gateCursor = min(5, max(0, session.gatePopulations.count - 1))
    focus = session.gatePopulations.isEmpty ? .forward : .gates
    let what = source.isLive ? (source.sampleOutcomeWindow != nil ? "live circuit" : "live network") : "replay"
    messages = [LogMessage("nbpscope: \(what), paused at tick \(source.tick); press ? for help")]
  }

  /// Forward and backward groups: population indices per raster pane. The forward pane holds
  /// every population that is neither a gate nor part of the backward pass, generators included.
  var forwardPopulations: [Int] {
    session.source.populations.indices.filter {
      let role = session.source.populations[$0].role
      return role != .gate && !role.isBackward && role != .input
    } + session.source.populations.indices.filter { session.source.populations[$0].role == .input && !hidesGenerators }
  }

  var backwardPopulations: [Int] {
    session.source.populations.indices.filter { session.source.populations[$0].role.isBackward }
  }

  /// Circuits with samples re-present their generators' spikes in compartments (nBP's x mirrors
  /// the pixel generator): their generators stay out of the rasters.
  var hidesGenerators: Bool { session.source.sampleOutcomeWindow != nil }

  /// The panes on screen: a pane with nothing to show (no gating cycle, no backward pass, no
  /// weights) is left out of the layout and of Tab.
  var visiblePanes: [Pane] {
    Pane.allCases.filter { pane in
      switch pane {
      case .gates: !session.gatePopulations.isEmpty
      case .forward: true
      case .backward: !backwardPopulations.isEmpty
      case .weights: group != nil
      case .inspector: true
      }
    }
  }

  // MARK: Keys

  /// Applies one key; returns true when the screen should be redrawn.
  public mutating func handle(_ key: Key) {
    if key == .interrupt {
      isQuitting = true
      return
    }
    if var editor {
      switch editor.apply(key) {
      case .submitted(let line):
        self.editor = nil
        execute(line, echo: true)
      case .cancelled:
        self.editor = nil
      default:
        self.editor = editor
      }
      return
    }
    if let offset = helpOffset {
      switch key {
      case .escape, .character("q"), .character("?"): helpOffset = nil
      case .down, .character("j"): helpOffset = offset + 1
      case .up, .character("k"): helpOffset = max(0, offset - 1)
      case .pageDown: helpOffset = offset + 10
      case .pageUp: helpOffset = max(0, offset - 10)
      default: break
      }
      return
    }
    guard let action = keyMap.action(for: key) else { return }
    perform(action)
  }

  mutating func perform(_ action: Action) {
    switch action {
    case .commandLine:
      editor = LineEditor(history: history)
    case .help:
      helpOffset = 0
    case .cancel:
      running = nil
      session.isRunning = false
    case .quit:
      isQuitting = true
    case .toggleRun:
      if running != nil {
        running = nil
        session.isRunning = false
        log("paused at \(session.position)")
      } else {
        start(.breakpoint)
      }
    case .debugger("continue"):
      start(.breakpoint)
    case .debugger(let line):
      running = nil
      execute(line, echo: false)
    case .toggleBreakpoint:
      toggleBreakpoint()
    case .focusPane(let next):
      let panes = visiblePanes
      let current = panes.firstIndex(of: focus) ?? 0
      focus = panes[(current + (next ? 1 : panes.count - 1)) % panes.count]
    case .zoom(let zoomIn):
      zoom(in: zoomIn)
    case .scrub(let ticks):
      scrub(by: ticks)
    case .cursor(let direction):
      moveCursor(direction)
    }
  }

  /// Commands typed at the `:` prompt so far (most recent last).
  private var history: [String] = []

  mutating func execute(_ line: String, echo: Bool) {
    let trimmed = line.trimmingWhitespace()
    guard !trimmed.isEmpty else { return }
    if echo {
      history.append(trimmed)
      log(":" + trimmed)
    }
    // Screen-only commands first; everything else is the debugger's.
    let words = trimmed.split(separator: " ").map(String.init)
    switch words[0] {
    case "weights":
      let names = session.source.connectionGroups.map(\.name)
      if words.count == 2, let g = session.connectionGroup(named: words[1]) {
        group = g
        heatCursor = MatrixIndex(row: 0, column: 0)
        log("weights: \(words[1])")
      } else if names.isEmpty {
        log("this source holds no weights", level: .error)
      } else {
        let hint = words.count == 2 ? closestName(to: words[1], among: names).map { " (did you mean '\($0)'?)" } ?? "" : ""
        log("usage: weights \(names.joined(separator: "|"))\(hint)", level: .error)
      }
      return
    case "delta":
      showsDelta.toggle()
      log(showsDelta ? "weights: change since the start of the cycle" : "weights: values")
      return
    case "select":
      if words.count == 2 {
        do {
          let (name, neuron) = try session.parseNeuron(words[1], line: trimmed)
          guard let p = session.source.populationIndex(named: name) else {
            log("unknown population '\(name)'", level: .error)
            return
          }
          selection = (p, min(max(0, neuron ?? 0), session.source.populations[p].size - 1))
          focus = forwardPopulations.contains(p) ? .forward : .backward
        } catch {
          log("\(error)", level: .error)
        }
      }
      return
    default:
      break
    }
    let result = session.execute(trimmed)
    for output in result.lines { log(output, level: result.isError ? .error : .info) }
    if result.quit { isQuitting = true }
    if result.startRunning { start(.breakpoint) }
    if result.stop != nil { viewLag = 0 }
  }

  private mutating func start(_ target: RunTarget) {
    running = target
    session.isRunning = true
    viewLag = 0
  }

  /// Runs the chip for about `ticks` ticks of a background run; returns true if it is still running.
  public mutating func advance(ticks: Int) throws -> Bool {
    guard let target = running else { return false }
    if let stop = try session.run(target, budget: max(1, ticks)) {
      running = nil
      log(stop.line)
    }
    return running != nil
  }

  mutating func log(_ text: String, level: LogMessage.Level = .info) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      messages.append(LogMessage(String(line), level: level))
    }
    if messages.count > 200 { messages.removeFirst(messages.count - 200) }
  }

  private mutating func toggleBreakpoint() {
    let command: String
    switch focus {
    case .gates:
      let gates = session.gatePopulations
      guard gateCursor < gates.count else { return }
      let name = session.source.populations[gates[gateCursor]].name
      if let existing = session.breakpoints.first(where: { $0.kind == .window(gateCursor) }) {
        command = "delete \(existing.number)"
      } else {
        command = "break gate \(name)"
      }
    case .forward, .backward:
      let (p, n) = selection
      if let existing = session.breakpoints.first(where: { $0.kind == .spike(population: p, neuron: n) }) {
        command = "delete \(existing.number)"
      } else {
        command = "break spike \(session.source.populations[p].name)[\(n)]"
      }
    default:
      log("b sets a breakpoint on the gate or neuron under the cursor (gating chain, forward, backward)")
      return
    }
    execute(command, echo: false)
  }

  private mutating func zoom(in zoomIn: Bool) {
    if focus == .weights {
      let factor = heatFactor ?? 1
      heatFactor = zoomIn ? max(1, factor / 2) : min(64, factor * 2)
      log("weights: 1:\(heatFactor!)")
    } else {
      let npd = neuronsPerDot ?? 8
      neuronsPerDot = zoomIn ? max(1, npd / 2) : min(512, npd * 2)
      log("rasters: ×\(neuronsPerDot!) neurons per dot")
    }
  }

  private mutating func scrub(by delta: Int64) {
    running = nil
    session.isRunning = false
    if session.source.isLive {
      let lag = viewLag - delta
      viewLag = min(max(0, lag), Int64(session.source.historyTicks ?? 0) - 1, session.source.tick)
    } else {
      execute("goto tick \(max(0, session.source.tick + delta))", echo: false)
    }
  }

  private mutating func moveCursor(_ direction: Action.Direction) {
    switch focus {
    case .gates:
      let count = session.gatePopulations.count
      guard count > 0 else { return }
      switch direction {
      case .up: gateCursor = (gateCursor + count - 1) % count
      case .down: gateCursor = (gateCursor + 1) % count
      case .left: scrub(by: -1)
      case .right: scrub(by: 1)
      }
    case .forward, .backward:
      let group = focus == .forward ? forwardPopulations : backwardPopulations
      guard !group.isEmpty else { return }
      var (p, n) = selection
      if !group.contains(p) { p = group[0] }
      let size = session.source.populations[p].size
      let position = group.firstIndex(of: p)!
      switch direction {
      case .up: n = max(0, n - 1)
      case .down: n = min(size - 1, n + 1)
      case .left: p = group[(position + group.count - 1) % group.count]
      case .right: p = group[(position + 1) % group.count]
      }
      selection = (p, min(n, session.source.populations[p].size - 1))
    case .weights:
      guard let shape = heatmapShape else { return }
      let step = heatFactor ?? 1
      var c = heatCursor
      switch direction {
      case .up: c.row = max(0, c.row - step)
      case .down: c.row = min(shape.rows - 1, c.row + step)
      case .left: c.column = max(0, c.column - step)
      case .right: c.column = min(shape.columns - 1, c.column + step)
      }
      heatCursor = c
    case .inspector:
      break
    }
  }
}
