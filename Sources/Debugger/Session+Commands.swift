import Suggestions
import Foundation
import Loihi

/// The outcome of one command line.
package struct CommandResult: Sendable {
  /// What to print (at least one line for every command).
  package var lines: [String]
  /// The stop, if the command ran the chip.
  package var stop: StopEvent?
  package var isError = false
  package var quit = false
  /// For a UI: start running in the background (`run`), or pause.
  package var startRunning = false
  /// File work the debugger leaves to its caller (it does no file I/O itself): write `text` to
  /// `path` (`save breakpoints`), or read `path` and run its lines (`source`).
  package var fileEffect: FileEffect?
}

/// A file operation a command asks its caller to perform.
package enum FileEffect: Hashable, Sendable {
  case write(path: String, text: String)
  case source(path: String)
}

/// One entry of the command table: the single source for `help`, completion and suggestions.
package struct CommandInfo: Sendable {
  package let name: String
  package let aliases: [String]
  package let usage: String
  package let help: String
}

extension Session {
  package static let commands: [CommandInfo] = [
    CommandInfo(name: "step", aliases: ["s"], usage: "step [N]", help: "run N ticks (default 1)"),
    CommandInfo(name: "next", aliases: ["n"], usage: "next", help: "run to the next gating window"),
    CommandInfo(name: "cycle", aliases: ["f", "finish"], usage: "cycle", help: "run to the end of the gating cycle (the next window 0, where its last learning lands)"),
    CommandInfo(name: "continue", aliases: ["c"], usage: "continue", help: "run until a breakpoint or the end of the data"),
    CommandInfo(name: "reverse-step", aliases: ["rs"], usage: "reverse-step [N]", help: "go back N ticks (default 1)"),
    CommandInfo(name: "reverse-next", aliases: ["rn"], usage: "reverse-next", help: "go back to the previous gating window"),
    CommandInfo(name: "reverse-cycle", aliases: ["rf"], usage: "reverse-cycle", help: "go back to the end of the previous gating cycle"),
    CommandInfo(
      name: "reverse-continue", aliases: ["rc"], usage: "reverse-continue",
      help: "go back to the previous breakpoint or watchpoint hit (or to tick 0)"),
    CommandInfo(name: "run", aliases: [], usage: "run", help: "run until a breakpoint (in the TUI: in the background, space pauses)"),
    CommandInfo(name: "pause", aliases: [], usage: "pause", help: "pause a background run"),
    CommandInfo(name: "until", aliases: [], usage: "until sample N | cycle N | tick T", help: "go to the start of sample (cycle) N or to tick T, forwards (stopping at breakpoints) or backwards"),
    CommandInfo(name: "goto", aliases: [], usage: "goto tick T | goto @NAME", help: "go to tick T or a bookmark, forwards or backwards, past breakpoints"),
    CommandInfo(name: "break", aliases: ["b"], usage: "break gate G | phase \"NAME\" | sample [N] | spike POP[i] | audit [if COND]", help: "set a breakpoint"),
    CommandInfo(name: "tbreak", aliases: [], usage: "tbreak … (as break)", help: "set a breakpoint deleted after its first stop"),
    CommandInfo(
      name: "watch", aliases: [], usage: "watch w2[o=3, h=17] | w1 [if changed] | v(h1[3]) > 60000 | count(h1) [if COND]",
      help: "stop after the tick in which a value changed or a comparison became true, saying old and new"),
    CommandInfo(
      name: "why", aliases: [], usage: "why POP[i] [at tick T] | why not POP[i] | why W[a=i, b=j] [all]",
      help: "explain a neuron's tick (input by source and delay, bias, sum against the threshold, refractory) or a synapse's last changes (the pairing, the rule's terms, Δ)"),
    CommandInfo(name: "mark", aliases: [], usage: "mark NAME", help: "bookmark the current tick (goto @NAME returns to it)"),
    CommandInfo(
      name: "resume", aliases: [], usage: "resume",
      help: "continue a recording with snapshots live from the current tick"),
    CommandInfo(name: "save", aliases: [], usage: "save breakpoints FILE", help: "write the breakpoints and watchpoints as commands"),
    CommandInfo(name: "source", aliases: [], usage: "source FILE", help: "run the commands in FILE"),
    CommandInfo(name: "condition", aliases: [], usage: "condition N [COND]", help: "set or clear a breakpoint's condition"),
    CommandInfo(name: "ignore", aliases: [], usage: "ignore N COUNT", help: "skip the next COUNT hits of breakpoint N"),
    CommandInfo(name: "enable", aliases: [], usage: "enable [N…]", help: "enable breakpoints (all without numbers)"),
    CommandInfo(name: "disable", aliases: [], usage: "disable [N…]", help: "disable breakpoints (all without numbers)"),
    CommandInfo(name: "delete", aliases: ["d"], usage: "delete [N…]", help: "delete breakpoints (all without numbers)"),
    CommandInfo(name: "info", aliases: ["i"], usage: "info breakpoints | watchpoints | marks | history | phase | sample | cycle | populations", help: "describe the state"),
    CommandInfo(name: "print", aliases: ["p"], usage: "print u(h1[3]) | v(o[2]) | count(h1) | w2[o=3] | w(in->a)[pre=1] | EXPR", help: "print a value, a weight row or column, or one weight"),
    CommandInfo(name: "help", aliases: ["h"], usage: "help [COMMAND]", help: "list commands or describe one"),
    CommandInfo(name: "quit", aliases: ["q"], usage: "quit", help: "leave the debugger"),
  ]

  static func lookup(_ word: String) -> CommandInfo? {
    commands.first { $0.name == word || $0.aliases.contains(word) }
  }

  /// Parses and runs one command line (empty lines and `#` comments do nothing).
  package mutating func execute(_ line: String) -> CommandResult {
    let trimmed = line.trimmingWhitespace()
    guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return CommandResult(lines: []) }
    do {
      return try perform(trimmed)
    } catch let error as DebuggerError {
      return CommandResult(lines: ["error: \(error)"], isError: true)
    } catch {
      return CommandResult(lines: ["error: \(error)"], isError: true)
    }
  }

  private mutating func perform(_ line: String) throws -> CommandResult {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let command = Self.lookup(words[0]) else {
      throw DebuggerError.unknownCommand(
        words[0], suggestion: closestName(to: words[0], among: Self.commands.map(\.name)))
    }
    let arguments = Array(words.dropFirst())
    func number(_ index: Int, _ what: String) throws -> Int {
      guard index < arguments.count, let n = Int(arguments[index]), n >= 0 else {
        throw DebuggerError.syntax(command: line, column: column(of: index + 1, in: line), expected: what)
      }
      return n
    }
    func ran(_ stop: StopEvent?) -> CommandResult {
      CommandResult(lines: [stop?.line ?? "running"], stop: stop)
    }
    switch command.name {
    case "step": return ran(try run(.ticks(arguments.isEmpty ? 1 : max(1, try number(0, "a tick count")))))
    case "next":
      _ = try requireCycle(for: "next")
      return ran(try run(.nextWindow))
    case "cycle":
      _ = try requireCycle(for: "cycle")
      return ran(try run(.cycleEnd))
    case "continue": return ran(try run(.breakpoint))
    case "reverse-step":
      let n = arguments.isEmpty ? 1 : max(1, try number(0, "a tick count"))
      return ran(try reverse(to: source.tick - Int64(n), reason: "reverse step"))
    case "reverse-next":
      _ = try requireCycle(for: "reverse-next")
      let here = position.window
      guard let target = previousTick(where: { $0 != here }) else {
        return ran(try reverse(to: historyStart, reason: "reverse to the start"))
      }
      return ran(try reverse(to: target, reason: "previous window"))
    case "reverse-cycle":
      let cycle = try requireCycle(for: "reverse-cycle")
      // Cycles end in window 0, where the learning of their last window lands; the first
      // window 0 ends no cycle.
      guard let target = previousTick(where: { $0 == 0 }),
        cycle.length == 1 || (source.timeModel.position(of: target).cycle ?? 0) > 0
      else {
        return ran(try reverse(to: historyStart, reason: "reverse to the start"))
      }
      try travel(to: target)
      return ran(stop(cycleEndReason, nil))
    case "reverse-continue": return ran(try reverseContinue())
    case "run":
      isRunning = true
      return CommandResult(lines: ["running (until a breakpoint or the end of the data)"], startRunning: true)
    case "pause":
      isRunning = false
      return CommandResult(lines: ["paused at \(position)"])
    case "until":
      guard arguments.count == 2, ["sample", "cycle", "tick"].contains(arguments[0]) else {
        throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "'sample N', 'cycle N' or 'tick T'")
      }
      if arguments[0] == "tick" {
        let target = Int64(try number(1, "a tick"))
        if target < source.tick { return ran(try moveBack(to: target, reason: "reached tick \(target)")) }
        return ran(try run(.tick(target)))
      }
      let cycle = try requireCycle(for: "until \(arguments[0])")
      let n = try number(1, "a \(arguments[0]) number")
      let start = cycle.tick(cycle: n, window: 0)
      if start < source.tick { return ran(try moveBack(to: start, reason: "reached \(source.timeModel.unit) \(n)")) }
      return ran(try run(.cycle(n)))
    case "goto":
      let target: Int64
      if arguments.count == 1, arguments[0].hasPrefix("@") {
        let name = String(arguments[0].dropFirst())
        guard let tick = marks[name] else {
          throw DebuggerError.notAvailable(
            "no bookmark '\(name)'" + (closestName(to: name, among: marks.keys).map { " (did you mean '@\($0)'?)" } ?? ""))
        }
        target = tick
      } else {
        guard arguments.count == 2, arguments[0] == "tick" else {
          throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "'tick T' or '@NAME'")
        }
        target = Int64(try number(1, "a tick"))
      }
      let event: StopEvent
      if jumpsForward(to: target) {
        try travel(to: target)
        event = stop("goto", nil)
      } else if source.isLive && target >= source.tick {
        // Through the run loop, so the audit and the weight changes of every tick are kept.
        guard let stop = try run(.gotoTick(target)) else { return ran(nil) }
        event = stop
      } else if source.isLive {
        event = try moveBack(to: target, reason: "goto")
      } else {
        try travel(to: target)
        event = stop("goto", nil)
      }
      return CommandResult(lines: [event.line], stop: event)
    case "break", "tbreak":
      return CommandResult(lines: [try setBreakpoint(arguments, line: line, temporary: command.name == "tbreak")])
    case "watch":
      return CommandResult(lines: [try setWatchpoint(arguments, line: line)])
    case "why":
      // A synapse: `why w2[o=3, h=17]`, `why w2[o=3, h=17] all`.
      let all = arguments.last == "all"
      let target = (all ? arguments.dropLast() : arguments[...]).joined(separator: " ")
      let groupName = target.hasPrefix("w(") ? nil : target.prefix { $0 != "[" }
      if groupName.map({ name in source.connectionGroups.contains { $0.name == name } }) ?? true,
        let reference = try WeightReference.parse(
        target, groups: source.connectionGroups, populations: source.populations.map(\.name), line: line)
      {
        return CommandResult(lines: try explainSynapse(reference, limit: all ? .max : 3))
      }
      var words = arguments
      if words.first == "not" { words.removeFirst() }
      var at: Int64?
      if words.count == 4, words[1] == "at", words[2] == "tick" {
        guard let tick = Int64(words[3]), tick >= 0 else {
          throw DebuggerError.syntax(command: line, column: column(of: 4, in: line), expected: "a tick")
        }
        guard tick <= source.tick else {
          throw DebuggerError.notAvailable("tick \(tick) has not run yet (the session stands at tick \(source.tick))")
        }
        at = tick == source.tick ? nil : tick
        words = [words[0]]
      }
      guard words.count == 1 else {
        throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "POP[i] (why h1[17], why not o[3])")
      }
      let (name, neuron) = try parseNeuron(words[0], line: line)
      let p = try population(named: name)
      let index = neuron ?? 0
      guard index >= 0, index < source.populations[p].size else {
        throw DebuggerError.indexOutOfRange(population: name, index: index, size: source.populations[p].size)
      }
      guard let at else { return CommandResult(lines: try explain(population: p, neuron: index).lines) }
      // Explain an earlier tick where it happened, then come back.
      guard canReverse else { throw DebuggerError.backwardsInLive(requested: at, current: source.tick) }
      let here = source.tick
      try travel(to: at)
      let lines = Result { try explain(population: p, neuron: index).lines }
      try travel(to: here)
      return CommandResult(lines: try lines.get())
    case "resume":
      return CommandResult(lines: [try resumeLive()])
    case "mark":
      guard arguments.count == 1, !arguments[0].hasPrefix("@") else {
        throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "a bookmark name")
      }
      marks[arguments[0]] = source.tick
      return CommandResult(lines: ["bookmark @\(arguments[0]) at \(position)"])
    case "save":
      guard arguments.count == 2, arguments[0] == "breakpoints" else {
        throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "'breakpoints FILE'")
      }
      let text = breakpoints.map { bp -> String in
        let command = bp.command + (bp.conditionText.map { " if \($0)" } ?? "")
        return bp.isEnabled ? command : "# disabled: \(command)"
      }.joined(separator: "\n")
      var result = CommandResult(lines: ["saving \(breakpoints.count) breakpoints to \(arguments[1])"])
      result.fileEffect = .write(path: arguments[1], text: text + (text.isEmpty ? "" : "\n"))
      return result
    case "source":
      guard arguments.count == 1 else {
        throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "a file name")
      }
      var result = CommandResult(lines: ["running the commands in \(arguments[0])"])
      result.fileEffect = .source(path: arguments[0])
      return result
    case "condition":
      let n = try number(0, "a breakpoint number")
      let text = arguments.dropFirst().joined(separator: " ")
      let condition = text.isEmpty ? nil : try Condition.parse(text, command: line, offset: column(of: 2, in: line) - 1)
      if let condition { try check(condition) }
      try withBreakpoint(n) {
        $0.condition = condition
        $0.conditionText = text.isEmpty ? nil : text
      }
      return CommandResult(lines: [text.isEmpty ? "breakpoint \(n) is now unconditional" : "breakpoint \(n) stops only if \(text)"])
    case "ignore":
      let n = try number(0, "a breakpoint number")
      let count = try number(1, "a count")
      try withBreakpoint(n) { $0.ignoreCount = count }
      return CommandResult(lines: ["will ignore the next \(count) hits of breakpoint \(n)"])
    case "enable", "disable", "delete":
      let numbers = try arguments.indices.map { try number($0, "a breakpoint number") }
      if command.name == "delete" {
        try deleteBreakpoints(numbers)
      } else {
        let targets = numbers.isEmpty ? breakpoints.map(\.number) : numbers
        for n in targets { try withBreakpoint(n) { $0.isEnabled = command.name == "enable" } }
      }
      let which = numbers.isEmpty ? "all breakpoints" : "breakpoint" + (numbers.count > 1 ? "s " : " ") + numbers.map(String.init).joined(separator: ", ")
      return CommandResult(lines: ["\(which) \(command.name)d"])
    case "info": return CommandResult(lines: try info(arguments, line: line))
    case "print": return CommandResult(lines: [try printValue(arguments.joined(separator: " "), line: line)])
    case "help": return CommandResult(lines: help(arguments.first))
    case "quit": return CommandResult(lines: ["bye"], quit: true)
    default: throw DebuggerError.unknownCommand(words[0], suggestion: nil)
    }
  }

  /// Column (1-based) where word `index` of `line` starts, for error carets.
  private func column(of index: Int, in line: String) -> Int {
    var seen = -1
    var inWord = false
    for (offset, character) in line.enumerated() {
      if character == " " {
        inWord = false
      } else if !inWord {
        inWord = true
        seen += 1
        if seen == index { return offset + 1 }
      }
    }
    return line.count + 1
  }

  private mutating func setBreakpoint(_ arguments: [String], line: String, temporary: Bool) throws -> String {
    // Split off `if CONDITION`.
    var words = arguments
    var conditionText: String?
    var condition: Condition?
    if let i = words.firstIndex(of: "if") {
      conditionText = words[(i + 1)...].joined(separator: " ")
      let offset = column(of: i + 2, in: line) - 1
      guard let text = conditionText, !text.isEmpty else {
        throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "a condition after 'if'")
      }
      condition = try Condition.parse(text, command: line, offset: offset)
      try check(condition!)
      words = Array(words[..<i])
    }
    guard let kindWord = words.first else {
      throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "gate, phase, sample, spike or audit")
    }
    let kind: BreakpointKind
    let what: String
    switch kindWord {
    case "gate":
      guard words.count == 2 else {
        throw DebuggerError.syntax(command: line, column: column(of: 2, in: line), expected: "a gate name like g05")
      }
      let cycle = try requireCycle(for: "break gate")
      guard let window = cycle.window(openedBy: words[1]) else {
        throw DebuggerError.unknownPopulation(words[1], suggestion: closestName(to: words[1], among: cycle.gateNames))
      }
      kind = .window(window)
      what = "gate \(words[1]) (window \(window), \(cycle.windowNames[window]))"
    case "phase":
      let cycle = try requireCycle(for: "break phase")
      let name = words.dropFirst().joined(separator: " ").trimmingCharacters(in: "\"")
      guard let window = cycle.windowNames.firstIndex(of: name) else {
        throw DebuggerError.unknownPhase(name, suggestion: closestName(to: name, among: cycle.windowNames))
      }
      kind = .window(window)
      what = "phase \"\(name)\" (window \(window))"
    case "sample":
      guard source.sampleOutcomeWindow != nil else {
        throw DebuggerError.notAvailable("break sample needs a source whose cycles present samples (the nBP circuit on a data set)")
      }
      let n = words.count > 1 ? Int(words[1]) : nil
      if words.count > 1 && n == nil {
        throw DebuggerError.syntax(command: line, column: column(of: 2, in: line), expected: "a sample number")
      }
      kind = .sample(n)
      what = n.map { "sample \($0)" } ?? "every sample"
    case "spike":
      guard words.count == 2 else {
        throw DebuggerError.syntax(command: line, column: column(of: 2, in: line), expected: "a population or POP[i]")
      }
      let (name, neuron) = try parseNeuron(words[1], line: line)
      let p = try population(named: name)
      if let neuron, neuron >= source.populations[p].size {
        throw DebuggerError.indexOutOfRange(population: name, index: neuron, size: source.populations[p].size)
      }
      kind = .spike(population: p, neuron: neuron)
      what = "spike \(words[1])"
    case "audit":
      _ = try requireCycle(for: "break audit")
      kind = .audit
      what = "audit (a population spiking outside its windows)"
    default:
      throw DebuggerError.syntax(command: line, column: column(of: 1, in: line), expected: "gate, phase, sample, spike or audit")
    }
    let number = addBreakpoint(kind, what: what, condition: condition, conditionText: conditionText, temporary: temporary)
    try withBreakpoint(number) { $0.command = (temporary ? "tbreak " : "break ") + words.joined(separator: " ") }
    return "\(temporary ? "temporary breakpoint" : "breakpoint") \(number): \(what)" + (conditionText.map { " if \($0)" } ?? "")
  }

  /// `watch w2[o=3, h=17]`, `watch w1 [if changed]`, `watch v(h1[3]) > 60000`, `watch count(h1)`.
  private mutating func setWatchpoint(_ arguments: [String], line: String) throws -> String {
    var words = arguments
    var conditionText: String?
    var condition: Condition?
    if let i = words.firstIndex(of: "if") {
      let text = words[(i + 1)...].joined(separator: " ")
      if text != "changed" {
        guard !text.isEmpty else {
          throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "a condition after 'if'")
        }
        conditionText = text
        condition = try Condition.parse(text, command: line, offset: column(of: i + 2, in: line) - 1)
        try check(condition!)
      }
      words = Array(words[..<i])
    }
    let text = words.joined(separator: " ")
    guard !text.isEmpty else {
      throw DebuggerError.syntax(command: line, column: line.count + 1, expected: "a weight, a matrix or an expression to watch")
    }
    let groups = source.connectionGroups
    let watch: Watch
    if let g = groups.firstIndex(where: { $0.name == text }) ?? (text.hasPrefix("w(") && text.hasSuffix(")") ? groups.firstIndex { "w(\($0.name))" == text } : nil) {
      watch = .matrix(group: g)
    } else if let reference = try WeightReference.parse(text, groups: groups, populations: source.populations.map(\.name), line: line) {
      guard let pre = reference.pre, let post = reference.post else {
        throw DebuggerError.notAvailable("watch one weight (give both axes, e.g. \(groups[reference.group].name)[\(groups[reference.group].post.name)=0, \(groups[reference.group].pre.name)=0]) or the whole matrix (watch \(groups[reference.group].name))")
      }
      watch = .weight(group: reference.group, pre: pre, post: post)
    } else {
      let expression = try Condition.parse(text, command: line, offset: column(of: 1, in: line) - 1)
      try check(expression)
      watch = .expression(expression)
    }
    if case .weight = watch, source.chip == nil {
      throw DebuggerError.notAvailable("weights are not available in this source (the trace holds spikes only)")
    }
    if case .matrix = watch, source.chip == nil {
      throw DebuggerError.notAvailable("weights are not available in this source (the trace holds spikes only)")
    }
    // The value now, so the first change is measured from here (an unavailable value fails here).
    let (initial, _) = try watchState(watch, previous: nil)
    let number = addBreakpoint(.watch(watch), what: text, condition: condition, conditionText: conditionText)
    try withBreakpoint(number) {
      $0.watchedValue = initial
      $0.command = "watch " + text
    }
    let now = initial.map { " (now \($0))" } ?? ""
    return "watchpoint \(number): \(text)" + (conditionText.map { " if \($0)" } ?? "") + (watch == .matrix(group: 0) || { if case .matrix = watch { return true } else { return false } }() ? "" : now)
  }

  /// A condition may only name populations and neurons that exist: refused when it is set, not
  /// at the first tick it is evaluated.
  private func check(_ condition: Condition) throws {
    for name in condition.populationNames { _ = try population(named: name) }
    for (name, index) in condition.neurons {
      let size = source.populations[try population(named: name)].size
      guard index >= 0 && index < size else {
        throw DebuggerError.indexOutOfRange(population: name, index: index, size: size)
      }
    }
  }

  /// `h1[17]` → ("h1", 17); `d+` → ("d+", nil).
  package func parseNeuron(_ text: String, line: String) throws -> (String, Int?) {
    guard let open = text.firstIndex(of: "[") else { return (text, nil) }
    guard text.hasSuffix("]"), let index = Int(text[text.index(after: open)..<text.index(before: text.endIndex)]), index >= 0
    else {
      throw DebuggerError.syntax(command: line, column: (line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 1, expected: "POP[index]")
    }
    return (String(text[..<open]), index)
  }

  func help(_ topic: String?) -> [String] {
    if let topic {
      guard let command = Self.lookup(topic) else {
        return ["unknown command '\(topic)'" + (closestName(to: topic, among: Self.commands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? "")]
      }
      return ["\(command.usage): \(command.help)" + (command.aliases.isEmpty ? "" : " (also: \(command.aliases.joined(separator: ", ")))")]
    }
    // Usages up to 36 columns share one column; a longer one (break's) keeps its whole syntax and
    // puts its description on the next line.
    let width = min(36, Self.commands.map(\.usage.count).max() ?? 0)
    return Self.commands.flatMap { command -> [String] in
      guard command.usage.count <= width else {
        return ["  " + command.usage, "  " + String(repeating: " ", count: width) + "  " + command.help]
      }
      return ["  " + command.usage.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + command.help]
    }
  }
}

extension String {
  package func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, l.isWhitespace { s = s.dropLast() }
    return String(s)
  }

  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
