import Loihi

/// A state snapshot read from a trace: the tick after which it was taken and the serialized
/// ``Loihi/ChipState``.
package struct TraceSnapshot: Sendable {
  /// The state is the chip's after this tick (0: before the first tick).
  package let tick: Int64
  /// ``Loihi/ChipState/serialized()`` bytes.
  package let bytes: [UInt8]
  let file: String
  let chunkOffset: Int64

  /// The state, checked against `network` (the network of the recorded run).
  /// - Throws: ``TraceError`` naming the snapshot chunk when the state does not fit the network.
  package func state(for network: Network) throws(TraceError) -> ChipState {
    do {
      return try ChipState(serialized: bytes, for: network)
    } catch {
      throw TraceError(
        file: file, position: .payload(chunk: chunkOffset, byte: 0),
        expected: "a snapshot of this network", found: "\(error)")
    }
  }
}
