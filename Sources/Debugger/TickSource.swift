import Loihi
import NBP

/// A population as the debugger sees it, live or replayed.
public struct SourcePopulation: Hashable, Sendable {
  public let name: String
  public let size: Int
  public let role: PopulationRole
  /// Windows in which it may spike (empty for generators: unconstrained).
  public let windows: Set<Int>
  public let label: String
  public var isGenerator: Bool { role == .input }

  public init(name: String, size: Int, role: PopulationRole, windows: Set<Int>, label: String) {
    self.name = name
    self.size = size
    self.role = role
    self.windows = windows
    self.label = label
  }
}

/// What a sample did in its cycle, once known.
public struct SampleRecord: Hashable, Sendable {
  /// Position of the sample in the run (0, 1, …) and its index in the data set.
  public let trial: Int
  public let sampleIndex: Int
  public let label: Int
  /// Output spikes of the output window, if it has run.
  public var output: [Bool]?
  /// Output pre-activations a2 (live only).
  public var preActivation: [Int32]?
  /// d+ and d- of the error window, if it has run (training circuit only).
  public var errorPlus: [Bool]?
  public var errorMinus: [Bool]?

  /// Argmax of the output spikes, ties to the lowest index (numpy's argmax; no spike → 0).
  public var prediction: Int? {
    guard let output else { return nil }
    return output.firstIndex(of: true) ?? 0
  }

  /// The output is not the one-hot target.
  public var isError: Bool? {
    output.map { out in out.indices.contains { out[$0] != ($0 == label) } }
  }
}

/// Something that produces ticks: the live chip running the circuit, or a recorded trace.
///
/// The debugger's session drives it one tick at a time and reads only what it needs.
public protocol TickSource {
  var populations: [SourcePopulation] { get }
  var clock: CycleClock { get }
  /// The last executed tick (0 before the first).
  var tick: Int64 { get }
  /// Live sources run forward only; replays can seek anywhere.
  var isLive: Bool { get }
  /// The last tick available (replay) or nil (live: unbounded while samples last).
  var lastTick: Int64? { get }
  /// Runs one tick; false when there is nothing more to run.
  mutating func step() throws -> Bool
  /// Spikes of a population in the last executed tick.
  func spikes(of population: Int) -> [Int]
  /// How many spikes a population emitted in the last executed tick (no allocation).
  func spikeCount(of population: Int) -> Int
  /// Spikes of a population at an earlier tick, or nil beyond the kept history.
  func spikes(of population: Int, at tick: Int64) -> [Int32]?
  /// How many recent ticks `spikes(of:at:)` can answer for (live), or every tick (replay: nil).
  var historyTicks: Int? { get }
  /// Spikes of a population over a range of ticks (one list per tick; empty beyond the data).
  func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]]
  /// The sample of a trial slot, if any.
  func sample(ofTrial trial: Int) -> SampleRecord?
  /// The chip, for state inspection (live only).
  var chip: Chip? { get }
  /// The circuit, for weight matrices (live only).
  var circuit: CircuitNetwork? { get }
  /// Repositions a replay at `tick` (throws for a live source moving backwards).
  mutating func seek(to tick: Int64) throws
}

extension TickSource {
  public func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    ticks.map { $0 <= tick ? spikes(of: population, at: $0) ?? [] : [] }
  }
}
