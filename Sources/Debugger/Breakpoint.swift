/// What a breakpoint waits for.
package enum BreakpointKind: Hashable, Sendable {
  /// After the tick of the window a gate opens (`break gate g05`, `break phase "W2 potentiation"`).
  case window(Int)
  /// After the error window of a sample (or of every sample), when label, prediction and error
  /// are known (`break sample 4`, `break sample if error`).
  case sample(Int?)
  /// After a tick in which a population (or one neuron) spiked (`break spike d+`, `break spike h1[17]`).
  case spike(population: Int, neuron: Int?)
  /// After a tick in which any population spiked outside its windows (`break audit`).
  case audit
  /// After a tick in which a watched value changed, or a watched comparison became true.
  case watch(Watch)

  package var isWatchpoint: Bool {
    if case .watch = self { return true }
    return false
  }
}

/// What a watchpoint watches (`watch w2[o=3, h=17]`, `watch w1 if changed`,
/// `watch v(h1[3]) > 60000`, `watch count(h1) > 100`).
package enum Watch: Hashable, Sendable {
  /// One weight of a connection group, by its chip [pre][post] indices.
  case weight(group: Int, pre: Int, post: Int)
  /// Any weight of a group.
  case matrix(group: Int)
  /// An expression: a comparison stops when it becomes true, any other value when it changes.
  case expression(Condition)
}

/// A numbered breakpoint, as gdb keeps them.
package struct Breakpoint: Hashable, Sendable {
  package let number: Int
  package let kind: BreakpointKind
  /// How the user wrote what it waits for, for `info breakpoints`.
  package let what: String
  /// The command that set it, without its condition (`break gate g05`), for `save breakpoints`.
  package var command = ""
  package var condition: Condition?
  package var conditionText: String?
  package var isEnabled = true
  package var isTemporary = false
  /// Hits still to be ignored (`ignore N COUNT`).
  package var ignoreCount = 0
  package var hits = 0
  /// A watchpoint's value after the last tick it was checked.
  package var watchedValue: Int64?
}
