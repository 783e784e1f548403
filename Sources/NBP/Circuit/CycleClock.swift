/// The circuit's time model: which trial and which gating window a tick belongs to.
///
/// Gate gk spikes at ticks ≡ k (mod n) once the kick (tick n − 1) has started the ring; the
/// populations it gates fire one tick later, in window k. Trial i (from 0) has window k at tick
/// n(i + 1) + k + 1, so a run of N trials ends with its last learning at tick n·N + n + 1.
package struct CycleClock: Hashable, Sendable {
  /// Ticks per cycle (gates in the ring): 12 for training, 4 for inference.
  package let ticksPerCycle: Int
  /// Phase names by window, e.g. window 5 is "W2 potentiation".
  package let phaseNames: [String]

  package static let trainingPhases = [
    "reset", "input", "hidden", "output", "error", "W2 potentiation", "backprop +",
    "W1 potentiation", "spacer", "W2 depression", "backprop -", "W1 depression",
  ]
  package static let inferencePhases = ["reset", "input", "hidden", "output"]

  package init(ticksPerCycle: Int, phaseNames: [String]) {
    precondition(phaseNames.count == ticksPerCycle, "one phase name per window")
    self.ticksPerCycle = ticksPerCycle
    self.phaseNames = phaseNames
  }

  /// The tick at which the driver kicks the ring (g00 then fires at `ticksPerCycle`).
  package var kickTick: Int64 { Int64(ticksPerCycle - 1) }

  /// The tick of window `window` of trial `trial`.
  package func tick(trial: Int, window: Int) -> Int64 {
    Int64(ticksPerCycle * (trial + 1) + window + 1)
  }

  /// Where a tick falls: its trial and window, or nil before the first trial's window 0.
  package func position(of tick: Int64) -> (trial: Int, window: Int)? {
    let start = Int64(ticksPerCycle + 1)
    guard tick >= start else { return nil }
    let offset = Int(tick - start)
    return (offset / ticksPerCycle, offset % ticksPerCycle)
  }

  /// The gate that opened a window (gk opens window k) and its name.
  package static func gateName(ofWindow window: Int) -> String {
    "g" + (window < 10 ? "0" : "") + String(window)
  }
}
