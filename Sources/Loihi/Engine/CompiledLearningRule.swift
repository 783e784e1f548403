/// A learning rule flattened for evaluation: products and factors in contiguous arrays, every
/// shift and saturation bound precomputed. A class, so that the learning pass holds it by one
/// reference each tick rather than retaining each of its arrays.
public final class CompiledLearningRule: Sendable {
  struct Product: Sendable {
    enum Dependency: Sendable { case x0, y0, u }
    let dependency: Dependency
    let mantissa: Int64
    /// `max(0, Σ factor widths + M − 15)`.
    let shiftDown: Int64
    /// `exponent + 7`.
    let shiftUp: Int64
    let factorStart: Int
    let factorEnd: Int
    let requiresX0: Bool
    let requiresY0: Bool
  }

  struct Factor: Sendable {
    let variable: RuleVariable
    let offset: Int64
    let isSign: Bool
    let lowerBound: Int64
    let upperBound: Int64
  }

  /// One expression and the synaptic variable (w, d or t) it writes.
  struct Target: Sendable {
    let variable: RuleVariable
    let productStart: Int
    let productEnd: Int
  }

  public let rule: LearningRule
  let epoch: Int
  /// Population index feeding the reinforcement channel, or -1.
  let reward: Int
  let targets: [Target]
  let products: [Product]
  let factors: [Factor]
  /// The k of the rule's u<k> dependency, if it has one.
  let uExponent: Int?
  /// Some product needs the post spike but not the pre spike: walk columns.
  let needsColumns: Bool
  let usesDelay: Bool
  let usesTag: Bool
  /// Every product needs the pre and the post spike and reads nothing but x0, y0 and r1, with
  /// one-tick epochs: the change is then the same for every coincident pair of an epoch, so it
  /// is computed once and applied in a tight loop over the pairs (the nBP rule is of this kind).
  let isUniformOverPairs: Bool
  /// No trace has an impulse, so every trace stays 0 whatever happens.
  let hasInertTraces: Bool

  init(_ rule: LearningRule, reward: Int) {
    self.rule = rule
    self.epoch = Int(rule.epoch)
    self.reward = reward
    var targets: [Target] = []
    var products: [Product] = []
    var factors: [Factor] = []
    var uExponent: Int?
    var needsColumns = false
    var usesDelay = rule.dd != nil
    var usesTag = rule.dt != nil
    for (variable, expression) in rule.targets {
      let start = products.count
      for product in expression.products {
        let factorStart = factors.count
        var widths = 0
        var requiresX0 = false
        var requiresY0 = false
        let dependency: Product.Dependency
        switch product.dependency {
        case .x0: dependency = .x0; requiresX0 = true
        case .y0: dependency = .y0; requiresY0 = true
        case .u(let k): dependency = .u; uExponent = k
        }
        for factor in product.factors {
          let width = factor.variable.width
          widths += width
          if factor.variable == .x0 && !factor.isSign && factor.offset == 0 { requiresX0 = true }
          if factor.variable == .y0 && !factor.isSign && factor.offset == 0 { requiresY0 = true }
          if factor.variable == .d { usesDelay = true }
          if factor.variable == .t { usesTag = true }
          factors.append(
            Factor(
              variable: factor.variable, offset: Int64(factor.offset), isSign: factor.isSign,
              lowerBound: -(Int64(1) << width), upperBound: (Int64(1) << width) - 1))
        }
        if requiresY0 && !requiresX0 { needsColumns = true }
        products.append(
          Product(
            dependency: dependency, mantissa: Int64(product.mantissa),
            shiftDown: Int64(
              max(0, widths + FixedPoint.learningMantissaBits - FixedPoint.learningProductBits)),
            shiftUp: Int64(Int(product.exponent) + FixedPoint.learningFraction),
            factorStart: factorStart, factorEnd: factors.count,
            requiresX0: requiresX0, requiresY0: requiresY0))
      }
      targets.append(Target(variable: variable, productStart: start, productEnd: products.count))
    }
    self.targets = targets
    self.products = products
    self.factors = factors
    self.uExponent = uExponent
    self.needsColumns = needsColumns
    self.usesDelay = usesDelay
    self.usesTag = usesTag
    hasInertTraces = [rule.x1, rule.x2, rule.y1, rule.y2, rule.y3].allSatisfy(\.isInert)
    let uniformVariables: Set<RuleVariable> = [.x0, .y0, .r1]
    isUniformOverPairs =
      rule.epoch == 1 && targets.count == 1 && targets[0].variable == .w && !products.isEmpty
      && products.allSatisfy { $0.requiresX0 && $0.requiresY0 }
      && factors.allSatisfy { uniformVariables.contains($0.variable) }
  }
}
