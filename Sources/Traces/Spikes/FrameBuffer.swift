/// The spikes and markers of one frame chunk, buffered until the chunk is written.
///
/// Per population it keeps only the non-empty ticks (offset from the chunk's first tick, running
/// spike count) and the local neuron indices, so an empty tick costs nothing and a spike costs one
/// append; the arrays keep their capacity from chunk to chunk.
///
/// Frame payload (before optional deflate):
/// ```
/// varint populationCount
/// per population: u8 encoding (0 none, 1 sparse, 2 dense), varint byte length, varint spike count
/// varint markerCount, varint marker byte length
/// population sections, in population order
/// marker section
/// ```
/// Sparse section: for each tick with spikes, varint (tick offset − previous tick offset − 1; the
/// previous offset starts at −1), varint (count − 1), varint first index, then varint (index −
/// previous index − 1) for the rest (indices strictly ascend). Dense section: `tickCount` rows of
/// `⌈size / 8⌉` bytes, neuron i in bit `i & 7` of byte `i >> 3`. The encoder writes whichever of
/// the two is smaller, per population and chunk.
///
/// Marker: zigzag (tick − first tick), u8 kind, then for a sample (kind 1) varint cycle, varint
/// epoch, varint index, zigzag label; for a note (kind 2) varint length and UTF-8 bytes.
struct FrameBuffer {
  struct Population {
    var ticks: [UInt32] = []
    var ends: [UInt32] = []
    var indices: [Int32] = []
  }

  enum Encoding: UInt8 {
    case none = 0, sparse = 1, dense = 2
  }

  let sizes: [Int]
  var firstTick: Int64
  var populations: [Population]
  var spikeCount = 0
  var markers: [TraceMarker] = []

  init(sizes: [Int], firstTick: Int64) {
    self.sizes = sizes
    self.firstTick = firstTick
    populations = Array(repeating: Population(), count: sizes.count)
  }

  mutating func reset(firstTick: Int64) {
    self.firstTick = firstTick
    for p in populations.indices {
      populations[p].ticks.removeAll(keepingCapacity: true)
      populations[p].ends.removeAll(keepingCapacity: true)
      populations[p].indices.removeAll(keepingCapacity: true)
    }
    spikeCount = 0
    markers.removeAll(keepingCapacity: true)
  }

  /// The last tick offset population p has spikes in, or nil.
  func lastTickOffset(of p: Int) -> UInt32? { populations[p].ticks.last }

  /// Appends population p's spikes at `offset`: `neurons[range] − base`, ascending and unique.
  @inline(__always)
  mutating func append(
    population p: Int, offset: UInt32, neurons: UnsafeBufferPointer<Int32>, range: Range<Int>, minus base: Int32
  ) {
    populations[p].ticks.append(offset)
    for k in range { populations[p].indices.append(neurons[k] &- base) }
    populations[p].ends.append(UInt32(populations[p].indices.count))
    spikeCount += range.count
  }

  /// Writes the payload for a chunk of `tickCount` ticks into `payload` (cleared first), using
  /// `scratch` for the sections.
  func encode(tickCount: Int, into payload: inout ByteWriter, scratch: inout ByteWriter) {
    scratch.removeAll()
    var directory: [(Encoding, Int, Int)] = []
    directory.reserveCapacity(sizes.count)
    for p in sizes.indices {
      let population = populations[p]
      let count = population.indices.count
      guard count > 0 else {
        directory.append((.none, 0, 0))
        continue
      }
      let start = scratch.count
      Self.writeSparse(population, into: &scratch)
      let sparse = scratch.count - start
      let rowBytes = (sizes[p] + 7) >> 3
      let dense = tickCount * rowBytes
      if dense < sparse {
        scratch.bytes.removeSubrange(start...)
        scratch.bytes.append(contentsOf: repeatElement(0, count: dense))
        scratch.bytes.withUnsafeMutableBufferPointer { bytes in
          var first = 0
          for (k, offset) in population.ticks.enumerated() {
            let row = start + Int(offset) * rowBytes
            let last = Int(population.ends[k])
            for i in first..<last {
              let index = Int(population.indices[i])
              bytes[row + index >> 3] |= UInt8(1) << UInt8(index & 7)
            }
            first = last
          }
        }
        directory.append((.dense, dense, count))
      } else {
        directory.append((.sparse, sparse, count))
      }
    }
    let markerStart = scratch.count
    for marker in markers { Self.write(marker, relativeTo: firstTick, into: &scratch) }

    payload.removeAll()
    payload.varint(sizes.count)
    for (encoding, length, count) in directory {
      payload.u8(encoding.rawValue)
      payload.varint(length)
      payload.varint(count)
    }
    payload.varint(markers.count)
    payload.varint(scratch.count - markerStart)
    payload.bytes.append(contentsOf: scratch.bytes)
  }

  private static func writeSparse(_ population: Population, into w: inout ByteWriter) {
    var previousTick: Int64 = -1
    var first = 0
    for (k, offset) in population.ticks.enumerated() {
      let last = Int(population.ends[k])
      w.varint(UInt64(Int64(offset) - previousTick - 1))
      previousTick = Int64(offset)
      w.varint(last - first - 1)
      var previous = population.indices[first]
      w.varint(UInt64(previous))
      for i in (first + 1)..<max(first + 1, last) {
        let index = population.indices[i]
        w.varint(UInt64(index - previous - 1))
        previous = index
      }
      first = last
    }
  }

  static func write(_ marker: TraceMarker, relativeTo firstTick: Int64, into w: inout ByteWriter) {
    w.zigzag(marker.tick &- firstTick)
    switch marker.event {
    case .sample(let cycle, let epoch, let index, let label):
      w.u8(1)
      w.varint(UInt64(max(cycle, 0)))
      w.varint(UInt64(max(epoch, 0)))
      w.varint(UInt64(max(index, 0)))
      w.zigzag(Int64(label))
    case .note(let text):
      w.u8(2)
      let bytes = Array(text.utf8)
      w.varint(bytes.count)
      w.append(bytes)
    }
  }
}
