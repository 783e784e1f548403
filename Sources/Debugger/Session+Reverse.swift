/// Running backwards: a live source returns to an earlier tick by restoring the nearest keyframe
/// of its ``History`` and re-executing; a replay seeks. Either way every observable (u, v,
/// refractory counters, traces, weights, the random generator, the last tick's spikes, sample
/// records, the cycle's weight changes) is what it was when the run first stood at that tick.
extension Session {
  /// Whether the session can move to ticks behind it.
  package var canReverse: Bool { !source.isLive || history != nil }

  /// Takes a keyframe of the source and of the session's own bookkeeping.
  mutating func takeKeyframe() {
    guard let checkpoint = source.checkpoint() else { return }
    let session = SessionCheckpoint(cycleChanges: cycleChanges.mapValues(\.saved), violations: violations)
    history?.add(History.Keyframe(source: checkpoint, session: session))
  }

  /// After a tick run forward: a keyframe where one is due on ground not run before. With a
  /// cycle, keyframes fall on window 1, where the cycle's list of weight changes is shortest.
  mutating func keepHistory() {
    let tick = source.tick
    let aligned = source.timeModel.cycle.map { position.window == ($0.length > 1 ? 1 : 0) } ?? true
    if history!.isDue(at: tick, aligned: aligned) { takeKeyframe() }
    history!.advance(to: tick)
  }

  /// Moves to `target` past breakpoints, as `goto` does, by restoring the keyframe nearest
  /// before it and re-executing: backwards, or forwards over ground already run. A replay seeks.
  mutating func travel(to target: Int64) throws {
    let target = max(0, target)
    guard source.isLive else {
      // With a rebuilt chip and a cycle, land a cycle early and run the rest through the
      // session's bookkeeping, so the cycle's weight changes are those a live run shows.
      if let cycle = source.timeModel.cycle, !cycleChanges.isEmpty, target > Int64(cycle.length) {
        try source.seek(to: target - Int64(cycle.length) - 1)
        while source.tick < target {
          guard try source.step() else { break }
          afterTick()
        }
      } else {
        try source.seek(to: target)
      }
      resetWatchValues()
      return
    }
    guard let history else { throw DebuggerError.backwardsInLive(requested: target, current: source.tick) }
    // Far enough back that re-executing rebuilds every tick of the spike history the screens show
    // (or from where the history begins: a resumed recording's has nothing before).
    guard target >= historyStart else {
      throw DebuggerError.notAvailable(
        "the history begins at tick \(historyStart) (where this live run began); tick \(target) is before it")
    }
    let from = max(historyStart, target - Int64(source.ticksToCompleteHistory))
    guard let keyframe = history.latest(atOrBefore: from) else {
      throw DebuggerError.notAvailable("the history does not reach back to tick \(target)")
    }
    try restore(keyframe)
    while source.tick < target {
      guard try source.step() else { break }
      afterTick()
    }
    resetWatchValues()
  }

  private mutating func restore(_ keyframe: History.Keyframe) throws {
    try source.restore(keyframe.source)
    for (g, saved) in keyframe.session.cycleChanges { cycleChanges[g]?.restore(saved) }
    violations = keyframe.session.violations
  }

  /// Each watchpoint measures its next change from where the session now stands.
  private mutating func resetWatchValues() {
    for i in breakpoints.indices {
      if case .watch(let watch) = breakpoints[i].kind {
        breakpoints[i].watchedValue = try? watchState(watch, previous: nil).value
      }
    }
  }

  /// Whether going forward to `target` is quicker from a keyframe than by running on: the run
  /// has been there before, and a keyframe lies between here and there.
  func jumpsForward(to target: Int64) -> Bool {
    guard source.isLive, let history, target > source.tick, target <= history.frontier else { return false }
    let from = target - Int64(source.ticksToCompleteHistory)
    return (history.latest(atOrBefore: from)?.tick ?? 0) > source.tick
  }

  /// Moves back to `target` and stops there with `reason`.
  /// A relative move (reverse-step, -next, -cycle) that would pass the start stops there.
  mutating func reverse(to target: Int64, reason: String) throws -> StopEvent {
    guard source.tick > historyStart else {
      throw DebuggerError.notAvailable("already at tick \(source.tick), the start of \(startName)")
    }
    guard target > historyStart else {
      try travel(to: historyStart)
      return stop("reverse to the start of \(startName)", nil)
    }
    try travel(to: target)
    return stop(reason, nil)
  }

  /// An absolute move back (goto, until): to exactly `target`, or an error before the history.
  mutating func moveBack(to target: Int64, reason: String) throws -> StopEvent {
    try travel(to: target)
    return stop(reason, nil)
  }

  /// The first tick a reverse move can reach: 0, or where a resumed recording went live.
  var historyStart: Int64 { source.isLive ? (history?.keyframes.first?.tick ?? 0) : 0 }

  private var startName: String { historyStart == 0 ? "the run" : "the history" }

  /// The latest tick t < now whose window satisfies `test`, within one cycle.
  func previousTick(where test: (Int) -> Bool) -> Int64? {
    guard let cycle = source.timeModel.cycle else { return nil }
    var t = source.tick - 1
    while t >= 0 && t >= source.tick - Int64(cycle.length) {
      if let window = source.timeModel.position(of: t).window, test(window) { return t }
      t -= 1
    }
    return nil
  }

  /// Back to the latest tick before this one at which a breakpoint or watchpoint stops (its
  /// condition true; ignore counts do not apply backwards), or to tick 0 if none does.
  ///
  /// Searches one keyframe interval at a time, nearest first: restore the keyframe, re-execute
  /// the interval checking breakpoints after every tick, keep the last hit.
  mutating func reverseContinue() throws -> StopEvent {
    guard source.tick > historyStart else {
      throw DebuggerError.notAvailable("already at tick \(source.tick), the start of \(startName)")
    }
    guard canReverse else { throw DebuggerError.backwardsInLive(requested: 0, current: source.tick) }
    var end = source.tick  // hits are searched at ticks < end
    while let start = try rewindForScan(before: end) {
      var values = breakpoints.map { bp -> Int64? in
        if case .watch(let watch) = bp.kind { return try? watchState(watch, previous: nil).value }
        return nil
      }
      var found: (tick: Int64, index: Int, report: String)?
      while source.tick < end - 1 {
        guard try source.step() else { break }
        afterTick()
        if let first = try matchingBreakpoints(watchValues: &values).first {
          found = (source.tick, first.index, first.report)
        }
      }
      if let found {
        try travel(to: found.tick)
        breakpoints[found.index].hits += 1
        let breakpoint = breakpoints[found.index]
        if breakpoint.isTemporary { breakpoints.remove(at: found.index) }
        return stop(stopReason(breakpoint, report: found.report), breakpoint.number)
      }
      end = start + 1
    }
    try travel(to: historyStart)
    return stop("no breakpoint before; reached the start of \(startName)", nil)
  }

  /// Ticks a replay searches backwards per pass (it seeks; there are no keyframes to follow).
  static let replayScanInterval: Int64 = 4096

  /// For searches that run backwards one interval at a time, nearest first: puts the source at
  /// the start of the interval that ends before `end` (a keyframe restored live, a seek in a
  /// replay) and returns that start, strictly before `end - 1` so that every pass searches at
  /// least one tick; nil once the history's start is reached. The caller then steps forward to
  /// `end - 1`, running `afterTick()`, and continues with `end = start + 1`.
  mutating func rewindForScan(before end: Int64) throws -> Int64? {
    guard end > 1 else { return nil }
    guard source.isLive else {
      let start = max(0, end - 1 - Self.replayScanInterval)
      try source.seek(to: start)
      return start
    }
    guard let keyframe = history?.latest(atOrBefore: end - 2) else { return nil }
    try restore(keyframe)
    return keyframe.tick
  }

  /// `resume`: a replay with full state becomes a live run from the tick it stands on; its
  /// history begins there.
  mutating func resumeLive() throws -> String {
    guard let replay = source as? ReplaySource else {
      throw DebuggerError.notAvailable("resume continues a recording live; this session runs live already")
    }
    source = try replay.resumed()
    history = emptyHistory
    if history != nil { takeKeyframe() }
    previousStopChip = nil
    latestStopChip = source.chip
    return "resumed live at \(position)" + (history == nil ? " (no history: reverse execution is off)" : "; reverse moves reach back to here")
  }
}
