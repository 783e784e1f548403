import ArgumentParser
import Foundation
import NBP

/// Where training and test data come from (shared by train, eval, bench train).
struct DataOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Data set: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
  var dataset: DatasetKind = .mnist20

  @Option(
    help: ArgumentHelp(
      "Directory with the IDX files (train-*/train5k-* and t10k-*, raw or .gz). Default: the bundled subset (samples/mnist20, compiled into the binary). Not for the built-in xor and linear-map.",
      valueName: "dir"))
  var data: String?

  /// The data set: generated for the built-in kinds, the bundled digits compiled into the binary
  /// for mnist20 without `--data`, else read from the `--data` directory.
  func load() throws -> Dataset {
    if data == nil, let builtIn = BuiltInData.dataset(dataset) { return builtIn }
    guard !dataset.isBuiltIn else {
      throw CommandFailure("--data does not apply to \(dataset.rawValue): it is built in and reads no files")
    }
    guard data != nil || dataset == .mnist20 else {
      throw CommandFailure("--data is required for \(dataset.rawValue) (only mnist20 has a bundled sample)")
    }
    do {
      if let data { return try Dataset.load(dataset, directory: data) }
      return try Dataset.loadBundledSample()
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

extension DatasetKind: ExpressibleByArgument {}
extension Engine: ExpressibleByArgument {}
extension ShuffleMode: ExpressibleByArgument {}
