import Suggestions
import Loihi

/// Why the session stopped.
package struct StopEvent: Hashable, Sendable {
  package let reason: String
  package let position: Position
  /// The breakpoint that fired, if any.
  package let breakpoint: Int?

  /// `stopped: breakpoint 1, tick 65 · sample 4 · phase 5 g05 W2 potentiation`
  package var line: String { "stopped: \(reason), \(position)" }
}

/// How far a run goes when no breakpoint stops it first.
package enum RunTarget: Hashable, Sendable {
  case ticks(Int)
  case nextWindow
  case cycleEnd
  case breakpoint
  case tick(Int64)
  case cycle(Int)
  /// Like `tick`, but breakpoints do not stop it (`goto tick T`).
  case gotoTick(Int64)
}

/// A debugging session over a tick source: position, breakpoints, the run loop, commands.
///
/// The session stands after the last executed tick. Breakpoints are evaluated inside the run
/// loop after every tick, so running to one costs little more than emulating.
package struct Session {
  package internal(set) var source: any TickSource
  package internal(set) var breakpoints: [Breakpoint] = []
  package internal(set) var lastStop: StopEvent?
  /// Recent audit findings: a population spiking outside its windows (tick, population).
  package internal(set) var violations: [(tick: Int64, population: Int)] = []
  /// Weights changed in the current cycle (since tick 0 without a cycle), per plastic connection
  /// group, keyed by the group's index in `source.connectionGroups`.
  package internal(set) var cycleChanges: [Int: CycleChanges] = [:]
  /// The keys of `cycleChanges`, apart: iterating the dictionary's own keys while taking values
  /// out of it would keep a second reference to every value and copy its arrays each tick.
  private var trackedGroups: [Int] = []
  /// Per window of the cycle, the populations that must stay silent in it (what the audit checks
  /// after every tick, worked out once).
  private let silentInWindow: [[Int]]
  /// Set while a UI `run` is in progress.
  package var isRunning = false
  /// The chip at the latest stop and at the one before (values share storage until the chip steps).
  var latestStopChip: Chip?
  /// Bookmarks: name → tick (`mark NAME`, `goto @NAME`).
  package internal(set) var marks: [String: Int64] = [:]
  var previousStopChip: Chip?
  private var nextNumber = 1
  /// Keyframes for running backwards (live sources; nil when off or impossible).
  package internal(set) var history: History?
  /// The empty keyframe store the session was given, for a recording resumed live.
  let emptyHistory: History?

  /// Names a condition may use.
  package static let conditionNames = [
    "tick", "cycle", "sample", "window", "label", "prediction", "error", "true", "false",
  ]

  /// - Parameter history: the keyframe store for reverse execution (nil: none); used for live
  ///   sources that can take checkpoints.
  package init(source: any TickSource, history: History? = History(memoryLimit: History.defaultMemoryMiB << 20)) {
    self.source = source
    emptyHistory = history
    latestStopChip = source.chip
    let populations = source.populations
    silentInWindow = (0..<(source.timeModel.cycle?.length ?? 0)).map { window in
      populations.indices.filter { !populations[$0].windows.isEmpty && !populations[$0].windows.contains(window) }
    }
    if let chip = source.chip {
      for (g, group) in source.connectionGroups.enumerated() where group.isPlastic {
        cycleChanges[g] = CycleChanges(synapses: chip.network[group.primary].synapseCount)
        trackedGroups.append(g)
      }
    }
    if let history, source.isLive, source.tick == 0, source.checkpoint() != nil {
      self.history = history
      takeKeyframe()
    }
  }

  package var position: Position { source.timeModel.position(of: source.tick) }

  /// The gating cycle, or an error that says the source has none (for commands that need one).
  func requireCycle(for what: String) throws -> TimeModel.Cycle {
    guard let cycle = source.timeModel.cycle else {
      throw DebuggerError.notAvailable(
        "\(what) needs a gating cycle, and this source has none (a JSON network declares one in its \"gating\" block: see docs/network-json.md)")
    }
    return cycle
  }

  /// `tick 1234 · sample 102 · phase 5 g05 W2 potentiation · live · paused`
  package var statusLine: String {
    var line = "\(position) · \(source.isLive ? "live" : "replay") · \(isRunning ? "running" : "paused")"
    if let stop = lastStop, stop.position.tick == source.tick, let number = stop.breakpoint {
      line += " · breakpoint \(number)"
    }
    return line
  }

  // MARK: Names

  func population(named name: String) throws -> Int {
    if let index = source.populations.firstIndex(where: { $0.name == name }) { return index }
    throw DebuggerError.unknownPopulation(
      name, suggestion: closestName(to: name, among: source.populations.map(\.name)))
  }

  // MARK: Breakpoints

  /// Adds a breakpoint and returns its number.
  @discardableResult
  package mutating func addBreakpoint(
    _ kind: BreakpointKind, what: String, condition: Condition? = nil, conditionText: String? = nil,
    temporary: Bool = false
  ) -> Int {
    let number = nextNumber
    nextNumber += 1
    var breakpoint = Breakpoint(number: number, kind: kind, what: what, condition: condition)
    breakpoint.conditionText = conditionText
    breakpoint.isTemporary = temporary
    breakpoints.append(breakpoint)
    return number
  }

  mutating func withBreakpoint(_ number: Int, _ change: (inout Breakpoint) -> Void) throws {
    guard let index = breakpoints.firstIndex(where: { $0.number == number }) else {
      throw DebuggerError.noBreakpoint(number)
    }
    change(&breakpoints[index])
  }

  package mutating func deleteBreakpoints(_ numbers: [Int]) throws {
    if numbers.isEmpty {
      breakpoints.removeAll()
      return
    }
    for n in numbers {
      guard breakpoints.contains(where: { $0.number == n }) else { throw DebuggerError.noBreakpoint(n) }
      breakpoints.removeAll { $0.number == n }
    }
  }

  /// Gate indices (by window) that have an enabled window breakpoint, for the gate raster.
  package var breakpointWindows: Set<Int> {
    Set(breakpoints.compactMap { bp in
      if case .window(let w) = bp.kind, bp.isEnabled { return w }
      return nil
    })
  }

  // MARK: Running

  /// Runs until `target`, a breakpoint, the end of the data, or `budget` ticks (for a UI that
  /// wants to redraw); returns the stop, or nil when the budget ran out first.
  package mutating func run(_ target: RunTarget, budget: Int = .max) throws -> StopEvent? {
    let start = source.tick
    let startWindow = position.window
    let lastWindow = (source.timeModel.cycle?.length ?? 1) - 1
    // A cycle's learning ends one tick after its last window (the chip applies the rule in the
    // tick after the spikes that pair), so a cycle ends at the next window 0.
    var passedLastWindow = startWindow == lastWindow
    let stopsAtBreakpoints: Bool
    if case .gotoTick = target { stopsAtBreakpoints = false } else { stopsAtBreakpoints = true }
    var executed = 0
    while executed < budget {
      if let reason = destinationReached(target) { return stop(reason, nil) }
      guard try source.step() else { return stop("end of data", nil) }
      executed += 1
      afterTick()
      if history != nil { keepHistory() }
      if stopsAtBreakpoints, let hit = try checkBreakpoints() { return hit }
      switch target {
      case .ticks(let n) where source.tick - start >= Int64(n): return stop("step", nil)
      case .nextWindow where position.window != startWindow || startWindow == nil: return stop("next window", nil)
      case .cycleEnd where position.window == 0 && passedLastWindow: return stop(cycleEndReason, nil)
      default: if let reason = destinationReached(target) { return stop(reason, nil) }
      }
      if position.window == lastWindow { passedLastWindow = true }
    }
    return nil
  }

  /// Names the cycle that just ended (the session stands in the window 0 after it).
  var cycleEndReason: String {
    guard let cycle = changesCycle else { return "end of cycle" }
    let unit = source.timeModel.unit
    return unit == "cycle" ? "end of cycle \(cycle)" : "end of \(unit) \(cycle)'s cycle"
  }

  /// Whether a tick or cycle target is where the session stands (it may be there already).
  private func destinationReached(_ target: RunTarget) -> String? {
    switch target {
    case .tick(let t) where source.tick >= t: return "reached tick \(source.tick)"
    case .gotoTick(let t) where source.tick >= t: return "goto"
    case .cycle(let n) where (position.cycle ?? -1) >= n && position.window == 0:
      return "reached \(source.timeModel.unit) \(n)"
    default: return nil
    }
  }

  mutating func stop(_ reason: String, _ breakpoint: Int?) -> StopEvent {
    let event = StopEvent(reason: reason, position: position, breakpoint: breakpoint)
    lastStop = event
    isRunning = false
    // gdb highlights the registers a stop changed; the screens do the same with the chip's state.
    previousStopChip = latestStopChip
    latestStopChip = source.chip
    return event
  }

  /// The chip as it stood at the stop before the latest one (what "changed since the last stop"
  /// compares against), for live sources.
  package var stopBaseline: Chip? {
    guard let latest = latestStopChip, latest.tick == source.tick else { return latestStopChip }
    return previousStopChip
  }

  /// Bookkeeping after every tick, kept to counts and the tick's weight changes so that running
  /// to a breakpoint costs little over emulating: the audit, and the cycle's weight changes.
  /// (Spikes stay where the source keeps them; the screens read them there.)
  mutating func afterTick() {
    let window = position.window
    if let window, window < silentInWindow.count {
      for p in silentInWindow[window] where source.spikeCount(of: p) > 0 {
        violations.append((source.tick, p))
        if violations.count > 256 { violations.removeFirst(violations.count - 256) }
      }
    }
    // Learning lags its spikes by a tick: what window 0 learns (the last window's pairings) still
    // belongs to the cycle before, so a cycle's changes start in its window 1.
    trackWeightChanges(cycleStart: window == 1 || (window == 0 && source.timeModel.cycle?.length == 1))
  }

  private mutating func trackWeightChanges(cycleStart: Bool) {
    guard !trackedGroups.isEmpty, let chip = source.chip else { return }
    let groups = source.connectionGroups
    for g in trackedGroups {
      if cycleStart { cycleChanges[g]!.startCycle() }
      let (synapses, from) = chip.weightChangeLists(groups[g].primary)
      cycleChanges[g]!.record(synapses: synapses, from: from, tick: chip.tick)
    }
  }

  private mutating func checkBreakpoints() throws -> StopEvent? {
    guard !breakpoints.isEmpty else { return nil }
    var values = breakpoints.map(\.watchedValue)
    let matches = try matchingBreakpoints(watchValues: &values)
    for i in breakpoints.indices { breakpoints[i].watchedValue = values[i] }
    for (i, report) in matches {
      breakpoints[i].hits += 1
      if breakpoints[i].ignoreCount > 0 {
        breakpoints[i].ignoreCount -= 1
        continue
      }
      let number = breakpoints[i].number
      let reason = stopReason(breakpoints[i], report: report)
      if breakpoints[i].isTemporary { breakpoints.remove(at: i) }
      return stop(reason, number)
    }
    return nil
  }

  /// The enabled breakpoints that the tick just executed matches (their condition true), in
  /// order, each with what its watch saw; every watchpoint's value in `watchValues` (parallel to
  /// `breakpoints`) moves on to this tick. Nothing else changes, so a reverse search can ask too.
  func matchingBreakpoints(watchValues: inout [Int64?]) throws -> [(index: Int, report: String)] {
    let window = position.window
    var matches: [(index: Int, report: String)] = []
    for i in breakpoints.indices where breakpoints[i].isEnabled {
      let matched: Bool
      var report = ""
      switch breakpoints[i].kind {
      case .window(let w): matched = window == w
      case .sample(let n):
        matched = window != nil && window == source.sampleOutcomeWindow && (n == nil || position.cycle == n)
      case .spike(let p, let neuron):
        matched = source.spikeCount(of: p) > 0 && (neuron.map { source.spikes(of: p).contains($0) } ?? true)
      case .audit:
        matched = violations.last?.tick == source.tick
      case .watch(let watch):
        let before = watchValues[i]
        let (now, changed) = try watchState(watch, previous: before)
        watchValues[i] = now
        matched = changed
        if changed { report = watchDescription(watch, before: before, after: now) }
      }
      guard matched else { continue }
      if let condition = breakpoints[i].condition, try condition.evaluate(in: ConditionContext(session: self)) == 0 {
        continue
      }
      matches.append((i, report))
    }
    return matches
  }

  /// `breakpoint 2`, `watchpoint 3 (w2[o=3, h=17]: 54 → 56)`, `breakpoint 1 (audit: …)`.
  func stopReason(_ breakpoint: Breakpoint, report: String) -> String {
    let number = breakpoint.number
    switch breakpoint.kind {
    case .watch:
      return (breakpoint.isTemporary ? "temporary watchpoint \(number)" : "watchpoint \(number)") + " (\(report))"
    case .audit:
      var reason = breakpoint.isTemporary ? "temporary breakpoint \(number)" : "breakpoint \(number)"
      if let last = violations.last {
        reason += " (audit: \(source.populations[last.population].name) spiked outside its windows)"
        // In the source's terms where it can tell (nBP: the veto and the sum it lost against).
        if let neuron = source.spikes(of: last.population).first,
          let why = source.explainSpike(of: last.population, neuron: neuron)
        {
          reason += " — " + why
        }
      }
      return reason
    default:
      return breakpoint.isTemporary ? "temporary breakpoint \(number)" : "breakpoint \(number)"
    }
  }
}

extension Session {
  /// A watch's value now, and whether it fired: a comparison that became true, any other value
  /// that changed; a whole matrix fires on any weight changed in the last tick.
  func watchState(_ watch: Watch, previous: Int64?) throws -> (value: Int64?, fired: Bool) {
    switch watch {
    case .weight(let g, let pre, let post):
      guard let chip = source.chip else { return (nil, false) }
      let value = chip.weight(source.connectionGroups[g].primary, pre: pre, post: post).map(Int64.init)
      return (value, previous != nil && value != previous)
    case .matrix(let g):
      guard let chip = source.chip else { return (nil, false) }
      let changes = chip.weightChanges(source.connectionGroups[g].primary).filter { $0.from != $0.to }
      return (Int64(changes.count), !changes.isEmpty)
    case .expression(let condition):
      let value = try condition.evaluate(in: ConditionContext(session: self))
      if condition.isComparison { return (value, value != 0 && previous == 0) }
      return (value, previous != nil && value != previous)
    }
  }

  /// `w2[o=3, h=17]: 54 → 56`, `v(h1[3]) > 60000 became true`, `count(h1): 3 → 7`, `w1: 124 weights changed`.
  func watchDescription(_ watch: Watch, before: Int64?, after: Int64?) -> String {
    switch watch {
    case .weight(let g, let pre, let post):
      let group = source.connectionGroups[g]
      return "\(group.name)[\(group.pre.name)=\(pre), \(group.post.name)=\(post)]: \(before.map(String.init) ?? "?") → \(after.map(String.init) ?? "?")"
    case .matrix(let g):
      return "\(source.connectionGroups[g].name): \(after ?? 0) weights changed"
    case .expression(let condition):
      if condition.isComparison { return "\(condition) became true" }
      return "\(condition): \(before.map(String.init) ?? "?") → \(after.map(String.init) ?? "?")"
    }
  }
}

/// Values for breakpoint conditions at the session's current tick.
struct ConditionContext: Condition.Environment {
  let session: Session

  var sample: SampleRecord? { session.position.cycle.flatMap { session.source.sample(ofCycle: $0) } }

  func value(of name: String) throws -> Int64 {
    let position = session.position
    switch name {
    case "tick": return position.tick
    case "sample", "cycle": return Int64(position.cycle ?? -1)
    case "window": return Int64(position.window ?? -1)
    case "label": return Int64(sample?.label ?? -1)
    case "prediction": return Int64(sample?.prediction ?? -1)
    case "error": return (sample?.isError ?? false) ? 1 : 0
    case "true": return 1
    case "false": return 0
    default: throw DebuggerError.notAvailable("unknown name '\(name)' in condition")
    }
  }

  func count(_ population: String) throws -> Int64 {
    Int64(session.source.spikeCount(of: try session.population(named: population)))
  }

  private func neuron(_ population: String, _ index: Int) throws -> (Chip, PopulationID) {
    let p = try session.population(named: population)
    guard index >= 0, index < session.source.populations[p].size else {
      throw DebuggerError.indexOutOfRange(population: population, index: index, size: session.source.populations[p].size)
    }
    guard let chip = session.source.chip, !session.source.populations[p].isGenerator else {
      throw DebuggerError.notAvailable("u and v of '\(population)' are not available (\(session.source.isLive ? "a generator has no state" : "the trace holds spikes only"))")
    }
    return (chip, PopulationID(p))
  }

  func current(_ population: String, _ index: Int) throws -> Int64 {
    let (chip, p) = try neuron(population, index)
    return Int64(chip.current(p, index))
  }

  func voltage(_ population: String, _ index: Int) throws -> Int64 {
    let (chip, p) = try neuron(population, index)
    return Int64(chip.voltage(p, index))
  }

  func spiked(_ population: String, _ index: Int) throws -> Int64 {
    let p = try session.population(named: population)
    return session.source.spikes(of: p).contains(index) ? 1 : 0
  }
}
