/// What `nbpscope trace repair` did.
package struct TraceRepairReport: Sendable {
  /// Whether the file was already closed cleanly with every chunk intact (nothing written).
  package var wasIntact: Bool
  /// Chunks kept in the new index.
  package var keptChunks: Int
  /// Chunks or byte ranges left out, one line each (offset and why).
  package var dropped: [String]
  /// Bytes cut from the end (a torn chunk, an old index and trailer).
  package var truncatedBytes: Int64
}

/// Rebuilds the footer index of a trace by scanning every chunk.
package enum TraceRepair {
  /// Scans `path`, checks every chunk's header and payload CRC, resynchronises after damaged
  /// headers, cuts a torn tail, and appends a fresh index and trailer.
  ///
  /// The file is changed in place, but only at its end: if repair itself is interrupted, the file
  /// is again "complete chunks plus a torn tail" and repair can run again. Payloads are read one
  /// chunk at a time; the file is never loaded whole.
  /// - Throws: ``TraceError`` if the file header or metadata chunk is damaged (nothing to anchor a
  ///   repair to) or the file cannot be written.
  package static func repair(path: String) throws(TraceError) -> TraceRepairReport {
    let reader = try TraceReader(path: path, damage: .allow)
    let file = try OpenFile.open(path: path, writable: true)
    let source = ByteSource.file(file)
    let size = try file.size()
    let metadataSize = try ChunkHeader.sizeOfChunk(at: Int64(TraceFormat.fileHeaderSize), in: source)
    let chunkStart = Int64(TraceFormat.fileHeaderSize) + metadataSize

    var entries: [IndexEntry] = []
    var dropped: [String] = []
    var offset = chunkStart
    var end = chunkStart  // end of the last intact chunk kept or skipped
    var lastIndexChunk: Range<Int64>?
    var tickEnd = reader.metadata.t0
    while offset < size {
      let bytes = try source.read(at: offset, count: TraceFormat.chunkHeaderSize)
      guard case .success(let header) = ChunkHeader.decode(bytes), header.totalSize <= size - offset else {
        // Damaged or torn: look for the next intact chunk header.
        guard let next = try resynchronize(source, from: offset + 1, size: size) else { break }
        dropped.append("bytes \(offset)..<\(next): no intact chunk header")
        offset = next
        continue
      }
      let sizes = reader.metadata.populations.map(\.size)
      do {
        let (_, payload) = try TraceReader.readChunk(at: offset, from: source, fileSize: size, name: path)
        switch header.kind {
        case .frame:
          guard header.firstTick >= tickEnd else {
            dropped.append("chunk at byte \(offset): frame for ticks \(header.firstTick)... overlaps earlier ticks")
            break
          }
          let frame = try? DecodedFrame(payload: payload, firstTick: header.firstTick, tickCount: Int(header.tickCount), sizes: sizes)
          guard let frame else {
            dropped.append("chunk at byte \(offset): frame with a malformed directory")
            break
          }
          tickEnd = header.firstTick + Int64(header.tickCount)
          entries.append(IndexEntry(header: header, offset: offset, spikeCount: frame.spikeCount))
        case .snapshot:
          entries.append(IndexEntry(header: header, offset: offset, spikeCount: 0))
        case .index:
          lastIndexChunk = offset..<offset + header.totalSize
        case .metadata:
          dropped.append("chunk at byte \(offset): a second metadata chunk")
        }
        if header.kind != .index { end = offset + header.totalSize }
      } catch {
        dropped.append("chunk at byte \(offset): \(error.expected), found \(error.found)")
      }
      offset += header.totalSize
    }
    // A clean file: the trailer's index lists exactly what the scan found, and nothing follows.
    let cleanEnd = lastIndexChunk.map { $0.upperBound + Int64(TraceFormat.trailerSize) }
    // Clean means the index says what the chunks say (offsets, spans, spike counts), so that a
    // file `trace info` rejects for a disagreeing entry is rewritten, not called intact.
    func listed(_ chunk: TraceChunk) -> [Int64] {
      [Int64(chunk.kind.rawValue), chunk.offset, chunk.size, chunk.firstTick, Int64(chunk.tickCount), Int64(chunk.spikeCount ?? 0)]
    }
    func found(_ entry: IndexEntry) -> [Int64] {
      [
        Int64(entry.kind.rawValue), entry.offset, entry.size, entry.firstTick, Int64(entry.tickCount),
        Int64(entry.kind == .frame ? entry.spikeCount : 0),
      ]
    }
    if reader.recovery == nil, dropped.isEmpty, cleanEnd == size, entries.map(found) == reader.chunks.map(listed) {
      return TraceRepairReport(wasIntact: true, keptChunks: entries.count, dropped: [], truncatedBytes: 0)
    }
    let truncated = size - end
    try file.truncate(to: end)
    try file.seek(to: end)
    let (_, index) = ChunkHeader.chunk(
      kind: .index, firstTick: reader.metadata.t0, tickCount: 0, payload: IndexEntry.payload(entries), compress: true)
    try file.write(index)
    try file.write(Trailer(indexOffset: end, indexSize: Int64(index.count)).encoded())
    try file.sync()
    return TraceRepairReport(wasIntact: false, keptChunks: entries.count, dropped: dropped, truncatedBytes: truncated)
  }

  /// The offset of the next intact chunk header at or after `offset` that fits the file, or nil.
  static func resynchronize(_ source: ByteSource, from offset: Int64, size: Int64) throws(TraceError) -> Int64? {
    let window = 1 << 20
    var start = offset
    while start < size {
      let bytes = try source.read(at: start, count: window + TraceFormat.chunkHeaderSize)
      var k = 0
      while k + 4 <= bytes.count {
        if bytes[k] == 0x4E && bytes[k + 1] == 0x42 && bytes[k + 2] == 0x43 && bytes[k + 3] == 0x4B {
          let candidate = start + Int64(k)
          let header = try source.read(at: candidate, count: TraceFormat.chunkHeaderSize)
          if case .success(let decoded) = ChunkHeader.decode(header), decoded.totalSize <= size - candidate {
            return candidate
          }
        }
        k += 1
        if k >= window { break }
      }
      start += Int64(window)
    }
    return nil
  }
}

extension ChunkHeader {
  /// The total size of the (intact) chunk at `offset`.
  static func sizeOfChunk(at offset: Int64, in source: ByteSource) throws(TraceError) -> Int64 {
    let bytes = try source.read(at: offset, count: TraceFormat.chunkHeaderSize)
    guard case .success(let header) = decode(bytes) else {
      throw TraceError(file: "", position: .byte(offset), expected: "an intact chunk header", found: "damage")
    }
    return header.totalSize
  }
}
