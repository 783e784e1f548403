import Zlib

/// The byte layout of a native trace file (`.nbpt`), in one place.
///
/// ```
/// file header   16 bytes  magic "\x89NBPT\r\n\x1A", format version (u32 = 1), reserved (u32 = 0)
/// chunk*        36-byte header + payload, appended in order; the first is the metadata chunk
/// index chunk   one entry per frame and snapshot chunk (written by close() and by repair)
/// trailer       24 bytes  index offset (u64), index chunk size (u64), CRC-32 of those 16 bytes,
///                         magic "NBTX"
/// ```
/// All integers are little-endian. A chunk header is
/// ```
///  0  4  magic "NBCK"
///  4  1  kind (1 metadata, 2 frame, 3 snapshot, 4 index)
///  5  1  flags (bit 0: payload is raw deflate)
///  6  2  reserved (0)
///  8  8  first tick (i64)
/// 16  4  tick count (u32; 0 for metadata, snapshots and the index)
/// 20  4  stored payload size (u32)
/// 24  4  payload size after inflating (u32; equals the stored size when not deflated)
/// 28  4  CRC-32 of the stored payload
/// 32  4  CRC-32 of header bytes 0..<32
/// ```
/// The header CRC lets a scanner trust a chunk's framing before reading its payload, and resync
/// after damage; the payload CRC catches damage inside. A writer appends whole chunks with one
/// `write`, so a killed writer leaves at most one torn chunk at the end, which readers ignore.
enum TraceFormat {
  static let fileMagic: [UInt8] = [0x89, 0x4E, 0x42, 0x50, 0x54, 0x0D, 0x0A, 0x1A]
  static let version: UInt32 = 1
  static let fileHeaderSize = 16
  static let chunkMagic: [UInt8] = Array("NBCK".utf8)
  static let chunkHeaderSize = 36
  static let trailerMagic: [UInt8] = Array("NBTX".utf8)
  static let trailerSize = 24
  /// Size of one index entry.
  static let indexEntrySize = 32
  /// The largest payload a reader will allocate for (stored or inflated).
  static let maximumPayload = 1 << 30
  /// The largest metadata payload (JSON, including an embedded network description).
  static let maximumMetadata = 256 << 20

  static var fileHeader: [UInt8] {
    var w = ByteWriter()
    w.append(fileMagic)
    w.u32(version)
    w.u32(0)
    return w.bytes
  }
}

/// What a chunk holds.
package enum ChunkKind: UInt8, Sendable, CaseIterable {
  /// The JSON metadata; always the first chunk.
  case metadata = 1
  /// Spikes of every population for a span of ticks, plus markers.
  case frame = 2
  /// A serialized ``Loihi/ChipState`` taken after the chunk's first tick.
  case snapshot = 3
  /// The footer index.
  case index = 4
}

/// A decoded chunk header.
struct ChunkHeader: Equatable {
  var kind: ChunkKind
  var isDeflated: Bool
  var firstTick: Int64
  var tickCount: UInt32
  var storedSize: UInt32
  var rawSize: UInt32
  var payloadCRC: UInt32

  var totalSize: Int64 { Int64(TraceFormat.chunkHeaderSize) + Int64(storedSize) }

  /// Builds a chunk: header and payload, deflated when that makes it smaller.
  static func chunk(
    kind: ChunkKind, firstTick: Int64, tickCount: UInt32, payload: [UInt8], compress: Bool, level: Int32 = 1
  ) -> (header: ChunkHeader, bytes: [UInt8]) {
    var stored = payload
    var deflated = false
    if compress && payload.count > 64 {
      let packed = Zlib.deflate(payload, format: .raw, level: level)
      if packed.count < payload.count {
        stored = packed
        deflated = true
      }
    }
    let header = ChunkHeader(
      kind: kind, isDeflated: deflated, firstTick: firstTick, tickCount: tickCount,
      storedSize: UInt32(stored.count), rawSize: UInt32(payload.count), payloadCRC: Zlib.crc32(stored))
    var bytes = header.encoded()
    bytes.reserveCapacity(bytes.count + stored.count)
    bytes += stored
    return (header, bytes)
  }

  func encoded() -> [UInt8] {
    var w = ByteWriter(capacity: TraceFormat.chunkHeaderSize)
    w.append(TraceFormat.chunkMagic)
    w.u8(kind.rawValue)
    w.u8(isDeflated ? 1 : 0)
    w.u16(0)
    w.i64(firstTick)
    w.u32(tickCount)
    w.u32(storedSize)
    w.u32(rawSize)
    w.u32(payloadCRC)
    w.u32(Zlib.crc32(w.bytes))
    return w.bytes
  }

  /// Why 36 bytes are not a valid chunk header (nil when they are).
  enum Problem: Error, Equatable {
    case short(Int)
    case magic([UInt8])
    case headerCRC(expected: UInt32, found: UInt32)
    case field(String, found: String)
  }

  /// Decodes a header; checks magic, header CRC and field consistency (not the payload).
  static func decode(_ bytes: [UInt8]) -> Result<ChunkHeader, Problem> {
    guard bytes.count >= TraceFormat.chunkHeaderSize else { return .failure(.short(bytes.count)) }
    guard bytes[0..<4].elementsEqual(TraceFormat.chunkMagic) else { return .failure(.magic(Array(bytes[0..<4]))) }
    var r = ByteReader(bytes, from: 4, to: TraceFormat.chunkHeaderSize)
    do {
      let kindByte = try r.u8("kind")
      let flags = try r.u8("flags")
      let reserved = try r.u16("reserved")
      let firstTick = try r.i64("first tick")
      let tickCount = try r.u32("tick count")
      let stored = try r.u32("stored size")
      let raw = try r.u32("raw size")
      let payloadCRC = try r.u32("payload CRC")
      let headerCRC = try r.u32("header CRC")
      let computed = Zlib.crc32(Array(bytes[0..<32]))
      guard computed == headerCRC else { return .failure(.headerCRC(expected: headerCRC, found: computed)) }
      guard let kind = ChunkKind(rawValue: kindByte) else {
        return .failure(.field("a chunk kind 1...4", found: "\(kindByte)"))
      }
      guard flags <= 1, reserved == 0 else {
        return .failure(.field("flags 0 or 1 and reserved 0", found: "flags \(flags), reserved \(reserved)"))
      }
      let deflated = flags == 1
      guard Int(stored) <= TraceFormat.maximumPayload, Int(raw) <= TraceFormat.maximumPayload,
        deflated ? stored < raw : stored == raw
      else {
        return .failure(.field("payload sizes up to 1 GiB (stored < raw when deflated, else equal)", found: "stored \(stored), raw \(raw)"))
      }
      guard firstTick >= 0, firstTick <= TraceLimits.maximumTick, Int64(tickCount) <= TraceLimits.maximumTick - firstTick else {
        return .failure(.field("ticks within 0...\(TraceLimits.maximumTick)", found: "\(firstTick) + \(tickCount)"))
      }
      // Exports and replays walk a frame tick by tick, so its span is bounded like the writer's.
      guard Int(tickCount) <= TraceLimits.maximumTicksPerFrame else {
        return .failure(
          .field("a span of at most \(TraceLimits.maximumTicksPerFrame) ticks", found: "\(tickCount) ticks"))
      }
      return .success(
        ChunkHeader(
          kind: kind, isDeflated: deflated, firstTick: firstTick, tickCount: tickCount, storedSize: stored,
          rawSize: raw, payloadCRC: payloadCRC))
    } catch {
      return .failure(.short(bytes.count))
    }
  }

  /// The problem as the `expected`/`found` pair of a ``TraceError``.
  static func words(_ problem: Problem) -> (expected: String, found: String) {
    switch problem {
    case .short(let count):
      return ("a \(TraceFormat.chunkHeaderSize)-byte chunk header", "\(count) bytes before the end of the file")
    case .magic(let bytes):
      return ("a chunk header starting with 'NBCK'", quotedBytes(bytes))
    case .headerCRC(let expected, let found):
      return ("a chunk header with CRC-32 \(hex32(expected))", "\(hex32(found))")
    case .field(let expected, let found):
      return ("a chunk header with \(expected)", found)
    }
  }
}

/// Value limits that keep every size computed from a file within range.
package enum TraceLimits {
  /// The largest tick a trace may hold (2^50: ~36,000 years at 1 ms per tick).
  package static let maximumTick: Int64 = 1 << 50
  /// The most populations a trace may declare.
  package static let maximumPopulations = 1 << 16
  /// The most neurons a population may have (as the emulator allows).
  package static let maximumPopulationSize = 1 << 22
  /// The most ticks per cycle (gating windows).
  package static let maximumTicksPerCycle = 1 << 20
  /// The most ticks one chunk may span (a writer cuts silent stretches into chunks this long).
  package static let maximumTicksPerFrame = 1 << 30
}
