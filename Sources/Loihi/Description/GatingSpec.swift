import Suggestions
import JSON
/// The optional `gating` block of a network description: the gating cycle a debugger reads the
/// network's time with (`docs/network-json.md`). The chip ignores it; `nbpscope sim` only checks it.
///
/// ```json
/// "gating": { "cycle": 12, "origin": 13, "gates": ["g00", …, "g11"],
///             "windows": ["reset", "input", …], "populations": { "h": [2, 7], "o": [3] } }
/// ```
public struct GatingSpec: Hashable, Sendable {
  /// Windows per cycle.
  public var length: Int
  /// The tick of window 0 of the first cycle.
  public var origin: Int64
  /// Gate population names; the k-th opens window k (it spikes in the tick before).
  public var gates: [String]
  /// One name per window.
  public var windowNames: [String]
  /// Windows in which each population (by index in the network) may spike; a population not
  /// listed is unconstrained. Gates not listed may spike in the window before the one they open.
  public var populationWindows: [Int: Set<Int>]

  public init(length: Int, origin: Int64, gates: [String], windowNames: [String], populationWindows: [Int: Set<Int>]) {
    self.length = length
    self.origin = origin
    self.gates = gates
    self.windowNames = windowNames
    self.populationWindows = populationWindows
  }

  /// Reads and checks the block against the network's population names.
  static func read(_ item: JSONReader, populationNames: [String]) throws -> GatingSpec {
    let f = try item.object(allowing: ["cycle", "origin", "gates", "windows", "populations"])
    let length: Int = try f.require("cycle", in: item).integer(in: 1...4096)
    let origin: Int64 = try f["origin"]?.integer(in: 1...Int64(Int32.max)) ?? Int64(length) + 1

    func population(_ field: JSONReader, name: String) throws -> Int {
      guard let index = populationNames.firstIndex(of: name) else {
        throw LoihiError(path: field.path, .unknownName(name, suggestion: closestName(to: name, among: populationNames)))
      }
      return index
    }

    let gateFields = try f.require("gates", in: item).array()
    guard gateFields.count == length else {
      throw LoihiError(
        path: f["gates"]!.path, .shape(expected: "\(length) gates, one per window", found: "\(gateFields.count) gates"))
    }
    var gates: [String] = []
    var gateIndices: [Int] = []
    for field in gateFields {
      let name = try field.string()
      guard !gates.contains(name) else { throw LoihiError(path: field.path, .duplicateName(name)) }
      gates.append(name)
      gateIndices.append(try population(field, name: name))
    }

    var windowNames = (0..<length).map { "window \($0)" }
    if let field = f["windows"] {
      let names = try field.array()
      guard names.count == length else {
        throw LoihiError(path: field.path, .shape(expected: "\(length) window names", found: "\(names.count) names"))
      }
      windowNames = []
      for name in names {
        let text = try name.string()
        guard !windowNames.contains(text) else { throw LoihiError(path: name.path, .duplicateName(text)) }
        windowNames.append(text)
      }
    }

    var windows: [Int: Set<Int>] = [:]
    for (k, gate) in gateIndices.enumerated() { windows[gate] = [(k + length - 1) % length] }
    if let field = f["populations"] {
      guard let members = field.value.objectMembers else {
        throw LoihiError(path: field.path, .invalid(value: field.value.brief, expected: "an object of population: [windows]"))
      }
      for member in members {
        let entry = JSONReader(member.value, path: "\(field.path).\(member.key)")
        let index = try population(entry, name: member.key)
        var allowed: Set<Int> = []
        for window in try entry.array() {
          let w: Int = try window.integer(in: 0...(length - 1))
          guard allowed.insert(w).inserted else {
            throw LoihiError(path: window.path, .invalid(value: "\(w)", expected: "each window once"))
          }
        }
        windows[index] = allowed
      }
    }
    return GatingSpec(length: length, origin: origin, gates: gates, windowNames: windowNames, populationWindows: windows)
  }
}
