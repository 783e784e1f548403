/// Why a data set file or directory could not be loaded: the file, the byte offset and the problem.
///
/// The error stores facts; `description` is the single place that words them, as one line:
/// `<file>: byte <offset>: <what was expected>, found <what was found>`. For example:
///
/// ```
/// t10k-labels-idx1-ubyte.gz: byte 0: expected magic 2049 (labels), found 2051 (images)
/// train-images-idx3-ubyte: byte 16: expected 47040000 pixel bytes (60000 × 28 × 28), found 1000
/// t10k-images-idx3-ubyte.gz: compressed byte 11: gzip data is corrupt (invalid block type)
/// data/mnist: no test images file: tried t10k-images-idx3-ubyte, t10k-images-idx3-ubyte.gz
/// ```
///
/// Offsets count bytes of the IDX data after decompression, except for ``Problem/gzip(reason:)``,
/// whose offset is in the compressed file as stored on disk.
package struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, with the values needed to explain it.
  package enum Problem: Equatable, Sendable {
    /// The file is shorter than the IDX header of its type (`headerSize` bytes).
    case truncatedHeader(content: IDXContent, headerSize: Int, found: Int)
    /// The first four bytes are not the magic number of the expected IDX type.
    case badMagic(expected: IDXContent, found: UInt32)
    /// A header dimension (`"rows"` or `"columns"`) is zero or larger than ``IDXFile/maximumSide``.
    case badDimension(name: String, found: Int)
    /// The data after an image header is not exactly `count × rows × columns` bytes long.
    case pixelByteCount(count: Int, rows: Int, columns: Int, found: Int)
    /// The data after a label header is not exactly `count` bytes long.
    case labelByteCount(count: Int, found: Int)
    /// A label byte is not a class index 0...9.
    case labelOutOfRange(found: UInt8)
    /// The labels file holds a different number of items than its images file.
    case countMismatch(imagesFile: String, images: Int, labels: Int)
    /// The images file holds no image.
    case noImages
    /// The image size is neither 28 × 28 nor a size the data set kind can take as it is.
    case geometry(kind: DatasetKind, rows: Int, columns: Int)
    /// zlib rejected the gzip stream; the offset is in the compressed file.
    case gzip(reason: String)
    /// The path cannot be read as needed: missing, not a regular file (or not a directory), or an
    /// I/O error; the reason is the system's.
    case unreadable(reason: String)
    /// The data set directory does not exist.
    case missingDirectory
    /// None of the accepted names of one of the four files exists in the directory.
    case missingFile(role: String, tried: [String])
    /// The kind is generated in code (``BuiltInData``) and reads no files.
    case builtIn(kind: DatasetKind)
  }

  /// The file (or, for a missing file, the directory) the problem is about, as the caller named it.
  package let file: String
  /// The byte offset of the problem, or nil when the problem is not at a byte (e.g. a missing file).
  package let offset: Int?
  /// What went wrong.
  package let problem: Problem

  /// Creates an error about `file` at `offset`.
  package init(file: String, offset: Int?, problem: Problem) {
    self.file = file
    self.offset = offset
    self.problem = problem
  }

  /// The one-line message: file, offset, then expected versus found.
  package var description: String {
    let place: String
    switch (problem, offset) {
    case (.gzip, let offset?): place = "\(file): compressed byte \(offset): "
    case (_, let offset?): place = "\(file): byte \(offset): "
    case (_, nil): place = "\(file): "
    }
    return place + Self.explain(problem)
  }

  private static func explain(_ problem: Problem) -> String {
    switch problem {
    case .truncatedHeader(let content, let headerSize, let found):
      return "expected an IDX \(content.rawValue) header of \(headerSize) bytes, found \(found)"
    case .badMagic(let expected, let found):
      let known = IDXContent(magic: found).map { " (\($0.rawValue))" } ?? ""
      return "expected magic \(expected.magic) (\(expected.rawValue)), found \(found)\(known)"
    case .badDimension(let name, let found):
      return "expected \(name) from 1 to \(IDXFile.maximumSide), found \(found)"
    case .pixelByteCount(let count, let rows, let columns, let found):
      return "expected \(count * rows * columns) pixel bytes (\(count) × \(rows) × \(columns)), found \(found)"
    case .labelByteCount(let count, let found):
      return "expected \(count) label bytes, found \(found)"
    case .labelOutOfRange(let found):
      return "expected a label from 0 to 9, found \(found)"
    case .countMismatch(let imagesFile, let images, let labels):
      return "expected \(images) labels (one per image in \(imagesFile)), found \(labels)"
    case .noImages:
      return "expected at least 1 image, found 0"
    case .geometry(let kind, let rows, let columns):
      let accepted = kind.acceptedSides.map { "\($0) × \($0)" }.joined(separator: " or ")
      return "expected \(accepted) images for \(kind.rawValue), found \(rows) × \(columns)"
    case .gzip(let reason):
      return "gzip data is corrupt (\(reason))"
    case .unreadable(let reason):
      return "cannot be read (\(reason))"
    case .missingDirectory:
      return "no such directory"
    case .missingFile(let role, let tried):
      return "no \(role) file: tried \(tried.joined(separator: ", "))"
    case .builtIn(let kind):
      return "\(kind.rawValue) is built in and reads no files"
    }
  }
}
