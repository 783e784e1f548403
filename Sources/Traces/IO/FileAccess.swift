import Files
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open file descriptor: positioned reads, appending writes, truncation, fsync. The only type
/// in this module that calls the C library for file I/O.
final class OpenFile: @unchecked Sendable {
  let path: String
  private(set) var descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close() }

  /// Opens an existing regular file (devices, pipes and directories are refused: a read from
  /// them could block or never end).
  static func open(path: String, writable: Bool = false) throws(TraceError) -> OpenFile {
    let descriptor = Glibc_open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, writable ? "a readable and writable file" : "a readable file") }
    let file = OpenFile(path: path, descriptor: descriptor)
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw failure(path, "a readable file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw TraceError(file: path, position: .wholeFile, expected: "a regular file", found: "another kind of file")
    }
    return file
  }

  /// Creates (or truncates) `path` for writing.
  static func create(path: String, exclusive: Bool = false) throws(TraceError) -> OpenFile {
    let flags = O_RDWR | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
    let descriptor = Glibc_open(path, flags, 0o644)
    guard descriptor >= 0 else { throw failure(path, "a writable file (is the directory writable?)") }
    return OpenFile(path: path, descriptor: descriptor)
  }

  func size() throws(TraceError) -> Int64 {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Self.failure(path, "a readable file") }
    return Int64(info.st_size)
  }

  /// Up to `count` bytes at `offset`; fewer only at the end of the file.
  func read(at offset: Int64, count: Int) throws(TraceError) -> [UInt8] {
    guard count > 0 else { return [] }
    var result = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let got = result.withUnsafeMutableBytes { buffer in
        pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw Self.failure(path, "a readable file")
      }
      if got == 0 { break }
      done += got
    }
    if done < count { result.removeSubrange(done...) }
    return result
  }

  /// Writes all of `bytes` at the current position.
  func write(_ bytes: [UInt8]) throws(TraceError) {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        Glibc_write(descriptor, buffer.baseAddress! + written, min(buffer.count - written, 1 << 30))
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw Self.failure(path, "all \(bytes.count) bytes written")
      }
      written += result
    }
  }

  /// Moves the write position to `offset` (the end, after a truncation).
  func seek(to offset: Int64) throws(TraceError) {
    guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else { throw Self.failure(path, "a seekable file") }
  }

  func truncate(to size: Int64) throws(TraceError) {
    guard ftruncate(descriptor, off_t(size)) == 0 else { throw Self.failure(path, "truncation to \(size) bytes") }
  }

  func sync() throws(TraceError) {
    guard fsync(descriptor) == 0 else { throw Self.failure(path, "fsync to succeed") }
  }

  func close() {
    if descriptor >= 0 {
      _ = Glibc_close(descriptor)
      descriptor = -1
    }
  }

  static func failure(_ path: String, _ expected: String) -> TraceError {
    let code = errno
    return TraceError(
      file: path, position: .wholeFile, expected: expected,
      found: "error \(code) (\(String(cString: strerror(code))))")
  }
}

/// File-system operations on paths, through the one file layer (its errors as ``TraceError``s).
enum FileSystem {
  static func temporarySibling(of path: String) -> String { Files.temporarySibling(of: path) }

  /// Renames `from` over `to` and makes the rename durable.
  static func rename(_ from: String, over to: String) throws(TraceError) {
    do {
      try Files.renameDurably(from, over: to)
    } catch {
      throw TraceError(file: to, position: .wholeFile, expected: error.expected, found: error.found)
    }
  }

  static func remove(_ path: String) { _ = unlink(path) }
}

// The C calls whose names clash with methods above.
private func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { open(path, flags, mode) }
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }

/// Where a reader's bytes come from: an open file or an image in memory (for tests and fuzzing).
enum ByteSource: Sendable {
  case file(OpenFile)
  case memory([UInt8])

  func size() throws(TraceError) -> Int64 {
    switch self {
    case .file(let file): try file.size()
    case .memory(let bytes): Int64(bytes.count)
    }
  }

  /// Up to `count` bytes at `offset`; fewer only at the end.
  func read(at offset: Int64, count: Int) throws(TraceError) -> [UInt8] {
    switch self {
    case .file(let file): return try file.read(at: offset, count: count)
    case .memory(let bytes):
      guard offset >= 0, offset < Int64(bytes.count), count > 0 else { return [] }
      let start = Int(offset)
      return Array(bytes[start..<min(bytes.count, start + count)])
    }
  }
}
