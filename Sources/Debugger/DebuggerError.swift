/// A command the debugger cannot carry out, worded in one place.
package enum DebuggerError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownCommand(String, suggestion: String?)
  case unknownPopulation(String, suggestion: String?)
  case unknownPhase(String, suggestion: String?)
  case unknownMatrix(String, suggestion: String?)
  case syntax(command: String, column: Int, expected: String)
  case indexOutOfRange(population: String, index: Int, size: Int)
  case noBreakpoint(Int)
  case backwardsInLive(requested: Int64, current: Int64)
  case notAvailable(String)

  package var description: String {
    func hint(_ s: String?) -> String { s.map { " (did you mean '\($0)'?)" } ?? "" }
    switch self {
    case .unknownCommand(let name, let s): return "unknown command '\(name)'\(hint(s))"
    case .unknownPopulation(let name, let s): return "unknown population '\(name)'\(hint(s))"
    case .unknownPhase(let name, let s): return "unknown phase '\(name)'\(hint(s))"
    case .unknownMatrix(let name, let s): return "unknown matrix '\(name)'\(hint(s))"
    case .syntax(let command, let column, let expected):
      // A long command shows a window around the column, so the caret line stays short.
      let text = Array(command)
      let start = text.count > 100 ? max(0, min(column - 1 - 40, text.count - 80)) : 0
      let end = min(text.count, start + (text.count > 100 ? 80 : text.count))
      let shown = (start > 0 ? "…" : "") + String(text[start..<end]) + (end < text.count ? "…" : "")
      let caret = column - 1 - start + (start > 0 ? 1 : 0)
      return "expected \(expected) at column \(column)\n  \(shown)\n  " + String(repeating: " ", count: max(0, caret)) + "^"
    case .indexOutOfRange(let population, let index, let size):
      return "index \(index) is outside \(population)[0..<\(size)]"
    case .noBreakpoint(let n): return "no breakpoint number \(n)"
    case .backwardsInLive(let requested, let current):
      return "tick \(requested) is behind the live chip (at tick \(current)) and reverse execution is off (--history-memory 0)"
    case .notAvailable(let what): return what
    }
  }
}
