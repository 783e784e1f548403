import Suggestions
import Foundation
import Loihi

extension Session {
  func info(_ arguments: [String], line: String) throws -> [String] {
    switch arguments.first ?? "" {
    case "marks":
      guard !marks.isEmpty else { return ["no bookmarks (mark NAME sets one)"] }
      return marks.sorted { $0.value < $1.value }.map { "@\($0.key)  \(source.timeModel.position(of: $0.value))" }
    case "history":
      guard let history else {
        return [source.isLive ? "no history: reverse execution is off (--history-memory 0)" : "replay: every tick of the trace is reachable"]
      }
      return [history.summary, "run so far: ticks 0–\(history.frontier); reverse moves re-execute at most \(history.spacing + Int64(source.ticksToCompleteHistory)) ticks"]
    case "breakpoints", "break", "b", "watchpoints", "watch":
      let watchesOnly = arguments.first?.hasPrefix("watch") == true
      let shown = breakpoints.filter { !watchesOnly || $0.kind.isWatchpoint }
      guard !shown.isEmpty else { return [watchesOnly ? "no watchpoints" : "no breakpoints"] }
      var lines = ["Num  Type        Enb  Hits  What"]
      for bp in shown {
        let type = bp.kind.isWatchpoint ? "watchpoint" : bp.isTemporary ? "tbreakpoint" : "breakpoint"
        lines.append(
          String(bp.number).padding(toLength: 5, withPad: " ", startingAt: 0)
            + type.padding(toLength: 12, withPad: " ", startingAt: 0) + (bp.isEnabled ? "y    " : "n    ")
            + String(bp.hits).padding(toLength: 6, withPad: " ", startingAt: 0) + bp.what
            + (bp.conditionText.map { " if \($0)" } ?? "") + (bp.ignoreCount > 0 ? " (ignore next \(bp.ignoreCount))" : ""))
      }
      return lines
    case "phase":
      let p = position
      guard let window = p.window else {
        if p.isAfterLastCycle { return ["\(p): the tick in which the last \(p.unit)'s final learning happens"] }
        return [p.hasCycles ? "\(p); the gating chain has not opened a window yet" : "\(p); this source has no gating cycle"]
      }
      let allowed = source.populations.filter { $0.windows.contains(window) && $0.role != .gate }.map(\.name)
      let spiking = source.populations.indices.filter { source.spikeCount(of: $0) > 0 }.map {
        "\(source.populations[$0].name)(\(source.spikeCount(of: $0)))"
      }
      return [
        "\(p)", "may spike: " + (allowed.isEmpty ? "none (a spacer/reset window)" : allowed.joined(separator: " ")),
        "spiked this tick: " + (spiking.isEmpty ? "nothing" : spiking.joined(separator: " ")),
      ]
    case "sample":
      guard source.sampleOutcomeWindow != nil else {
        throw DebuggerError.notAvailable("this source has no samples (its cycles do not present a data set)")
      }
      // Window 0 finishes the cycle before (its last learning lands there): show that sample.
      guard let cycle = changesCycle ?? position.cycle, let record = source.sample(ofCycle: cycle) else {
        return ["no sample yet at \(position)"]
      }
      func bits(_ v: [Bool]?) -> String { v.map { $0.map { $0 ? "1" : "0" }.joined() } ?? "(not yet)" }
      var lines = ["sample \(cycle) (data index \(record.sampleIndex)): label \(record.label), prediction \(record.predictionText)" + (record.isError.map { $0 ? " · error" : " · correct" } ?? "")]
      lines.append("output o:    \(bits(record.output))" + (record.preActivation.map { "   a2 \($0)" } ?? ""))
      if record.errorPlus != nil || position.window.map({ $0 < (source.sampleOutcomeWindow ?? 0) }) == true {
        lines.append("error  d+:   \(bits(record.errorPlus))")
        lines.append("error  d-:   \(bits(record.errorMinus))")
      }
      return lines
    case "cycle":
      guard source.chip != nil else { return ["weights are not available in this source (the trace holds spikes only)"] }
      let groups = source.connectionGroups
      let plastic = groups.indices.filter { groups[$0].isPlastic }
      guard !plastic.isEmpty else { return ["no plastic connections: no weight changes"] }
      let since =
        source.timeModel.cycle == nil
        ? "since tick 0" : changesCycle.map { "\(source.timeModel.unit) \($0), window 1 to the next window 0" } ?? "before the first cycle"
      var lines = ["weights changed in this cycle (\(since)):"]
      for g in plastic {
        guard let changes = cycleChanges[g], let chip = source.chip else { continue }
        lines += changeSummary(of: groups[g], changes: changes, chip: chip)
      }
      if groups.contains(where: { $0.connections.count > 1 }) { lines.append(copiesLine()) }
      return lines
    case "populations", "pop":
      return source.populations.map {
        let windows = $0.windows.isEmpty ? "any" : $0.windows.sorted().map(String.init).joined(separator: ",")
        return "\($0.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String($0.size).padding(toLength: 5, withPad: " ", startingAt: 0)) \($0.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) windows \(windows)"
      }
    default:
      let topics = ["breakpoints", "watchpoints", "marks", "history", "phase", "sample", "cycle", "populations"]
      throw DebuggerError.syntax(
        command: line, column: line.count + 1 - (arguments.first?.count ?? 0),
        expected: topics.joined(separator: ", ") + (arguments.first.flatMap { closestName(to: $0, among: topics) }.map { " (did you mean '\($0)'?)" } ?? ""))
    }
  }

  /// `w2: 42 changed (40 up, 2 down)`, then where: one line per row of the group as the screens
  /// draw it, `w2 row o=2: 40 × +2 in window 5 (W2 potentiation)`. A change is put in the window of
  /// the pairing that caused it (learning runs one tick after its spikes).
  func changeSummary(of group: ConnectionGroup, changes: CycleChanges, chip: Chip) -> [String] {
    let connection = chip.network[group.primary]
    let current = chip.synapseWeights(group.primary)
    var up = 0
    var down = 0
    var byRow: [Int: [String: Int]] = [:]
    for (k, synapse) in changes.synapses.enumerated() {
      let s = Int(synapse)
      let delta = current[s] - (changes.originalWeight(of: s) ?? current[s])
      if delta > 0 { up += 1 } else if delta < 0 { down += 1 } else { continue }
      let (pre, post) = connection.endpoints(ofSynapse: s)
      var key = (delta > 0 ? "+" : "−") + String(abs(delta))
      if let cycle = source.timeModel.cycle {
        let window = cycle.window(of: changes.lastTicks[k] - 1)
        key += " in window \(window) (\(cycle.windowNames[window]))"
      }
      byRow[group.rowsArePost ? post : pre, default: [:]][key, default: 0] += 1
    }
    var lines = ["  \(group.name): \(up + down) changed (\(up) up, \(down) down)"]
    let axis = group.rowsArePost ? group.post.name : group.pre.name
    let shown = 8
    for row in byRow.keys.sorted().prefix(shown) {
      let parts = byRow[row]!.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) × \($0.key)" }
      lines.append("    \(group.name) row \(axis)=\(row): " + parts.joined(separator: ", "))
    }
    if byRow.count > shown {
      lines.append("    … \(byRow.count - shown) more rows (print \(group.name)[\(axis)=i] shows one)")
    }
    return lines
  }

  /// The cycle whose changes `cycleChanges` holds: at window 0 still the one before (its last
  /// window's learning happens then).
  var changesCycle: Int? {
    guard let cycle = position.cycle, let window = position.window else { return nil }
    if window == 0 && (source.timeModel.cycle?.length ?? 1) > 1 { return cycle > 0 ? cycle - 1 : nil }
    return cycle
  }

  /// Whether the copies of each connection group are still identical (they must be).
  func copiesLine() -> String {
    guard let chip = source.chip else { return "" }
    var diverged: [String] = []
    for group in source.connectionGroups where group.connections.count > 1 {
      let reference = chip.synapseWeights(group.primary)
      for copy in group.connections.dropFirst() where chip.synapseWeights(copy) != reference {
        diverged.append(chip.network[copy].name)
      }
    }
    return diverged.isEmpty ? "  copies: all identical" : "  copies DIVERGED: " + diverged.joined(separator: ", ")
  }

  /// `print u(h1[3])`, `print count(h1)`, `print w2[o=3]`, or any condition expression.
  func printValue(_ text: String, line: String) throws -> String {
    guard !text.isEmpty else {
      throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "an expression, e.g. u(h1[3]) or w2[o=3]")
    }
    if let vector = try weightVector(text, line: line) { return vector }
    let condition = try Condition.parse(text, command: line, offset: line.count - text.count)
    return "\(text) = \(try condition.evaluate(in: ConditionContext(session: self)))"
  }

  /// `w2[o=3]` (a column or row), `w2[o=3, h=17]` (one synapse), and the same for any group as
  /// `w(NAME)[AXIS=i]` (`w(in->a)[pre=1]`); axes are named as the group names them, or pre/post.
  private func weightVector(_ text: String, line: String) throws -> String? {
    guard let reference = try WeightReference.parse(text, groups: source.connectionGroups, populations: source.populations.map(\.name), line: line) else {
      return nil
    }
    let group = source.connectionGroups[reference.group]
    guard source.chip != nil else {
      throw DebuggerError.notAvailable("weights are not available in this source (the trace holds spikes only)")
    }
    // Read synapse by synapse: the group's dense matrix may be far too large to build.
    func value(_ pre: Int, _ post: Int) -> Int32 { weight(group: reference.group, pre: pre, post: post) ?? 0 }
    func vector(_ values: [Int32]) -> String {
      let shown = values.prefix(Self.printedValues).map(String.init).joined(separator: ", ")
      let more = values.count > Self.printedValues ? ", …" : ""
      return "\(text) = [\(shown)\(more)] (\(values.count) values, min \(values.min() ?? 0), max \(values.max() ?? 0))"
    }
    switch (reference.pre, reference.post) {
    case (let pre?, let post?):
      return "\(text) = \(value(pre, post))"
    case (let pre?, nil):
      return vector((0..<group.post.size).map { value(pre, $0) })
    case (nil, let post?):
      return vector((0..<group.pre.size).map { value($0, post) })
    case (nil, nil):
      return nil
    }
  }

  /// The most values a printed weight row or column lists (min and max cover them all).
  static let printedValues = 4096
}
