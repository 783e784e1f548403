/// How a source's ticks group into gating cycles and windows: the debugger's time axis.
///
/// Every source has ticks. A gated circuit also has a cycle: `length` windows, window k opened by
/// the k-th gate (which spikes in the tick before it), window 0 of cycle 0 at tick `origin`. It
/// comes from data — the nBP topology, a JSON network's `gating` block, a trace's metadata — so
/// gate and phase breakpoints, the audit, `next` and `cycle` work for any circuit that has one.
public struct TimeModel: Hashable, Sendable {
  /// The gating cycle, or nil for a source with ticks only.
  public let cycle: Cycle?
  /// What one cycle is called in positions and commands: "sample" where each cycle presents one
  /// sample of a data set, "cycle" otherwise.
  public let unit: String

  public init(cycle: Cycle?, unit: String = "cycle") {
    self.cycle = cycle
    self.unit = unit
  }

  /// A source without a gating cycle.
  public static let ticksOnly = TimeModel(cycle: nil)

  public struct Cycle: Hashable, Sendable {
    /// Ticks (windows) per cycle.
    public let length: Int
    /// The tick of window 0 of cycle 0; earlier ticks belong to no cycle.
    public let origin: Int64
    /// Window names, one per window (`reset`, `input`, …, `W1 depression`).
    public let windowNames: [String]
    /// The population name of the gate that opens each window, one per window.
    public let gateNames: [String]

    /// - Precondition: one window name and one gate name per window, `length ≥ 1`, `origin ≥ 1`.
    public init(length: Int, origin: Int64, windowNames: [String], gateNames: [String]) {
      precondition(length >= 1 && origin >= 1, "a cycle has at least one window and starts at tick 1 or later")
      precondition(windowNames.count == length && gateNames.count == length, "one name and one gate per window")
      self.length = length
      self.origin = origin
      self.windowNames = windowNames
      self.gateNames = gateNames
    }

    /// The tick of window `window` of cycle `cycle`.
    public func tick(cycle: Int, window: Int) -> Int64 {
      origin + Int64(cycle) * Int64(length) + Int64(window)
    }

    /// Where a tick falls: its cycle and window, or nil before the first cycle.
    public func position(of tick: Int64) -> (cycle: Int, window: Int)? {
      guard tick >= origin else { return nil }
      let offset = tick - origin
      return (Int(offset / Int64(length)), Int(offset % Int64(length)))
    }

    /// The window a tick would fall in if cycles extended backwards (for labelling axes before
    /// the first cycle: the ring is already turning there).
    public func window(of tick: Int64) -> Int {
      let offset = (tick - origin) % Int64(length)
      return Int(offset < 0 ? offset + Int64(length) : offset)
    }

    /// The window gate `gate` opens, if it is one of the cycle's gates.
    public func window(openedBy gate: String) -> Int? {
      gateNames.firstIndex(of: gate)
    }
  }

  /// Where a tick falls in this model.
  public func position(of tick: Int64) -> Position {
    Position(tick: tick, model: self)
  }
}

/// Where a tick falls in a source's time model.
public struct Position: Hashable, Sendable, CustomStringConvertible {
  public let tick: Int64
  /// Cycle (for nBP: the sample slot) and window, or nil before the first cycle or without one.
  public let cycle: Int?
  public let window: Int?
  /// The gate that opened the window and the window's name.
  public let gate: String?
  public let phase: String?
  /// What a cycle is called ("sample", "cycle"), and whether the source has cycles at all.
  public let unit: String
  public let hasCycles: Bool

  public init(tick: Int64, model: TimeModel) {
    self.tick = tick
    unit = model.unit
    hasCycles = model.cycle != nil
    if let cycle = model.cycle, let (index, window) = cycle.position(of: tick) {
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
  public var description: String {
    guard hasCycles else { return "tick \(tick)" }
    guard let cycle, let window, let gate, let phase else {
      return "tick \(tick) · before the first \(unit)"
    }
    return "tick \(tick) · \(unit) \(cycle) · phase \(window) \(gate) \(phase)"
  }
}
