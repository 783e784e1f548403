import Budgets
import Loihi
import Testing

/// Networks whose size comes from a few bytes of JSON are measured against the budget before
/// anything is allocated for them.
@Suite struct BudgetTests {
  static func json(_ populations: [(String, Int)], connections: String = "", probes: [String] = []) -> [UInt8] {
    let items = populations.map { #"{"name": "\#($0.0)", "size": \#($0.1), "du": 0, "dv": 0, "vThMant": 10}"# }
    let probeList = probes.map { "\"\($0)\"" }.joined(separator: ", ")
    return Array(
      #"{"ticks": 3, "compartments": [\#(items.joined(separator: ", "))], "connections": [\#(connections)], "probes": [\#(probeList)]}"#
        .utf8)
  }

  /// The issue's bomb: two populations of 4,194,304 neurons and a probe on the weights between
  /// them asks for 2^44 values per tick (it used to abort allocating 70 TB).
  @Test func aWeightsProbeOverTheBudgetIsRefusedByName() throws {
    let bytes = Self.json(
      [("a", 1 << 22), ("b", 1 << 22)], connections: #"{"from": "a", "to": "b", "oneToOne": 1}"#, probes: ["a->b.w"])
    do {
      _ = try SimulationSpec(json: bytes)
      Issue.record("accepted")
    } catch let error as LoihiError {
      #expect(error.path == "probes[0]")
      #expect(
        error.description
          == "probes[0]: needs 17,592,186,044,416 probe values per tick, over the budget of 16,777,216 "
          + "(raise it with --budget probe-values=N)")
    }
  }

  @Test func compartmentsAreCountedAcrossPopulations() throws {
    let bytes = Self.json((0..<3).map { ("p\($0)", 1 << 22) })
    do {
      _ = try SimulationSpec(json: bytes)
      Issue.record("accepted")
    } catch let error as LoihiError {
      #expect(error.path == "compartments[2].size")
      #expect(error.problem == .overBudget(BudgetExceeded(resource: .compartments, amount: 3 << 22, limit: 1 << 23)))
    }
    var budget = ResourceBudget.standard
    budget[.compartments] = 3 << 22
    #expect(try SimulationSpec(json: bytes, budget: budget).network.populations.count == 3)
  }

  @Test func synapsesAreCountedAcrossConnections() throws {
    let bytes = Self.json(
      [("a", 100), ("b", 100)],
      connections: #"{"from": "a", "to": "b", "oneToOne": 1}, {"name": "second", "from": "a", "to": "b", "oneToOne": 2}"#)
    var budget = ResourceBudget.standard
    budget[.synapses] = 150
    do {
      _ = try SimulationSpec(json: bytes, budget: budget)
      Issue.record("accepted")
    } catch let error as LoihiError {
      #expect(error.path == "connections[1]")
      #expect(error.problem == .overBudget(BudgetExceeded(resource: .synapses, amount: 200, limit: 150)))
    }
    budget[.synapses] = 200
    #expect(try SimulationSpec(json: bytes, budget: budget).network.connections.count == 2)
  }

  @Test func probeRowsCountTicksTimesValues() throws {
    let spec = try SimulationSpec(json: Self.json([("a", 7)], probes: ["a.v", "a.spike"]))
    #expect(spec.probeRows == Int64(3 * 14))
  }

  @Test(arguments: [
    ("compartments=12", ResourceBudget.Resource.compartments, Int64(12)),
    ("npz-bytes=3G", .npzBytes, Int64(3) << 30),
    ("export-bytes=1k", .exportBytes, Int64(1024)),
  ])
  func budgetFlagsParse(_ text: String, _ resource: ResourceBudget.Resource, _ limit: Int64) {
    var budget = ResourceBudget.standard
    #expect(budget.set(text) == nil)
    #expect(budget[resource] == limit)
  }

  @Test(arguments: ["compartments", "bogus=1", "compartments=-1", "compartments=x", "synapses=99999999999T", "spikes=1٣"])
  func badBudgetFlagsAreRefused(_ text: String) {
    var budget = ResourceBudget.standard
    #expect(budget.set(text) != nil)
    #expect(budget == .standard)
  }
}
