/// A frame chunk's payload with its directory parsed; populations are decoded on demand.
struct DecodedFrame: Sendable {
  struct Section: Sendable {
    let encoding: FrameBuffer.Encoding
    let start: Int
    let length: Int
    let spikeCount: Int
  }

  let firstTick: Int64
  let tickCount: Int
  let payload: [UInt8]
  let sections: [Section]
  let markerCount: Int
  let markerStart: Int
  let markerLength: Int

  /// Parses the directory and checks that the sections exactly fill the payload.
  init(payload: [UInt8], firstTick: Int64, tickCount: Int, sizes: [Int]) throws(ByteReader.Failure) {
    self.payload = payload
    self.firstTick = firstTick
    self.tickCount = tickCount
    var r = ByteReader(payload)
    let populationCount = try r.varint("the population count", in: 0...TraceLimits.maximumPopulations)
    guard populationCount == sizes.count else {
      throw r.failure("\(sizes.count) populations (as the metadata declares)", found: "\(populationCount)", at: 0)
    }
    var layout: [(FrameBuffer.Encoding, Int, Int)] = []
    layout.reserveCapacity(populationCount)
    for p in 0..<populationCount {
      let at = r.position
      let byte = try r.u8("a section encoding")
      guard let encoding = FrameBuffer.Encoding(rawValue: byte) else {
        throw r.failure("a section encoding 0, 1 or 2", found: "\(byte)", at: at)
      }
      let lengthAt = r.position
      let length = try r.varint("a section length", in: 0...payload.count)
      let countAt = r.position
      let count = try r.varint("a spike count", in: 0...payload.count * 8)
      let rowBytes = (sizes[p] + 7) >> 3
      switch encoding {
      case .none:
        guard length == 0, count == 0 else {
          throw r.failure("an empty section for population \(p)", found: "\(length) bytes, \(count) spikes", at: lengthAt)
        }
      case .sparse:
        // Each spike takes at least one byte, each tick record two more.
        guard count >= 1, count <= length else {
          throw r.failure("1...\(length) spikes in a \(length)-byte sparse section", found: "\(count)", at: countAt)
        }
      case .dense:
        guard length == tickCount * rowBytes else {
          throw r.failure("a dense section of \(tickCount) × \(rowBytes) bytes", found: "\(length) bytes", at: lengthAt)
        }
        guard count >= 1, count <= tickCount * sizes[p] else {
          throw r.failure("1...\(tickCount * sizes[p]) spikes in a dense section", found: "\(count)", at: countAt)
        }
      }
      layout.append((encoding, length, count))
    }
    let markerCountAt = r.position
    markerCount = try r.varint("the marker count", in: 0...payload.count)
    markerLength = try r.varint("the marker section length", in: 0...payload.count)
    guard markerCount <= markerLength else {
      throw r.failure("at most \(markerLength) markers", found: "\(markerCount)", at: markerCountAt)
    }
    var position = r.position
    var sections: [Section] = []
    sections.reserveCapacity(populationCount)
    for (encoding, length, count) in layout {
      guard length <= payload.count - position else {
        throw r.failure("sections that fit the \(payload.count)-byte payload", found: "a section ending at \(position + length)", at: position)
      }
      sections.append(Section(encoding: encoding, start: position, length: length, spikeCount: count))
      position += length
    }
    guard position + markerLength == payload.count else {
      throw r.failure(
        "sections and markers filling the payload exactly (\(payload.count) bytes)",
        found: "\(position + markerLength) bytes", at: position)
    }
    markerStart = position
    self.sections = sections
  }

  var spikeCount: Int { sections.reduce(0) { $0 + $1.spikeCount } }

  /// Population p's spikes at tick offsets `range` (within the chunk) as CSR rows: `starts` has
  /// `range.count + 1` entries into `indices`. With `complete`, the whole section is walked and
  /// checked against its declared size and count even when `range` ends early.
  func decode(population p: Int, size: Int, range: Range<Int>, complete: Bool = false) throws(ByteReader.Failure)
    -> (starts: [Int32], indices: [Int32])
  {
    try walk(population: p, size: size, range: range, complete: complete, collect: true).rows
  }

  /// Walks population p's whole section, checking it, and returns its spike count (nothing is
  /// allocated per tick, so a frame claiming a huge tick count costs no memory).
  func validatedCount(population p: Int, size: Int) throws(ByteReader.Failure) -> Int {
    try walk(population: p, size: size, range: 0..<0, complete: true, collect: false).total
  }

  private func walk(population p: Int, size: Int, range: Range<Int>, complete: Bool, collect: Bool) throws(ByteReader.Failure)
    -> (rows: (starts: [Int32], indices: [Int32]), total: Int)
  {
    let section = sections[p]
    var starts = [Int32](repeating: 0, count: collect ? range.count + 1 : 0)
    var indices: [Int32] = []
    switch section.encoding {
    case .none:
      return ((starts, indices), 0)
    case .dense:
      let rowBytes = (size + 7) >> 3
      var total = 0
      let rows = complete ? 0..<tickCount : range
      for row in rows {
        let base = section.start + row * rowBytes
        let inRange = range.contains(row)
        for byteIndex in 0..<rowBytes {
          var byte = payload[base + byteIndex]
          if byteIndex == rowBytes - 1 && size & 7 != 0 && byte >> UInt8(size & 7) != 0 {
            throw ByteReader.Failure(
              offset: base + byteIndex, expected: "no bits beyond neuron \(size - 1) in a dense row",
              found: "byte 0x\(String(byte, radix: 16))")
          }
          total += byte.nonzeroBitCount
          guard inRange && collect else { continue }
          while byte != 0 {
            let bit = byte.trailingZeroBitCount
            indices.append(Int32(byteIndex * 8 + bit))
            byte &= byte - 1
          }
        }
        if inRange && collect { starts[row - range.lowerBound + 1] = Int32(indices.count) }
      }
      if complete && total != section.spikeCount {
        throw ByteReader.Failure(
          offset: section.start, expected: "\(section.spikeCount) spikes in the dense section (the directory's count)",
          found: "\(total)")
      }
      return ((starts, indices), total)
    case .sparse:
      var r = ByteReader(payload, from: section.start, to: section.start + section.length)
      var tick = -1
      var total = 0
      var filled = 0  // starts[0...filled] are final
      while !r.isAtEnd {
        let gapAt = r.position
        let gap = try r.varint("a tick gap", in: 0...tickCount)
        tick += gap + 1
        guard tick < tickCount else {
          throw r.failure("a tick offset below \(tickCount)", found: "\(tick)", at: gapAt)
        }
        let count = try r.varint("a spike count", in: 0...(size - 1)) + 1
        guard count <= r.remaining else {
          throw r.failure("\(count) indices in the \(r.remaining) bytes left of the section")
        }
        total += count
        if !complete && tick >= range.upperBound { break }
        let keep = collect && range.contains(tick)
        if keep {
          let slot = tick - range.lowerBound
          while filled < slot {
            filled += 1
            starts[filled] = Int32(indices.count)
          }
        }
        var index = -1
        for _ in 0..<count {
          let at = r.position
          let step = try r.varint("a neuron index", in: 0...(size - 1))
          index += step + 1
          guard index < size else {
            throw r.failure("neuron indices below \(size)", found: "\(index)", at: at)
          }
          if keep { indices.append(Int32(index)) }
        }
        if keep {
          filled = tick - range.lowerBound + 1
          starts[filled] = Int32(indices.count)
        }
      }
      if complete && total != section.spikeCount {
        throw ByteReader.Failure(
          offset: section.start, expected: "\(section.spikeCount) spikes in the sparse section (the directory's count)",
          found: "\(total)")
      }
      while collect && filled < range.count {
        filled += 1
        starts[filled] = Int32(indices.count)
      }
      return ((starts, indices), total)
    }
  }

  /// The markers stored in this frame.
  func markers() throws(ByteReader.Failure) -> [TraceMarker] {
    var r = ByteReader(payload, from: markerStart, to: markerStart + markerLength)
    var result: [TraceMarker] = []
    for _ in 0..<markerCount {
      let delta = try r.zigzag("a marker tick")
      let tick = firstTick &+ delta
      let kindAt = r.position
      let kind = try r.u8("a marker kind")
      switch kind {
      case 1:
        let cycle = try r.varint("a cycle", in: 0...Int(Int32.max))
        let epoch = try r.varint("an epoch", in: 0...Int(Int32.max))
        let index = try r.varint("a sample index", in: 0...Int(Int32.max))
        let label = try r.zigzag("a label")
        guard (Int64(Int32.min)...Int64(Int32.max)).contains(label) else {
          throw r.failure("a label within 32 bits", found: "\(label)")
        }
        result.append(TraceMarker(tick: tick, .sample(cycle: cycle, epoch: epoch, index: index, label: Int(label))))
      case 2:
        let length = try r.varint("a note length", in: 0...r.remaining)
        let bytes = try r.take(length, "a note")
        result.append(TraceMarker(tick: tick, .note(String(decoding: bytes, as: UTF8.self))))
      default:
        throw r.failure("a marker kind 1 or 2", found: "\(kind)", at: kindAt)
      }
    }
    guard r.isAtEnd else { throw r.failure("the end of the marker section", found: "\(r.remaining) more bytes") }
    return result
  }
}
