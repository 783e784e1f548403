/// A slow, scalar oracle of the chip's neuron, synapse and learning dynamics, written straight
/// from Part A of `loihi-semantics.md` with its own arithmetic (plain `Int`, mathematical modulo,
/// division), sharing nothing with ``Chip``'s fixed-point code but the network description and
/// the chip's one random source (whose draw order `docs/loihi-semantics-decisions.md` defines).
///
/// It exists to be obviously right: tests require ``Chip`` to match it spike for spike and value
/// for value (potentials, weights, traces, delays, tags) on random networks with random learning
/// rules, and `nbpscope bench sim` reports ``Chip``'s speed against it. Every tick it walks every
/// synapse of every connection (as dense-matrix emulators do), and at the end of every learning
/// epoch it evaluates every term of the rule for every synapse of every plastic connection.
public struct ReferenceChip: Sendable {
  public let network: Network
  public private(set) var tick = 0
  public private(set) var current: [Int]
  public private(set) var voltage: [Int]
  private var refractory: [Int]
  /// Pending input per compartment per future tick, indexed `[compartment][tick mod 64]`.
  private var pending: [[Int]]
  /// Which neurons (chip-wide numbering) spiked in the last tick.
  public private(set) var spiked: [Bool]
  /// `spikedAt[t mod 64]`: which neurons spiked in tick t (delays are at most 62).
  private var spikedAt: [[Bool]]
  /// Per connection, every synapse as (pre, post, synapse index in the chip's numbering).
  private let synapses: [[(pre: Int, post: Int, index: Int)]]
  /// Per connection, per synapse index: the stored weight mantissa.
  public private(set) var weights: [[Int]]
  /// Per connection: the learning state (nil for static connections).
  public private(set) var learning: [ReferenceLearning?]
  var random: RandomGenerator

  /// Sets one stored weight mantissa, as ``Chip/setWeight(_:synapse:to:)`` does (unchecked: the
  /// oracle trusts its caller).
  public mutating func setWeight(_ connection: ConnectionID, synapse: Int, to value: Int32) {
    weights[connection.rawValue][synapse] = Int(value)
  }

  public init(network: Network, seed: UInt64 = 0) {
    self.network = network
    current = Array(repeating: 0, count: network.compartmentCount)
    voltage = current
    refractory = current
    pending = Array(repeating: Array(repeating: 0, count: 64), count: network.compartmentCount)
    spiked = Array(repeating: false, count: network.neuronCount)
    spikedAt = Array(repeating: spiked, count: 64)
    let chip = Chip(network: network)
    synapses = network.connections.map { connection in
      var list: [(pre: Int, post: Int, index: Int)] = []
      for pre in 0..<connection.preCount {
        for post in 0..<connection.postCount {
          if let k = connection.synapse(pre: pre, post: post) { list.append((pre, post, k)) }
        }
      }
      return list.sorted { $0.index < $1.index }
    }
    weights = network.connections.indices.map { c in
      chip.synapseWeights(ConnectionID(c)).map(Int.init)
    }
    learning = network.connections.map { connection in
      connection.learning.map { ReferenceLearning(rule: $0.rule, connection: connection) }
    }
    random = RandomGenerator(seed: seed)
  }

  /// `x` wrapped into `bits`-bit two's complement with mathematical modulo.
  static func wrapped(_ x: Int, bits: Int) -> Int {
    let span = 1 << bits
    let half = span / 2
    let m = ((x + half) % span + span) % span
    return m - half
  }

  /// `sgn(x) · floor(|x| · (4096 − D) / 4096)`.
  static func decayed(_ x: Int, _ d: Int) -> Int {
    let magnitude = abs(x) * (4096 - d) / 4096
    return x < 0 ? -magnitude : magnitude
  }

  /// `floor(W · 2^e) · 64`.
  static func contribution(_ w: Int, exponent e: Int) -> Int {
    let scaled = e >= 0 ? w * (1 << e) : Int((Double(w) / Double(1 << -e)).rounded(.down))
    return scaled * 64
  }

  public mutating func step() {
    tick += 1
    let t = tick
    // Route the spikes of tick t − 1 with the current weights.
    for (c, connection) in network.connections.enumerated() {
      let source = network[connection.source]
      let target = network[connection.target]
      let weights = self.weights[c]
      let (delay, exponent) = (Int(connection.delay), Int(connection.format.exponent))
      for synapse in synapses[c] where spiked[source.neuronBase + synapse.pre] {
        let k = target.compartmentBase + synapse.post
        pending[k][(t + delay) % 64] += Self.contribution(weights[synapse.index], exponent: exponent)
      }
    }
    var next = Array(repeating: false, count: network.neuronCount)
    for (p, population) in network.populations.enumerated() {
      guard let parameters = population.parameters else {
        if case .generator(let events) = network.description.populations[p].kind {
          for event in events where event.tick == t { next[population.neuronBase + Int(event.index)] = true }
        }
        continue
      }
      for i in 0..<population.size {
        let k = population.compartmentBase + i
        let q = Self.wrapped(pending[k][t % 64], bits: 22)
        pending[k][t % 64] = 0
        current[k] = Self.wrapped(Self.decayed(current[k], Int(parameters.currentDecay)) + q, bits: 24)
        let drive = Self.wrapped(
          current[k] + Int(parameters.biasMantissa) * (1 << Int(parameters.biasExponent)), bits: 24)
        var v = Self.decayed(voltage[k], Int(parameters.voltageDecay)) + drive
        v = min(max(v, Int(parameters.voltageMin)), Int(parameters.voltageMax))
        if refractory[k] > 0 { v = 0 }
        if v > Int(parameters.thresholdMantissa) * 64 {
          next[population.neuronBase + i] = true
          v = 0
          refractory[k] = Int(parameters.refractoryDelay)
        }
        refractory[k] = max(refractory[k] - 1, 0)
        voltage[k] = v
      }
    }
    spiked = next
    if !network.plasticConnections.isEmpty {
      spikedAt[t % 64] = next
      learn(tick: t)
    }
  }

  /// Local indices of `population`'s neurons that spiked in tick `emission` (none before tick 1).
  private func spikes(of population: PopulationID, at emission: Int) -> [Int] {
    guard emission >= 1 else { return [] }
    let info = network[population]
    return (0..<info.size).filter { spikedAt[emission % 64][info.neuronBase + $0] }
  }
}

// MARK: Learning

/// The oracle's learning state of one plastic connection: plain `Int`s, and every trace's value
/// at every tick of the current epoch.
public struct ReferenceLearning: Sendable {
  let rule: LearningRule
  public internal(set) var x1: [Int], x2: [Int]
  public internal(set) var y1: [Int], y2: [Int], y3: [Int]
  public internal(set) var r1 = 0
  /// Per synapse index: the learned delay and tag.
  public internal(set) var delays: [Int], tags: [Int]
  /// Tick within the epoch (1-based) of each pre's last arrival and each post's last spike; 0 = none.
  var preTime: [Int], postTime: [Int]
  /// `history[τ − 1]`: the traces as they stood at tick τ of the epoch (after that tick's impulses).
  var history: [Traces] = []

  struct Traces: Sendable {
    var x1, x2, y1, y2, y3: [Int]
    var r1: Int
  }

  init(rule: LearningRule, connection: Network.Connection) {
    self.rule = rule
    x1 = Array(repeating: 0, count: connection.preCount)
    x2 = x1
    preTime = x1
    y1 = Array(repeating: 0, count: connection.postCount)
    y2 = y1
    y3 = y1
    postTime = y1
    delays = Array(repeating: Int(connection.delay), count: connection.synapseCount)
    tags = Array(repeating: 0, count: connection.synapseCount)
  }
}

extension ReferenceChip {
  /// Tick t's learning phase: for each plastic connection in declaration order, every trace
  /// decays, takes its impulses and is recorded; at the epoch's end every synapse is evaluated.
  private mutating func learn(tick t: Int) {
    var random = self.random
    defer { self.random = random }
    for (c, connection) in network.connections.enumerated() {
      guard var state = learning[c] else { continue }
      learning[c] = nil
      let rule = state.rule
      let epoch = Int(rule.epoch)
      let phase = (t - 1) % epoch + 1
      if phase == 1 { state.history = [] }

      // Decay: x ← floor(x(τ−1)/τ) + Bernoulli(remainder/τ), τ ≤ 1 forgets.
      func decayAll(_ trace: inout [Int], _ config: TraceConfig) {
        for i in trace.indices { trace[i] = Self.decay(trace[i], config, &random) }
      }
      decayAll(&state.x1, rule.x1)
      decayAll(&state.x2, rule.x2)
      decayAll(&state.y1, rule.y1)
      decayAll(&state.y2, rule.y2)
      decayAll(&state.y3, rule.y3)
      state.r1 = Self.decay(state.r1, rule.r1, &random)

      // Impulses: pres arriving now (emitted at t − 1 − delay), posts that spiked at t − 1,
      // reward spikes of t − 1.
      for pre in spikes(of: connection.source, at: t - 1 - Int(connection.delay)) {
        state.preTime[pre] = phase
        state.x1[pre] = Self.impulse(state.x1[pre], rule.x1, &random)
        state.x2[pre] = Self.impulse(state.x2[pre], rule.x2, &random)
      }
      for post in spikes(of: connection.target, at: t - 1) {
        state.postTime[post] = phase
        state.y1[post] = Self.impulse(state.y1[post], rule.y1, &random)
        state.y2[post] = Self.impulse(state.y2[post], rule.y2, &random)
        state.y3[post] = Self.impulse(state.y3[post], rule.y3, &random)
      }
      if let reward = rule.reward, let population = network.population(named: reward) {
        for _ in spikes(of: population, at: t - 1) { state.r1 = Self.impulse(state.r1, rule.r1, &random) }
      }
      state.history.append(
        .init(x1: state.x1, x2: state.x2, y1: state.y1, y2: state.y2, y3: state.y3, r1: state.r1))

      if phase == epoch {
        let uEpoch = t / epoch
        for synapse in synapses[c] {
          Self.evaluate(
            synapse, &state, weights: &weights[c], connection: connection, epochIndex: uEpoch, &random)
        }
        state.preTime = state.preTime.map { _ in 0 }
        state.postTime = state.postTime.map { _ in 0 }
      }
      learning[c] = state
    }
  }

  private static func decay(_ x: Int, _ config: TraceConfig, _ random: inout RandomGenerator) -> Int {
    let tau = Int(config.timeConstant)
    if tau <= 1 { return 0 }
    let scaled = x * (tau - 1)
    return scaled / tau + (random.bernoulli(Int64(scaled % tau), over: Int64(tau)) ? 1 : 0)
  }

  private static func impulse(_ x: Int, _ config: TraceConfig, _ random: inout RandomGenerator) -> Int {
    let whole = Int(config.impulse128) / 128
    let carry = random.bernoulli(Int64(config.impulse128 % 128), over: 128) ? 1 : 0
    return min(127, x + whole + carry)
  }

  /// Every term of every expression for one synapse, from the values before this epoch's
  /// updates; then the write-backs w, d, t in that order, each with its own rounding draw.
  private static func evaluate(
    _ synapse: (pre: Int, post: Int, index: Int), _ state: inout ReferenceLearning,
    weights: inout [Int], connection: Network.Connection, epochIndex: Int,
    _ random: inout RandomGenerator
  ) {
    let (pre, post, k) = synapse
    let epoch = Int(state.rule.epoch)
    func value(_ variable: RuleVariable, at time: Int) -> Int {
      let traces = state.history[time - 1]
      switch variable {
      case .x0: return state.preTime[pre] != 0 ? 1 : 0
      case .y0: return state.postTime[post] != 0 ? 1 : 0
      case .x1: return traces.x1[pre]
      case .x2: return traces.x2[pre]
      case .y1: return traces.y1[post]
      case .y2: return traces.y2[post]
      case .y3: return traces.y3[post]
      case .r1: return traces.r1
      case .w: return weights[k]
      case .d: return state.delays[k]
      case .t: return state.tags[k]
      }
    }
    func saturated(_ x: Int, bits: Int) -> Int { min(max(x, -(1 << bits)), (1 << bits) - 1) }
    var results: [(RuleVariable, Int)] = []
    for (variable, expression) in state.rule.targets {
      var sum = 0
      for product in expression.products {
        // When the product counts, and at which tick of the epoch its traces are read.
        let time: Int
        switch product.dependency {
        case .x0: time = state.preTime[pre]
        case .y0: time = state.postTime[post]
        case .u(let k): time = epochIndex % (1 << k) == 0 ? epoch : 0
        }
        if time == 0 { continue }
        var term = Int(product.mantissa)
        var widths = 0
        for factor in product.factors {
          var x = saturated(value(factor.variable, at: time) + Int(factor.offset), bits: factor.variable.width)
          if factor.isSign { x = x.signum() }
          term *= x
          widths += factor.variable.width
        }
        // P >>= max(0, Σ widths + 3 − 15) (floor); P <<= exponent + 7; saturate to 16 bits.
        let down = max(0, widths + 3 - 15)
        term = Int((Double(term) / Double(1 << down)).rounded(.down))
        let up = Int(product.exponent) + 7
        term = up >= 0 ? term * (1 << up) : Int((Double(term) / Double(1 << -up)).rounded(.down))
        sum += saturated(term, bits: 15)
      }
      results.append((variable, saturated(value(variable, at: epoch) * 128 + sum, bits: 15)))
    }
    for (variable, a) in results {
      switch variable {
      case .w:
        let format = connection.format
        var clamped = a
        if format.signMode == .excitatory { clamped = max(0, clamped) }
        if format.signMode == .inhibitory { clamped = min(0, clamped) }
        let unit = 1 << (7 + Int(format.droppedBits))
        let w = roundedStochastically(clamped, unit: unit, &random) * (1 << Int(format.droppedBits))
        let range = format.storedRange
        weights[k] = min(max(w, Int(range.lowerBound)), Int(range.upperBound))
      case .d:
        state.delays[k] = min(max(roundedStochastically(a, unit: 128, &random), 0), 62)
      case .t:
        state.tags[k] = min(max(roundedStochastically(a, unit: 128, &random), -256), 255)
      default:
        break
      }
    }
  }

  /// `floor(a / unit)`, plus one with probability `(a mod unit) / unit`.
  private static func roundedStochastically(_ a: Int, unit: Int, _ random: inout RandomGenerator) -> Int {
    let remainder = ((a % unit) + unit) % unit
    let quotient = (a - remainder) / unit
    return quotient + (random.bernoulli(Int64(remainder), over: Int64(unit)) ? 1 : 0)
  }
}
