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
  package static func inflate(
    _ input: [UInt8], format: Format, expectedSize: Int? = nil, limit: Int = 1 << 32
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
          stream.avail_in = UInt32(source.count - consumed)
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

  /// Compresses `input` into the given container.
  package static func deflate(_ input: [UInt8], format: Format, level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(nbp_deflateInit2(&stream, level, format.windowBits) == Z_OK, "zlib deflateInit2 failed")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    let written: Int = input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        let status = CZlib.deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
        return target.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(written...)
    return output
  }

  /// The CRC-32 of `bytes` (as ZIP and gzip use it), continuing from `initial`.
  package static func crc32(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      UInt32(CZlib.crc32(UInt(initial), buffer.baseAddress, UInt32(buffer.count)))
    }
  }
}
