/// Spikes of some populations over a span of ticks (one frame chunk's part of a query).
package struct SpikeBlock: Sendable {
  struct Rows: Sendable {
    let starts: [Int32]
    let indices: [Int32]
  }

  /// The first tick of the block.
  package let firstTick: Int64
  /// Ticks in the block.
  package let tickCount: Int
  /// The population indices asked for, in the order asked.
  package let populations: [Int]
  let rows: [Rows]

  /// Ticks of the block.
  package var ticks: Range<Int64> { firstTick..<firstTick + Int64(tickCount) }

  /// Neuron indices (ascending) of `populations[slot]` at `tick`.
  package func spikes(slot: Int, tick: Int64) -> ArraySlice<Int32> {
    let k = Int(tick - firstTick)
    let rows = self.rows[slot]
    return rows.indices[Int(rows.starts[k])..<Int(rows.starts[k + 1])]
  }

  /// Spikes of `populations[slot]` in the whole block.
  package func spikeCount(slot: Int) -> Int { rows[slot].indices.count }
}

