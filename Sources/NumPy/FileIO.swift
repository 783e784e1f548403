#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe replacement of files, over POSIX calls.
enum FileIO {
  /// The bytes of the file at `path`.
  static func contents(atPath path: String) throws(NumPyError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "a readable file") }
    defer { _ = close(descriptor) }
    // A device such as /dev/zero would never end; only regular files have a size to trust.
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw failure(path, "a readable file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw NumPyError(
        file: path, position: .wholeFile, expected: "a regular file", found: "another kind of file")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(Int(info.st_size), 1 << 30))
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw failure(path, "a readable file")
      }
      if got == 0 { return bytes }
      bytes += chunk[0..<got]
    }
  }

  /// Replaces `path` with `bytes` so that readers see either the old file or the whole new one.
  ///
  /// Writes a temporary file in the same directory (rename is only atomic within a file system),
  /// fsyncs it, then renames it over `path`. On any failure the temporary file is removed and an
  /// existing `path` is untouched.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(NumPyError) {
    let (directory, base) = split(path)
    let temporary =
      "\(directory)/.\(base).tmp-\(getpid())-\(hex(UInt64.random(in: 0...UInt64.max), digits: 16))"
    // Keep the permissions of a file being replaced; a new file gets 0644 less the umask.
    var mode: mode_t = 0o644
    var existing = stat()
    if stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG {
      mode = existing.st_mode & 0o7777
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw failure(path, "a writable directory '\(directory)'") }
    var isOpen = true
    do throws(NumPyError) {
      try writeAll(bytes, to: descriptor, path: path)
      if fchmod(descriptor, mode) != 0 { throw failure(path, "permission to set the file mode") }
      if fsync(descriptor) != 0 { throw failure(path, "fsync to succeed") }
      isOpen = false
      if close(descriptor) != 0 { throw failure(path, "close to succeed") }
      if rename(temporary, path) != 0 { throw failure(path, "rename over the file to succeed") }
    } catch {
      if isOpen { _ = close(descriptor) }
      _ = unlink(temporary)
      throw error
    }
    // Make the rename itself durable; a failure here cannot undo it, so it is not reported.
    let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      _ = close(directoryDescriptor)
    }
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String)
    throws(NumPyError)
  {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress! + written, min(buffer.count - written, 1 << 30))
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw failure(path, "all \(bytes.count) bytes written")
      }
      written += result
    }
  }

  /// The directory (for the temporary file and its fsync) and the last path component.
  private static func split(_ path: String) -> (directory: String, base: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  private static func failure(_ path: String, _ expected: String) -> NumPyError {
    let code = errno
    return NumPyError(
      file: path, position: .wholeFile, expected: expected,
      found: "error \(code) (\(String(cString: strerror(code))))")
  }
}
