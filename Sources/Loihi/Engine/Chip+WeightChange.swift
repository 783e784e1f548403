/// How the learning engine arrived at one synapse's weight in one tick: the rule's products with
/// the values their factors read, their sum, and the rounding, computed by the same evaluator
/// that ran (`SynapseEvaluator`).
public struct WeightChangeExplanation: Hashable, Sendable {
  /// One product of the rule for this synapse.
  public struct Term: Hashable, Sendable {
    /// The product as the rule writes it, `4·x0·y0·r1`.
    public let text: String
    /// Each factor's name and the value it read (after its offset, saturation and sign).
    public let factors: [Factor]
    /// Whether its dependency happened (pre arrived, post spiked, u epoch); otherwise it is 0.
    public let counted: Bool
    /// Its contribution in weight units (the accumulator's value / 2^fraction).
    public let weightUnits: Double
  }

  public struct Factor: Hashable, Sendable {
    public let name: String
    public let value: Int64
  }

  public let tick: Int64
  public let pre: Int
  public let post: Int
  /// The pre spike arrived in this tick (it was emitted `delay` ticks before the tick before).
  public let preArrived: Bool
  /// The post neuron spiked in the tick before (what the learning engine sees now).
  public let postSpiked: Bool
  /// The reinforcement trace r1 after this tick's reward spikes, when the rule reads it.
  public let reward: Int64?
  /// The rule's `dw` text.
  public let rule: String
  public let terms: [Term]
  /// The sum of the products in weight units.
  public let delta: Double
  public let before: Int32
  public let after: Int32
  /// Whether the sum fell between two representable weights, so that a seeded draw chose one.
  public let stochasticallyRounded: Bool
}

extension Chip {
  /// How the learning of the tick just run computed the weight of synapse `synapse` of connection
  /// `connection`, which was `before` at the start of the tick. Nil for static connections, for
  /// rules whose epoch is longer than one tick (their per-tick trace histories are not explained
  /// yet) and for rules that also learn delays or tags (the tick overwrote the values `dw` read).
  public func explainWeightChange(connection c: Int, synapse: Int, before: Int32) -> WeightChangeExplanation? {
    let connection = network.connections[c]
    guard let rule = connection.learning, rule.epoch == 1, let dw = rule.rule.dw,
      rule.targets.count == 1, let target = rule.targets.first, target.variable == .w
    else { return nil }
    let (pre, post) = connection.endpoints(ofSynapse: synapse)
    let t = state.tick
    func spiked(_ population: PopulationID, _ neuron: Int, at tick: Int64) -> Bool {
      spikes(of: population, atTick: tick)?.contains(neuron) ?? false
    }
    let preArrived = spiked(connection.source, pre, at: t - 1 - Int64(connection.delay))
    let postSpiked = spiked(connection.target, post, at: t - 1)
    // The traces are as the pass left them (with one-tick epochs, the values it read); the
    // epoch's arrival marks were cleared after it ran and are put back for this synapse.
    var learning = state.learning[c]
    learning.preTime[pre] = preArrived ? 1 : 0
    learning.postTime[post] = postSpiked ? 1 : 0
    let uActive = rule.uExponent.map { t % (Int64(1) << Int64($0)) == 0 } ?? false
    let evaluator = SynapseEvaluator(connection: connection, rule: rule, uActive: uActive)
    let fraction = Double(1 << FixedPoint.learningFraction)
    var terms: [WeightChangeExplanation.Term] = []
    var sum: Int64 = 0
    for (k, p) in (target.productStart..<target.productEnd).enumerated() {
      let product = rule.products[p]
      let factors = (product.factorStart..<product.factorEnd).map { f in
        WeightChangeExplanation.Factor(
          name: rule.factors[f].name,
          value: evaluator.factor(f, at: 1, pre: pre, post: post, synapse: synapse, learning: learning, weight: before))
      }
      let raw = evaluator.product(p, pre: pre, post: post, synapse: synapse, learning: learning, weight: before)
      let value = raw.map { $0 == 0 ? 0 : evaluator.scaled($0, product: p) } ?? 0
      sum += value
      terms.append(
        WeightChangeExplanation.Term(
          text: k < dw.products.count ? dw.products[k].text : "product \(k + 1)", factors: factors,
          counted: raw != nil, weightUnits: Double(value) / fraction))
    }
    let accumulator = FixedPoint.learningAccumulator
    let a = FixedPoint.saturate((Int64(before) << Int64(FixedPoint.learningFraction)) + sum, accumulator.lowerBound, accumulator.upperBound)
    let shift = Int64(FixedPoint.learningFraction) + Int64(connection.format.droppedBits)
    let usesR1 = (target.productStart..<target.productEnd).contains { p in
      (rule.products[p].factorStart..<rule.products[p].factorEnd).contains { rule.factors[$0].variable == .r1 }
    }
    return WeightChangeExplanation(
      tick: t, pre: pre, post: post, preArrived: preArrived, postSpiked: postSpiked,
      reward: usesR1 ? Int64(learning.r1) : nil, rule: dw.text, terms: terms, delta: Double(sum) / fraction,
      before: before, after: state.weights[c][synapse], stochasticallyRounded: a & ((Int64(1) << shift) - 1) != 0)
  }
}

/// A factor as a rule writes it: `r1`, `(y1-3)`, `sgn(w+1)`.
private func factorName(_ variable: RuleVariable, offset: Int64, isSign: Bool) -> String {
  let inner = offset == 0 ? variable.rawValue : "\(variable.rawValue)\(offset > 0 ? "+" : "")\(offset)"
  if isSign { return "sgn(\(inner))" }
  return offset == 0 ? inner : "(\(inner))"
}

extension CompiledLearningRule.Factor {
  var name: String { factorName(variable, offset: offset, isSign: isSign) }
}

extension RuleProduct {
  /// The product as a rule writes it, sign and scale first: `4·x0·y0·r1`, `−2·x0·y0`.
  var text: String {
    let scale = Double(mantissa) * pow2(Int(exponent))
    let coefficient = scale == scale.rounded() ? String(Int(scale)) : String(scale)
    let dependencyName: String
    switch dependency {
    case .x0: dependencyName = "x0"
    case .y0: dependencyName = "y0"
    case .u(let k): dependencyName = "u\(k)"
    }
    let names = factors.map { factorName($0.variable, offset: Int64($0.offset), isSign: $0.isSign) }
    let body = ([dependencyName] + names.filter { $0 != dependencyName }).joined(separator: "·")
    return (coefficient.hasPrefix("-") ? "−" + coefficient.dropFirst() : coefficient) + "·" + body
  }

  private func pow2(_ e: Int) -> Double { e >= 0 ? Double(1 << e) : 1 / Double(1 << -e) }
}
