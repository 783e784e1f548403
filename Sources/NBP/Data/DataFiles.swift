import Files
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the data layer meets the file system: existence checks, and reads through the one file
/// layer (`Files`), whose failures report the system's own reason ("No such file or directory").
enum DataFiles {
  /// What a path names, if anything.
  enum Kind {
    case regularFile
    case directory
    case other
  }

  /// What `path` names (following symbolic links), or nil when nothing is there.
  static func kind(of path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      // A name that is there but cannot be followed (a symlink loop, no permission) is reported
      // when it is read, not skipped as if it were missing.
      return errno == ENOENT || errno == ENOTDIR ? nil : .other
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// Reads a whole regular file.
  ///
  /// - Throws: ``DatasetError`` with ``DatasetError/Problem/unreadable(reason:)`` when the file
  ///   cannot be opened or read, is not a regular file, or is larger than
  ///   ``IDXFile/maximumDecompressedSize``.
  static func read(path: String) throws(DatasetError) -> [UInt8] {
    do {
      return try Files.contents(of: path, limit: IDXFile.maximumDecompressedSize)
    } catch {
      throw DatasetError(file: path, offset: nil, problem: .unreadable(reason: Self.reason(error)))
    }
  }
}

extension DataFiles {
  /// The file layer's finding in this reader's words: the system's reason, "not a regular file",
  /// or the size over the limit.
  static func reason(_ error: FileError) -> String {
    if error.expected == "a regular file" { return "not a regular file" }
    if error.expected.hasPrefix("at most ") { return "\(error.found) is over the limit of \(error.expected.dropFirst(8))" }
    return error.systemReason ?? error.found
  }
}
