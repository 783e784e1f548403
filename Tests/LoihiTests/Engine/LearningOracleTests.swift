import Loihi
import Testing

/// The learning engine against the naive oracle (``ReferenceChip``, which evaluates every term of
/// every rule for every synapse at every epoch's end): random networks with random rules, traces,
/// rewards, delays, epochs and weight formats; every spike, u, v, weight, trace, delay and tag
/// must agree after every tick.
@Suite struct LearningOracleTests {
  typealias T = TestNetworks

  struct Picker {
    var random: RandomGenerator
    mutating func pick(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(random.uniform(below: UInt64(range.count)))
    }
    mutating func pick32(_ range: ClosedRange<Int32>) -> Int32 {
      Int32(pick(Int(range.lowerBound)...Int(range.upperBound)))
    }
    mutating func chance(_ percent: Int) -> Bool { pick(0...99) < percent }
    mutating func element<E>(_ array: [E]) -> E { array[pick(0...(array.count - 1))] }
  }

  static let impulses: [Int32] = [1, 64, 128, 200, 677, 5120, 16383]
  static let timeConstants: [Int32] = [0, 1, 2, 3, 7, 20, 1000]

  static func randomTrace(_ r: inout Picker) throws -> TraceConfig {
    if r.chance(25) { return .none }
    return try TraceConfig(
      impulse128: r.element(Self.impulses), timeConstant: r.element(Self.timeConstants))
  }

  static func randomExpression(_ r: inout Picker, uExponent: Int) -> RuleExpression {
    var products: [RuleProduct] = []
    for _ in 0..<r.pick(1...4) {
      let dependency: RuleDependency =
        switch r.pick(0...4) {
        case 0, 1: .x0
        case 2, 3: .y0
        default: .u(uExponent)
        }
      var factors: [RuleFactor] = []
      for _ in 0..<r.pick(0...3) {
        let variable = r.element(RuleVariable.allCases)
        let offset: Int32 = r.chance(60) ? 0 : r.element([-1, 1, -3, 5, -64, 200])
        factors.append(RuleFactor(variable, offset: offset, isSign: r.chance(15)))
      }
      products.append(
        RuleProduct(
          dependency: dependency, mantissa: r.element([-8, -5, -1, 1, 2, 3, 7]),
          exponent: r.pick32(-7...4), factors: factors))
    }
    return RuleExpression(text: "random", products: products)
  }

  /// Rules the fast paths special-case (the nBP rule takes the uniform path) or that mix rows,
  /// columns and pairs.
  static let namedRules = [
    "4*x0*y0*r1 - 2*x0*y0", "2*x0*y0 - x0*y0*r1", "2^-2*x1*y0 - 2^-3*y1*x0", "x0*y1 + y0*x1 - u0*w",
    "x0 - y0", "u1*x1*y1 - 2^-4*u1*w",
  ]

  static func randomNetwork(seed: UInt64) throws -> Network {
    var r = Picker(random: RandomGenerator(seed: seed &* 7919 &+ 13))
    var populations: [PopulationSpec] = []
    var sizes: [String: Int] = [:]
    for g in 0..<r.pick(1...2) {
      let size = r.pick(1...8)
      let events = (0..<r.pick(10...120)).map { _ in (Int32(r.pick(0...(size - 1))), Int64(r.pick(1...120))) }
      populations.append(T.generator("g\(g)", size, events))
      sizes["g\(g)"] = size
    }
    for p in 0..<r.pick(1...3) {
      let size = r.pick(1...10)
      let parameters = try CompartmentParameters(
        currentDecay: r.element([0, 1024, 4096]), voltageDecay: r.element([0, 300, 4096]),
        thresholdMantissa: r.element([1, 10, 100, 400]), biasMantissa: r.pick32(-20...60),
        biasExponent: r.pick32(0...6), refractoryDelay: r.pick32(1...3))
      populations.append(T.compartments("c\(p)", size, parameters))
      sizes["c\(p)"] = size
    }
    let names = populations.map(\.name)
    let targets = names.filter { $0.hasPrefix("c") }
    var connections: [ConnectionSpec] = []
    for k in 0..<r.pick(1...5) {
      let source = r.element(names)
      let target = r.element(targets)
      let (pre, post) = (sizes[source]!, sizes[target]!)
      let format = try WeightFormat(
        numWeightBits: r.element([0, 3, 6, 7, 8]), signMode: r.element(SignMode.allCases),
        exponent: r.pick32(-2...4))
      var connectivity: Connectivity
      if r.chance(50) {
        connectivity = .dense(
          preCount: pre, postCount: post,
          weights: (0..<pre * post).map { _ in r.pick32(format.inputRange) })
      } else {
        var synapses: [SparseSynapse] = []
        for i in 0..<pre {
          for j in 0..<post where r.chance(50) {
            synapses.append(SparseSynapse(pre: Int32(i), post: Int32(j), weight: r.pick32(format.inputRange)))
          }
        }
        // Listed out of order on purpose: the chip numbers synapses row by row.
        connectivity = .sparse(synapses.reversed())
      }
      var learning: LearningRule?
      if r.chance(80) {
        var u = r.pick(0...2)
        let dw =
          r.chance(25)
          ? try RuleParser.parse(r.element(Self.namedRules), variable: "dw")
          : randomExpression(&r, uExponent: u)
        // One u<k> per rule: dd and dt use the k of dw, if it has one.
        for product in dw.products { if case .u(let k) = product.dependency { u = k } }
        learning = try LearningRule(
          dw: dw,
          dd: r.chance(20) ? randomExpression(&r, uExponent: u) : nil,
          dt: r.chance(20) ? randomExpression(&r, uExponent: u) : nil,
          epoch: r.element([1, 1, 2, 3, 5]),
          x1: randomTrace(&r), x2: randomTrace(&r), y1: randomTrace(&r), y2: randomTrace(&r),
          y3: randomTrace(&r), r1: randomTrace(&r), reward: r.chance(50) ? r.element(names) : nil)
      }
      connections.append(
        try ConnectionSpec(
          name: "k\(k)", source: source, target: target, connectivity: connectivity, format: format,
          delay: r.element([0, 0, 1, 3, 10]), learning: learning))
    }
    return try Network(NetworkDescription(populations: populations, connections: connections))
  }

  /// Everything the two engines must agree on after a tick, as one comparable list per item.
  static func observe(_ chip: Chip) -> [String: [Int]] {
    var seen: [String: [Int]] = [:]
    let network = chip.network
    for (p, population) in network.populations.enumerated() {
      let id = PopulationID(p)
      seen["spikes \(population.name)"] = chip.spikes(of: id)
      if population.isGenerator { continue }
      seen["u \(population.name)"] = (0..<population.size).map { Int(chip.current(id, $0)) }
      seen["v \(population.name)"] = (0..<population.size).map { Int(chip.voltage(id, $0)) }
    }
    for (c, connection) in network.connections.enumerated() {
      let id = ConnectionID(c)
      seen["w \(connection.name)"] = chip.synapseWeights(id).map(Int.init)
      guard connection.learning != nil else { continue }
      for (variable, count) in [
        (RuleVariable.x1, connection.preCount), (.x2, connection.preCount), (.y1, connection.postCount),
        (.y2, connection.postCount), (.y3, connection.postCount), (.r1, 1),
        (.d, connection.synapseCount), (.t, connection.synapseCount),
      ] {
        seen["\(variable) \(connection.name)"] = (0..<count).map { Int(chip.trace(variable, id, $0)) }
      }
    }
    return seen
  }

  static func observe(_ reference: ReferenceChip) -> [String: [Int]] {
    var seen: [String: [Int]] = [:]
    let network = reference.network
    for population in network.populations {
      seen["spikes \(population.name)"] = (0..<population.size).filter {
        reference.spiked[population.neuronBase + $0]
      }
      if population.isGenerator { continue }
      let range = population.compartmentBase..<population.compartmentBase + population.size
      seen["u \(population.name)"] = Array(reference.current[range])
      seen["v \(population.name)"] = Array(reference.voltage[range])
    }
    for (c, connection) in network.connections.enumerated() {
      seen["w \(connection.name)"] = reference.weights[c]
      guard let state = reference.learning[c] else { continue }
      seen["x1 \(connection.name)"] = state.x1
      seen["x2 \(connection.name)"] = state.x2
      seen["y1 \(connection.name)"] = state.y1
      seen["y2 \(connection.name)"] = state.y2
      seen["y3 \(connection.name)"] = state.y3
      seen["r1 \(connection.name)"] = [state.r1]
      seen["d \(connection.name)"] = state.delays
      seen["t \(connection.name)"] = state.tags
    }
    return seen
  }

  static let ticks = 150

  /// Runs both engines side by side; returns how many weight changes the run saw.
  @discardableResult
  static func compare(seed: UInt64) throws -> Int {
    let network = try randomNetwork(seed: seed)
    var chip = Chip(network: network, seed: seed)
    var reference = ReferenceChip(network: network, seed: seed)
    var changes = 0
    var previous = observe(chip)
    for tick in 1...ticks {
      chip.step()
      reference.step()
      let fast = observe(chip)
      let slow = observe(reference)
      if fast != slow {
        let first = fast.keys.sorted().first { fast[$0] != slow[$0] } ?? "?"
        Issue.record(
          "seed \(seed), tick \(tick): \(first): chip \(fast[first] ?? []) oracle \(slow[first] ?? [])")
        return changes
      }
      for (key, value) in fast where key.hasPrefix("w ") && previous[key] != value { changes += 1 }
      previous = fast
    }
    return changes
  }

  @Test(arguments: UInt64(1)...200)
  func matchesOracle(seed: UInt64) throws {
    try Self.compare(seed: seed)
  }

  /// The random runs learn (otherwise the comparison proves little).
  @Test func randomRulesChangeWeights() throws {
    var changes = 0
    for seed in UInt64(1)...40 { changes += try Self.compare(seed: seed) }
    #expect(changes > 200)
  }
}
