import Suggestions
/// A named view of chip state sampled after every tick, e.g. `a.v` or `in->a.w`.
public struct Probe: Hashable, Sendable {
  public enum Quantity: Hashable, Sendable {
    case current(PopulationID)
    case voltage(PopulationID)
    case spike(PopulationID)
    case refractory(PopulationID)
    /// The whole weight matrix, pre-major.
    case weights(ConnectionID)
    /// A learning variable of a plastic connection (x1, x2 per pre; y1, y2, y3 per post; r1).
    case trace(RuleVariable, ConnectionID)
  }

  /// The probe as written, e.g. `a.u`.
  public let text: String
  public let quantity: Quantity

  static let populationFields = ["u", "v", "spike", "refractory"]
  static let connectionFields = ["w", "x1", "x2", "y1", "y2", "y3", "r1"]

  /// Resolves `text` (`POPULATION.FIELD` or `CONNECTION.FIELD`) against `network`.
  /// - Throws: ``LoihiError`` naming the unknown part, with a suggestion.
  public init(_ text: String, in network: Network) throws {
    self.text = text
    guard let dot = text.lastIndex(of: ".") else {
      throw LoihiError(path: "", .invalid(value: text, expected: "NAME.FIELD, e.g. 'a.v' or 'in->a.w'"))
    }
    let name = String(text[..<dot])
    let field = String(text[text.index(after: dot)...])
    if let population = network.population(named: name) {
      let isGenerator = network[population].isGenerator
      switch field {
      case "u" where !isGenerator: quantity = .current(population)
      case "v" where !isGenerator: quantity = .voltage(population)
      case "refractory" where !isGenerator: quantity = .refractory(population)
      case "spike": quantity = .spike(population)
      default:
        let allowed = isGenerator ? ["spike"] : Self.populationFields
        throw LoihiError(
          path: "", .unknownName(field, suggestion: closestName(to: field, among: allowed)))
      }
    } else if let connection = network.connection(named: name) {
      if field == "w" {
        quantity = .weights(connection)
      } else if let variable = RuleVariable(rawValue: field), Self.connectionFields.contains(field),
        network[connection].learning != nil
      {
        quantity = .trace(variable, connection)
      } else {
        let allowed = network[connection].learning == nil ? ["w"] : Self.connectionFields
        throw LoihiError(
          path: "", .unknownName(field, suggestion: closestName(to: field, among: allowed)))
      }
    } else {
      let names = network.populations.map(\.name) + network.connections.map(\.name)
      throw LoihiError(path: "", .unknownName(name, suggestion: closestName(to: name, among: names)))
    }
  }

  /// How many values the probe yields per tick.
  public func count(in network: Network) -> Int {
    switch quantity {
    case .current(let p), .voltage(let p), .spike(let p), .refractory(let p):
      return network[p].size
    case .weights(let c): return network[c].preCount * network[c].postCount
    case .trace(let variable, let c):
      switch variable {
      case .x1, .x2: return network[c].preCount
      case .r1: return 1
      default: return network[c].postCount
      }
    }
  }

  /// The probe's values after the chip's last tick, in index order.
  public func values(of chip: Chip) -> [Int32] {
    switch quantity {
    case .current(let p): return (0..<chip.network[p].size).map { chip.current(p, $0) }
    case .voltage(let p): return (0..<chip.network[p].size).map { chip.voltage(p, $0) }
    case .refractory(let p): return (0..<chip.network[p].size).map { chip.refractoryCounter(p, $0) }
    case .spike(let p):
      var flags = [Int32](repeating: 0, count: chip.network[p].size)
      for i in chip.spikes(of: p) { flags[i] = 1 }
      return flags
    case .weights(let c): return chip.weightMatrix(c)
    case .trace(let variable, let c):
      return (0..<count(in: chip.network)).map { chip.trace(variable, c, $0) }
    }
  }
}
