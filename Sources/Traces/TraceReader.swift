import Loihi

/// One frame or snapshot chunk of a trace, as the index (or a scan) lists it.
package struct TraceChunk: Hashable, Sendable {
  package let kind: ChunkKind
  /// Byte offset of the chunk header in the file.
  package let offset: Int64
  /// Bytes of the chunk, header included.
  package let size: Int64
  /// First tick covered (frames) or the tick after which the state was taken (snapshots).
  package let firstTick: Int64
  /// Ticks covered (0 for snapshots).
  package let tickCount: Int
  /// Spikes in a frame, from the index; nil when the index was rebuilt by scanning.
  package let spikeCount: Int?

  /// The ticks a frame covers.
  package var ticks: Range<Int64> { firstTick..<firstTick + Int64(tickCount) }
}

/// How a reader found its chunks when the file was not closed cleanly.
package struct TraceRecovery: Hashable, Sendable {
  /// Why the index could not be used (e.g. no trailer: the writer was killed).
  package let reason: String
  /// Where scanning stopped, if bytes at the end were ignored (a torn last chunk).
  package let ignoredFrom: Int64?
  /// Why scanning stopped there.
  package let ignoredReason: String?
  /// Unreadable byte ranges between chunks that an ``TraceReader/DamagePolicy/allow`` scan read
  /// around (the chunks after each were kept; what the ranges held is lost until a repair finds more).
  package var damaged: [Range<Int64>] = []

  /// Bytes in ``damaged`` altogether.
  package var damagedBytes: Int64 { damaged.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }
}

/// Random access to a native trace file: metadata, spikes of any population in any tick window,
/// markers, and the nearest state snapshot.
///
/// Opening reads the file header, the metadata chunk and the footer index (or, when the trailer is
/// missing or bad, walks the chunk headers); it never reads the whole file. Spike queries read and
/// decode only the chunks that overlap the window (a few are cached), so a screen-width window
/// anywhere in the file costs one or two chunk reads.
///
/// The reader is safe to share between threads.
package final class TraceReader: @unchecked Sendable {
  /// The file name used in errors.
  package let path: String
  package let metadata: TraceMetadata
  /// Size of the file in bytes.
  package let fileSize: Int64
  /// Frame and snapshot chunks in file order.
  package let chunks: [TraceChunk]
  /// Frame chunks in tick order.
  package let frames: [TraceChunk]
  /// Snapshot chunks in tick order.
  package let snapshots: [TraceChunk]
  /// Set when the index was rebuilt by scanning.
  package let recovery: TraceRecovery?
  /// The ticks the trace covers: from ``TraceMetadata/t0`` to the end of the last frame.
  package let tickRange: Range<Int64>

  let source: ByteSource
  let sizes: [Int]
  private let lock = Lock()
  private var cache: [(frame: Int, decoded: DecodedFrame)] = []
  private var lastProblem: TraceError?
  static let cacheSize = 8
  /// The most ticks one ``SpikeBlock`` spans.
  static let blockTicks = 1 << 16

  /// What opening does with unreadable bytes between chunks of a file without a usable index.
  package enum DamagePolicy: Sendable {
    /// Refuse the file (naming the bytes and `trace repair`): reading up to the damage alone
    /// would silently leave out every chunk after it.
    case refuse
    /// Read around the damage and list it in ``TraceRecovery/damaged``.
    case allow
  }

  /// Opens the trace at `path`.
  /// - Throws: ``TraceError`` for a file that is not a trace or whose header or metadata is
  ///   damaged, or (unless `damage` is ``DamagePolicy/allow``) that has unreadable bytes between
  ///   chunks; a torn last chunk only shortens what is readable (see ``recovery``).
  package convenience init(path: String, damage: DamagePolicy = .refuse) throws(TraceError) {
    try self.init(source: .file(OpenFile.open(path: path)), name: path, damage: damage)
  }

  /// Reads a trace image held in memory; `name` is used in errors.
  package convenience init(bytes: [UInt8], name: String, damage: DamagePolicy = .refuse) throws(TraceError) {
    try self.init(source: .memory(bytes), name: name, damage: damage)
  }

  init(source: ByteSource, name: String, damage: DamagePolicy) throws(TraceError) {
    self.source = source
    self.path = name
    let size = try source.size()
    fileSize = size
    let header = try source.read(at: 0, count: TraceFormat.fileHeaderSize)
    let magic = TraceFormat.fileMagic
    guard header.count >= magic.count, header[0..<magic.count].elementsEqual(magic) else {
      throw TraceError(
        file: name, position: .byte(0), expected: "the trace magic '\\x89NBPT\\r\\n\\x1a'",
        found: header.isEmpty ? "an empty file" : quotedBytes(header.prefix(8)))
    }
    guard header.count == TraceFormat.fileHeaderSize else {
      throw TraceError(
        file: name, position: .byte(Int64(header.count)), expected: "a 16-byte file header",
        found: "the end of the file at byte \(header.count)")
    }
    var r = ByteReader(header, from: 8)
    let version = (try? r.u32("")) ?? 0
    guard version == TraceFormat.version else {
      throw TraceError(file: name, position: .byte(8), expected: "format version \(TraceFormat.version)", found: "\(version)")
    }
    let (metaHeader, metaPayload) = try Self.readChunk(
      at: Int64(TraceFormat.fileHeaderSize), from: source, fileSize: size, name: name, limit: TraceFormat.maximumMetadata)
    guard metaHeader.kind == .metadata else {
      throw TraceError(
        file: name, position: .byte(Int64(TraceFormat.fileHeaderSize) + 4), expected: "the metadata chunk (kind 1)",
        found: "kind \(metaHeader.kind.rawValue)")
    }
    let payloadStart = Int64(TraceFormat.fileHeaderSize + TraceFormat.chunkHeaderSize)
    switch TraceMetadata.decode(json: metaPayload) {
    case .success(let decoded): metadata = decoded
    case .failure(let problem):
      let position: TraceError.Position =
        problem.offset.map { .payload(chunk: Int64(TraceFormat.fileHeaderSize), byte: $0) } ?? .byte(payloadStart)
      throw TraceError(file: name, position: position, expected: problem.expected, found: problem.found)
    }
    sizes = metadata.populations.map(\.size)
    let chunkStart = Int64(TraceFormat.fileHeaderSize) + metaHeader.totalSize

    var recovery: TraceRecovery?
    var entries: [IndexEntry]
    switch Self.readIndex(from: source, fileSize: size, chunkStart: chunkStart) {
    case .success(let indexed):
      entries = indexed
    case .failure(let problem):
      let scan = try Self.scan(from: source, fileSize: size, start: chunkStart, name: name, damage: damage)
      entries = scan.entries
      recovery = TraceRecovery(
        reason: problem.reason, ignoredFrom: scan.stoppedAt, ignoredReason: scan.stopReason, damaged: scan.damaged)
    }
    // Frames must not overlap in ticks; a scan may meet one that does (after damage): drop it.
    var tickEnd = metadata.t0
    var kept: [IndexEntry] = []
    for entry in entries {
      if entry.kind == .frame {
        guard entry.firstTick >= tickEnd else { continue }
        tickEnd = entry.firstTick + Int64(entry.tickCount)
      }
      kept.append(entry)
    }
    let isScanned = recovery != nil
    chunks = kept.map { entry in
      TraceChunk(
        kind: entry.kind, offset: entry.offset, size: entry.size, firstTick: entry.firstTick,
        tickCount: entry.tickCount, spikeCount: isScanned || entry.kind != .frame ? nil : entry.spikeCount)
    }
    frames = chunks.filter { $0.kind == .frame }
    snapshots = chunks.filter { $0.kind == .snapshot }.sorted { ($0.firstTick, $0.offset) < ($1.firstTick, $1.offset) }
    tickRange = metadata.t0..<max(metadata.t0, tickEnd)
    self.recovery = recovery
  }

  // MARK: Frames

  /// Indices into ``frames`` of the frames that overlap `range`.
  func frameIndices(overlapping range: Range<Int64>) -> Range<Int> {
    guard !range.isEmpty else { return 0..<0 }
    // First frame whose end is after range.lowerBound.
    var lo = 0
    var hi = frames.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if frames[mid].firstTick + Int64(frames[mid].tickCount) <= range.lowerBound { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < frames.count && frames[end].firstTick < range.upperBound { end += 1 }
    return lo..<end
  }

  /// The decoded frame `index` (of ``frames``), from the cache or the file.
  func decodedFrame(_ index: Int) throws(TraceError) -> DecodedFrame {
    if let hit = lock.withLock({ () -> DecodedFrame? in
      guard let k = cache.firstIndex(where: { $0.frame == index }) else { return nil }
      let entry = cache.remove(at: k)
      cache.append(entry)
      return entry.decoded
    }) {
      return hit
    }
    let decoded = try decodeFrame(frames[index])
    lock.withLock {
      cache.append((index, decoded))
      if cache.count > Self.cacheSize { cache.removeFirst() }
    }
    return decoded
  }

  func decodeFrame(_ chunk: TraceChunk) throws(TraceError) -> DecodedFrame {
    let (header, payload) = try Self.readChunk(at: chunk.offset, from: source, fileSize: fileSize, name: path)
    guard header.kind == .frame, header.firstTick == chunk.firstTick, Int(header.tickCount) == chunk.tickCount else {
      throw TraceError(
        file: path, position: .byte(chunk.offset), expected: "the frame for ticks \(chunk.ticks) the index lists",
        found: "a \(header.kind) chunk for ticks \(header.firstTick)..<\(header.firstTick + Int64(header.tickCount))")
    }
    do {
      return try DecodedFrame(payload: payload, firstTick: chunk.firstTick, tickCount: chunk.tickCount, sizes: sizes)
    } catch {
      throw payloadError(error, chunk: chunk)
    }
  }

  func payloadError(_ failure: ByteReader.Failure, chunk: TraceChunk) -> TraceError {
    TraceError(
      file: path, position: .payload(chunk: chunk.offset, byte: failure.offset), expected: failure.expected,
      found: failure.found)
  }

  // MARK: Spikes

  /// Spikes of population `population` in ticks `from ..< from + count`: one array of neuron
  /// indices (ascending) per tick; ticks outside ``tickRange`` or in a gap give empty arrays.
  ///
  /// This is the tick-source shape the live emulator offers. A damaged chunk gives empty ticks
  /// here; ``lastError`` says why, and ``readSpikes(population:from:count:)`` throws instead.
  /// - Complexity: reads and decodes only the chunks overlapping the window (cached).
  package func spikes(population: Int, from: Int64, count: Int) -> [[Int32]] {
    do {
      return try readSpikes(population: population, from: from, count: count)
    } catch {
      lock.withLock { lastProblem = error }
      return Array(repeating: [], count: max(0, count))
    }
  }

  /// The last error a non-throwing query met (and answered with empty data), if any.
  package var lastError: TraceError? { lock.withLock { lastProblem } }

  /// Like ``spikes(population:from:count:)``, but throws on a damaged chunk.
  package func readSpikes(population: Int, from: Int64, count: Int) throws(TraceError) -> [[Int32]] {
    precondition(population >= 0 && population < sizes.count, "population \(population) outside 0..<\(sizes.count)")
    precondition(count >= 0, "count \(count) is negative")
    var rows = [[Int32]](repeating: [], count: count)
    guard count > 0 else { return rows }
    let end = from > Int64.max - Int64(count) ? Int64.max : from + Int64(count)
    for index in frameIndices(overlapping: from..<end) {
      let frame = try decodedFrame(index)
      let chunk = frames[index]
      let lo = max(from, chunk.firstTick)
      let hi = min(end, chunk.firstTick + Int64(chunk.tickCount))
      let range = Int(lo - chunk.firstTick)..<Int(hi - chunk.firstTick)
      let decoded: (starts: [Int32], indices: [Int32])
      do {
        decoded = try frame.decode(population: population, size: sizes[population], range: range)
      } catch {
        throw payloadError(error, chunk: chunk)
      }
      let base = Int(lo - from)
      for k in 0..<range.count {
        let a = Int(decoded.starts[k])
        let b = Int(decoded.starts[k + 1])
        if a < b { rows[base + k] = Array(decoded.indices[a..<b]) }
      }
    }
    return rows
  }

  /// Calls `body` with the spikes of `populations` in `range`, one block per frame chunk (or per
  /// 65,536 ticks of a longer one), in tick order; exports stream through this without holding
  /// the whole trace.
  package func forEachBlock(
    in range: Range<Int64>, populations: [Int], _ body: (SpikeBlock) throws -> Void
  ) throws {
    for index in frameIndices(overlapping: range) {
      let frame = try decodedFrame(index)
      let chunk = frames[index]
      let lo = max(range.lowerBound, chunk.firstTick)
      let hi = min(range.upperBound, chunk.firstTick + Int64(chunk.tickCount))
      // Long (silent) frames go in pieces, so no block holds more than `blockTicks` ticks.
      var pieceStart = lo
      while pieceStart < hi {
        let pieceEnd = min(hi, pieceStart + Int64(Self.blockTicks))
        let local = Int(pieceStart - chunk.firstTick)..<Int(pieceEnd - chunk.firstTick)
        var rows: [SpikeBlock.Rows] = []
        for p in populations {
          do {
            let (starts, indices) = try frame.decode(population: p, size: sizes[p], range: local)
            rows.append(SpikeBlock.Rows(starts: starts, indices: indices))
          } catch {
            throw payloadError(error, chunk: chunk)
          }
        }
        try body(SpikeBlock(firstTick: pieceStart, tickCount: Int(pieceEnd - pieceStart), populations: populations, rows: rows))
        pieceStart = pieceEnd
      }
    }
  }

  // MARK: Markers

  /// Markers whose tick lies in `range`, in file order.
  package func markers(in range: Range<Int64>) throws(TraceError) -> [TraceMarker] {
    var indices = Array(frameIndices(overlapping: range))
    // The last frame also holds markers recorded for ticks after the end.
    if let last = frames.indices.last, range.upperBound > tickRange.upperBound || frames[last].tickCount == 0,
      !indices.contains(last)
    {
      indices.append(last)
    }
    var result: [TraceMarker] = []
    for index in indices {
      let frame = try decodedFrame(index)
      do {
        result += try frame.markers().filter { range.contains($0.tick) }
      } catch {
        throw payloadError(error, chunk: frames[index])
      }
    }
    return result
  }

  // MARK: Snapshots

  /// Ticks after which state snapshots were taken, ascending.
  package var snapshotTicks: [Int64] { snapshots.map(\.firstTick) }

  /// The latest snapshot taken at or before `tick`, skipping damaged ones (``lastError`` says
  /// why); nil if there is none.
  package func snapshot(atOrBefore tick: Int64) -> TraceSnapshot? {
    var candidate = snapshots.lastIndex { $0.firstTick <= tick }
    while let index = candidate {
      do {
        return try readSnapshot(snapshots[index])
      } catch {
        lock.withLock { lastProblem = error }
        candidate = index > 0 ? index - 1 : nil
      }
    }
    return nil
  }

  /// The latest snapshot taken at or before `tick`; throws if that one is damaged.
  package func readSnapshot(atOrBefore tick: Int64) throws(TraceError) -> TraceSnapshot? {
    guard let index = snapshots.lastIndex(where: { $0.firstTick <= tick }) else { return nil }
    return try readSnapshot(snapshots[index])
  }

  func readSnapshot(_ chunk: TraceChunk) throws(TraceError) -> TraceSnapshot {
    let (header, payload) = try Self.readChunk(at: chunk.offset, from: source, fileSize: fileSize, name: path)
    guard header.kind == .snapshot, header.firstTick == chunk.firstTick else {
      throw TraceError(
        file: path, position: .byte(chunk.offset), expected: "the snapshot of tick \(chunk.firstTick) the index lists",
        found: "a \(header.kind) chunk of tick \(header.firstTick)")
    }
    return TraceSnapshot(tick: chunk.firstTick, bytes: payload, file: path, chunkOffset: chunk.offset)
  }
}
