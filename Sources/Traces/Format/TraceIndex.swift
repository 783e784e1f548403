import Zlib

/// One entry of the footer index: where a frame or snapshot chunk is and what it covers.
///
/// 32 bytes: offset (u64), first tick (i64), tick count (u32), kind (u8), 3 reserved bytes,
/// spike count (u32, saturated), chunk size including its header (u32). The index payload is a
/// u32 entry count followed by the entries in file order.
struct IndexEntry: Equatable {
  var kind: ChunkKind
  var offset: Int64
  var size: Int64
  var firstTick: Int64
  var tickCount: Int
  var spikeCount: Int

  init(kind: ChunkKind, offset: Int64, size: Int64, firstTick: Int64, tickCount: Int, spikeCount: Int) {
    self.kind = kind
    self.offset = offset
    self.size = size
    self.firstTick = firstTick
    self.tickCount = tickCount
    self.spikeCount = spikeCount
  }

  init(header: ChunkHeader, offset: Int64, spikeCount: Int) {
    self.init(
      kind: header.kind, offset: offset, size: header.totalSize, firstTick: header.firstTick,
      tickCount: Int(header.tickCount), spikeCount: spikeCount)
  }

  static func payload(_ entries: [IndexEntry]) -> [UInt8] {
    var w = ByteWriter(capacity: 4 + entries.count * TraceFormat.indexEntrySize)
    w.u32(UInt32(entries.count))
    for entry in entries {
      w.u64(UInt64(entry.offset))
      w.i64(entry.firstTick)
      w.u32(UInt32(entry.tickCount))
      w.u8(entry.kind.rawValue)
      w.u8(0)
      w.u16(0)
      w.u32(UInt32(min(entry.spikeCount, Int(UInt32.max))))
      w.u32(UInt32(entry.size))
    }
    return w.bytes
  }

  /// Parses an index payload; entries must be frames or snapshots in increasing, non-overlapping
  /// file order within `chunkArea`, with frames in increasing tick order.
  static func parse(_ payload: [UInt8], chunkArea: Range<Int64>) throws(ByteReader.Failure) -> [IndexEntry] {
    var r = ByteReader(payload)
    let count = Int(try r.u32("the entry count"))
    guard count == (payload.count - 4) / TraceFormat.indexEntrySize, (payload.count - 4) % TraceFormat.indexEntrySize == 0 else {
      throw r.failure("\((payload.count - 4) / TraceFormat.indexEntrySize) entries of 32 bytes", found: "\(count)", at: 0)
    }
    var entries: [IndexEntry] = []
    entries.reserveCapacity(count)
    var previousEnd = chunkArea.lowerBound
    var tickEnd: Int64 = -1
    for _ in 0..<count {
      let at = r.position
      let offset = try r.u64("an offset")
      let firstTick = try r.i64("a first tick")
      let tickCount = try r.u32("a tick count")
      let kindByte = try r.u8("a kind")
      _ = try r.take(3, "reserved bytes")
      let spikes = try r.u32("a spike count")
      let size = try r.u32("a chunk size")
      guard let kind = ChunkKind(rawValue: kindByte), kind == .frame || kind == .snapshot else {
        throw r.failure("an entry for a frame or snapshot chunk", found: "kind \(kindByte)", at: at + 20)
      }
      guard offset >= UInt64(previousEnd), offset <= UInt64(chunkArea.upperBound),
        Int64(size) >= Int64(TraceFormat.chunkHeaderSize), Int64(offset) + Int64(size) <= chunkArea.upperBound
      else {
        throw r.failure(
          "a chunk within bytes \(previousEnd)..<\(chunkArea.upperBound)", found: "offset \(offset), size \(size)", at: at)
      }
      guard Int(tickCount) <= TraceLimits.maximumTicksPerFrame else {
        throw r.failure("a span of at most \(TraceLimits.maximumTicksPerFrame) ticks", found: "\(tickCount)", at: at + 16)
      }
      guard firstTick >= 0, firstTick <= TraceLimits.maximumTick - Int64(tickCount) else {
        throw r.failure("ticks within 0...\(TraceLimits.maximumTick)", found: "\(firstTick) + \(tickCount)", at: at + 8)
      }
      if kind == .frame {
        guard firstTick >= tickEnd else {
          throw r.failure("frames in increasing tick order", found: "tick \(firstTick) after tick \(tickEnd)", at: at + 8)
        }
        tickEnd = firstTick + Int64(tickCount)
      }
      previousEnd = Int64(offset) + Int64(size)
      entries.append(
        IndexEntry(
          kind: kind, offset: Int64(offset), size: Int64(size), firstTick: firstTick, tickCount: Int(tickCount),
          spikeCount: Int(spikes)))
    }
    return entries
  }
}

/// The last 24 bytes of a closed trace: where the index chunk is.
struct Trailer: Equatable {
  var indexOffset: Int64
  var indexSize: Int64

  func encoded() -> [UInt8] {
    var w = ByteWriter(capacity: TraceFormat.trailerSize)
    w.u64(UInt64(indexOffset))
    w.u64(UInt64(indexSize))
    w.u32(Zlib.crc32(w.bytes))
    w.append(TraceFormat.trailerMagic)
    return w.bytes
  }

  /// Decodes a trailer; nil with a reason when the bytes are not one.
  static func decode(_ bytes: [UInt8]) -> Result<Trailer, TrailerProblem> {
    guard bytes.count == TraceFormat.trailerSize else { return .failure(TrailerProblem("no room for a trailer")) }
    guard bytes[20..<24].elementsEqual(TraceFormat.trailerMagic) else {
      return .failure(TrailerProblem("no trailer magic 'NBTX' at the end (the writer did not finish)"))
    }
    var r = ByteReader(bytes)
    do {
      let offset = try r.u64("")
      let size = try r.u64("")
      let crc = try r.u32("")
      guard crc == Zlib.crc32(Array(bytes[0..<16])) else { return .failure(TrailerProblem("a trailer with a bad CRC-32")) }
      guard offset <= UInt64(Int64.max), size <= UInt64(Int64.max) else {
        return .failure(TrailerProblem("a trailer pointing outside the file"))
      }
      return .success(Trailer(indexOffset: Int64(offset), indexSize: Int64(size)))
    } catch {
      return .failure(TrailerProblem("a short trailer"))
    }
  }
}

struct TrailerProblem: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
