import Budgets
import JSON
/// A network plus how to run and observe it: the `nbpscope sim` input format.
///
/// ```json
/// { "ticks": 50, "seed": 1,
///   "compartments": [ { "name": "a", "size": 2, "du": 4096, "dv": 0, "vThMant": 100 } ],
///   "generators": [ { "name": "in", "size": 3, "spikes": [[0, 1], [2, 5]] } ],
///   "connections": [ { "from": "in", "to": "a", "weights": [[10, -20], [0, 4], [254, 0]] } ],
///   "probes": ["a.u", "a.v", "a.spike", "in->a.w"] }
/// ```
/// Every field is documented in `docs/network-json.md`.
public struct SimulationSpec: Sendable {
  public var ticks: Int64
  public var seed: UInt64
  public var network: Network
  public var probes: [Probe]
  /// The gating cycle the description declares, for the debugger's time model.
  public var gating: GatingSpec?

  public init(ticks: Int64, seed: UInt64, network: Network, probes: [Probe], gating: GatingSpec? = nil) {
    self.ticks = ticks
    self.seed = seed
    self.network = network
    self.probes = probes
    self.gating = gating
  }

  /// Parses and checks a JSON description.
  /// - Parameter spikeHistory: ticks of spikes the chip keeps readable (a debugger's rasters).
  /// - Parameter budget: the most compartments, synapses and probe values per tick.
  /// - Throws: ``JSONSyntaxError`` for malformed JSON, ``LoihiError`` naming the JSON path of the
  ///   first bad field otherwise.
  public init(json bytes: some Collection<UInt8>, spikeHistory: Int = 0, budget: ResourceBudget = .standard) throws {
    let root = JSONReader(try JSONValue.parse(bytes), path: "")
    let fields = try root.object(allowing: [
      "ticks", "seed", "compartments", "generators", "connections", "probes", "gating",
    ])
    ticks = try fields.require("ticks", in: root).integer(in: 0...1_000_000_000)
    seed = try fields["seed"]?.integer(in: 0...UInt64.max) ?? 0

    var populations: [PopulationSpec] = []
    var populationPaths: [String] = []
    for item in try fields["compartments"]?.array() ?? [] {
      populations.append(try Self.compartments(item))
      populationPaths.append(item.path)
    }
    for item in try fields["generators"]?.array() ?? [] {
      populations.append(try Self.generator(item))
      populationPaths.append(item.path)
    }
    var connections: [ConnectionSpec] = []
    var connectionPaths: [String] = []
    for item in try fields["connections"]?.array() ?? [] {
      connections.append(try Self.connection(item))
      connectionPaths.append(item.path)
    }
    let paths = DescriptionPaths(
      population: { [populationPaths] in populationPaths[$0] },
      connection: { [connectionPaths] in connectionPaths[$0] })
    let network = try Network(
      NetworkDescription(populations: populations, connections: connections), paths: paths,
      spikeHistory: spikeHistory, budget: budget)
    self.network = network
    gating = try fields["gating"].map { try GatingSpec.read($0, populationNames: populations.map(\.name)) }
    var probeValues: Int64 = 0
    probes = try (fields["probes"]?.array() ?? []).map { item in
      // The item's own errors carry its path already; the probe's are placed within it.
      let text = try item.string()
      let probe: Probe
      do {
        probe = try Probe(text, in: network)
      } catch let error as LoihiError {
        throw error.within(item.path)
      }
      // A weights probe yields pre × post values every tick, whatever the connection's synapses.
      probeValues += Int64(probe.count(in: network))
      do throws(BudgetExceeded) {
        try budget.check(.probeValues, probeValues)
      } catch {
        throw LoihiError(path: item.path, .overBudget(error))
      }
      return probe
    }
  }

  /// How many values all probes yield over the whole run: the rows `sim` writes, `nil` beyond 64 bits.
  public var probeRows: Int64? {
    ResourceBudget.product(Int64(probes.reduce(0) { $0 + $1.count(in: network) }), ticks)
  }

  private static func compartments(_ item: JSONReader) throws -> PopulationSpec {
    let f = try item.object(allowing: [
      "name", "size", "du", "dv", "vThMant", "biasMant", "biasExp", "refractory", "vMin", "vMax",
    ])
    let name = try f.require("name", in: item).name()
    let size: Int = try f.require("size", in: item).integer(in: 1...(1 << 22))
    func int32(_ key: String, _ range: ClosedRange<Int32>, default value: Int32?) throws -> Int32 {
      if let field = f[key] { return try field.integer(in: range) }
      if let value { return value }
      _ = try f.require(key, in: item)
      return 0
    }
    let parameters = try CompartmentParameters(
      currentDecay: int32("du", ChipLimits.decay, default: nil),
      voltageDecay: int32("dv", ChipLimits.decay, default: nil),
      thresholdMantissa: int32("vThMant", ChipLimits.thresholdMantissa, default: nil),
      biasMantissa: int32("biasMant", ChipLimits.biasMantissa, default: 0),
      biasExponent: int32("biasExp", ChipLimits.biasExponent, default: 0),
      refractoryDelay: int32("refractory", ChipLimits.refractoryDelay, default: 1),
      voltageMin: int32("vMin", ChipLimits.voltageMin, default: -ChipLimits.voltageLimit),
      voltageMax: int32("vMax", ChipLimits.voltageMax, default: ChipLimits.voltageLimit))
    return PopulationSpec(name: name, size: size, kind: .compartments(parameters))
  }

  private static func generator(_ item: JSONReader) throws -> PopulationSpec {
    let f = try item.object(allowing: ["name", "size", "spikes"])
    let name = try f.require("name", in: item).name()
    let size: Int = try f.require("size", in: item).integer(in: 1...(1 << 22))
    var events: [SpikeEvent] = []
    for pair in try f["spikes"]?.array() ?? [] {
      let (index, tick) = try pair.integerPair(
        0...Int32(size - 1), 1...Int64(Int32.max), expected: "an [index, tick] pair")
      events.append(SpikeEvent(index: index, tick: tick))
    }
    return PopulationSpec(name: name, size: size, kind: .generator(events: events))
  }

  private static func connection(_ item: JSONReader) throws -> ConnectionSpec {
    let f = try item.object(allowing: [
      "name", "from", "to", "weights", "synapses", "oneToOne", "oneToAll", "numWeightBits",
      "signMode", "weightExp", "delay", "learning",
    ])
    let weightRange = ChipLimits.weightMantissa.lowerBound...ChipLimits.weightMantissa.upperBound
    let shapes = ["weights", "synapses", "oneToOne", "oneToAll"].filter { f[$0] != nil }
    guard shapes.count == 1 else {
      throw LoihiError(
        path: item.path,
        .invalid(
          value: shapes.isEmpty ? "no weights" : shapes.joined(separator: ", "),
          expected: "exactly one of 'weights', 'synapses', 'oneToOne', 'oneToAll'"))
    }
    let connectivity: Connectivity
    switch shapes[0] {
    case "weights":
      let rows = try f["weights"]!.array()
      var values: [Int32] = []
      var columns = 0
      for (r, row) in rows.enumerated() {
        let count = try row.count()
        if r == 0 { columns = count }
        guard count == columns else {
          throw LoihiError(
            path: row.path,
            .shape(expected: "\(columns) columns like row 0", found: "\(count) columns"))
        }
        values.append(contentsOf: try row.integers(in: weightRange))
      }
      connectivity = .dense(preCount: rows.count, postCount: columns, weights: values)
    case "synapses":
      var synapses: [SparseSynapse] = []
      for triple in try f["synapses"]!.array() {
        let parts = try triple.array()
        guard parts.count == 3 else {
          throw LoihiError(
            path: triple.path,
            .invalid(value: triple.value.brief, expected: "a [pre, post, weight] triple"))
        }
        synapses.append(
          SparseSynapse(
            pre: try parts[0].integer(in: 0...Int32.max),
            post: try parts[1].integer(in: 0...Int32.max),
            weight: try parts[2].integer(in: weightRange)))
      }
      connectivity = .sparse(synapses)
    case "oneToOne":
      connectivity = .oneToOne(weight: try f["oneToOne"]!.integer(in: weightRange))
    default:
      connectivity = .oneToAll(weight: try f["oneToAll"]!.integer(in: weightRange))
    }
    let signMode: SignMode
    if let field = f["signMode"] {
      let text = try field.string()
      guard let mode = SignMode(rawValue: text) else {
        throw LoihiError(
          path: field.path, .invalid(value: text, expected: "mixed, excitatory or inhibitory"))
      }
      signMode = mode
    } else {
      signMode = SignMode.inferred(from: connectivity.weightValues)
    }
    do {
      let format = try WeightFormat(
        numWeightBits: try f["numWeightBits"]?.integer(in: ChipLimits.numWeightBits) ?? 8,
        signMode: signMode,
        exponent: try f["weightExp"]?.integer(in: ChipLimits.weightExponent) ?? 0)
      return try ConnectionSpec(
        name: try f["name"]?.name(),
        source: try f.require("from", in: item).string(),
        target: try f.require("to", in: item).string(),
        connectivity: connectivity, format: format,
        delay: try f["delay"]?.integer(in: ChipLimits.delay) ?? 0,
        learning: try f["learning"].map(learningRule))
    } catch let error as LoihiError where !error.path.hasPrefix(item.path) {
      throw error.within(item.path)
    }
  }

  private static func learningRule(_ item: JSONReader) throws -> LearningRule {
    let traceKeys = ["x1", "x2", "y1", "y2", "y3", "r1"].flatMap { ["\($0)Impulse", "\($0)TimeConstant"] }
    let f = try item.object(allowing: ["dw", "dd", "dt", "tEpoch", "reward"] + traceKeys)
    func rule(_ key: String) throws -> RuleExpression? {
      guard let field = f[key] else { return nil }
      do {
        return try RuleParser.parse(try field.string(), variable: key)
      } catch let error as LoihiError {
        throw LoihiError(path: field.path, error.problem)
      }
    }
    func trace(_ name: String) throws -> TraceConfig {
      let impulse = try f["\(name)Impulse"]?.fixedPoint128(in: 0...(127 * 128 + 127)) ?? 0
      let tau: Int32 = try f["\(name)TimeConstant"]?.integer(in: ChipLimits.traceTimeConstant) ?? 0
      return try TraceConfig(impulse128: impulse, timeConstant: tau)
    }
    let rule = try LearningRule(
      dw: rule("dw"), dd: rule("dd"), dt: rule("dt"),
      epoch: try f["tEpoch"]?.integer(in: ChipLimits.learningEpoch) ?? 1,
      x1: trace("x1"), x2: trace("x2"), y1: trace("y1"), y2: trace("y2"), y3: trace("y3"),
      r1: trace("r1"), reward: try f["reward"]?.string())
    guard rule.dw != nil || rule.dd != nil || rule.dt != nil else {
      throw LoihiError(path: item.path, .invalid(value: item.value.brief, expected: "at least one of 'dw', 'dd', 'dt'"))
    }
    return rule
  }
}
