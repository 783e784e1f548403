internal import CEngineKernels
import Budgets
import Suggestions
/// Identifies a population of a ``Network`` (its index in declaration order).
public struct PopulationID: Hashable, Sendable, Comparable {
  public let rawValue: Int
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Identifies a connection of a ``Network`` (its index in declaration order).
public struct ConnectionID: Hashable, Sendable, Comparable {
  public let rawValue: Int
  public init(_ rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// How the fields of a description are named in error messages (e.g. by their JSON path).
public struct DescriptionPaths: Sendable {
  public var population: @Sendable (Int) -> String
  public var connection: @Sendable (Int) -> String

  public init(
    population: @escaping @Sendable (Int) -> String,
    connection: @escaping @Sendable (Int) -> String
  ) {
    self.population = population
    self.connection = connection
  }

  public static let `default` = DescriptionPaths(
    population: { "populations[\($0)]" }, connection: { "connections[\($0)]" })
}

/// A checked network compiled into flat arrays, ready for any number of ``Chip``s.
///
/// Immutable and shared: chips hold a reference, their mutable state lives in ``ChipState``.
public final class Network: Sendable {
  /// One population, resolved.
  public struct Population: Sendable {
    public let name: String
    public let size: Int
    /// Parameters for compartments; nil for spike generators.
    public let parameters: CompartmentParameters?
    /// First index of this population in the chip-wide neuron numbering (generators included).
    public let neuronBase: Int
    /// First index in the compartment arrays (u, v, ...); -1 for generators.
    public let compartmentBase: Int
    /// A memoryless population (du = dv = 4096) whose resting voltage stays below threshold:
    /// with no input and no refractory hold, a tick leaves it exactly as it was (u = 0,
    /// v = sat(wrap24(bias))), so the engine may skip it.
    let canRest: Bool
    public var isGenerator: Bool { parameters == nil }
  }

  /// One connection, resolved and quantised. A class, so that handing one to the learning pass
  /// each tick is one reference count, not one per array it holds.
  public final class Connection: Sendable {
    public let name: String
    public let source: PopulationID
    public let target: PopulationID
    public let preCount: Int
    public let postCount: Int
    public let format: WeightFormat
    public let delay: Int32
    /// Dense connections store `preCount × postCount` synapses, row-major by pre; sparse ones
    /// store each pre's synapses contiguously between `rowStart[pre]` and `rowStart[pre + 1]`.
    public let isDense: Bool
    let rowStart: [Int32]
    let postIndex: [Int32]
    /// For column walks (rules with `y0`-only products): synapse ids of each post.
    let columnStart: [Int32]
    let columnSynapse: [Int32]
    /// Quantised weight mantissas at build time, one per synapse.
    let initialWeights: [Int32]
    public let learning: CompiledLearningRule?
    public var synapseCount: Int { initialWeights.count }

    /// Synapse i joins pre i to post i, for every pre (see `Route.isDiagonal`).
    var isDiagonal: Bool {
      !isDense && preCount == postCount && postIndex.count == preCount
        && rowStart.indices.allSatisfy { rowStart[$0] == Int32($0) }
        && postIndex.indices.allSatisfy { postIndex[$0] == Int32($0) }
    }

    init(
      name: String, source: PopulationID, target: PopulationID, preCount: Int, postCount: Int,
      format: WeightFormat, delay: Int32, isDense: Bool, rowStart: [Int32], postIndex: [Int32],
      columnStart: [Int32], columnSynapse: [Int32], initialWeights: [Int32], learning: CompiledLearningRule?
    ) {
      self.name = name
      self.source = source
      self.target = target
      self.preCount = preCount
      self.postCount = postCount
      self.format = format
      self.delay = delay
      self.isDense = isDense
      self.rowStart = rowStart
      self.postIndex = postIndex
      self.columnStart = columnStart
      self.columnSynapse = columnSynapse
      self.initialWeights = initialWeights
      self.learning = learning
    }
  }

  public let description: NetworkDescription
  public let populations: [Population]
  public let connections: [Connection]
  public let compartmentCount: Int
  public let neuronCount: Int
  /// Dendritic accumulator slots per compartment (a power of two > max delay + 1).
  let ringSlots: Int
  /// Ticks of spike history kept (learning reads pre spikes `delay + 1` ticks back).
  public let historyDepth: Int
  /// Ticks of spikes the dynamics read (routing the last tick, learning its longest delay + 1).
  let dynamicsHistoryDepth: Int
  /// Each population's generator events as described (empty for compartments).
  let initialEvents: [[SpikeEvent]]
  /// Indices of the connections that learn, in declaration order.
  let plasticConnections: [Int]
  /// Per connection, what routing reads every tick, as plain integers (reading a `Connection`
  /// in the tick loop would retain and release each of its arrays).
  let routes: [Route]

  /// Per population, what the update reads every tick, as plain values (for the same reason).
  let updates: [UpdateStep]

  struct UpdateStep: Sendable {
    enum Kind: Sendable {
      case generator
      /// A population that can rest (du = dv = 4096, resting below threshold): the vector kernel.
      case memoryless
      case general
    }
    let kind: Kind
    let size: Int
    let compartmentBase: Int
    let neuronBase: Int32
    /// The population's constants as the C kernels read them.
    let kernel: nbp_population
  }

  struct Route: Sendable {
    let source: Int
    let target: Int
    let sourceNeuronBase: Int32
    let targetCompartmentBase: Int
    let delay: Int
    let isDense: Bool
    /// A sparse connection whose synapse i joins pre i to post i (one to one): routed without
    /// reading its row offsets.
    let isDiagonal: Bool
    let postCount: Int
    /// For a plastic connection: the reward population (or -1), and whether the learning pass
    /// may be skipped when no spike touches it (its x and y traces are inert, no u<k> product).
    let reward: Int
    let learningMayRest: Bool
    /// Dense connections from the same source with the same delay and width see the same rows
    /// every tick: the first of them (in declaration order) leads, and the others may add its
    /// row sum instead of their own rows while their weights equal its weights (see
    /// `Chip+Twins.swift`). `twinLeader` is this connection's leader (itself for a leader or a
    /// connection without twins); `twinSum` is where the group's sum lies in
    /// `ChipState.twinSums` (-1 without twins).
    let twinLeader: Int
    let twinSum: Int
  }

  /// The connections that have a twin leader other than themselves, in declaration order.
  let twinFollowers: [Int]
  /// Room for every twin group's row sum.
  let twinSumCount: Int

  /// The most spike slots (ticks × neurons) kept for ``Chip/spikes(of:atTick:)`` beyond what
  /// learning needs: 256 MiB of history at most.
  public static let spikeHistoryLimit = 1 << 26

  /// Checks `description` and compiles it.
  ///
  /// - Throws: ``LoihiError`` whose path names the offending field as `paths` spells it.
  /// - Parameter spikeHistory: ticks of spikes to keep readable through
  ///   ``Chip/spikes(of:atTick:)`` (at least what learning needs, at most what
  ///   ``spikeHistoryLimit`` allows); a debugger's rasters read them there instead of copying
  ///   spikes every tick.
  /// - Parameter budget: the most compartments and synapses the network may have; checked before
  ///   anything is allocated for them.
  public init(
    _ description: NetworkDescription, paths: DescriptionPaths = .default, spikeHistory: Int = 0,
    budget: ResourceBudget = .standard
  ) throws {
    self.description = description
    var populations: [Population] = []
    var byName: [String: Int] = [:]
    var neuronBase = 0
    var compartmentBase = 0
    var initialEvents: [[SpikeEvent]] = []
    for (i, spec) in description.populations.enumerated() {
      let path = paths.population(i)
      guard !spec.name.isEmpty else {
        throw LoihiError(path: path + ".name", .invalid(value: "", expected: "a non-empty name"))
      }
      guard byName[spec.name] == nil else {
        throw LoihiError(path: path + ".name", .duplicateName(spec.name))
      }
      _ = try LoihiError.check(spec.size, in: 1...(1 << 22), field: path + ".size")
      do {
        try budget.check(.compartments, Int64(neuronBase + spec.size))
      } catch {
        throw LoihiError(path: path + ".size", .overBudget(error))
      }
      byName[spec.name] = i
      switch spec.kind {
      case .compartments(let parameters):
        let rest = min(
          max(FixedPoint.wrap(parameters.bias, bits: FixedPoint.currentBits), parameters.voltageMin),
          parameters.voltageMax)
        populations.append(
          Population(
            name: spec.name, size: spec.size, parameters: parameters, neuronBase: neuronBase,
            compartmentBase: compartmentBase,
            canRest: parameters.currentDecay == 4096 && parameters.voltageDecay == 4096
              && rest <= parameters.threshold))
        compartmentBase += spec.size
        initialEvents.append([])
      case .generator(let events):
        for (k, event) in events.enumerated() {
          let eventPath = path + ".spikes[\(k)]"
          _ = try LoihiError.check(
            event.index, in: 0...Int32(spec.size - 1), field: eventPath + "[0]")
          _ = try LoihiError.check(event.tick, in: 1...Int64(Int32.max), field: eventPath + "[1]")
        }
        populations.append(
          Population(
            name: spec.name, size: spec.size, parameters: nil, neuronBase: neuronBase,
            compartmentBase: -1, canRest: false))
        initialEvents.append(Self.normalized(events))
      }
      neuronBase += spec.size
    }

    var connections: [Connection] = []
    var connectionNames: Set<String> = []
    var maxDelay: Int32 = 0
    var maxLearningDelay: Int32 = 0
    var synapseCount: Int64 = 0
    for (c, spec) in description.connections.enumerated() {
      let path = paths.connection(c)
      func resolve(_ name: String, field: String) throws -> Int {
        guard let index = byName[name] else {
          throw LoihiError(
            path: path + "." + field,
            .unknownName(name, suggestion: closestName(to: name, among: byName.keys.sorted())))
        }
        return index
      }
      let source = try resolve(spec.source, field: "from")
      let target = try resolve(spec.target, field: "to")
      guard !populations[target].isGenerator else {
        throw LoihiError(
          path: path + ".to",
          .invalid(value: spec.target, expected: "a population of compartments, not a generator"))
      }
      guard connectionNames.insert(spec.name).inserted else {
        throw LoihiError(path: path + ".name", .duplicateName(spec.name))
      }
      synapseCount += Int64(Self.synapseCount(
          of: spec.connectivity, preCount: populations[source].size, postCount: populations[target].size))
      do {
        try budget.check(.synapses, synapseCount)
      } catch {
        throw LoihiError(path: path, .overBudget(error))
      }
      var learning: CompiledLearningRule?
      if let rule = spec.learning {
        var reward = -1
        if let rewardName = rule.reward {
          reward = try resolve(rewardName, field: "learning.reward")
        }
        learning = CompiledLearningRule(rule, reward: reward)
        maxLearningDelay = max(maxLearningDelay, spec.delay)
      }
      connections.append(
        try Self.compile(
          spec, source: source, target: target, populations: populations, learning: learning,
          path: path))
      maxDelay = max(maxDelay, spec.delay)
    }

    self.populations = populations
    self.connections = connections
    self.compartmentCount = compartmentBase
    self.neuronCount = neuronBase
    var slots = 2
    while slots < Int(maxDelay) + 2 { slots <<= 1 }
    self.ringSlots = slots
    self.dynamicsHistoryDepth = Int(maxLearningDelay) + 2
    // Readers' history is a convenience, so it shrinks for networks too large to keep it whole
    // (a debugger on millions of neurons shows fewer ticks, rather than asking for gigabytes).
    let affordable = Self.spikeHistoryLimit / max(1, neuronBase)
    self.historyDepth = max(dynamicsHistoryDepth, min(spikeHistory, affordable))
    self.initialEvents = initialEvents
    self.plasticConnections = connections.indices.filter { connections[$0].learning != nil }
    self.updates = populations.map { population in
      let kernel = population.parameters.map { parameters in
        nbp_population(
          bias: parameters.bias, threshold: parameters.threshold, refractory_delay: parameters.refractoryDelay,
          voltage_min: parameters.voltageMin, voltage_max: parameters.voltageMax,
          input_bits: Int32(FixedPoint.inputBits), current_bits: Int32(FixedPoint.currentBits),
          neuron_base: Int32(population.neuronBase),
          current_keep: 4096 - parameters.currentDecay, voltage_keep: 4096 - parameters.voltageDecay)
      }
      return UpdateStep(
        kind: population.isGenerator ? .generator : (population.canRest ? .memoryless : .general),
        size: population.size, compartmentBase: population.compartmentBase,
        neuronBase: Int32(population.neuronBase), kernel: kernel ?? nbp_population())
    }
    // Twin groups: dense connections keyed by (source, delay, width); groups of one need nothing.
    var leaderOf: [Int] = Array(connections.indices)
    var groups: [[Int]] = []
    var groupIndex: [[Int]: Int] = [:]
    for (c, connection) in connections.enumerated() where connection.isDense {
      let key = [connection.source.rawValue, Int(connection.delay), connection.postCount]
      if let g = groupIndex[key] {
        groups[g].append(c)
      } else {
        groupIndex[key] = groups.count
        groups.append([c])
      }
    }
    var sumOffset = [Int](repeating: -1, count: connections.count)
    var sumCount = 0
    for group in groups where group.count > 1 {
      for c in group {
        leaderOf[c] = group[0]
        sumOffset[c] = sumCount
      }
      sumCount += connections[group[0]].postCount
    }
    self.twinFollowers = connections.indices.filter { leaderOf[$0] != $0 }
    self.twinSumCount = sumCount
    self.routes = connections.indices.map { c in
      let connection = connections[c]
      return Route(
        source: connection.source.rawValue, target: connection.target.rawValue,
        sourceNeuronBase: Int32(populations[connection.source.rawValue].neuronBase),
        targetCompartmentBase: populations[connection.target.rawValue].compartmentBase,
        delay: Int(connection.delay), isDense: connection.isDense, isDiagonal: connection.isDiagonal,
        postCount: connection.postCount,
        reward: connection.learning?.reward ?? -1,
        learningMayRest: connection.learning.map { $0.hasInertTraces && $0.uExponent == nil } ?? false,
        twinLeader: leaderOf[c], twinSum: sumOffset[c])
    }
  }

  /// Sorted by (tick, index), duplicates removed: a generator emits at most one spike per tick.
  static func normalized(_ events: [SpikeEvent]) -> [SpikeEvent] {
    var unique: [SpikeEvent] = []
    unique.reserveCapacity(events.count)
    for event in events.sorted() where unique.last != event { unique.append(event) }
    return unique
  }

  /// How many synapses `connectivity` asks for (before its shape is checked against the populations).
  private static func synapseCount(of connectivity: Connectivity, preCount: Int, postCount: Int) -> Int {
    switch connectivity {
    case .dense(_, _, let weights): return weights.count
    case .sparse(let synapses): return synapses.count
    case .oneToOne: return preCount
    case .oneToAll: return postCount
    }
  }

  private static func compile(
    _ spec: ConnectionSpec, source: Int, target: Int, populations: [Population],
    learning: CompiledLearningRule?, path: String
  ) throws -> Connection {
    let preCount = populations[source].size
    let postCount = populations[target].size
    let format = spec.format
    var isDense = false
    var rowStart: [Int32] = []
    var postIndex: [Int32] = []
    var weights: [Int32] = []
    switch spec.connectivity {
    case .dense(let rows, let columns, let values):
      guard rows == preCount, columns == postCount, values.count == rows * columns else {
        throw LoihiError(
          path: path + ".weights",
          .shape(expected: "\(preCount)×\(postCount) ([pre][post])", found: "\(rows)×\(columns)"))
      }
      isDense = true
      weights.reserveCapacity(values.count)
      for (k, w) in values.enumerated() {
        weights.append(
          try format.checkedQuantize(
            w, field: path + ".weights[\(k / max(columns, 1))][\(k % max(columns, 1))]"))
      }
    case .oneToAll(let w):
      guard preCount == 1 else {
        throw LoihiError(
          path: path + ".oneToAll", .shape(expected: "a source of size 1", found: "size \(preCount)"))
      }
      isDense = true
      weights = Array(
        repeating: try format.checkedQuantize(w, field: path + ".oneToAll"), count: postCount)
    case .oneToOne(let w):
      guard preCount == postCount else {
        throw LoihiError(
          path: path + ".oneToOne",
          .shape(expected: "equal sizes", found: "\(preCount) → \(postCount)"))
      }
      let q = try format.checkedQuantize(w, field: path + ".oneToOne")
      rowStart = (0...preCount).map { Int32($0) }
      postIndex = (0..<postCount).map { Int32($0) }
      weights = Array(repeating: q, count: postCount)
    case .sparse(let synapses):
      var perPre = [[(Int32, Int32)]](repeating: [], count: preCount)
      var seen = Set<Int64>()
      for (k, s) in synapses.enumerated() {
        let field = path + ".synapses[\(k)]"
        _ = try LoihiError.check(s.pre, in: 0...Int32(preCount - 1), field: field + "[0]")
        _ = try LoihiError.check(s.post, in: 0...Int32(postCount - 1), field: field + "[1]")
        guard seen.insert(Int64(s.pre) << 32 | Int64(s.post)).inserted else {
          throw LoihiError(
            path: field, .invalid(value: "[\(s.pre), \(s.post)]", expected: "each pair at most once"))
        }
        perPre[Int(s.pre)].append((s.post, try format.checkedQuantize(s.weight, field: field + "[2]")))
      }
      rowStart.reserveCapacity(preCount + 1)
      rowStart.append(0)
      for row in perPre {
        for (post, w) in row.sorted(by: { $0.0 < $1.0 }) {
          postIndex.append(post)
          weights.append(w)
        }
        rowStart.append(Int32(postIndex.count))
      }
    }

    var columnStart: [Int32] = []
    var columnSynapse: [Int32] = []
    if let learning, learning.needsColumns, !isDense {
      var counts = [Int32](repeating: 0, count: postCount + 1)
      for post in postIndex { counts[Int(post) + 1] += 1 }
      for j in 0..<postCount { counts[j + 1] += counts[j] }
      columnStart = counts
      var fill = counts
      columnSynapse = [Int32](repeating: 0, count: postIndex.count)
      for (k, post) in postIndex.enumerated() {
        columnSynapse[Int(fill[Int(post)])] = Int32(k)
        fill[Int(post)] += 1
      }
    }
    return Connection(
      name: spec.name, source: PopulationID(source), target: PopulationID(target),
      preCount: preCount, postCount: postCount, format: format, delay: spec.delay,
      isDense: isDense, rowStart: rowStart, postIndex: postIndex, columnStart: columnStart,
      columnSynapse: columnSynapse, initialWeights: weights, learning: learning)
  }

  /// The population named `name`, if any.
  public func population(named name: String) -> PopulationID? {
    populations.firstIndex { $0.name == name }.map(PopulationID.init)
  }

  /// The connection named `name` (by default `source->target`), if any.
  public func connection(named name: String) -> ConnectionID? {
    connections.firstIndex { $0.name == name }.map(ConnectionID.init)
  }

  public subscript(population: PopulationID) -> Population { populations[population.rawValue] }
  public subscript(connection: ConnectionID) -> Connection { connections[connection.rawValue] }
}

extension Network.Connection {
  /// The synapse index of (pre, post), or nil when there is no such synapse.
  public func synapse(pre: Int, post: Int) -> Int? {
    if isDense { return pre * postCount + post }
    let start = Int(rowStart[pre])
    let end = Int(rowStart[pre + 1])
    var lo = start
    var hi = end
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(postIndex[mid]) < post { lo = mid + 1 } else { hi = mid }
    }
    return lo < end && Int(postIndex[lo]) == post ? lo : nil
  }

  /// The (pre, post) pair of synapse `k`.
  public func endpoints(ofSynapse k: Int) -> (pre: Int, post: Int) {
    if isDense { return (k / postCount, k % postCount) }
    var lo = 0
    var hi = preCount
    while lo + 1 < hi {
      let mid = (lo + hi) / 2
      if Int(rowStart[mid]) <= k { lo = mid } else { hi = mid }
    }
    // Skip empty rows that start at the same offset.
    while lo + 1 <= preCount && Int(rowStart[lo + 1]) <= k { lo += 1 }
    return (lo, Int(postIndex[k]))
  }
}
