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

  /// The first tick at or after `tick` at which any population of the block spikes, or nil: lets
  /// an exporter cross a silent stretch in one step instead of one per tick.
  package func firstSpikingTick(from tick: Int64) -> Int64? {
    var best: Int?
    let local = Int(tick - firstTick)
    guard local < tickCount else { return nil }
    for row in rows {
      // `starts` never decreases: the first tick with spikes is the last k with starts[k] equal
      // to starts[local] before the value rises.
      let base = row.starts[local]
      var lo = local + 1
      var hi = tickCount + 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if row.starts[mid] > base { hi = mid } else { lo = mid + 1 }
      }
      if lo <= tickCount { best = min(best ?? lo - 1, lo - 1) }
    }
    return best.map { firstTick + Int64($0) }
  }

  /// The ticks at which any population of the block spikes, in order.
  package var spikingTicks: UnfoldSequence<Int64, Int64?> {
    sequence(state: firstSpikingTick(from: firstTick)) { next in
      guard let tick = next else { return nil }
      next = tick + 1 < ticks.upperBound ? firstSpikingTick(from: tick + 1) : nil
      return tick
    }
  }

  /// Spikes of `populations[slot]` in the whole block.
  package func spikeCount(slot: Int) -> Int { rows[slot].indices.count }
}

