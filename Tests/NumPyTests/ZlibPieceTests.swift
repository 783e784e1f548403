import Testing
import Zlib

/// zlib counts in 32 bits, so inputs of 4 GiB and more go through it in pieces. The same code
/// path runs here with pieces of a few hundred bytes: results equal the one-piece ones.
@Suite struct ZlibPieceTests {
  static let input: [UInt8] = (0..<50_000).map { UInt8(truncatingIfNeeded: ($0 * 7919) >> 3) }

  @Test(arguments: [1, 97, 1000, 1 << 30])
  func piecesGiveTheSameBytes(piece: Int) throws {
    let whole = Zlib.deflate(Self.input, format: .gzip)
    let pieced = Zlib.deflate(Self.input, format: .gzip, piece: piece)
    #expect(try Zlib.inflate(pieced, format: .gzip) == Self.input)
    #expect(try Zlib.inflate(whole, format: .gzip, piece: piece) == Self.input)
    #expect(Zlib.crc32(Self.input, piece: piece) == Zlib.crc32(Self.input))
    #expect(Zlib.crc32([], piece: piece) == 0)
  }
}
