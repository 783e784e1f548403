extension Chip {
  /// The learning phase of tick t for every plastic connection, in declaration order (which fixes
  /// the order of random draws).
  mutating func learn(tick t: Int64) {
    let plastic = network.plasticConnections
    guard !plastic.isEmpty else { return }
    // Move the per-connection arrays out once, so every element is uniquely referenced while
    // the pass writes it (a shared outer array would be copied on each write).
    var learning: [LearningState] = []
    var weights: [[Int32]] = []
    var contributions: [[Int32]] = []
    swap(&learning, &state.learning)
    swap(&weights, &state.weights)
    swap(&contributions, &state.contributions)
    var random = state.random
    for c in plastic {
      if !learning[c].changed.isEmpty {
        learning[c].changed.removeAll(keepingCapacity: true)
        learning[c].changedFrom.removeAll(keepingCapacity: true)
      }
      // Nothing arrives, nothing is pending and no trace can move: the pass would change nothing
      // (and draw no random numbers), so skip it. Decided from plain integers (`routes`): reading
      // the connection itself would retain each of its arrays.
      let route = network.routes[c]
      if route.learningMayRest && learning[c].arrivedPres.isEmpty && learning[c].spikedPosts.isEmpty
        && learning[c].r1 == 0
        && !spikedIn(route.source, at: t - 1 - Int64(route.delay))
        && !spikedIn(route.target, at: t - 1)
        && (route.reward < 0 || !spikedIn(route.reward, at: t - 1))
      {
        continue
      }
      let connection = network.connections[c]
      var pass = LearningPass(
        network: network, connection: connection, rule: connection.learning!, tick: t,
        spikes: state.spikes, spikeStart: state.spikeStart)
      pass.run(&learning[c], &weights[c], &contributions[c], &random)
    }
    state.random = random
    swap(&learning, &state.learning)
    swap(&weights, &state.weights)
    swap(&contributions, &state.contributions)
  }
}

extension Chip {
  /// Whether any neuron of `population` spiked at `tick` (within the kept history).
  func spikedIn(_ population: Int, at tick: Int64) -> Bool {
    guard tick >= 1 else { return false }
    let slot = Int(tick % Int64(network.historyDepth))
    let startBase = slot * (network.populations.count + 1)
    return state.spikeStart[startBase + population + 1] != state.spikeStart[startBase + population]
  }
}

/// One tick of the learning engine for one connection.
private struct LearningPass {
  let connection: Network.Connection
  let rule: CompiledLearningRule
  let tick: Int64
  /// Tick within the epoch, 1...epoch.
  let phase: Int
  /// The pres arriving now and the posts that spiked one tick ago: ranges of the spike history
  /// (chip-wide numbers; subtract the base for local indices), and the count of reward spikes.
  let history: [Int32]
  let arrivingPres: Range<Int>
  let preBase: Int32
  let spikedPosts: Range<Int>
  let postBase: Int32
  let rewardSpikes: Int

  init(
    network: Network, connection: Network.Connection, rule: CompiledLearningRule, tick t: Int64,
    spikes history: [Int32], spikeStart: [Int32]
  ) {
    self.connection = connection
    self.rule = rule
    self.tick = t
    self.phase = Int((t - 1) % Int64(rule.epoch)) + 1
    self.history = history
    func spikes(of population: Int, emittedAt emission: Int64) -> Range<Int> {
      guard emission >= 1 else { return 0..<0 }
      let slot = Int(emission % Int64(network.historyDepth))
      let startBase = slot * (network.populations.count + 1)
      let offset = slot * network.neuronCount
      return offset + Int(spikeStart[startBase + population])..<offset + Int(spikeStart[startBase + population + 1])
    }
    arrivingPres = spikes(
      of: connection.source.rawValue, emittedAt: t - 1 - Int64(connection.delay))
    preBase = Int32(network.populations[connection.source.rawValue].neuronBase)
    spikedPosts = spikes(of: connection.target.rawValue, emittedAt: t - 1)
    postBase = Int32(network.populations[connection.target.rawValue].neuronBase)
    rewardSpikes = rule.reward >= 0 ? spikes(of: rule.reward, emittedAt: t - 1).count : 0
  }

  mutating func run(
    _ learning: inout LearningState, _ weights: inout [Int32], _ contributions: inout [Int32],
    _ random: inout RandomGenerator
  ) {
    learning.changed.removeAll(keepingCapacity: true)
    learning.changedFrom.removeAll(keepingCapacity: true)
    let traces = rule.rule
    // Decay first (every element of every live trace, in a fixed order), then impulses: a trace
    // sampled at a spike tick includes that spike's own impulse.
    Self.decay(&learning.x1, traces.x1, &random)
    Self.decay(&learning.x2, traces.x2, &random)
    Self.decay(&learning.y1, traces.y1, &random)
    Self.decay(&learning.y2, traces.y2, &random)
    Self.decay(&learning.y3, traces.y3, &random)
    learning.r1 = Self.decayed(learning.r1, traces.r1, &random)

    Self.mark(arrivingPres, of: history, base: preBase, phase: phase, in: &learning.preTime, list: &learning.arrivedPres)
    if !(traces.x1.isInert && traces.x2.isInert) {
      for s in arrivingPres {
        let i = Int(history[s] &- preBase)
        if !traces.x1.isInert { Self.bump(&learning.x1[i], traces.x1, &random) }
        if !traces.x2.isInert { Self.bump(&learning.x2[i], traces.x2, &random) }
      }
    }
    Self.mark(spikedPosts, of: history, base: postBase, phase: phase, in: &learning.postTime, list: &learning.spikedPosts)
    if !(traces.y1.isInert && traces.y2.isInert && traces.y3.isInert) {
      for s in spikedPosts {
        let j = Int(history[s] &- postBase)
        if !traces.y1.isInert { Self.bump(&learning.y1[j], traces.y1, &random) }
        if !traces.y2.isInert { Self.bump(&learning.y2[j], traces.y2, &random) }
        if !traces.y3.isInert { Self.bump(&learning.y3[j], traces.y3, &random) }
      }
    }
    for _ in 0..<rewardSpikes { learning.r1 = Self.bumped(learning.r1, traces.r1, &random) }

    if rule.epoch > 1 { record(&learning) }
    guard phase == rule.epoch else { return }
    evaluate(&learning, &weights, &contributions, &random)
    Self.clear(&learning.preTime, at: learning.arrivedPres)
    Self.clear(&learning.postTime, at: learning.spikedPosts)
    learning.arrivedPres.removeAll(keepingCapacity: true)
    learning.spikedPosts.removeAll(keepingCapacity: true)
  }

  /// Sets `time[n] = phase` for each neuron n spiking in `spikes` (a range of the history, in
  /// chip-wide numbers), listing each one the first time it is seen this epoch. Marking draws no
  /// random numbers, so it may run apart from the trace impulses.
  static func mark(
    _ spikes: Range<Int>, of history: [Int32], base: Int32, phase: Int, in time: inout [UInt8],
    list: inout [Int32]
  ) {
    if spikes.isEmpty { return }
    // Room for every spike first, then plain stores: an append per spike would check the
    // list's uniqueness each time.
    let start = list.count
    list.append(contentsOf: repeatElement(0, count: spikes.count))
    var count = start
    history.withUnsafeBufferPointer { history in
      time.withUnsafeMutableBufferPointer { time in
        list.withUnsafeMutableBufferPointer { list in
          for s in spikes {
            let local = history[s] &- base
            list[count] = local
            count &+= time[Int(local)] == 0 ? 1 : 0
            time[Int(local)] = UInt8(truncatingIfNeeded: phase)
          }
        }
      }
    }
    list.removeLast(list.count - count)
  }

  static func clear(_ time: inout [UInt8], at listed: [Int32]) {
    if listed.isEmpty { return }
    time.withUnsafeMutableBufferPointer { time in
      for n in listed { time[Int(n)] = 0 }
    }
  }

  // MARK: Traces

  /// `x ← floor(x · (τ − 1) / τ) + Bernoulli(remainder / τ)`; τ ≤ 1 forgets everything.
  static func decayed(_ x: Int32, _ config: TraceConfig, _ random: inout RandomGenerator) -> Int32 {
    if x == 0 { return 0 }
    let tau = Int64(config.timeConstant)
    if tau <= 1 { return 0 }
    let scaled = Int64(x) * (tau - 1)
    let remainder = scaled % tau
    return Int32(scaled / tau) + (random.bernoulli(remainder, over: tau) ? 1 : 0)
  }

  static func decay(_ trace: inout [UInt8], _ config: TraceConfig, _ random: inout RandomGenerator) {
    if config.isInert { return }
    for i in trace.indices where trace[i] != 0 {
      trace[i] = UInt8(decayed(Int32(trace[i]), config, &random))
    }
  }

  /// Adds the impulse (integer part, plus one with probability fraction/128), saturating at 127.
  static func bumped(_ x: Int32, _ config: TraceConfig, _ random: inout RandomGenerator) -> Int32 {
    if config.isInert { return x }
    let whole = config.impulse128 >> Int32(FixedPoint.impulseFraction)
    let fraction = Int64(config.impulse128 & 127)
    let carry: Int32 = random.bernoulli(fraction, over: 128) ? 1 : 0
    return min(ChipLimits.traceValue.upperBound, x + whole + carry)
  }

  static func bump(_ x: inout UInt8, _ config: TraceConfig, _ random: inout RandomGenerator) {
    if config.isInert { return }
    x = UInt8(bumped(Int32(x), config, &random))
  }

  /// Keeps this tick's trace values, for products that read them at a spike tick of the epoch.
  func record(_ learning: inout LearningState) {
    let row = phase - 1
    func copy(_ trace: [UInt8], _ config: TraceConfig, into history: inout [UInt8]) {
      if config.isInert { return }
      let n = trace.count
      for i in 0..<n { history[row * n + i] = trace[i] }
    }
    let traces = rule.rule
    copy(learning.x1, traces.x1, into: &learning.x1History)
    copy(learning.x2, traces.x2, into: &learning.x2History)
    copy(learning.y1, traces.y1, into: &learning.y1History)
    copy(learning.y2, traces.y2, into: &learning.y2History)
    copy(learning.y3, traces.y3, into: &learning.y3History)
    learning.r1History[row] = learning.r1
  }

  // MARK: Rule evaluation

  /// Which synapses can have a non-zero rule this epoch.
  private struct Reach {
    var all = false
    var rows = false
    var columns = false
    var pairs = false
  }

  private func reach(uActive: Bool) -> Reach {
    var reach = Reach()
    for product in rule.products {
      if product.dependency == .u && !uActive { continue }
      switch (product.requiresX0, product.requiresY0) {
      case (true, true): reach.pairs = true
      case (true, false): reach.rows = true
      case (false, true): reach.columns = true
      case (false, false): reach.all = true
      }
    }
    return reach
  }

  func evaluate(
    _ learning: inout LearningState, _ weights: inout [Int32], _ contributions: inout [Int32],
    _ random: inout RandomGenerator
  ) {
    let epochIndex = tick / Int64(rule.epoch)
    let uActive = rule.uExponent.map { epochIndex % (Int64(1) << Int64($0)) == 0 } ?? false
    if rule.isUniformOverPairs {
      applyUniformly(&learning, &weights, &contributions, &random)
      return
    }
    let reach = reach(uActive: uActive)
    var evaluator = SynapseEvaluator(
      connection: connection, rule: rule, uActive: uActive)
    func visit(_ pre: Int, _ post: Int, _ synapse: Int) {
      evaluator.apply(
        pre: pre, post: post, synapse: synapse, learning: &learning, weights: &weights,
        contributions: &contributions, random: &random)
    }
    func visitRow(_ pre: Int) {
      if connection.isDense {
        let base = pre * connection.postCount
        for post in 0..<connection.postCount { visit(pre, post, base + post) }
      } else {
        for k in Int(connection.rowStart[pre])..<Int(connection.rowStart[pre + 1]) {
          visit(pre, Int(connection.postIndex[k]), k)
        }
      }
    }
    // Write-backs draw in ascending synapse order (the order of the naive every-synapse pass,
    // `ReferenceChip`), so the lists of this epoch's pres and posts are visited sorted. With
    // one-tick epochs they are sorted already (one tick's spikes are listed by index).
    if rule.epoch > 1 {
      learning.arrivedPres.sort()
      learning.spikedPosts.sort()
    }
    let pres = learning.arrivedPres
    let posts = learning.spikedPosts
    if reach.all {
      for pre in 0..<connection.preCount { visitRow(pre) }
    } else if reach.columns {
      // Whole rows of arrived pres (when products need only x0), plus the columns of spiked
      // posts, merged into synapse order.
      if connection.isDense {
        for pre in 0..<connection.preCount {
          if reach.rows && learning.preTime[pre] != 0 {
            visitRow(pre)
          } else {
            for post in posts { visit(pre, Int(post), pre * connection.postCount + Int(post)) }
          }
        }
      } else {
        var synapses: [Int32] = []
        if reach.rows {
          for pre in pres {
            synapses.append(contentsOf: connection.rowStart[Int(pre)]..<connection.rowStart[Int(pre) + 1])
          }
        }
        for post in posts {
          for c in Int(connection.columnStart[Int(post)])..<Int(connection.columnStart[Int(post) + 1]) {
            let synapse = connection.columnSynapse[c]
            let pre = connection.endpoints(ofSynapse: Int(synapse)).pre
            if !(reach.rows && learning.preTime[pre] != 0) { synapses.append(synapse) }
          }
        }
        for synapse in synapses.sorted() {
          let (pre, post) = connection.endpoints(ofSynapse: Int(synapse))
          visit(pre, post, Int(synapse))
        }
      }
    } else if reach.rows {
      for pre in pres { visitRow(Int(pre)) }
    } else if reach.pairs {
      for pre32 in pres {
        let pre = Int(pre32)
        if connection.isDense {
          let base = pre * connection.postCount
          for post in posts { visit(pre, Int(post), base + Int(post)) }
        } else {
          for k in Int(connection.rowStart[pre])..<Int(connection.rowStart[pre + 1]) {
            let post = Int(connection.postIndex[k])
            if learning.postTime[post] != 0 { visit(pre, post, k) }
          }
        }
      }
    }
  }
}

extension LearningPass {
  /// The rule's sum of products when x0 = y0 = 1 and r1 is the connection's current trace.
  private func uniformSum(r1: Int32) -> Int64 {
    var sum: Int64 = 0
    let accumulator = FixedPoint.learningAccumulator
    for product in rule.products {
      var term = product.mantissa
      for f in product.factorStart..<product.factorEnd {
        let factor = rule.factors[f]
        var x = (factor.variable == .r1 ? Int64(r1) : 1) + factor.offset
        x = FixedPoint.saturate(x, factor.lowerBound, factor.upperBound)
        if factor.isSign { x = x > 0 ? 1 : (x < 0 ? -1 : 0) }
        term *= x
      }
      term = (term >> product.shiftDown) << product.shiftUp
      sum += FixedPoint.saturate(term, accumulator.lowerBound, accumulator.upperBound)
    }
    return sum
  }

  /// The uniform path: one sum for the tick, then every (arrived pre, spiked post) synapse.
  /// Same arithmetic and draw order as the general path, without per-synapse rule evaluation.
  func applyUniformly(
    _ learning: inout LearningState, _ weights: inout [Int32], _ contributions: inout [Int32],
    _ random: inout RandomGenerator
  ) {
    if learning.arrivedPres.isEmpty || learning.spikedPosts.isEmpty { return }
    let sum = uniformSum(r1: learning.r1)
    if sum == 0 { return }
    let format = connection.format
    let accumulator = FixedPoint.learningAccumulator
    let fraction = Int64(FixedPoint.learningFraction)
    let dropped = Int64(format.droppedBits)
    let shift = fraction + dropped
    let range = format.storedRange
    let (lo, hi) = (Int64(range.lowerBound), Int64(range.upperBound))
    // Saturating to 16 bits and then clamping to the sign mode's side of zero is one clamp.
    let aLo = format.signMode == .excitatory ? 0 : accumulator.lowerBound
    let aHi = format.signMode == .inhibitory ? 0 : accumulator.upperBound
    let exponent = format.exponent
    let postCount = connection.postCount
    // Every pair may change: make room for all of them in the change lists up front and write
    // through pointers (an append per change would check the lists' uniqueness every time).
    var pairs = 0
    if connection.isDense {
      pairs = learning.arrivedPres.count * learning.spikedPosts.count
    } else {
      for pre in learning.arrivedPres {
        pairs += Int(connection.rowStart[Int(pre) + 1] - connection.rowStart[Int(pre)])
      }
    }
    var changed = learning.changed
    var changedFrom = learning.changedFrom
    learning.changed = []
    learning.changedFrom = []
    let before = changed.count
    changed.append(contentsOf: repeatElement(0, count: pairs))
    changedFrom.append(contentsOf: repeatElement(0, count: pairs))
    var count = before
    weights.withUnsafeMutableBufferPointer { w in
      contributions.withUnsafeMutableBufferPointer { c in
        changed.withUnsafeMutableBufferPointer { changed in
          changedFrom.withUnsafeMutableBufferPointer { changedFrom in
            learning.spikedPosts.withUnsafeBufferPointer { posts in
              /// The general path's write-back for w (see `SynapseEvaluator.apply`), inlined.
              @inline(__always)
              func update(_ synapse: Int) {
                let old = w[synapse]
                let a = FixedPoint.saturate((Int64(old) << fraction) &+ sum, aLo, aHi)
                let rounded = SynapseEvaluator.stochasticRound(a, shift: shift, &random) << dropped
                let new = Int32(truncatingIfNeeded: FixedPoint.saturate(rounded, lo, hi))
                if new != old {
                  changedFrom[count] = old
                  changed[count] = Int32(truncatingIfNeeded: synapse)
                  count &+= 1
                  w[synapse] = new
                  c[synapse] = FixedPoint.contribution(mantissa: new, exponent: exponent)
                }
              }
              for pre32 in learning.arrivedPres {
                let pre = Int(pre32)
                if connection.isDense {
                  let row = pre * postCount
                  for post in posts { update(row + Int(post)) }
                } else {
                  for k in Int(connection.rowStart[pre])..<Int(connection.rowStart[pre + 1])
                  where learning.postTime[Int(connection.postIndex[k])] != 0 {
                    update(k)
                  }
                }
              }
            }
          }
        }
      }
    }
    changed.removeLast(changed.count - count)
    changedFrom.removeLast(changedFrom.count - count)
    learning.changed = changed
    learning.changedFrom = changedFrom
  }
}

/// Evaluates a compiled rule for one synapse and writes the results back (Part A 4–5).
struct SynapseEvaluator {
  let connection: Network.Connection
  let rule: CompiledLearningRule
  let uActive: Bool
  let epoch: Int
  let preCount: Int
  let postCount: Int
  /// Scratch for the new values of w, d, t (all rules read the values from before this epoch).
  var results: [(RuleVariable, Int64)] = []

  init(connection: Network.Connection, rule: CompiledLearningRule, uActive: Bool) {
    self.connection = connection
    self.rule = rule
    self.uActive = uActive
    self.epoch = rule.epoch
    self.preCount = connection.preCount
    self.postCount = connection.postCount
    results.reserveCapacity(3)
  }

  func value(
    of variable: RuleVariable, at time: Int, pre: Int, post: Int, synapse: Int,
    learning: LearningState, weight: Int32
  ) -> Int64 {
    let row = time - 1
    switch variable {
    case .x0: return learning.preTime[pre] != 0 ? 1 : 0
    case .y0: return learning.postTime[post] != 0 ? 1 : 0
    case .x1: return Int64(epoch == 1 ? learning.x1[pre] : learning.x1History[row * preCount + pre])
    case .x2: return Int64(epoch == 1 ? learning.x2[pre] : learning.x2History[row * preCount + pre])
    case .y1:
      return Int64(epoch == 1 ? learning.y1[post] : learning.y1History[row * postCount + post])
    case .y2:
      return Int64(epoch == 1 ? learning.y2[post] : learning.y2History[row * postCount + post])
    case .y3:
      return Int64(epoch == 1 ? learning.y3[post] : learning.y3History[row * postCount + post])
    case .r1: return Int64(epoch == 1 ? learning.r1 : learning.r1History[row])
    case .w: return Int64(weight)
    case .d:
      return Int64(learning.delays.isEmpty ? connection.delay : learning.delays[synapse])
    case .t: return learning.tags.isEmpty ? 0 : Int64(learning.tags[synapse])
    }
  }

  mutating func apply(
    pre: Int, post: Int, synapse: Int, learning: inout LearningState, weights: inout [Int32],
    contributions: inout [Int32], random: inout RandomGenerator
  ) {
    let accumulator = FixedPoint.learningAccumulator
    results.removeAll(keepingCapacity: true)
    let weight = weights[synapse]
    for target in rule.targets {
      let old = value(
        of: target.variable, at: epoch, pre: pre, post: post, synapse: synapse,
        learning: learning, weight: weight)
      // Products are summed first and the 16-bit accumulator saturates once: saturating after
      // each product would let the nBP rule's +4·r1 − 2 at w = 254 round down to 252.
      var sum: Int64 = 0
      var touched = false
      for p in target.productStart..<target.productEnd {
        guard let term = product(p, pre: pre, post: post, synapse: synapse, learning: learning, weight: weight),
          term != 0
        else { continue }
        sum += scaled(term, product: p)
        touched = true
      }
      if touched {
        let a = FixedPoint.saturate(
          (old << Int64(FixedPoint.learningFraction)) + sum, accumulator.lowerBound,
          accumulator.upperBound)
        results.append((target.variable, a))
      }
    }
    for (variable, a) in results {
      switch variable {
      case .w:
        let format = connection.format
        var clamped = a
        if format.signMode == .excitatory { clamped = max(0, clamped) }
        if format.signMode == .inhibitory { clamped = min(0, clamped) }
        let shift = Int64(FixedPoint.learningFraction) + Int64(format.droppedBits)
        let rounded = Self.stochasticRound(clamped, shift: shift, &random) << Int64(format.droppedBits)
        let range = format.storedRange
        let w = Int32(FixedPoint.saturate(rounded, Int64(range.lowerBound), Int64(range.upperBound)))
        if w != weights[synapse] {
          learning.changedFrom.append(weights[synapse])
          weights[synapse] = w
          contributions[synapse] = FixedPoint.contribution(mantissa: w, exponent: format.exponent)
          learning.changed.append(Int32(synapse))
        }
      case .d:
        let range = ChipLimits.learnedDelay
        let rounded = Self.stochasticRound(a, shift: Int64(FixedPoint.learningFraction), &random)
        learning.delays[synapse] = Int32(
          FixedPoint.saturate(rounded, Int64(range.lowerBound), Int64(range.upperBound)))
      case .t:
        let range = ChipLimits.tag
        let rounded = Self.stochasticRound(a, shift: Int64(FixedPoint.learningFraction), &random)
        learning.tags[synapse] = Int32(
          FixedPoint.saturate(rounded, Int64(range.lowerBound), Int64(range.upperBound)))
      default:
        break
      }
    }
  }

  /// Product `p` before scaling (mantissa times its factors, each saturated to its width), or
  /// nil when its dependency (pre arrival, post spike, u epoch) did not happen this epoch.
  @inline(__always)
  func product(_ p: Int, pre: Int, post: Int, synapse: Int, learning: LearningState, weight: Int32) -> Int64? {
    let product = rule.products[p]
    let time: Int
    switch product.dependency {
    case .x0:
      time = Int(learning.preTime[pre])
      if time == 0 { return nil }
    case .y0:
      time = Int(learning.postTime[post])
      if time == 0 { return nil }
    case .u:
      if !uActive { return nil }
      time = epoch
    }
    var term = product.mantissa
    for f in product.factorStart..<product.factorEnd {
      term *= factor(f, at: time, pre: pre, post: post, synapse: synapse, learning: learning, weight: weight)
      if term == 0 { break }
    }
    return term
  }

  /// Factor `f` read at `time`: its variable plus its offset, saturated, or that value's sign.
  @inline(__always)
  func factor(_ f: Int, at time: Int, pre: Int, post: Int, synapse: Int, learning: LearningState, weight: Int32) -> Int64 {
    let factor = rule.factors[f]
    var x =
      value(of: factor.variable, at: time, pre: pre, post: post, synapse: synapse, learning: learning, weight: weight)
      + factor.offset
    x = FixedPoint.saturate(x, factor.lowerBound, factor.upperBound)
    if factor.isSign { x = x > 0 ? 1 : (x < 0 ? -1 : 0) }
    return x
  }

  /// A product's value scaled into the accumulator (fraction bits) and saturated to it.
  @inline(__always)
  func scaled(_ term: Int64, product p: Int) -> Int64 {
    let product = rule.products[p]
    let accumulator = FixedPoint.learningAccumulator
    return FixedPoint.saturate((term >> product.shiftDown) << product.shiftUp, accumulator.lowerBound, accumulator.upperBound)
  }

  /// `floor(a / 2^shift)`, plus one with probability remainder / 2^shift (one seeded draw, only
  /// when the remainder is not zero, so exact updates consume no randomness).
  @inline(__always)
  static func stochasticRound(_ a: Int64, shift: Int64, _ random: inout RandomGenerator) -> Int64 {
    let quotient = a >> shift
    let remainder = a - (quotient << shift)
    return quotient + (random.bernoulli(remainder, over: Int64(1) << shift) ? 1 : 0)
  }
}
