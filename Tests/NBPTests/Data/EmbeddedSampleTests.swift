import Foundation
import NBP
import Testing

/// The bundled digits compiled into the binary (`Dataset+Embedded.swift`) are the files in
/// `samples/mnist20`, byte for byte: a sample changed without running `scripts/embed-data.sh`
/// fails here.
struct EmbeddedSampleTests {
  static let directory = "\(DataTestPaths.samples)/mnist20"

  @Test func everySampleFileIsEmbedded() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
      .filter { $0.hasSuffix("-ubyte.gz") }.sorted()
    #expect(Dataset.embeddedSampleFiles.map(\.name) == files, "run scripts/embed-data.sh")
  }

  @Test(arguments: Dataset.embeddedSampleFiles.map(\.name))
  func embeddedBytesEqualTheFile(_ name: String) throws {
    let file = try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name)"))
    let base64 = try #require(Dataset.embeddedSampleFiles.first { $0.name == name }).base64
    let embedded = try #require(Data(base64Encoded: base64, options: .ignoreUnknownCharacters))
    #expect(embedded == file, "samples/mnist20/\(name) differs from its compiled copy: run scripts/embed-data.sh")
  }

  @Test func embeddedSampleLoadsAsTheDirectoryDoes() throws {
    let embedded = try Dataset.loadBundledSample()
    let direct = try Dataset.load(.mnist20, directory: Self.directory)
    #expect(embedded.kind == .mnist20)
    #expect(embedded.train.count == 1000 && embedded.test.count == 200)
    #expect(embedded.train == direct.train && embedded.test == direct.test)
  }

  /// Files in memory go through the file checks and are named `bundled:mnist20/NAME` in errors.
  @Test func filesInMemoryAreCheckedAndNamedInErrors() throws {
    var files = try Dataset.embeddedSampleFiles.map { entry in
      (name: entry.name, bytes: [UInt8](try #require(Data(base64Encoded: entry.base64, options: .ignoreUnknownCharacters))))
    }
    let index = try #require(files.firstIndex { $0.name == "train-labels-idx1-ubyte.gz" })
    files[index].bytes.removeLast(9)  // cut into the deflate stream and the trailer
    let error = #expect(throws: DatasetError.self) {
      try Dataset.load(.mnist20, files: files, directory: Dataset.bundledSampleDirectory)
    }
    #expect(error?.description.hasPrefix("bundled:mnist20/train-labels-idx1-ubyte.gz: ") == true, "\(String(describing: error))")
    let missing = #expect(throws: DatasetError.self) {
      try Dataset.load(.mnist20, files: files.filter { !$0.name.hasPrefix("t10k-labels") }, directory: "bundled:mnist20")
    }
    #expect(missing?.description.hasPrefix("bundled:mnist20: ") == true, "\(String(describing: missing))")
  }
}
