import Zlib

/// Images from an IDX file (magic 2051): count × rows × columns unsigned bytes.
///
/// Pixels are stored image after image, each row-major, 0 = background and 255 = ink in MNIST.
package struct IDXImages: Sendable {
  /// The number of images.
  package let count: Int
  /// The height of every image.
  package let rows: Int
  /// The width of every image.
  package let columns: Int
  /// `count × rows × columns` bytes, image after image, each row-major.
  package let pixels: [UInt8]

  /// Creates images from their pixels.
  ///
  /// - Precondition: `pixels.count == count × rows × columns`.
  package init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
    precondition(
      count >= 0 && rows > 0 && columns > 0 && pixels.count == count * rows * columns,
      "IDXImages: \(pixels.count) pixels do not make \(count) images of \(rows) × \(columns)")
    self.count = count
    self.rows = rows
    self.columns = columns
    self.pixels = pixels
  }

  /// The pixels of image `index`, row-major.
  ///
  /// - Precondition: `0 <= index < count`.
  package func image(_ index: Int) -> ArraySlice<UInt8> {
    precondition(index >= 0 && index < count, "image index \(index) is outside 0..<\(count)")
    let size = rows * columns
    return pixels[index * size..<(index + 1) * size]
  }
}

/// Labels from an IDX file (magic 2049): one unsigned byte per item.
package struct IDXLabels: Sendable {
  /// The labels in file order.
  package let labels: [UInt8]

  /// Creates labels from their bytes.
  package init(labels: [UInt8]) {
    self.labels = labels
  }
}

/// What an IDX file holds, as told by its magic number.
package enum IDXContent: String, Sendable, CaseIterable {
  /// Unsigned bytes in three dimensions: count × rows × columns (magic 2051 = 0x00000803).
  case images
  /// Unsigned bytes in one dimension: count labels (magic 2049 = 0x00000801).
  case labels

  /// The magic number that opens a file of this content.
  package var magic: UInt32 { self == .images ? 2051 : 2049 }

  /// The content whose magic is `magic`, or nil for any other number.
  package init?(magic: UInt32) {
    guard let match = Self.allCases.first(where: { $0.magic == magic }) else { return nil }
    self = match
  }
}

/// Reads and checks IDX files, the format of MNIST and Fashion-MNIST.
///
/// IDX is big-endian: a 4-byte magic (`00 00 08 <dimensions>`), one 4-byte size per dimension, then
/// the data. Files may be gzip-compressed; that is decided from the first two bytes (`1f 8b`),
/// never from the name. Every size is checked against the bytes actually present before anything is
/// allocated from it, and a file with extra bytes after its data is rejected as well, since it is
/// not the file its header describes.
package enum IDXFile {
  /// The largest accepted image side: far above any data set this project uses, low enough that a
  /// corrupt header is caught at the header instead of by a mysterious size mismatch.
  package static let maximumSide = 1024
  /// The most bytes a decompressed file may hold (1 GiB; the MNIST training images take 47 MB).
  package static let maximumDecompressedSize = 1 << 30

  /// Reads an images file (raw or gzip-compressed) and checks it.
  ///
  /// - Throws: ``DatasetError`` naming `path`, for an unreadable file, a corrupt gzip stream or a
  ///   malformed IDX file.
  package static func readImages(path: String) throws(DatasetError) -> IDXImages {
    try parseImages(readDecompressed(path: path), file: path)
  }

  /// Reads a labels file (raw or gzip-compressed) and checks it.
  ///
  /// - Throws: ``DatasetError`` naming `path`, for an unreadable file, a corrupt gzip stream, a
  ///   malformed IDX file or a label outside 0...9.
  package static func readLabels(path: String) throws(DatasetError) -> IDXLabels {
    try parseLabels(readDecompressed(path: path), file: path)
  }

  /// Parses the bytes of an images file after decompression.
  ///
  /// - Parameter file: the name used in errors.
  /// - Throws: ``DatasetError`` for a short header, a magic other than 2051, a side of 0 or above
  ///   ``maximumSide``, or a pixel byte count other than count × rows × columns.
  /// - Complexity: O(n) in the number of bytes (one copy of the pixels).
  package static func parseImages(_ bytes: [UInt8], file: String) throws(DatasetError) -> IDXImages {
    let headerSize = 16
    try checkHeader(bytes, content: .images, headerSize: headerSize, file: file)
    let count = Int(word(bytes, at: 4))
    let rows = Int(word(bytes, at: 8))
    let columns = Int(word(bytes, at: 12))
    for (name, value, offset) in [("rows", rows, 8), ("columns", columns, 12)]
    where value < 1 || value > maximumSide {
      throw DatasetError(file: file, offset: offset, problem: .badDimension(name: name, found: value))
    }
    // count < 2^32 and each side <= 1024, so the product fits in 64 bits without overflow.
    let found = bytes.count - headerSize
    guard found == count * rows * columns else {
      throw DatasetError(
        file: file, offset: headerSize,
        problem: .pixelByteCount(count: count, rows: rows, columns: columns, found: found))
    }
    return IDXImages(count: count, rows: rows, columns: columns, pixels: Array(bytes[headerSize...]))
  }

  /// Parses the bytes of a labels file after decompression.
  ///
  /// - Parameter file: the name used in errors.
  /// - Throws: ``DatasetError`` for a short header, a magic other than 2049, a label byte count
  ///   other than the header's count, or a label above 9.
  package static func parseLabels(_ bytes: [UInt8], file: String) throws(DatasetError) -> IDXLabels {
    let headerSize = 8
    try checkHeader(bytes, content: .labels, headerSize: headerSize, file: file)
    let count = Int(word(bytes, at: 4))
    let found = bytes.count - headerSize
    guard found == count else {
      throw DatasetError(
        file: file, offset: headerSize, problem: .labelByteCount(count: count, found: found))
    }
    let labels = Array(bytes[headerSize...])
    // Both data sets have ten classes; a larger byte would index past the ten output units.
    if let bad = labels.firstIndex(where: { $0 > 9 }) {
      throw DatasetError(
        file: file, offset: headerSize + bad, problem: .labelOutOfRange(found: labels[bad]))
    }
    return IDXLabels(labels: labels)
  }

  /// Reads a whole file and inflates it when it starts with the gzip magic `1f 8b`.
  static func readDecompressed(path: String) throws(DatasetError) -> [UInt8] {
    try decompressed(DataFiles.read(path: path), file: path)
  }

  /// The bytes of a file image, inflated when they start with the gzip magic `1f 8b` (at most
  /// ``maximumDecompressedSize`` bytes), else unchanged; the in-memory half of reading a file.
  ///
  /// - Parameter file: the name used in errors.
  /// - Throws: ``DatasetError`` for a corrupt gzip stream or one that inflates past the limit.
  package static func decompressed(_ raw: [UInt8], file: String) throws(DatasetError) -> [UInt8] {
    guard raw.count >= 2, raw[0] == 0x1f, raw[1] == 0x8b else { return raw }
    do {
      return try Zlib.inflate(
        raw, format: .gzip, expectedSize: sizeHint(gzip: raw), limit: maximumDecompressedSize)
    } catch {
      throw DatasetError(file: file, offset: error.offset, problem: .gzip(reason: error.reason))
    }
  }

  /// The gzip trailer's size field (ISIZE, little-endian, last 4 bytes), as a capacity hint only.
  ///
  /// It is unchecked, so it is capped at 64 MiB (above the 47 MB of the MNIST training images); the
  /// real bound on the output is ``maximumDecompressedSize``, enforced while inflating.
  private static func sizeHint(gzip raw: [UInt8]) -> Int? {
    guard raw.count >= 18 else { return nil }
    let n = raw.count
    let size = Int(raw[n - 4]) | Int(raw[n - 3]) << 8 | Int(raw[n - 2]) << 16 | Int(raw[n - 1]) << 24
    return min(size, 64 << 20)
  }

  private static func checkHeader(
    _ bytes: [UInt8], content: IDXContent, headerSize: Int, file: String
  ) throws(DatasetError) {
    if bytes.count >= 4 {
      let magic = word(bytes, at: 0)
      guard magic == content.magic else {
        throw DatasetError(file: file, offset: 0, problem: .badMagic(expected: content, found: magic))
      }
    }
    guard bytes.count >= headerSize else {
      throw DatasetError(
        file: file, offset: 0,
        problem: .truncatedHeader(content: content, headerSize: headerSize, found: bytes.count))
    }
  }

  /// The big-endian 32-bit word at `offset`; the caller has checked that 4 bytes are there.
  private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
      | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
  }
}
