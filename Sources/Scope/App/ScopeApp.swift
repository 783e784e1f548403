import Suggestions
import Debugger
import Files
import Loihi

/// The panes of the screen. Tab cycles through the ones that take keys.
package enum Pane: Int, CaseIterable, Sendable {
  /// Every raster on one time axis: gates, forward and backward populations.
  case rasters
  /// The sample of the cycle under the cursor and its outcome (circuits with samples).
  case sample
  case weights
  case inspector
  /// Command answers, kept whole and scrollable.
  case log

  var title: String {
    switch self {
    case .rasters: "rasters"
    case .sample: "sample"
    case .weights: "weights"
    case .inspector: "inspector"
    case .log: "log"
    }
  }

  /// Panes that take the arrow keys.
  var isFocusable: Bool { self == .rasters || self == .weights || self == .inspector || self == .log }
}

/// The interactive debugger: key handling and screen state around a `Session`.
///
/// Pure with respect to the terminal: `handle(_:)` changes state, `render(into:area:theme:)` draws
/// it, and `run(backend:…)` drives both against any ``TerminalBackend`` (ncurses, or memory in
/// tests).
package struct ScopeApp {
  package var session: Session
  package var keyMap: KeyMap = .default
  package private(set) var focus: Pane = .rasters
  /// The pane drawn over the whole body (`z`), if any.
  package private(set) var maximized: Pane?
  /// Each pane's own state (ratatui's stateful-widget idea): the app owns it, the pane's
  /// rendering reads it, the keys of the focused pane change it.
  package private(set) var weightsPane = WeightsPaneState()
  package private(set) var rasterPane = RasterPaneState()
  package private(set) var logPane = LogPaneState()
  /// Rows of the inspector scrolled off its top (↑/↓ when it has the focus).
  package private(set) var inspectorOffset = 0
  /// The selected neuron (population index, neuron index) for the inspector and `b`.
  package private(set) var selection: (population: Int, neuron: Int)
  package private(set) var messages: [LogMessage] = []
  package private(set) var editor: LineEditor?
  package private(set) var helpOffset: Int?
  package private(set) var isQuitting = false
  /// The run in progress (space / c), advanced in slices between frames.
  package private(set) var running: RunTarget?
  /// The `why` of the selected neuron at the time cursor, when it stands before the current tick.
  package private(set) var cursorWhy: CursorExplanation?

  /// The smallest terminal the layout works in.
  package static let minimumSize = Size(width: 80, height: 24)
  /// Messages kept in the log.
  static let logCapacity = 2000

  package init(session: Session) {
    self.session = session
    let source = session.source
    let populations = source.populations
    selection = (source.preferredPopulation ?? populations.firstIndex { $0.role != .gate && !$0.isGenerator } ?? 0, 0)
    let groups = source.connectionGroups
    weightsPane.group = groups.firstIndex { $0.name == "w2" } ?? groups.firstIndex(where: \.isPlastic) ?? (groups.isEmpty ? nil : 0)
    let what = source.isLive ? (source.sampleOutcomeWindow != nil ? "live circuit" : "live network") : "replay"
    messages = [LogMessage("nbpscope: \(what), paused at tick \(source.tick); press ? for help")]
  }

  /// The connection group in the weights pane, if any.
  var group: Int? { weightsPane.group }

  /// The tick the screens describe: the time cursor, or the current tick.
  package var cursorTick: Int64 { rasterPane.cursor ?? session.source.tick }

  /// The raster groups in screen order (the session's display groups).
  var rasterGroups: [(name: String, populations: [Int])] { session.displayGroups }

  /// Every population on the raster pane, top to bottom (the order ↑/↓ walks).
  var rasterPopulations: [Int] { rasterGroups.flatMap(\.populations) }

  /// The panes on screen: a pane with nothing to show is left out of the layout and of Tab.
  var visiblePanes: [Pane] {
    Pane.allCases.filter { pane in
      switch pane {
      case .sample: session.source.sampleOutcomeWindow != nil
      case .weights: group != nil
      default: true
      }
    }
  }

  // MARK: Keys

  /// Applies one key.
  package mutating func handle(_ key: Key) {
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

  /// Works out the `why` of the selected neuron at the time cursor once the cursor or the
  /// selection has moved and the keys have paused: the session goes back to that tick and
  /// returns, which takes up to a few tens of milliseconds, so it is not done per key or frame.
  /// Returns whether the explanation changed.
  package mutating func explainAtCursor() -> Bool {
    let tick = cursorTick
    let (p, n) = selection
    guard running == nil, tick < session.source.tick, session.canReverse, p < session.source.populations.count else {
      defer { cursorWhy = nil }
      return cursorWhy != nil
    }
    if let why = cursorWhy, why.tick == tick, why.population == p, why.neuron == n { return false }
    let result = session.execute("why \(session.source.populations[p].name)[\(n)] at tick \(tick)")
    cursorWhy = result.isError ? nil : CursorExplanation(tick: tick, population: p, neuron: n, lines: result.lines)
    return true
  }

  mutating func perform(_ action: Action) {
    switch action {
    case .commandLine:
      editor = LineEditor(history: history)
    case .help:
      helpOffset = 0
    case .cancel:
      if maximized != nil { maximized = nil }
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
      let panes = visiblePanes.filter(\.isFocusable)
      let current = panes.firstIndex(of: focus) ?? 0
      focus = panes[(current + (next ? 1 : panes.count - 1)) % panes.count]
      if maximized != nil { maximized = focus }
    case .zoom(let zoomIn):
      zoom(in: zoomIn)
    case .zoomBand(let finer):
      zoomBand(finer: finer)
    case .fitCycle:
      fitCycle()
    case .maximize:
      maximized = maximized == nil ? focus : nil
    case .scrub(let ticks):
      moveTimeCursor(by: ticks * Int64(session.source.timeModel.cycle?.length ?? 12))
    case .scrollLog(let lines):
      logPane.offset = min(max(0, logPane.offset + lines), max(0, messages.count - 1))
    case .nextChange:
      jumpToNextChange()
    case .receptiveField:
      weightsPane.showsField.toggle()
      focus = .weights
      log(weightsPane.showsField ? "weights: the cursor row as an image (↑/↓ picks the row)" : "weights: the matrix")
    case .cursor(let direction):
      moveCursor(direction)
    }
  }

  /// Commands typed at the `:` prompt so far (most recent last).
  private var history: [String] = []
  /// How many `source` files are being run inside each other.
  private var sourceDepth = 0

  package mutating func execute(_ line: String, echo: Bool) {
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
        weightsPane.group = g
        weightsPane.cursor = MatrixIndex(row: 0, column: 0)
        log("weights: \(words[1])")
      } else if names.isEmpty {
        log("this source holds no weights", level: .error)
      } else {
        let hint = words.count == 2 ? closestName(to: words[1], among: names).map { " (did you mean '\($0)'?)" } ?? "" : ""
        log("usage: weights \(names.joined(separator: "|"))\(hint)", level: .error)
      }
      return
    case "field":
      perform(.receptiveField)
      return
    case "delta":
      weightsPane.showsDelta.toggle()
      log(weightsPane.showsDelta ? "weights: change since the start of the cycle" : "weights: values")
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
          focus = .rasters
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
    if let effect = result.fileEffect { perform(effect) }
    if result.quit { isQuitting = true }
    if result.startRunning { start(.breakpoint) }
    if result.stop != nil { rasterPane.cursor = nil }
  }

  /// `save breakpoints FILE` and `source FILE` at the prompt: the file work the debugger leaves
  /// to its caller.
  private mutating func perform(_ effect: FileEffect) {
    switch effect {
    case .write(let path, let text):
      do {
        let output = try AtomicOutput(path: path)
        try output.write(Array(text.utf8))
        try output.commit()
      } catch {
        log(error.description, level: .error)
      }
    case .source(let path):
      guard sourceDepth < 8 else {
        log("\(path): source nests too deep (a file sourcing itself?)", level: .error)
        return
      }
      let bytes: [UInt8]
      do {
        bytes = try Files.contents(of: path)
      } catch {
        log(error.description, level: .error)
        return
      }
      sourceDepth += 1
      defer { sourceDepth -= 1 }
      for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
        let command = String(line).trimmingWhitespace()
        guard !command.isEmpty, !command.hasPrefix("#") else { continue }
        execute(command, echo: true)
      }
    }
  }

  private mutating func start(_ target: RunTarget) {
    running = target
    session.isRunning = true
    rasterPane.cursor = nil
  }

  /// Runs the chip for about `ticks` ticks of a background run; returns true if it is still running.
  package mutating func advance(ticks: Int) throws -> Bool {
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
    if messages.count > Self.logCapacity { messages.removeFirst(messages.count - Self.logCapacity) }
    // A new answer brings the log back to its newest line.
    logPane.offset = 0
  }

  private mutating func toggleBreakpoint() {
    guard focus == .rasters else {
      log("b sets a breakpoint on the gate or neuron under the cursor (rasters pane)")
      return
    }
    let (p, n) = selection
    let command: String
    if let window = session.source.timeModel.cycle?.window(openedBy: session.source.populations[p].name) {
      if let existing = session.breakpoints.first(where: { $0.kind == .window(window) }) {
        command = "delete \(existing.number)"
      } else {
        command = "break gate \(session.source.populations[p].name)"
      }
    } else if let existing = session.breakpoints.first(where: { $0.kind == .spike(population: p, neuron: n) }) {
      command = "delete \(existing.number)"
    } else {
      command = "break spike \(session.source.populations[p].name)[\(n)]"
    }
    execute(command, echo: false)
  }

  private mutating func zoom(in zoomIn: Bool) {
    if focus == .weights {
      let factor = weightsPane.factor ?? 1
      weightsPane.factor = zoomIn ? max(1, factor / 2) : min(64, factor * 2)
      log("weights: 1:\(weightsPane.factor!)")
    } else {
      rasterPane.fitsCycle = false
      rasterPane.scale = rasterPane.scale.zoomed(in: zoomIn)
      let scale = rasterPane.scale.columnsPerTick > 1 ? "\(rasterPane.scale.columnsPerTick) columns/tick" : "\(rasterPane.scale.ticksPerColumn) ticks/column"
      log("time: \(scale)")
    }
  }

  /// Neurons per dot row of the selected band, by powers of two (small bands stay at one).
  private mutating func zoomBand(finer: Bool) {
    let p = selection.population
    let size = session.source.populations[p].size
    let current = rasterPane.bandZoom[p] ?? automaticNeuronsPerDot(size: size)
    let next = finer ? max(1, current / 2) : min(max(1, (size + 3) / 4), current * 2)
    rasterPane.bandZoom[p] = next
    log("\(session.source.populations[p].name): ×\(next) neurons per dot")
  }

  /// Spreads one gating cycle (or 48 ticks without one) across the raster width, from the start
  /// of the cursor's cycle; `+`/`-` leave it.
  private mutating func fitCycle() {
    rasterPane.fitsCycle.toggle()
    log(rasterPane.fitsCycle ? "time: one cycle across the width" : "time: \(rasterPane.scale.columnsPerTick > 1 ? "\(rasterPane.scale.columnsPerTick) columns/tick" : "\(rasterPane.scale.ticksPerColumn) ticks/column")")
  }

  private mutating func moveTimeCursor(by ticks: Int64) {
    let source = session.source
    let lowest: Int64 = source.isLive ? max(0, source.tick - Int64(source.historyTicks ?? 0) + 1) : 0
    let highest = source.isLive ? source.tick : (source.lastTick ?? source.tick)
    let target = min(max(lowest, cursorTick + ticks), highest)
    rasterPane.cursor = target == source.tick ? nil : target
  }

  private mutating func jumpToNextChange() {
    guard let group, let changes = session.cycleChanges[group], !changes.synapses.isEmpty,
      let chip = session.source.chip
    else {
      log("weights: no change in this cycle")
      return
    }
    let connection = chip.network[session.source.connectionGroups[group].primary]
    let cells = changes.synapses.map { synapse -> MatrixIndex in
      let (pre, post) = connection.endpoints(ofSynapse: Int(synapse))
      return heatmapIsTransposed ? MatrixIndex(row: post, column: pre) : MatrixIndex(row: pre, column: post)
    }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    let next = cells.first { ($0.row, $0.column) > (weightsPane.cursor.row, weightsPane.cursor.column) } ?? cells[0]
    weightsPane.cursor = next
    focus = .weights
  }

  private mutating func moveCursor(_ direction: Action.Direction) {
    switch focus {
    case .rasters:
      let order = rasterPopulations
      guard !order.isEmpty else { return }
      var (p, n) = selection
      if !order.contains(p) { (p, n) = (order[0], 0) }
      let position = order.firstIndex(of: p)!
      switch direction {
      case .up:
        if n > 0 {
          n -= 1
        } else if position > 0 {
          p = order[position - 1]
          n = session.source.populations[p].size - 1
        }
      case .down:
        if n < session.source.populations[p].size - 1 {
          n += 1
        } else if position < order.count - 1 {
          p = order[position + 1]
          n = 0
        }
      case .left: moveTimeCursor(by: -Int64(rasterPane.scale.ticksPerColumn))
      case .right: moveTimeCursor(by: Int64(rasterPane.scale.ticksPerColumn))
      }
      selection = (p, n)
    case .weights:
      guard let shape = heatmapShape else { return }
      let step = weightsPane.factor ?? 1
      var c = weightsPane.cursor
      switch direction {
      case .up: c.row = max(0, c.row - step)
      case .down: c.row = min(shape.rows - 1, c.row + step)
      case .left: c.column = max(0, c.column - step)
      case .right: c.column = min(shape.columns - 1, c.column + step)
      }
      weightsPane.cursor = c
    case .inspector:
      if direction == .up { inspectorOffset = max(0, inspectorOffset - 1) }
      if direction == .down { inspectorOffset += 1 }
    case .log:
      if direction == .up { logPane.offset = min(logPane.offset + 1, max(0, messages.count - 1)) }
      if direction == .down { logPane.offset = max(0, logPane.offset - 1) }
    default:
      break
    }
  }
}

/// The weights pane: which group, values or the cycle's change, matrix or one row as an image,
/// the cursor and the downsampling factor (nil: fitted to the pane).
package struct WeightsPaneState: Hashable, Sendable {
  package var group: Int?
  package var showsDelta = false
  /// The cursor row drawn as an image (`r`).
  package var showsField = false
  package var cursor = MatrixIndex(row: 0, column: 0)
  package var factor: Int?
}

/// The raster pane: the time scale every raster shares, the time cursor (nil follows the current
/// tick), and neurons per dot chosen for single bands.
package struct RasterPaneState: Hashable, Sendable {
  package var scale = TimeScale()
  /// One gating cycle across the width (`=`), whatever the width is.
  package var fitsCycle = false
  package var cursor: Int64?
  package var bandZoom: [Int: Int] = [:]
}

/// The log pane: lines scrolled back from the newest (a long answer counts as one line).
package struct LogPaneState: Hashable, Sendable {
  package var offset = 0
}

/// A neuron's `why` at a tick other than the current one, kept for the inspector.
package struct CursorExplanation: Sendable {
  let tick: Int64
  let population: Int
  let neuron: Int
  let lines: [String]
}
