import Loihi

/// One population of a recording, as plain values (no dependency on the circuit's types).
package struct TracePopulation: Hashable, Sendable {
  /// The population's name, exactly as in the network (`x`, `h1_copy`, `d+`, `oT-`, `g05`, …).
  package var name: String
  /// Number of neurons.
  package var size: Int
  /// What the population does (`input`, `forward`, `backward`, `memory`, `gate`, …); empty when
  /// unknown.
  package var role: String
  /// Gating windows (phases 0..<ticksPerCycle) in which it may spike; empty when unrestricted or
  /// unknown.
  package var windows: [Int]
  /// Whether it is a group of spike generators rather than compartments.
  package var isGenerator: Bool
  /// A display label (the paper's symbol); empty for none.
  package var label: String

  package init(
    name: String, size: Int, role: String = "", windows: [Int] = [], isGenerator: Bool = false, label: String = ""
  ) {
    self.name = name
    self.size = size
    self.role = role
    self.windows = windows.sorted()
    self.isGenerator = isGenerator
    self.label = label
  }
}

/// Everything a trace says about itself: where it came from, its populations and its time model.
///
/// Stored as JSON in the first chunk. Per-cycle sample facts are not here but in marker records
/// (``TraceMarker``), appended as the run goes.
package struct TraceMetadata: Hashable, Sendable {
  /// The tool that wrote the file, e.g. `nbpscope 0.1.0`.
  package var tool: String
  /// What was recorded: `nbp-training`, `network`, `import`, `synthetic`, ….
  package var source: String
  /// The seed of the run (chip, weights, shuffling).
  package var seed: UInt64
  /// The first tick of the recording (the first tick the chip executes is 1).
  package var t0: Int64
  /// Ticks per gating cycle (12 for the nBP training circuit); 0 when the run has no cycle.
  package var ticksPerCycle: Int
  /// A tick at which window 0 of a cycle falls (13 for the nBP circuit): tick t is in window
  /// `(t − cycleOrigin) mod ticksPerCycle`; ticks before it belong to no cycle.
  package var cycleOrigin: Int64
  /// Names of the windows 0..<ticksPerCycle (e.g. `input`, `W2 potentiation`), or empty.
  package var phaseNames: [String]
  /// Names of the gate populations (`g00`…`g11`), in window order.
  package var gateNames: [String]
  /// The populations in network order (generators included).
  package var populations: [TracePopulation]
  /// The data set samples came from (e.g. `mnist20`), if any.
  package var dataset: String?
  /// Number of samples in the data set's training split as used (after `--limit`).
  package var sampleCount: Int?
  /// Ticks between periodic state snapshots; 0 for none.
  package var snapshotInterval: Int
  /// The JSON network description (`nbpscope sim` format) when the run came from one, so the
  /// trace is self-contained.
  package var network: String?
  /// Free-form facts (flags of the run, the file imported, …), written with sorted keys.
  package var properties: [String: String]

  package init(
    tool: String, source: String, seed: UInt64 = 0, t0: Int64 = 1, ticksPerCycle: Int = 0, cycleOrigin: Int64 = 0,
    phaseNames: [String] = [], gateNames: [String] = [], populations: [TracePopulation], dataset: String? = nil,
    sampleCount: Int? = nil, snapshotInterval: Int = 0, network: String? = nil, properties: [String: String] = [:]
  ) {
    self.tool = tool
    self.source = source
    self.seed = seed
    self.t0 = t0
    self.ticksPerCycle = ticksPerCycle
    self.cycleOrigin = cycleOrigin
    self.phaseNames = phaseNames
    self.gateNames = gateNames
    self.populations = populations
    self.dataset = dataset
    self.sampleCount = sampleCount
    self.snapshotInterval = snapshotInterval
    self.network = network
    self.properties = properties
  }

  /// The index of the population called `name`.
  package func populationIndex(named name: String) -> Int? {
    populations.firstIndex { $0.name == name }
  }

  /// The window (phase index) tick `tick` falls in, or nil without a cycle or before its origin.
  package func window(ofTick tick: Int64) -> Int? {
    guard ticksPerCycle > 0, tick >= cycleOrigin else { return nil }
    return Int((tick - cycleOrigin) % Int64(ticksPerCycle))
  }

  /// The phase name of tick `tick`, or nil without phase names or before the cycle origin.
  package func phaseName(ofTick tick: Int64) -> String? {
    guard let window = window(ofTick: tick), window < phaseNames.count else { return nil }
    return phaseNames[window]
  }

  /// Chip-wide neuron numbers: population p's neurons start at `neuronBases[p]`.
  package var neuronBases: [Int] {
    var bases: [Int] = []
    var total = 0
    for population in populations {
      bases.append(total)
      total += population.size
    }
    return bases
  }

  /// Checks internal consistency; `problem` words the first violation as (expected, found).
  func validationProblem() -> (expected: String, found: String)? {
    guard populations.count <= TraceLimits.maximumPopulations else {
      return ("at most \(TraceLimits.maximumPopulations) populations", "\(populations.count)")
    }
    var names: Set<String> = []
    for population in populations {
      guard !population.name.isEmpty else { return ("a non-empty population name", "''") }
      guard names.insert(population.name).inserted else {
        return ("unique population names", "a second '\(population.name)'")
      }
      guard (1...TraceLimits.maximumPopulationSize).contains(population.size) else {
        return ("a size in 1...\(TraceLimits.maximumPopulationSize) for '\(population.name)'", "\(population.size)")
      }
      if let bad = population.windows.first(where: { $0 < 0 || (ticksPerCycle > 0 && $0 >= ticksPerCycle) }) {
        return ("windows of '\(population.name)' in 0..<\(ticksPerCycle)", "\(bad)")
      }
    }
    guard (0...TraceLimits.maximumTicksPerCycle).contains(ticksPerCycle) else {
      return ("ticks per cycle in 0...\(TraceLimits.maximumTicksPerCycle)", "\(ticksPerCycle)")
    }
    guard phaseNames.isEmpty || phaseNames.count == ticksPerCycle else {
      return ("\(ticksPerCycle) phase names (one per window)", "\(phaseNames.count)")
    }
    if let gate = gateNames.first(where: { !names.contains($0) }) {
      return ("gate names that are population names", "'\(gate)'")
    }
    guard (0...TraceLimits.maximumTick).contains(t0) else { return ("t0 in 0...\(TraceLimits.maximumTick)", "\(t0)") }
    guard (0...TraceLimits.maximumTick).contains(cycleOrigin) else {
      return ("a cycle origin in 0...\(TraceLimits.maximumTick)", "\(cycleOrigin)")
    }
    guard snapshotInterval >= 0 else { return ("a snapshot interval ≥ 0", "\(snapshotInterval)") }
    return nil
  }
}
