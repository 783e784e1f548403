import Suggestions
/// A breakpoint condition: a small expression over the stopped tick, e.g.
/// `count(h1T) > 3`, `label == 3 && error`, `u(h1[3]) > 60000`.
///
/// Values are integers (booleans are 0/1). Names: `tick`, `sample`, `window`, `label`,
/// `prediction`, `error`, `true`, `false`; functions `count(POP)`, `u(POP[i])`, `v(POP[i])`,
/// `spiked(POP[i])`.
package indirect enum Condition: Hashable, Sendable {
  case number(Int64)
  case name(String)
  case count(String)
  case current(String, Int)
  case voltage(String, Int)
  case spiked(String, Int)
  case not(Condition)
  case binary(String, Condition, Condition)

  /// Supplies values while a condition is evaluated.
  package protocol Environment {
    func value(of name: String) throws -> Int64
    func count(_ population: String) throws -> Int64
    func current(_ population: String, _ index: Int) throws -> Int64
    func voltage(_ population: String, _ index: Int) throws -> Int64
    func spiked(_ population: String, _ index: Int) throws -> Int64
  }

  /// The population names the condition reads (checked when a breakpoint is set).
  package var populationNames: [String] {
    switch self {
    case .number, .name: return []
    case .count(let p): return [p]
    case .current(let p, _), .voltage(let p, _), .spiked(let p, _): return [p]
    case .not(let c): return c.populationNames
    case .binary(_, let l, let r): return l.populationNames + r.populationNames
    }
  }

  /// Every `POP[i]` the condition reads.
  package var neurons: [(String, Int)] {
    switch self {
    case .current(let p, let i), .voltage(let p, let i), .spiked(let p, let i): return [(p, i)]
    case .not(let c): return c.neurons
    case .binary(_, let l, let r): return l.neurons + r.neurons
    default: return []
    }
  }

  /// A comparison or a logical combination: its value is true or false.
  package var isComparison: Bool {
    switch self {
    case .not: return true
    case .binary(let op, _, _): return !["+", "-"].contains(op)
    default: return false
    }
  }

  package func evaluate(in environment: some Environment) throws -> Int64 {
    switch self {
    case .number(let n): return n
    case .name(let name): return try environment.value(of: name)
    case .count(let p): return try environment.count(p)
    case .current(let p, let i): return try environment.current(p, i)
    case .voltage(let p, let i): return try environment.voltage(p, i)
    case .spiked(let p, let i): return try environment.spiked(p, i)
    case .not(let c): return try c.evaluate(in: environment) == 0 ? 1 : 0
    case .binary(let op, let l, let r):
      let a = try l.evaluate(in: environment)
      if op == "&&" && a == 0 { return 0 }
      if op == "||" && a != 0 { return 1 }
      let b = try r.evaluate(in: environment)
      switch op {
      case "&&", "||": return b != 0 ? 1 : 0
      case "==": return a == b ? 1 : 0
      case "!=": return a != b ? 1 : 0
      case "<": return a < b ? 1 : 0
      case "<=": return a <= b ? 1 : 0
      case ">": return a > b ? 1 : 0
      case ">=": return a >= b ? 1 : 0
      case "+": return a &+ b
      case "-": return a &- b
      default: return 0
      }
    }
  }

  /// Conditions are typed by people: this many characters and this much nesting is far more than
  /// any needs, and bounds the parser's stack whatever a script holds.
  package static let maximumLength = 4096
  package static let maximumDepth = 64

  /// Parses `text`; `offset` is the column of `text` in the whole command, for error carets.
  package static func parse(_ text: String, command: String, offset: Int) throws -> Condition {
    guard text.count <= maximumLength else {
      throw DebuggerError.syntax(
        command: echoed(command, limit: 80), column: offset + 1,
        expected: "a condition of at most \(maximumLength) characters (this one has \(text.count))")
    }
    var parser = ConditionParser(text: Array(text), command: command, offset: offset)
    let condition = try parser.parseOr()
    parser.skipSpaces()
    if parser.position < parser.text.count { throw parser.error("an operator or the end of the condition") }
    return condition
  }
}

/// Recursive descent over the condition grammar, with columns for error carets.
private struct ConditionParser {
  let text: [Character]
  let command: String
  let offset: Int
  var position = 0
  /// Open `(` and `!` around the current position: bounded so hostile input cannot overflow the stack.
  var depth = 0

  init(text: [Character], command: String, offset: Int) {
    self.text = text
    self.command = command
    self.offset = offset
  }

  func error(_ expected: String) -> DebuggerError {
    .syntax(command: command, column: offset + position + 1, expected: expected)
  }

  mutating func skipSpaces() {
    while position < text.count && text[position] == " " { position += 1 }
  }

  mutating func accept(_ token: String) -> Bool {
    skipSpaces()
    let chars = Array(token)
    guard position + chars.count <= text.count, Array(text[position..<position + chars.count]) == chars else {
      return false
    }
    // `<` must not swallow the start of `<=`, etc.
    if chars.count == 1, "<>=!".contains(chars[0]), position + 1 < text.count, text[position + 1] == "=" {
      return false
    }
    position += chars.count
    return true
  }

  mutating func parseOr() throws -> Condition {
    var left = try parseAnd()
    while accept("||") { left = .binary("||", left, try parseAnd()) }
    return left
  }

  mutating func parseAnd() throws -> Condition {
    var left = try parseNot()
    while accept("&&") { left = .binary("&&", left, try parseNot()) }
    return left
  }

  mutating func parseNot() throws -> Condition {
    if accept("!") {
      try enter()
      defer { depth -= 1 }
      return .not(try parseNot())
    }
    return try parseComparison()
  }

  mutating func enter() throws {
    depth += 1
    guard depth <= Condition.maximumDepth else { throw error("at most \(Condition.maximumDepth) nested '(' and '!'") }
  }

  mutating func parseComparison() throws -> Condition {
    let left = try parseSum()
    for op in ["==", "!=", "<=", ">=", "<", ">"] where accept(op) {
      return .binary(op, left, try parseSum())
    }
    return left
  }

  mutating func parseSum() throws -> Condition {
    var left = try parseAtom()
    while true {
      if accept("+") {
        left = .binary("+", left, try parseAtom())
      } else if accept("-") {
        left = .binary("-", left, try parseAtom())
      } else {
        return left
      }
    }
  }

  mutating func parseAtom() throws -> Condition {
    skipSpaces()
    guard position < text.count else { throw error("a value") }
    if accept("(") {
      try enter()
      defer { depth -= 1 }
      let inner = try parseOr()
      guard accept(")") else { throw error("')'") }
      return inner
    }
    if text[position].isNumber {
      let start = position
      var value: Int64 = 0
      while position < text.count, let digit = text[position].wholeNumberValue {
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) = times.addingReportingOverflow(Int64(digit))
        guard !o1 && !o2 else {
          position = start
          throw error("a number up to \(Int64.max)")
        }
        value = next
        position += 1
      }
      return .number(value)
    }
    guard text[position].isLetter else { throw error("a number, a name or '('") }
    var name = ""
    while position < text.count && (text[position].isLetter || text[position].isNumber || text[position] == "_") {
      name.append(text[position])
      position += 1
    }
    guard ["count", "u", "v", "spiked"].contains(name), accept("(") else {
      guard Session.conditionNames.contains(name) else {
        position -= name.count
        throw error("a name (\(Session.conditionNames.joined(separator: ", "))) or a function count/u/v/spiked")
      }
      return .name(name)
    }
    let population = readPopulation()
    guard !population.isEmpty else { throw error("a population name") }
    if name == "count" {
      guard accept(")") else { throw error("')'") }
      return .count(population)
    }
    guard accept("[") else { throw error("'[' and a neuron index") }
    skipSpaces()
    var index = 0
    let start = position
    while position < text.count, let digit = text[position].wholeNumberValue {
      guard index < 1 << 40 else { throw error("a neuron index") }
      index = index * 10 + digit
      position += 1
    }
    guard position > start else { throw error("a neuron index") }
    guard accept("]"), accept(")") else { throw error("'])'") }
    switch name {
    case "u": return .current(population, index)
    case "v": return .voltage(population, index)
    default: return .spiked(population, index)
    }
  }

  /// Population names may contain `+` and `-` (`d+`, `oT-`).
  mutating func readPopulation() -> String {
    skipSpaces()
    var name = ""
    while position < text.count, !"()[] ,".contains(text[position]) {
      name.append(text[position])
      position += 1
    }
    return name
  }
}

extension Condition: CustomStringConvertible {
  /// The expression as it would be typed (fully parenthesised where operators nest).
  package var description: String {
    switch self {
    case .number(let n): return String(n)
    case .name(let name): return name
    case .count(let p): return "count(\(p))"
    case .current(let p, let i): return "u(\(p)[\(i)])"
    case .voltage(let p, let i): return "v(\(p)[\(i)])"
    case .spiked(let p, let i): return "spiked(\(p)[\(i)])"
    case .not(let c): return "!" + c.nested
    case .binary(let op, let l, let r): return "\(l.nested) \(op) \(r.nested)"
    }
  }

  private var nested: String {
    if case .binary = self { return "(\(description))" }
    return description
  }
}
