import NBP

/// Where a tick falls in the circuit's time model.
public struct Position: Hashable, Sendable, CustomStringConvertible {
  public let tick: Int64
  /// Trial (sample slot) and window, or nil before the first trial's window 0.
  public let trial: Int?
  public let window: Int?
  public let gate: String?
  public let phase: String?

  public init(tick: Int64, clock: CycleClock) {
    self.tick = tick
    if let (trial, window) = clock.position(of: tick) {
      self.trial = trial
      self.window = window
      gate = CycleClock.gateName(ofWindow: window)
      phase = clock.phaseNames[window]
    } else {
      trial = nil
      window = nil
      gate = nil
      phase = nil
    }
  }

  /// `tick 65 · sample 4 · phase 5 g05 W2 potentiation` (or `tick 3 · before the first sample`).
  public var description: String {
    guard let trial, let window, let gate, let phase else {
      return "tick \(tick) · before the first sample"
    }
    return "tick \(tick) · sample \(trial) · phase \(window) \(gate) \(phase)"
  }
}
