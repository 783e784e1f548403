import ArgumentParser
import Suggestions
import Budgets

/// `--budget NAME=COUNT`: raises (or lowers) one of the limits every reader checks sizes against.
struct BudgetOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Raise or lower a resource limit (repeatable): "
        + ResourceBudget.Resource.allCases.map { "\($0.rawValue) (default \($0.standardLimit))" }
        .joined(separator: ", ") + "; COUNT may end in K, M, G or T (powers of 1024).",
      valueName: "NAME=COUNT"))
  var budget: [String] = []

  /// The budget the flags describe.
  var resolved: ResourceBudget {
    get throws {
      var result = ResourceBudget.standard
      for text in budget {
        if let problem = result.set(text) {
          throw ValidationError("--budget \(echoed(text)): \(problem)")
        }
      }
      return result
    }
  }

  func validate() throws { _ = try resolved }
}
