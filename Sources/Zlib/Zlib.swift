import CZlib

/// The only place that calls zlib: inflate (raw deflate, zlib or gzip streams), deflate, CRC-32.
package enum Zlib {
  /// The container around a deflate stream.
  package enum Format: Sendable {
    /// Bare deflate data, as in ZIP members.
    case raw
    /// gzip (RFC 1952), as in `.gz` files; concatenated members are read one after another.
    case gzip

    var windowBits: Int32 { self == .raw ? -15 : 15 + 16 }
  }

  /// Why decompression failed, with the byte offset in the compressed input where zlib stopped.
  package struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    package let offset: Int
    package let reason: String
    package var description: String { "\(reason) at compressed byte \(offset)" }
  }

  /// Decompresses `input`.
  /// - Parameters:
  ///   - expectedSize: a size hint (e.g. from a ZIP header); decompression stops with an error
  ///     once the output exceeds `limit`.
  ///   - limit: the most bytes the caller is willing to hold (never allocate from an unchecked
  ///     header: a corrupt or hostile file cannot make this allocate more).
  ///   - piece: the most bytes zlib is handed per call (tests make it small).
  package static func inflate(
    _ input: [UInt8], format: Format, expectedSize: Int? = nil, limit: Int = 1 << 32, piece: Int = piece
  ) throws(Failure) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(min(limit, expectedSize ?? max(input.count * 4, 1024)))
    var stream = z_stream()
    guard nbp_inflateInit2(&stream, format.windowBits) == Z_OK else {
      throw Failure(offset: 0, reason: "zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var consumed = 0
    var finished = false
    while !finished {
      let status: Int32 = input.withUnsafeBufferPointer { source in
        chunk.withUnsafeMutableBufferPointer { target in
          stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
          // zlib counts in 32 bits: hand it at most a piece of the input at a time.
          stream.avail_in = UInt32(min(source.count - consumed, piece))
          stream.next_out = target.baseAddress
          stream.avail_out = UInt32(target.count)
          let before = stream.avail_in
          let result = CZlib.inflate(&stream, Z_NO_FLUSH)
          consumed += Int(before - stream.avail_in)
          return result
        }
      }
      let produced = chunk.count - Int(stream.avail_out)
      if output.count + produced > limit {
        throw Failure(offset: consumed, reason: "decompressed data larger than \(limit) bytes")
      }
      output.append(contentsOf: chunk[0..<produced])
      switch status {
      case Z_STREAM_END:
        // gzip files may hold several members back to back.
        if format == .gzip && consumed < input.count {
          guard inflateReset(&stream) == Z_OK else {
            throw Failure(offset: consumed, reason: "zlib could not restart")
          }
        } else {
          finished = true
        }
      case Z_OK:
        if consumed == input.count && produced == 0 {
          throw Failure(offset: consumed, reason: "compressed data ends early")
        }
      case Z_BUF_ERROR:
        if consumed == input.count {
          throw Failure(offset: consumed, reason: "compressed data ends early")
        }
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "corrupt compressed data"
        throw Failure(offset: consumed, reason: message)
      }
    }
    return output
  }

  /// The most bytes handed to zlib in one call: its lengths are 32-bit.
  package static let piece = 1 << 30

  /// Compresses `input` into the given container.
  package static func deflate(_ input: [UInt8], format: Format, level: Int32 = 6, piece: Int = piece) -> [UInt8] {
    var stream = z_stream()
    precondition(nbp_deflateInit2(&stream, level, format.windowBits) == Z_OK, "zlib deflateInit2 failed")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    let written: Int = input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        // Pieces of at most `piece` bytes in and out; the bound above leaves room for all.
        var (consumed, produced) = (0, 0)
        while true {
          let last = source.count - consumed <= piece
          stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress.map { $0 + consumed })
          stream.avail_in = UInt32(min(source.count - consumed, piece))
          let inBefore = stream.avail_in
          stream.next_out = target.baseAddress.map { $0 + produced }
          stream.avail_out = UInt32(min(target.count - produced, piece))
          let outBefore = stream.avail_out
          let status = CZlib.deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH)
          consumed += Int(inBefore - stream.avail_in)
          produced += Int(outBefore - stream.avail_out)
          if status == Z_STREAM_END { return produced }
          precondition(status == Z_OK || status == Z_BUF_ERROR, "zlib deflate failed (\(status))")
        }
      }
    }
    output.removeSubrange(written...)
    return output
  }

  /// The CRC-32 of `bytes` (as ZIP and gzip use it), continuing from `initial`.
  package static func crc32(_ bytes: [UInt8], initial: UInt32 = 0, piece: Int = piece) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      var crc = UInt(initial)
      var offset = 0
      repeat {
        let count = min(buffer.count - offset, piece)
        crc = CZlib.crc32(crc, buffer.baseAddress.map { $0 + offset }, UInt32(count))
        offset += count
      } while offset < buffer.count
      return UInt32(truncatingIfNeeded: crc)
    }
  }
}
