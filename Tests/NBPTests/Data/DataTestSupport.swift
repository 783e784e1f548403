import Foundation
import NBP
import Testing

/// Where the data tests find their files, relative to the package root (from `#filePath`).
enum DataTestPaths {
  /// The package root: this file is `<root>/Tests/NBPTests/Data/DataTestSupport.swift`.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `<root>/../shared/data/mnist`: the official test set plus the 5,000-digit training subset.
  static let mnistSubset = shared("data/mnist")
  /// `<root>/../shared/datasets/mnist`: the full MNIST files.
  static let mnistFull = shared("datasets/mnist")
  /// Fashion-MNIST: Debian's `dataset-fashion-mnist` when installed, else `<root>/../shared/datasets/fashion`.
  static let fashion: String = {
    let debian = "/usr/share/datasets/fashion-mnist"
    return FileManager.default.fileExists(atPath: debian) ? debian : shared("datasets/fashion")
  }()
  /// `<root>/samples`: the project's bundled samples.
  static let samples = packageRoot.appendingPathComponent("samples").standardizedFileURL.path

  private static func shared(_ relative: String) -> String {
    packageRoot.appendingPathComponent("../shared/\(relative)").standardizedFileURL.path
  }

  /// Returns `path` after checking that it is a directory, failing the test with a clear message
  /// otherwise (the shared data exists on every developer machine and CI run).
  static func require(_ path: String, _ what: String) throws -> String {
    var isDirectory: ObjCBool = false
    try #require(
      FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue,
      "\(what) not found at \(path) (expected ../shared next to the package root)")
    return path
  }
}

/// Data sets loaded once and shared by all tests (loading the full sets takes seconds in debug).
enum LoadedData {
  static let subset20 = load(.mnist20, DataTestPaths.mnistSubset)
  static let subset10 = load(.mnist10, DataTestPaths.mnistSubset)
  static let subset28 = load(.mnist28, DataTestPaths.mnistSubset)
  static let full10 = load(.mnist10, DataTestPaths.mnistFull)
  static let fashion = load(.fmnist28, DataTestPaths.fashion)

  private static func load(_ kind: DatasetKind, _ directory: String) -> Result<Dataset, DatasetError> {
    Result { () throws(DatasetError) -> Dataset in try Dataset.load(kind, directory: directory) }
  }
}

/// A fresh empty directory under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryDataDirectory {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("nbp-data-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
  }

  func cleanUp() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// IDX byte builders for tests.
enum IDXBytes {
  static func word(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
  }

  static func images(count: UInt32, rows: UInt32, columns: UInt32, pixels: [UInt8]) -> [UInt8] {
    word(2051) + word(count) + word(rows) + word(columns) + pixels
  }

  static func labels(_ labels: [UInt8]) -> [UInt8] {
    word(2049) + word(UInt32(labels.count)) + labels
  }

  /// `labels([1, 2, 3])` gzip-compressed, as Python's `gzip.compress(data, 6, mtime=0)` writes it:
  /// a fixed 31-byte stream (10-byte header, deflate data, CRC-32 and size), so the tests need no
  /// compressor and the corrupted variants have known offsets.
  static let gzippedLabels123: [UInt8] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x63, 0x60, 0xe0, 0x60, 0x64, 0x60,
    0x60, 0x60, 0x66, 0x64, 0x62, 0x06, 0x00, 0x8b, 0xe5, 0xbd, 0xa4, 0x0b, 0x00, 0x00, 0x00,
  ]
}
