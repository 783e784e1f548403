import NBP
import Testing

// MARK: - Well-formed files

@Test func parsesImagesAndLabels() throws {
  let pixels = (0..<12).map { UInt8($0 * 20) }
  let images = try IDXFile.parseImages(IDXBytes.images(count: 3, rows: 2, columns: 2, pixels: pixels), file: "f")
  #expect(images.count == 3 && images.rows == 2 && images.columns == 2)
  #expect(images.pixels == pixels)
  #expect(Array(images.image(1)) == [80, 100, 120, 140])
  let labels = try IDXFile.parseLabels(IDXBytes.labels([0, 9, 4]), file: "f")
  #expect(labels.labels == [0, 9, 4])
}

/// gzip is recognized by its first two bytes, whatever the file is called.
@Test func decompressionIsDecidedByContentNotName() throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  try directory.write("raw-named.gz", IDXBytes.labels([1, 2, 3]))
  try directory.write("compressed-named-raw", IDXBytes.gzippedLabels123)
  for name in ["raw-named.gz", "compressed-named-raw"] {
    #expect(try IDXFile.readLabels(path: "\(directory.path)/\(name)").labels == [1, 2, 3])
  }
}

// MARK: - Malformed bytes

struct ParseErrorCase: CustomTestStringConvertible, Sendable {
  enum Content: Sendable { case images, labels }
  let name: String
  let content: Content
  let file: String
  let bytes: [UInt8]
  let message: String
  var testDescription: String { name }

  static let all: [ParseErrorCase] = [
    .init(
      name: "empty file", content: .labels, file: "t10k-labels-idx1-ubyte", bytes: [],
      message: "t10k-labels-idx1-ubyte: byte 0: expected an IDX labels header of 8 bytes, found 0"),
    .init(
      name: "truncated header", content: .images, file: "train-images-idx3-ubyte",
      bytes: IDXBytes.word(2051) + IDXBytes.word(60000) + [0, 0],
      message: "train-images-idx3-ubyte: byte 0: expected an IDX images header of 16 bytes, found 10"),
    .init(
      name: "images file read as labels", content: .labels, file: "t10k-labels-idx1-ubyte.gz",
      bytes: IDXBytes.images(count: 1, rows: 1, columns: 1, pixels: [0]),
      message: "t10k-labels-idx1-ubyte.gz: byte 0: expected magic 2049 (labels), found 2051 (images)"),
    .init(
      name: "unknown magic", content: .images, file: "x",
      bytes: IDXBytes.word(2050) + [UInt8](repeating: 0, count: 12),
      message: "x: byte 0: expected magic 2051 (images), found 2050"),
    .init(
      name: "zero rows", content: .images, file: "x",
      bytes: IDXBytes.images(count: 1, rows: 0, columns: 28, pixels: []),
      message: "x: byte 8: expected rows from 1 to 1024, found 0"),
    .init(
      name: "absurd columns", content: .images, file: "x",
      bytes: IDXBytes.images(count: 1, rows: 28, columns: 100_000, pixels: []),
      message: "x: byte 12: expected columns from 1 to 1024, found 100000"),
    .init(
      name: "truncated pixels", content: .images, file: "train-images-idx3-ubyte",
      bytes: IDXBytes.images(count: 60000, rows: 28, columns: 28, pixels: [UInt8](repeating: 0, count: 1000)),
      message: "train-images-idx3-ubyte: byte 16: expected 47040000 pixel bytes (60000 × 28 × 28), found 1000"),
    // A hostile count is caught by the length check before anything is allocated from it.
    .init(
      name: "huge count", content: .images, file: "x",
      bytes: IDXBytes.images(count: .max, rows: 28, columns: 28, pixels: []),
      message: "x: byte 16: expected 3367254359280 pixel bytes (4294967295 × 28 × 28), found 0"),
    .init(
      name: "count too small for the pixels", content: .images, file: "x",
      bytes: IDXBytes.images(count: 2, rows: 2, columns: 2, pixels: [UInt8](repeating: 0, count: 12)),
      message: "x: byte 16: expected 8 pixel bytes (2 × 2 × 2), found 12"),
    .init(
      name: "truncated labels", content: .labels, file: "t10k-labels-idx1-ubyte",
      bytes: IDXBytes.word(2049) + IDXBytes.word(10) + [UInt8](repeating: 1, count: 9),
      message: "t10k-labels-idx1-ubyte: byte 8: expected 10 label bytes, found 9"),
    .init(
      name: "label above 9", content: .labels, file: "t10k-labels-idx1-ubyte",
      bytes: IDXBytes.labels([7, 2, 1, 12, 4]),
      message: "t10k-labels-idx1-ubyte: byte 11: expected a label from 0 to 9, found 12"),
  ]
}

@Test(arguments: ParseErrorCase.all)
func malformedBytesGiveExactErrors(_ row: ParseErrorCase) {
  let error = #expect(throws: DatasetError.self) {
    switch row.content {
    case .images: _ = try IDXFile.parseImages(row.bytes, file: row.file)
    case .labels: _ = try IDXFile.parseLabels(row.bytes, file: row.file)
    }
  }
  #expect(error?.description == row.message)
}

// MARK: - Malformed files

struct FileErrorCase: CustomTestStringConvertible, Sendable {
  let name: String
  /// The bytes written to `labels.gz`, made from a valid gzip of a 3-label file.
  let corrupt: @Sendable ([UInt8]) -> [UInt8]
  let message: String
  var testDescription: String { name }

  static let all: [FileErrorCase] = [
    .init(
      name: "gzip truncated", corrupt: { Array($0.dropLast(6)) },
      message: "labels.gz: compressed byte 25: gzip data is corrupt (compressed data ends early)"),
    .init(
      name: "gzip checksum wrong",
      corrupt: {
        var b = $0
        b[b.count - 8] ^= 0xff
        return b
      },
      message: "labels.gz: compressed byte 27: gzip data is corrupt (incorrect data check)"),
    .init(
      name: "gzip unknown method",
      corrupt: {
        var b = $0
        b[2] = 7
        return b
      },
      message: "labels.gz: compressed byte 4: gzip data is corrupt (unknown compression method)"),
    .init(
      name: "gzip magic only", corrupt: { Array($0.prefix(2)) },
      message: "labels.gz: compressed byte 2: gzip data is corrupt (compressed data ends early)"),
  ]
}

@Test(arguments: FileErrorCase.all)
func corruptGzipGivesTheCompressedOffset(_ row: FileErrorCase) throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  try directory.write("labels.gz", row.corrupt(IDXBytes.gzippedLabels123))
  let path = "\(directory.path)/labels.gz"
  let error = #expect(throws: DatasetError.self) { try IDXFile.readLabels(path: path) }
  #expect(error?.description == "\(directory.path)/" + row.message)
}

@Test func unreadableFilesNameTheSystemReason() throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  let missing = "\(directory.path)/nothing-here"
  #expect(throws: DatasetError(file: missing, offset: nil, problem: .unreadable(reason: "No such file or directory"))) {
    try IDXFile.readImages(path: missing)
  }
  #expect(throws: DatasetError(file: directory.path, offset: nil, problem: .unreadable(reason: "not a regular file"))) {
    try IDXFile.readImages(path: directory.path)
  }
  #expect(
    DatasetError(file: missing, offset: nil, problem: .unreadable(reason: "No such file or directory")).description
      == "\(missing): cannot be read (No such file or directory)")
}
