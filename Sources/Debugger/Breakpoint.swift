/// What a breakpoint waits for.
public enum BreakpointKind: Hashable, Sendable {
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

  public var isWatchpoint: Bool {
    if case .watch = self { return true }
    return false
  }
}

/// What a watchpoint watches (`watch w2[o=3, h=17]`, `watch w1 if changed`,
/// `watch v(h1[3]) > 60000`, `watch count(h1) > 100`).
public enum Watch: Hashable, Sendable {
  /// One weight of a connection group, by its chip [pre][post] indices.
  case weight(group: Int, pre: Int, post: Int)
  /// Any weight of a group.
  case matrix(group: Int)
  /// An expression: a comparison stops when it becomes true, any other value when it changes.
  case expression(Condition)
}

/// A numbered breakpoint, as gdb keeps them.
public struct Breakpoint: Hashable, Sendable {
  public let number: Int
  public let kind: BreakpointKind
  /// How the user wrote what it waits for, for `info breakpoints`.
  public let what: String
  /// The command that set it, without its condition (`break gate g05`), for `save breakpoints`.
  public var command = ""
  public var condition: Condition?
  public var conditionText: String?
  public var isEnabled = true
  public var isTemporary = false
  /// Hits still to be ignored (`ignore N COUNT`).
  public var ignoreCount = 0
  public var hits = 0
  /// A watchpoint's value after the last tick it was checked.
  public var watchedValue: Int64?
}
