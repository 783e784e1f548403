/// The spikes and markers of one frame chunk, buffered until the chunk is written.
///
/// It keeps one flat array of local neuron indices and one group record per (tick, population)
/// with spikes, so an empty tick costs nothing and a tick's spikes cost one bulk append; the arrays
/// keep their capacity from chunk to chunk. Sections are sorted out per population when the chunk
/// is written.
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
struct FrameBuffer: Sendable {
  /// One population's spikes at one tick: `indices[start..<end]`.
  struct Group: Sendable {
    var population: UInt32
    var offset: UInt32
    var start: UInt32
    var end: UInt32
  }

  enum Encoding: UInt8, Sendable {
    case none = 0, sparse = 1, dense = 2
  }

  let sizes: [Int]
  var firstTick: Int64
  /// Every spike of the span (local neuron indices), grouped by tick, then population.
  var indices: [Int32] = []
  /// The (tick, population) groups, in tick order.
  var groups: [Group] = []
  var markers: [TraceMarker] = []
  /// Per population, the tick offset of its last group (for duplicate checks), or −1.
  var lastOffset: [Int64]

  init(sizes: [Int], firstTick: Int64) {
    self.sizes = sizes
    self.firstTick = firstTick
    lastOffset = Array(repeating: -1, count: sizes.count)
  }

  var spikeCount: Int { indices.count }

  /// Appends population p's spikes at tick offset `offset` (ascending, unique indices).
  mutating func append(population p: Int, offset: UInt32, _ list: UnsafeBufferPointer<Int32>) {
    let start = UInt32(indices.count)
    indices.append(contentsOf: list)
    groups.append(Group(population: UInt32(p), offset: offset, start: start, end: UInt32(indices.count)))
    lastOffset[p] = Int64(offset)
  }

  /// Writes the payload for a chunk of `tickCount` ticks into `payload` (cleared first), using
  /// `scratch` for the sections.
  func encode(tickCount: Int, into payload: inout ByteWriter, scratch: inout ByteWriter) {
    scratch.removeAll()
    // The groups of each population, in tick order (a counting sort by population).
    var first = [Int](repeating: 0, count: sizes.count + 1)
    for group in groups { first[Int(group.population) + 1] += 1 }
    for p in sizes.indices { first[p + 1] += first[p] }
    var fill = first
    var order = [Int](repeating: 0, count: groups.count)
    for (k, group) in groups.enumerated() {
      order[fill[Int(group.population)]] = k
      fill[Int(group.population)] += 1
    }
    var directory: [(Encoding, Int, Int)] = []
    directory.reserveCapacity(sizes.count)
    for p in sizes.indices {
      let mine = order[first[p]..<first[p + 1]]
      let count = mine.reduce(0) { $0 + Int(groups[$1].end - groups[$1].start) }
      guard count > 0 else {
        directory.append((.none, 0, 0))
        continue
      }
      let start = scratch.count
      writeSparse(mine, into: &scratch)
      let sparse = scratch.count - start
      let rowBytes = (sizes[p] + 7) >> 3
      let dense = tickCount * rowBytes
      if dense < sparse {
        scratch.bytes.removeSubrange(start...)
        scratch.bytes.append(contentsOf: repeatElement(0, count: dense))
        scratch.bytes.withUnsafeMutableBufferPointer { bytes in
          for k in mine {
            let group = groups[k]
            let row = start + Int(group.offset) * rowBytes
            for i in Int(group.start)..<Int(group.end) {
              let index = Int(indices[i])
              bytes[row + index >> 3] |= UInt8(1) << UInt8(index & 7)
            }
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

  /// One population's groups (in tick order) as a sparse section.
  private func writeSparse(_ mine: ArraySlice<Int>, into w: inout ByteWriter) {
    var previousTick: Int64 = -1
    for k in mine {
      let group = groups[k]
      let first = Int(group.start)
      let last = Int(group.end)
      w.varint(UInt64(Int64(group.offset) - previousTick - 1))
      previousTick = Int64(group.offset)
      w.varint(last - first - 1)
      var previous = indices[first]
      w.varint(UInt64(previous))
      for i in (first + 1)..<max(first + 1, last) {
        let index = indices[i]
        w.varint(UInt64(index - previous - 1))
        previous = index
      }
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
