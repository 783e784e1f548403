/// How a source's ticks group into gating cycles and windows: the debugger's time axis.
///
/// Every source has ticks. A gated circuit also has a cycle: `length` windows, window k opened by
/// the k-th gate (which spikes in the tick before it), window 0 of cycle 0 at tick `origin`. It
/// comes from data — the nBP topology, a JSON network's `gating` block, a trace's metadata — so
/// gate and phase breakpoints, the audit, `next` and `cycle` work for any circuit that has one.
package struct TimeModel: Hashable, Sendable {
  /// The gating cycle, or nil for a source with ticks only.
  package let cycle: Cycle?
  /// What one cycle is called in positions and commands: "sample" where each cycle presents one
  /// sample of a data set, "cycle" otherwise.
  package let unit: String
  /// How many cycles the run has, when it is known (samples 0…N−1); ticks after them belong to
  /// no cycle.
  package let cycleCount: Int?

  package init(cycle: Cycle?, unit: String = "cycle", cycleCount: Int? = nil) {
    self.cycle = cycle
    self.unit = unit
    self.cycleCount = cycleCount
  }

  /// A source without a gating cycle.
  package static let ticksOnly = TimeModel(cycle: nil)

  package struct Cycle: Hashable, Sendable {
    /// Ticks (windows) per cycle.
    package let length: Int
    /// The tick of window 0 of cycle 0; earlier ticks belong to no cycle.
    package let origin: Int64
    /// Window names, one per window (`reset`, `input`, …, `W1 depression`).
    package let windowNames: [String]
    /// The population name of the gate that opens each window, one per window.
    package let gateNames: [String]

    /// - Precondition: one window name and one gate name per window, `length ≥ 1`, `origin ≥ 1`.
    package init(length: Int, origin: Int64, windowNames: [String], gateNames: [String]) {
      precondition(length >= 1 && origin >= 1, "a cycle has at least one window and starts at tick 1 or later")
      precondition(windowNames.count == length && gateNames.count == length, "one name and one gate per window")
      self.length = length
      self.origin = origin
      self.windowNames = windowNames
      self.gateNames = gateNames
    }

    /// The tick of window `window` of cycle `cycle`.
    package func tick(cycle: Int, window: Int) -> Int64 {
      origin + Int64(cycle) * Int64(length) + Int64(window)
    }

    /// Where a tick falls: its cycle and window, or nil before the first cycle.
    package func position(of tick: Int64) -> (cycle: Int, window: Int)? {
      guard tick >= origin else { return nil }
      let offset = tick - origin
      return (Int(offset / Int64(length)), Int(offset % Int64(length)))
    }

    /// The window a tick would fall in if cycles extended backwards (for labelling axes before
    /// the first cycle: the ring is already turning there).
    package func window(of tick: Int64) -> Int {
      let offset = (tick - origin) % Int64(length)
      return Int(offset < 0 ? offset + Int64(length) : offset)
    }

    /// The window gate `gate` opens, if it is one of the cycle's gates.
    package func window(openedBy gate: String) -> Int? {
      gateNames.firstIndex(of: gate)
    }
  }

  /// Where a tick falls in this model.
  package func position(of tick: Int64) -> Position {
    Position(tick: tick, model: self)
  }
}

/// Where a tick falls in a source's time model.
package struct Position: Hashable, Sendable, CustomStringConvertible {
  package let tick: Int64
  /// Cycle (for nBP: the sample slot) and window, or nil before the first cycle or without one.
  package let cycle: Int?
  package let window: Int?
  /// The gate that opened the window and the window's name.
  package let gate: String?
  package let phase: String?
  /// What a cycle is called ("sample", "cycle"), and whether the source has cycles at all.
  package let unit: String
  package let hasCycles: Bool
  /// Past the last cycle of a run of known length.
  package let isAfterLastCycle: Bool

  package init(tick: Int64, model: TimeModel) {
    self.tick = tick
    unit = model.unit
    hasCycles = model.cycle != nil
    let located = model.cycle?.position(of: tick)
    isAfterLastCycle = located.map { $0.cycle >= (model.cycleCount ?? .max) } ?? false
    if let cycle = model.cycle, let (index, window) = located, !isAfterLastCycle {
      self.cycle = index
      self.window = window
      gate = cycle.gateNames[window]
      phase = cycle.windowNames[window]
    } else {
      cycle = nil
      window = nil
      gate = nil
      phase = nil
    }
  }

  /// `tick 65 · sample 4 · phase 5 g05 W2 potentiation`, `tick 3 · before the first sample`, or
  /// `tick 30` for a source without cycles.
  package var description: String {
    guard hasCycles else { return "tick \(tick)" }
    if isAfterLastCycle { return "tick \(tick) · after the last \(unit)" }
    guard let cycle, let window, let gate, let phase else {
      return "tick \(tick) · before the first \(unit)"
    }
    return "tick \(tick) · \(unit) \(cycle) · phase \(window) \(gate) \(phase)"
  }
}
