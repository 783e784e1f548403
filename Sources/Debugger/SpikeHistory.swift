/// The spikes of the last `capacity` ticks, per population, for rasters and audits.
public struct SpikeHistory: Sendable {
  public let capacity: Int
  private var ticks: [Int64]
  /// `capacity` slots, each holding one list of neuron indices per population.
  private var slots: [[[Int32]]]

  public init(capacity: Int, populations: Int) {
    self.capacity = max(1, capacity)
    ticks = Array(repeating: -1, count: self.capacity)
    slots = Array(repeating: Array(repeating: [], count: populations), count: self.capacity)
  }

  public mutating func record(tick: Int64, spikes: [[Int32]]) {
    let slot = Int(tick % Int64(capacity))
    ticks[slot] = tick
    slots[slot] = spikes
  }

  /// Spikes of `population` at `tick`, or nil if that tick is not kept.
  public func spikes(of population: Int, at tick: Int64) -> [Int32]? {
    guard tick >= 0 else { return nil }
    let slot = Int(tick % Int64(capacity))
    return ticks[slot] == tick ? slots[slot][population] : nil
  }

  /// Forgets everything (after a replay seeks).
  public mutating func clear() {
    ticks = Array(repeating: -1, count: capacity)
  }
}
