/// A command the debugger cannot carry out, worded in one place.
public enum DebuggerError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownCommand(String, suggestion: String?)
  case unknownPopulation(String, suggestion: String?)
  case unknownPhase(String, suggestion: String?)
  case unknownMatrix(String, suggestion: String?)
  case syntax(command: String, column: Int, expected: String)
  case indexOutOfRange(population: String, index: Int, size: Int)
  case noBreakpoint(Int)
  case backwardsInLive(requested: Int64, current: Int64)
  case notAvailable(String)

  public var description: String {
    func hint(_ s: String?) -> String { s.map { " (did you mean '\($0)'?)" } ?? "" }
    switch self {
    case .unknownCommand(let name, let s): return "unknown command '\(name)'\(hint(s))"
    case .unknownPopulation(let name, let s): return "unknown population '\(name)'\(hint(s))"
    case .unknownPhase(let name, let s): return "unknown phase '\(name)'\(hint(s))"
    case .unknownMatrix(let name, let s): return "unknown matrix '\(name)'\(hint(s))"
    case .syntax(let command, let column, let expected):
      return "expected \(expected) at column \(column)\n  \(command)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    case .indexOutOfRange(let population, let index, let size):
      return "index \(index) is outside \(population)[0..<\(size)]"
    case .noBreakpoint(let n): return "no breakpoint number \(n)"
    case .backwardsInLive(let requested, let current):
      return "tick \(requested) is behind the live chip (at tick \(current)); replay a recorded trace to go back"
    case .notAvailable(let what): return what
    }
  }
}
