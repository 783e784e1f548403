import Foundation
import NBP
import Testing

private func classCounts(_ samples: [Sample]) -> [Int] {
  var counts = [Int](repeating: 0, count: 10)
  for sample in samples { counts[Int(sample.label)] += 1 }
  return counts
}

private func onPixels(_ samples: some Collection<Sample>) -> Int {
  samples.reduce(0) { total, sample in total + sample.pixels.reduce(0) { $0 + Int($1) } }
}

/// The official test set's class counts (digits 0 to 9).
private let t10kClassCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]

// MARK: - The shared MNIST files

@Test func subsetHasTheDocumentedLabelCounts() throws {
  _ = try DataTestPaths.require(DataTestPaths.mnistSubset, "MNIST (../shared/data/mnist)")
  let data = try LoadedData.subset20.get()
  #expect(data.train.count == 5000)
  #expect(classCounts(data.train) == [Int](repeating: 500, count: 10))
  #expect(data.test.count == 10000)
  #expect(classCounts(data.test) == t10kClassCounts)
  #expect(data.train.allSatisfy { $0.pixels.count == 400 && $0.pixels.allSatisfy { $0 <= 1 } })
}

struct ReferenceCounts: CustomTestStringConvertible, Sendable {
  let kind: DatasetKind
  let train: Int
  let test: Int
  let firstHundredTest: Int
  var testDescription: String { kind.rawValue }

  /// On-pixels counted from the authors' pipeline run with scikit-image 0.26.0 / numpy 2.4.6:
  /// crop, `resize(anti_aliasing=False, mode='constant')`, `/255.`, `0.5 < np.round(x*256, 2)`,
  /// over train5k and t10k.
  static let all: [ReferenceCounts] = [
    .init(kind: .mnist20, train: 498_418, test: 1_005_880, firstHundredTest: 9065),
    .init(kind: .mnist10, train: 122_786, test: 247_865, firstHundredTest: 2254),
    .init(kind: .mnist28, train: 514_928, test: 1_039_093, firstHundredTest: 9394),
  ]

  var loaded: Result<Dataset, DatasetError> {
    switch kind {
    case .mnist20: LoadedData.subset20
    case .mnist10: LoadedData.subset10
    default: LoadedData.subset28
    }
  }
}

@Test(arguments: ReferenceCounts.all)
func onPixelsMatchTheAuthorsPipeline(_ row: ReferenceCounts) throws {
  _ = try DataTestPaths.require(DataTestPaths.mnistSubset, "MNIST (../shared/data/mnist)")
  let data = try row.loaded.get()
  #expect(data.kind == row.kind)
  #expect(data.train.allSatisfy { $0.pixels.count == row.kind.inputSize })
  #expect(onPixels(data.train) == row.train)
  #expect(onPixels(data.test) == row.test)
  #expect(onPixels(data.test.prefix(100)) == row.firstHundredTest)
}

/// Dataset.load gives, image by image, what Preprocessing.sample gives on the raw IDX images.
@Test(arguments: [DatasetKind.mnist20, .mnist10])
func loadedSamplesEqualPerImagePreprocessing(_ kind: DatasetKind) throws {
  let directory = try DataTestPaths.require(DataTestPaths.mnistSubset, "MNIST (../shared/data/mnist)")
  let images = try IDXFile.readImages(path: "\(directory)/t10k-images-idx3-ubyte.gz")
  let labels = try IDXFile.readLabels(path: "\(directory)/t10k-labels-idx1-ubyte.gz").labels
  let data = try (kind == .mnist20 ? LoadedData.subset20 : LoadedData.subset10).get()
  for index in stride(from: 0, to: images.count, by: 7) {
    let expected = Preprocessing.sample(kind: kind, image: images.image(index), rows: 28, columns: 28)
    #expect(data.test[index] == Sample(pixels: expected, label: labels[index]), "test image \(index)")
  }
}

/// mnist10's rule on real digits: a 10 × 10 pixel is on iff its 2 × 2 block of the crop sums to 514+.
@Test func mnist10IsTheBlockSumRule() throws {
  let directory = try DataTestPaths.require(DataTestPaths.mnistSubset, "MNIST (../shared/data/mnist)")
  let images = try IDXFile.readImages(path: "\(directory)/t10k-images-idx3-ubyte.gz")
  let data = try LoadedData.subset10.get()
  for index in 0..<images.count {
    let image = Array(images.image(index))
    var expected = [UInt8](repeating: 0, count: 100)
    for row in 0..<10 {
      for column in 0..<10 {
        let top = (4 + 2 * row) * 28 + 4 + 2 * column
        let sum = Int(image[top]) + Int(image[top + 1]) + Int(image[top + 28]) + Int(image[top + 29])
        expected[row * 10 + column] = sum >= 514 ? 1 : 0
      }
    }
    #expect(data.test[index].pixels == expected, "test image \(index)")
  }
}

@Test func fullMNISTTrainingSet() throws {
  _ = try DataTestPaths.require(DataTestPaths.mnistFull, "MNIST (../shared/datasets/mnist)")
  let data = try LoadedData.full10.get()
  #expect(classCounts(data.train) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
  #expect(classCounts(data.test) == t10kClassCounts)
  #expect(onPixels(data.train) == 1_465_353)  // the authors' pipeline over all 60,000 (scikit-image)
}

@Test func fashionMNIST() throws {
  _ = try DataTestPaths.require(DataTestPaths.fashion, "Fashion-MNIST")
  let data = try LoadedData.fashion.get()
  #expect(data.kind.inputSize == 784)
  #expect(classCounts(data.train) == [Int](repeating: 6000, count: 10))
  #expect(classCounts(data.test) == [Int](repeating: 1000, count: 10))
  #expect(data.train.allSatisfy { $0.pixels.count == 784 })
  #expect(onPixels(data.train) == 14_721_502)  // the authors' pipeline (scikit-image)
  #expect(onPixels(data.test) == 2_458_407)
}

// MARK: - The bundled sample

/// samples/mnist20 holds exactly the documented selection, binarized as mnist20 would.
@Test func bundledSampleEqualsTheSelectionFromTheSourceFiles() throws {
  _ = try DataTestPaths.require(DataTestPaths.mnistSubset, "MNIST (../shared/data/mnist)")
  let source = try LoadedData.subset20.get()
  let bundled = try Dataset.loadBundledSample()
  #expect(bundled.kind == .mnist20)
  // The first 100 of each class, kept in file order.
  var expectedTrain: [Sample] = []
  var taken = [Int](repeating: 0, count: 10)
  for sample in source.train where taken[Int(sample.label)] < 100 {
    taken[Int(sample.label)] += 1
    expectedTrain.append(sample)
  }
  #expect(bundled.train.count == 1000)
  #expect(bundled.train == expectedTrain)
  #expect(bundled.test.count == 200)
  #expect(bundled.test == Array(source.test.prefix(200)))
  let direct = try Dataset.load(.mnist20, directory: "\(DataTestPaths.samples)/mnist20")
  #expect(direct.train == bundled.train && direct.test == bundled.test)
}

@Test func bundledSampleFilesAreSmallPrecroppedIDX() throws {
  let directory = "\(DataTestPaths.samples)/mnist20"
  for (prefix, count) in [("train", 1000), ("t10k", 200)] {
    let images = try IDXFile.readImages(path: "\(directory)/\(prefix)-images-idx3-ubyte.gz")
    #expect(images.count == count && images.rows == 20 && images.columns == 20)
    #expect(images.pixels.allSatisfy { $0 == 0 || $0 == 255 })
    #expect(try IDXFile.readLabels(path: "\(directory)/\(prefix)-labels-idx1-ubyte.gz").labels.count == count)
  }
}

// MARK: - File names

@Test func fullTrainingFilesWinOverTheSubsetPrefix() throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  let on = [UInt8](repeating: 255, count: 784)
  let off = [UInt8](repeating: 0, count: 784)
  try directory.write("train-images-idx3-ubyte", IDXBytes.images(count: 1, rows: 28, columns: 28, pixels: on))
  try directory.write("train-labels-idx1-ubyte.gz", IDXBytes.labels([7]))  // raw under a .gz name
  try directory.write("train5k-images-idx3-ubyte", IDXBytes.images(count: 1, rows: 28, columns: 28, pixels: off))
  try directory.write("train5k-labels-idx1-ubyte", IDXBytes.labels([3]))
  try directory.write(
    "t10k-images-idx3-ubyte", IDXBytes.images(count: 3, rows: 28, columns: 28, pixels: off + off + off))
  try directory.write("t10k-labels-idx1-ubyte.gz", IDXBytes.gzippedLabels123)
  let data = try Dataset.load(.mnist20, directory: directory.path + "/")
  #expect(data.train == [Sample(pixels: [UInt8](repeating: 1, count: 400), label: 7)])
  #expect(data.test.map(\.label) == [1, 2, 3])
  #expect(data.test.allSatisfy { $0.pixels == [UInt8](repeating: 0, count: 400) })
}

/// A data file that is a symbolic link loop is reported as that, not as missing.
@Test func aSymlinkLoopIsReportedAsUnreadable() throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  for (name, bytes) in LoadErrorCase.complete where name != "train-images-idx3-ubyte" { try directory.write(name, bytes) }
  let (a, b) = (directory.path + "/loop-a", directory.path + "/loop-b")
  #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
  #expect(symlink(a, directory.path + "/train-images-idx3-ubyte") == 0)
  do {
    _ = try Dataset.load(.mnist28, directory: directory.path)
    Issue.record("loaded through a symlink loop")
  } catch {
    #expect("\(error)".hasPrefix(directory.path + "/train-images-idx3-ubyte: "), "\(error)")
    #expect(!"\(error)".contains("no training images file"), "\(error)")
  }
}

// MARK: - Load errors

struct LoadErrorCase: CustomTestStringConvertible, Sendable {
  let name: String
  let kind: DatasetKind
  /// The files written into an empty directory.
  let files: [String: [UInt8]]
  /// The message, with `{dir}` standing for the directory.
  let message: String
  var testDescription: String { name }

  static let images28 = IDXBytes.images(count: 2, rows: 28, columns: 28, pixels: [UInt8](repeating: 0, count: 1568))
  static let labels2 = IDXBytes.labels([1, 2])
  static let complete: [String: [UInt8]] = [
    "train-images-idx3-ubyte": images28, "train-labels-idx1-ubyte": labels2,
    "t10k-images-idx3-ubyte": images28, "t10k-labels-idx1-ubyte": labels2,
  ]

  static func replacing(_ name: String, with bytes: [UInt8]) -> [String: [UInt8]] {
    var files = complete
    files[name] = bytes
    return files
  }

  static let all: [LoadErrorCase] = [
    .init(
      name: "no files", kind: .mnist20, files: [:],
      message: "{dir}: no training images file: tried train-images-idx3-ubyte, train-images-idx3-ubyte.gz, "
        + "train5k-images-idx3-ubyte, train5k-images-idx3-ubyte.gz"),
    .init(
      name: "labels with the other prefix", kind: .mnist20,
      files: ["train5k-images-idx3-ubyte": images28, "train-labels-idx1-ubyte": labels2],
      message: "{dir}: no training labels file: tried train5k-labels-idx1-ubyte, train5k-labels-idx1-ubyte.gz"),
    .init(
      name: "no test set", kind: .mnist20,
      files: ["train-images-idx3-ubyte": images28, "train-labels-idx1-ubyte": labels2],
      message: "{dir}: no test images file: tried t10k-images-idx3-ubyte, t10k-images-idx3-ubyte.gz"),
    .init(
      name: "count mismatch", kind: .mnist20, files: replacing("t10k-labels-idx1-ubyte", with: IDXBytes.labels([1])),
      message:
        "{dir}/t10k-labels-idx1-ubyte: byte 4: expected 2 labels (one per image in t10k-images-idx3-ubyte), found 1"),
    .init(
      name: "32x32 images for mnist20", kind: .mnist20,
      files: replacing(
        "train-images-idx3-ubyte",
        with: IDXBytes.images(count: 2, rows: 32, columns: 32, pixels: [UInt8](repeating: 0, count: 2048))),
      message: "{dir}/train-images-idx3-ubyte: byte 8: expected 28 × 28 or 20 × 20 images for mnist20, found 32 × 32"),
    .init(
      name: "20x20 images for mnist28", kind: .mnist28,
      files: replacing(
        "t10k-images-idx3-ubyte",
        with: IDXBytes.images(count: 2, rows: 20, columns: 20, pixels: [UInt8](repeating: 0, count: 800))),
      message: "{dir}/t10k-images-idx3-ubyte: byte 8: expected 28 × 28 images for mnist28, found 20 × 20"),
    .init(
      name: "non-square images for mnist10", kind: .mnist10,
      files: replacing(
        "train-images-idx3-ubyte",
        with: IDXBytes.images(count: 2, rows: 28, columns: 20, pixels: [UInt8](repeating: 0, count: 1120))),
      message:
        "{dir}/train-images-idx3-ubyte: byte 8: expected 28 × 28 or 20 × 20 or 10 × 10 images for mnist10, found 28 × 20"
    ),
    .init(
      name: "no images", kind: .mnist20,
      files: replacing("train-images-idx3-ubyte", with: IDXBytes.images(count: 0, rows: 28, columns: 28, pixels: [])),
      message: "{dir}/train-images-idx3-ubyte: byte 4: expected at least 1 image, found 0"),
    .init(
      name: "label above 9", kind: .fmnist28,
      files: replacing("train-labels-idx1-ubyte", with: IDXBytes.labels([1, 10])),
      message: "{dir}/train-labels-idx1-ubyte: byte 9: expected a label from 0 to 9, found 10"),
    .init(
      name: "corrupt gzip", kind: .mnist20,
      files: replacing("t10k-images-idx3-ubyte", with: [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]),
      message: "{dir}/t10k-images-idx3-ubyte: compressed byte 11: gzip data is corrupt (invalid block type)"),
  ]
}

@Test(arguments: LoadErrorCase.all)
func loadErrorsNameTheFileAndTheProblem(_ row: LoadErrorCase) throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  for (name, bytes) in row.files {
    try directory.write(name, bytes)
  }
  let error = #expect(throws: DatasetError.self) { try Dataset.load(row.kind, directory: directory.path) }
  #expect(error?.description == row.message.replacingOccurrences(of: "{dir}", with: directory.path))
}

@Test func missingDirectoryIsNamed() {
  let path = "/nonexistent/nbp-data"
  #expect(throws: DatasetError(file: path, offset: nil, problem: .missingDirectory)) {
    try Dataset.load(.mnist20, directory: path)
  }
  #expect(
    DatasetError(file: path, offset: nil, problem: .missingDirectory).description
      == "/nonexistent/nbp-data: no such directory")
}

@Test func aFileInPlaceOfTheDirectoryIsNamed() throws {
  let directory = try TemporaryDataDirectory()
  defer { directory.cleanUp() }
  try directory.write("mnist", [])
  let error = #expect(throws: DatasetError.self) { try Dataset.load(.mnist20, directory: "\(directory.path)/mnist") }
  #expect(error?.description == "\(directory.path)/mnist: cannot be read (not a directory)")
}
