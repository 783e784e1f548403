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
}

/// A numbered breakpoint, as gdb keeps them.
public struct Breakpoint: Hashable, Sendable {
  public let number: Int
  public let kind: BreakpointKind
  /// How the user wrote what it waits for, for `info breakpoints`.
  public let what: String
  public var condition: Condition?
  public var conditionText: String?
  public var isEnabled = true
  public var isTemporary = false
  /// Hits still to be ignored (`ignore N COUNT`).
  public var ignoreCount = 0
  public var hits = 0
}
