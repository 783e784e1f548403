/// A variable a learning-rule factor can read (NxSDK names).
public enum RuleVariable: String, Hashable, Sendable, CaseIterable {
  /// Pre/post spike seen in this epoch (0/1).
  case x0, y0
  /// Pre traces (7-bit).
  case x1, x2
  /// Post traces (7-bit).
  case y1, y2, y3
  /// Reinforcement trace (7-bit).
  case r1
  /// Synaptic weight mantissa, delay and tag.
  case w, d, t

  /// Bits the learning engine gives this factor when scaling a product down.
  public var width: Int {
    switch self {
    case .x0, .y0: return 1
    case .x1, .x2, .y1, .y2, .y3, .r1: return 7
    case .w, .d, .t: return 9
    }
  }
}

/// What must have happened in the epoch for a product to count.
public enum RuleDependency: Hashable, Sendable {
  /// The presynaptic spike arrived in this epoch; traces are read at its arrival tick.
  case x0
  /// The postsynaptic compartment spiked in this epoch; traces are read at that tick.
  case y0
  /// Every 2^k epochs (k = 0...9); traces are read at the epoch's end.
  case u(Int)
}

/// One factor of a product: `V`, `(V + C)` or `sgn(V + C)`.
public struct RuleFactor: Hashable, Sendable {
  public var variable: RuleVariable
  /// The constant C folded into the factor (0 for a bare variable).
  public var offset: Int32
  /// `sgn(V + C)` instead of `V + C`.
  public var isSign: Bool

  public init(_ variable: RuleVariable, offset: Int32 = 0, isSign: Bool = false) {
    self.variable = variable
    self.offset = offset
    self.isSign = isSign
  }
}

/// One signed product `D · m · 2^e · F1 · F2 · …` of a sum-of-products rule.
public struct RuleProduct: Hashable, Sendable {
  public var dependency: RuleDependency
  /// Normalised scaling mantissa, −8...7 (sign of the product included).
  public var mantissa: Int32
  /// Scaling exponent, −7...8.
  public var exponent: Int32
  public var factors: [RuleFactor]

  public init(dependency: RuleDependency, mantissa: Int32, exponent: Int32, factors: [RuleFactor]) {
    self.dependency = dependency
    self.mantissa = mantissa
    self.exponent = exponent
    self.factors = factors
  }
}

/// A parsed rule: the sum of its products, and the text it came from.
public struct RuleExpression: Hashable, Sendable {
  public var text: String
  public var products: [RuleProduct]

  public init(text: String, products: [RuleProduct]) {
    self.text = text
    self.products = products
  }
}

/// A trace's impulse (integer part plus a 7-bit fraction) and time constant.
public struct TraceConfig: Hashable, Sendable {
  /// Impulse in 1/128 units: `integer · 128 + fraction`.
  public let impulse128: Int32
  /// τ in ticks; each tick `x ← floor(x · (1 − 1/τ)) + Bernoulli(remainder)`; 0 = no memory.
  public let timeConstant: Int32

  public static let none = try! TraceConfig(impulse128: 0, timeConstant: 0)

  /// - Parameters:
  ///   - impulse128: the impulse times 128 (e.g. 1.5 → 192); integer part at most 127.
  ///   - timeConstant: τ ≥ 0.
  public init(impulse128: Int32, timeConstant: Int32) throws {
    self.impulse128 = try LoihiError.check(
      impulse128, in: 0...(ChipLimits.traceImpulse.upperBound << 7 | 127), field: "Impulse")
    self.timeConstant = try LoihiError.check(
      timeConstant, in: ChipLimits.traceTimeConstant, field: "TimeConstant")
  }

  /// A trace that can never leave 0 needs no per-tick work.
  public var isInert: Bool { impulse128 == 0 }
}

/// The learning configuration of a plastic connection (an NxSDK learning rule).
///
/// `dd` and `dt` update the synapse's delay and tag variables, which rules can read as `d` and `t`;
/// as in Lava, a learned delay does not change spike routing (the connection's delay does).
public struct LearningRule: Hashable, Sendable {
  public var dw: RuleExpression?
  public var dd: RuleExpression?
  public var dt: RuleExpression?
  /// Ticks per learning epoch (`tEpoch`).
  public var epoch: Int32
  public var x1: TraceConfig
  public var x2: TraceConfig
  public var y1: TraceConfig
  public var y2: TraceConfig
  public var y3: TraceConfig
  public var r1: TraceConfig
  /// The population driving the reinforcement channel (every spike of it bumps r1).
  public var reward: String?

  public init(
    dw: RuleExpression? = nil, dd: RuleExpression? = nil, dt: RuleExpression? = nil,
    epoch: Int32 = 1, x1: TraceConfig = .none, x2: TraceConfig = .none,
    y1: TraceConfig = .none, y2: TraceConfig = .none, y3: TraceConfig = .none,
    r1: TraceConfig = .none, reward: String? = nil
  ) throws {
    self.dw = dw
    self.dd = dd
    self.dt = dt
    self.epoch = try LoihiError.check(epoch, in: ChipLimits.learningEpoch, field: "tEpoch")
    self.x1 = x1
    self.x2 = x2
    self.y1 = y1
    self.y2 = y2
    self.y3 = y3
    self.r1 = r1
    self.reward = reward
  }

  /// The three expressions with the synaptic variable each one writes.
  public var targets: [(RuleVariable, RuleExpression)] {
    [(.w, dw), (.d, dd), (.t, dt)].compactMap { v, e in e.map { (v, $0) } }
  }
}
