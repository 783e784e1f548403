/// Allocation-free access to the last tick's spikes, for recorders that run on every tick.
extension Chip {
  /// Calls `body` with the spikes of the last tick, as the chip keeps them.
  ///
  /// `neurons` holds chip-wide neuron numbers (a population's local index plus its
  /// ``Network/Population/neuronBase``), grouped by population in declaration order, ascending
  /// within each population; `starts` holds `populations.count + 1` offsets into `neurons`, so
  /// population p spiked `neurons[starts[p]..<starts[p + 1]]`. Both are empty-ranged before the
  /// first tick. The buffers are valid only inside `body`.
  ///
  /// - Complexity: O(1); nothing is copied.
  public func withLastTickSpikes<Result>(
    _ body: (_ neurons: UnsafeBufferPointer<Int32>, _ starts: UnsafeBufferPointer<Int32>) throws -> Result
  ) rethrows -> Result {
    let slot = Int(state.tick % Int64(network.historyDepth))
    let width = network.populations.count + 1
    return try state.spikes.withUnsafeBufferPointer { spikes in
      try state.spikeStart.withUnsafeBufferPointer { starts in
        let neurons = UnsafeBufferPointer(rebasing: spikes[slot * network.neuronCount..<(slot + 1) * network.neuronCount])
        return try body(neurons, UnsafeBufferPointer(rebasing: starts[slot * width..<(slot + 1) * width]))
      }
    }
  }
}
