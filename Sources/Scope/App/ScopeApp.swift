import Debugger
import Loihi
import NBP

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
  public private(set) var focus: Pane = .gates
  public private(set) var matrix: PlasticMatrix = .w2
  public private(set) var showsDelta = false
  public private(set) var heatCursor = MatrixIndex(row: 0, column: 0)
  public private(set) var heatFactor: Int?
  public private(set) var neuronsPerDot: Int?
  public private(set) var gateCursor = 5
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
    let hidden = session.source.populations.firstIndex { $0.name == "h1" } ?? 0
    selection = (hidden, 0)
    messages = [LogMessage("nbpscope: \(session.source.isLive ? "live circuit" : "replay"), paused at tick \(session.source.tick); press ? for help")]
  }

  /// Forward and backward groups: population indices per raster pane.
  var forwardPopulations: [Int] {
    session.source.populations.indices.filter { session.source.populations[$0].role == .forward }
  }

  var backwardPopulations: [Int] {
    session.source.populations.indices.filter {
      let role = session.source.populations[$0].role
      return role == .backward || role == .memory
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
    guard let command = keyMap.command(for: key) else { return }
    perform(command)
  }

  mutating func perform(_ command: String) {
    switch command {
    case KeyMap.commandLineCommand:
      editor = LineEditor(history: history)
    case KeyMap.helpCommand:
      helpOffset = 0
    case KeyMap.cancelCommand:
      running = nil
      session.isRunning = false
    case "quit":
      isQuitting = true
    case "toggle-run":
      if running != nil {
        running = nil
        session.isRunning = false
        log("paused at \(session.position)")
      } else {
        start(.breakpoint)
      }
    case "continue":
      start(.breakpoint)
    case "step", "next", "cycle":
      running = nil
      execute(command, echo: false)
    case "toggle-break":
      toggleBreakpoint()
    case "pane next":
      focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
    case "pane previous":
      focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
    case "zoom in", "zoom out":
      zoom(in: command == "zoom in")
    case "scrub -1", "scrub +1":
      scrub(by: command == "scrub -1" ? -1 : 1)
    case "cursor up", "cursor down", "cursor left", "cursor right":
      moveCursor(String(command.dropFirst("cursor ".count)))
    default:
      execute(command, echo: false)
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
      if words.count > 1, let m = PlasticMatrix(rawValue: words[1]) {
        matrix = m
        heatCursor = MatrixIndex(row: 0, column: 0)
        log("weights: \(m.rawValue)")
      } else {
        log("usage: weights w1|w2|w2Tp|w2Tm", level: .error)
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
          guard let p = session.source.populations.firstIndex(where: { $0.name == name }) else {
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

  private mutating func moveCursor(_ direction: String) {
    switch focus {
    case .gates:
      let count = session.gatePopulations.count
      if direction == "up" { gateCursor = (gateCursor + count - 1) % count }
      if direction == "down" { gateCursor = (gateCursor + 1) % count }
      if direction == "left" { scrub(by: -1) }
      if direction == "right" { scrub(by: 1) }
    case .forward, .backward:
      let group = focus == .forward ? forwardPopulations : backwardPopulations
      guard !group.isEmpty else { return }
      var (p, n) = selection
      if !group.contains(p) { p = group[0] }
      let size = session.source.populations[p].size
      let position = group.firstIndex(of: p)!
      switch direction {
      case "up": n = max(0, n - 1)
      case "down": n = min(size - 1, n + 1)
      case "left": p = group[(position + group.count - 1) % group.count]
      default: p = group[(position + 1) % group.count]
      }
      selection = (p, min(n, session.source.populations[p].size - 1))
    case .weights:
      guard let shape = heatmapShape else { return }
      let step = heatFactor ?? 1
      var c = heatCursor
      switch direction {
      case "up": c.row = max(0, c.row - step)
      case "down": c.row = min(shape.rows - 1, c.row + step)
      case "left": c.column = max(0, c.column - step)
      default: c.column = min(shape.columns - 1, c.column + step)
      }
      heatCursor = c
    case .inspector:
      break
    }
  }
}
