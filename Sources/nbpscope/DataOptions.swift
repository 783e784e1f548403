import ArgumentParser
import Foundation
import NBP

/// Where training and test data come from (shared by train, eval, bench train).
struct DataOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Data set: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
  var dataset: DatasetKind = .mnist20

  @Option(
    help: ArgumentHelp(
      "Directory with the IDX files (train-*/train5k-* and t10k-*, raw or .gz). Default: the bundled subset in samples/. Not for the built-in xor and linear-map.",
      valueName: "dir"))
  var data: String?

  /// The directory to read, defaulting to the bundled sample (mnist20 only).
  func directory() throws -> String {
    guard !dataset.isBuiltIn else {
      throw CommandFailure("--data does not apply to \(dataset.rawValue): it is built in and reads no files")
    }
    if let data { return data }
    guard dataset == .mnist20 else {
      throw CommandFailure("--data is required for \(dataset.rawValue) (only mnist20 has a bundled sample)")
    }
    return BundledData.directory
  }

  /// The data set: generated for the built-in kinds, read from `directory()` for the others.
  func load() throws -> Dataset {
    if data == nil, let builtIn = BuiltInData.dataset(dataset) { return builtIn }
    let directory = try directory()
    do {
      return try Dataset.load(dataset, directory: directory)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

extension DatasetKind: ExpressibleByArgument {}
extension Engine: ExpressibleByArgument {}
extension ShuffleMode: ExpressibleByArgument {}

/// Files that ship with nbpscope (the bundled digits, the themes), found next to the working
/// directory or in the package the binary was built from.
enum BundledData {
  static func locate(_ relative: String) -> String {
    let candidates = [
      FileManager.default.currentDirectoryPath + "/" + relative,
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(relative).path,
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
  }

  static var directory: String { locate("samples/mnist20") }
  static var themesDirectory: String { locate("themes") }
}
