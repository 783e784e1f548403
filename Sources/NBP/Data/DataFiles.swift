#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The only file of the data layer that calls the operating system: existence checks and reads.
///
/// POSIX calls rather than Foundation, so a failure reports the system's own reason
/// ("No such file or directory") instead of a wrapper's generic text.
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
    guard stat(path, &info) == 0 else { return nil }
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
    func failure(_ reason: String) -> DatasetError {
      DatasetError(file: path, offset: nil, problem: .unreadable(reason: reason))
    }
    func systemReason(_ code: Int32) -> String { String(cString: strerror(code)) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw failure(systemReason(errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw failure(systemReason(errno)) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw failure("not a regular file") }
    let size = Int(info.st_size)
    guard size <= IDXFile.maximumDecompressedSize else {
      throw failure("\(size) bytes is over the limit of \(IDXFile.maximumDecompressedSize)")
    }
    var readError: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      while initialized < size {
        let n = systemRead(descriptor, base + initialized, size - initialized)
        if n > 0 {
          initialized += n
        } else if n == 0 {
          break  // the file shrank since fstat: keep what is there, the IDX checks will tell
        } else if errno != EINTR {
          readError = errno
          break
        }
      }
    }
    guard readError == 0 else { throw failure(systemReason(readError)) }
    return bytes
  }
}

/// POSIX `read`, named apart from ``DataFiles/read(path:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
  #else
    Darwin.read(descriptor, buffer, count)
  #endif
}
