import Budgets
import Suggestions
/// A description or request the chip cannot accept.
///
/// Errors carry facts (where, what was found, what was allowed); ``description`` words them in one
/// place. `path` names the offending field the way a user wrote it, e.g. `compartments[0].du` for a
/// JSON description or `du` for a value given through the Swift API.
public struct LoihiError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where the problem is: a field name, possibly prefixed by its enclosing path.
  public var path: String
  /// What is wrong.
  public var problem: Problem

  public enum Problem: Equatable, Sendable {
    /// A value outside its register range, e.g. `5000` for `du` allowed in `0...4096`.
    case outOfRange(value: String, allowed: String)
    /// A value of the wrong kind or form.
    case invalid(value: String, expected: String)
    /// A name that does not refer to anything known.
    case unknownName(String, suggestion: String?)
    /// Two things share a name that must be unique.
    case duplicateName(String)
    /// A matrix or list whose size does not fit its populations.
    case shape(expected: String, found: String)
    /// A learning rule string that does not parse.
    case rule(text: String, column: Int, expected: String)
    /// A request that makes no sense at this point of a run.
    case state(String)
    /// A size over the resource budget (counted up to and including the field at `path`).
    case overBudget(BudgetExceeded)
  }

  public init(path: String, _ problem: Problem) {
    self.path = path
    self.problem = problem
  }

  /// The same error seen from an enclosing field: `prefix` + `.` + path (or `prefix[...]`).
  public func within(_ prefix: String) -> LoihiError {
    guard !prefix.isEmpty else { return self }
    if path.isEmpty { return LoihiError(path: prefix, problem) }
    let joined = path.hasPrefix("[") ? prefix + path : prefix + "." + path
    return LoihiError(path: joined, problem)
  }

  public var description: String {
    let place = path.isEmpty ? "" : "\(path): "
    switch problem {
    case .outOfRange(let value, let allowed):
      return "\(place)\(value) is out of range (allowed \(allowed))"
    case .invalid(let value, let expected):
      return "\(place)'\(value)' is not valid (expected \(expected))"
    case .unknownName(let name, let suggestion):
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      return "\(place)unknown name '\(echoed(name))'\(hint)"
    case .duplicateName(let name):
      return "\(place)name '\(name)' is used twice"
    case .shape(let expected, let found):
      return "\(place)shape \(found) does not fit (expected \(expected))"
    case .rule(let text, let column, let expected):
      return "\(place)rule '\(text)' column \(column): expected \(expected)"
    case .state(let message):
      return "\(place)\(message)"
    case .overBudget(let exceeded):
      return "\(place)\(exceeded)"
    }
  }
}

extension LoihiError {
  /// Checks `value` against `range`, naming `field` on failure.
  @inlinable
  public static func check<T: BinaryInteger>(
    _ value: T, in range: ClosedRange<T>, field: @autoclosure () -> String
  ) throws -> T {
    guard range.contains(value) else {
      throw LoihiError(
        path: field(),
        .outOfRange(value: "\(value)", allowed: "\(range.lowerBound)...\(range.upperBound)"))
    }
    return value
  }
}
