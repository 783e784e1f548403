import Zlib

/// Reading whole chunks, the footer index, and the scan that replaces a missing index.
extension TraceReader {
  /// Reads and checks one whole chunk (header, payload CRC, inflation).
  static func readChunk(
    at offset: Int64, from source: ByteSource, fileSize: Int64, name: String, limit: Int = TraceFormat.maximumPayload
  ) throws(TraceError) -> (ChunkHeader, [UInt8]) {
    let bytes = try source.read(at: offset, count: TraceFormat.chunkHeaderSize)
    let header: ChunkHeader
    switch ChunkHeader.decode(bytes) {
    case .success(let decoded): header = decoded
    case .failure(let problem):
      let (expected, found) = ChunkHeader.words(problem)
      throw TraceError(file: name, position: .byte(offset), expected: expected, found: found)
    }
    let payloadOffset = offset + Int64(TraceFormat.chunkHeaderSize)
    guard Int64(header.storedSize) <= fileSize - payloadOffset else {
      throw TraceError(
        file: name, position: .byte(payloadOffset), expected: "a \(header.storedSize)-byte chunk payload",
        found: "\(max(0, fileSize - payloadOffset)) bytes before the end of the file")
    }
    guard Int(header.rawSize) <= limit else {
      throw TraceError(
        file: name, position: .byte(offset + 24), expected: "a payload of at most \(limit) bytes",
        found: "\(header.rawSize)")
    }
    let stored = try source.read(at: payloadOffset, count: Int(header.storedSize))
    guard stored.count == Int(header.storedSize) else {
      throw TraceError(
        file: name, position: .byte(payloadOffset), expected: "a \(header.storedSize)-byte chunk payload",
        found: "\(stored.count) bytes before the end of the file")
    }
    let crc = Zlib.crc32(stored)
    guard crc == header.payloadCRC else {
      throw TraceError(
        file: name, position: .byte(payloadOffset), expected: "a payload with CRC-32 \(hex32(header.payloadCRC))",
        found: hex32(crc))
    }
    guard header.isDeflated else { return (header, stored) }
    do {
      let raw = try Zlib.inflate(stored, format: .raw, expectedSize: Int(header.rawSize), limit: Int(header.rawSize))
      guard raw.count == Int(header.rawSize) else {
        throw TraceError(
          file: name, position: .byte(payloadOffset), expected: "\(header.rawSize) bytes after inflating",
          found: "\(raw.count)")
      }
      return (header, raw)
    } catch let failure as Zlib.Failure {
      throw TraceError(
        file: name, position: .byte(payloadOffset + Int64(failure.offset)), expected: "valid deflate data",
        found: failure.reason)
    } catch let error as TraceError {
      throw error
    } catch {
      throw TraceError(file: name, position: .byte(payloadOffset), expected: "valid deflate data", found: "\(error)")
    }
  }

  // MARK: Index

  /// The entries of the footer index, if the trailer and the index chunk are intact.
  static func readIndex(from source: ByteSource, fileSize: Int64, chunkStart: Int64) -> Result<[IndexEntry], TrailerProblem> {
    let minimum = chunkStart + Int64(TraceFormat.chunkHeaderSize + TraceFormat.trailerSize)
    guard fileSize >= minimum else { return .failure(TrailerProblem("no index (the file ends after its metadata)")) }
    guard let tail = try? source.read(at: fileSize - Int64(TraceFormat.trailerSize), count: TraceFormat.trailerSize) else {
      return .failure(TrailerProblem("the trailer could not be read"))
    }
    let trailer: Trailer
    switch Trailer.decode(tail) {
    case .success(let decoded): trailer = decoded
    case .failure(let problem): return .failure(problem)
    }
    guard trailer.indexOffset >= chunkStart, trailer.indexSize >= Int64(TraceFormat.chunkHeaderSize),
      trailer.indexOffset <= fileSize, trailer.indexSize == fileSize - Int64(TraceFormat.trailerSize) - trailer.indexOffset
    else {
      return .failure(TrailerProblem("a trailer pointing outside the file"))
    }
    guard
      let (header, payload) = try? readChunk(
        at: trailer.indexOffset, from: source, fileSize: fileSize - Int64(TraceFormat.trailerSize), name: ""),
      header.kind == .index
    else {
      return .failure(TrailerProblem("a damaged index chunk"))
    }
    do {
      return .success(try IndexEntry.parse(payload, chunkArea: chunkStart..<trailer.indexOffset))
    } catch {
      return .failure(TrailerProblem("an inconsistent index (\(error.expected))"))
    }
  }

  /// Walks chunk headers from `start`, skipping payloads, until the end or a torn last chunk (a
  /// header that is damaged or runs past the end with no intact chunk after it).
  ///
  /// A damaged header with intact chunks after it is damage, not a torn tail: refused under
  /// ``TraceReader/DamagePolicy/refuse`` (stopping there would drop every later chunk without a
  /// word), read around and listed under ``TraceReader/DamagePolicy/allow``.
  static func scan(
    from source: ByteSource, fileSize: Int64, start: Int64, name: String, damage: DamagePolicy
  ) throws(TraceError) -> (entries: [IndexEntry], stoppedAt: Int64?, stopReason: String?, damaged: [Range<Int64>]) {
    var entries: [IndexEntry] = []
    var damaged: [Range<Int64>] = []
    var offset = start
    var afterIndex = false
    /// Whether the scan goes on after unreadable bytes at `offset` (which it reports when refusing).
    func readAround(_ reason: String) throws(TraceError) -> Bool {
      guard let next = try TraceRepair.resynchronize(source, from: offset + 1, size: fileSize) else { return false }
      guard damage == .allow else {
        throw TraceError(
          file: name, position: .byte(offset),
          expected: "an intact chunk header",
          found: "\(next - offset) unreadable bytes up to an intact chunk at byte \(next) (\(reason)); "
            + "'nbpscope trace repair' keeps the chunks after them, --allow-damage reads around them")
      }
      damaged.append(offset..<next)
      offset = next
      return true
    }
    while offset < fileSize {
      // What follows an index chunk at the very end is its (damaged) trailer, not a torn chunk.
      if afterIndex && fileSize - offset == Int64(TraceFormat.trailerSize) { break }
      let bytes = try source.read(at: offset, count: TraceFormat.chunkHeaderSize)
      guard case .success(let header) = ChunkHeader.decode(bytes) else {
        let reason: String
        if case .failure(let problem) = ChunkHeader.decode(bytes) {
          let (expected, found) = ChunkHeader.words(problem)
          reason = "expected \(expected), found \(found)"
        } else {
          reason = "a damaged chunk header"
        }
        if try readAround(reason) { continue }
        return (entries, offset, reason, damaged)
      }
      guard header.totalSize <= fileSize - offset else {
        let reason = "a torn chunk: \(header.totalSize) bytes declared, \(fileSize - offset) present"
        if try readAround(reason) { continue }
        return (entries, offset, reason, damaged)
      }
      if header.kind == .frame || header.kind == .snapshot {
        entries.append(IndexEntry(header: header, offset: offset, spikeCount: 0))
      }
      afterIndex = header.kind == .index
      offset += header.totalSize
    }
    return (entries, nil, nil, damaged)
  }
}
