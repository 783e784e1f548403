#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file operation that failed, as one line: `PATH: expected X, found Y`.
package struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  package let path: String
  package let expected: String
  package let found: String
  /// What the system said (`strerror`: "No space left on device") when a system call failed.
  package let systemReason: String?

  package init(path: String, expected: String, found: String, systemReason: String? = nil) {
    self.path = path
    self.expected = expected
    self.found = found
    self.systemReason = systemReason
  }

  /// The failure of the last system call: `found` is `errno` and its text ("No space left on device").
  package static func system(_ path: String, expected: String) -> FileError {
    let code = errno
    let reason = String(cString: strerror(code))
    return FileError(path: path, expected: expected, found: "error \(code) (\(reason))", systemReason: reason)
  }

  package var description: String { "\(path): expected \(expected), found \(found)" }
}

/// The one file layer of the project: whole-file reads that only trust regular files, and outputs
/// that appear only when complete.
package enum Files {
  /// Reads at most this many bytes unless told otherwise: inputs are networks, weights, traces'
  /// side files and scripts, never gigabytes.
  package static let defaultReadLimit = 1 << 31

  /// The bytes of the regular file at `path`. A FIFO, a device or a directory is refused (a FIFO
  /// would block, /dev/zero never ends), as is a file larger than `limit`.
  package static func contents(of path: String, limit: Int = defaultReadLimit) throws(FileError) -> [UInt8] {
    // O_NONBLOCK: opening a FIFO without a writer must not hang before the type check.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw .system(path, expected: "a readable file") }
    defer { _ = close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .system(path, expected: "a readable file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw FileError(path: path, expected: "a regular file", found: kind(of: info.st_mode))
    }
    guard Int(info.st_size) <= limit else {
      throw FileError(path: path, expected: "at most \(limit) bytes", found: "\(info.st_size) bytes")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(info.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw .system(path, expected: "a readable file")
      }
      if got == 0 { return bytes }
      guard bytes.count + got <= limit else {
        throw FileError(path: path, expected: "at most \(limit) bytes", found: "a file that grew while read")
      }
      bytes += chunk[0..<got]
    }
  }

  /// What is at `path` (following symlinks) when it is something other than a regular file (`a
  /// character device`, `a FIFO`, …); nil for a regular file or nothing at all.
  package static func nonRegularKind(at path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { return nil }
    return kind(of: info.st_mode)
  }

  static func kind(of mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "another kind of file"
    }
  }

  /// The directory (for a temporary sibling and its fsync) and the last path component.
  package static func split(_ path: String) -> (directory: String, base: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  /// A temporary sibling of `path`: same directory (a rename is atomic only within a file
  /// system), hidden, with the process id and a random suffix so concurrent writers never meet.
  package static func temporarySibling(of path: String) -> String {
    let (directory, base) = split(path)
    var random = SystemRandomNumberGenerator()
    return "\(directory)/.\(base).tmp-\(getpid())-\(String(random.next() as UInt64, radix: 36))"
  }

  /// Renames `from` over `to`, then fsyncs the directory so the rename itself survives a crash.
  package static func renameDurably(_ from: String, over to: String) throws(FileError) {
    guard rename(from, to) == 0 else { throw .system(to, expected: "rename over the file to succeed") }
    let directory = open(split(to).directory, O_RDONLY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      _ = close(directory)
    }
  }

  /// What a write to `path` must replace: the file a symlink points to (the link stays a link).
  package static func resolvingLinks(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else {
      return path
    }
    defer { free(real) }
    return String(cString: real)
  }
}

/// Where a command writes its result. A regular file (new or existing, through any symlink)
/// appears only when complete: a temporary sibling, fsynced, renamed over it, the directory
/// fsynced; on failure the temporary file is removed and the old file is untouched. Standard
/// output (`-` or nil), a character device (`/dev/null`) or a FIFO is written straight through
/// and never replaced.
package final class AtomicOutput {
  package let path: String
  private let descriptor: Int32
  private let temporary: String?
  /// The temporary file's registration for removal on a signal.
  private let registration: TemporaryFiles.Slot?
  private let destination: String
  private var finished = false

  /// - Parameter path: a file path, or nil / "-" for standard output.
  package init(path: String?) throws(FileError) {
    guard let path, path != "-" else {
      self.path = "standard output"
      descriptor = STDOUT_FILENO
      temporary = nil
      registration = nil
      destination = "-"
      return
    }
    self.path = path
    let target = Files.resolvingLinks(path)
    destination = target
    var info = stat()
    let exists = stat(target, &info) == 0
    if exists && (info.st_mode & S_IFMT) != S_IFREG {
      guard (info.st_mode & S_IFMT) == S_IFCHR || (info.st_mode & S_IFMT) == S_IFIFO else {
        throw FileError(path: path, expected: "a regular file, a character device or a FIFO to write", found: Files.kind(of: info.st_mode))
      }
      let fd = open(target, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw .system(path, expected: "a writable \(Files.kind(of: info.st_mode))") }
      descriptor = fd
      temporary = nil
      registration = nil
      return
    }
    // Keep the permissions of a file being replaced; a new file gets 0644 less the umask.
    let mode: mode_t = exists ? info.st_mode & 0o7777 : 0o644
    let temporary = Files.temporarySibling(of: target)
    let registration = TemporaryFiles.register(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else {
      TemporaryFiles.finish(registration)
      throw .system(path, expected: "a writable directory '\(Files.split(target).directory)'")
    }
    if exists { _ = fchmod(fd, mode) }
    descriptor = fd
    self.temporary = temporary
    self.registration = registration
  }

  package func write(_ bytes: [UInt8]) throws(FileError) {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + written, min(buffer.count - written, 1 << 30))
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw .system(path, expected: "all \(bytes.count) bytes written")
      }
      written += result
    }
  }

  /// Makes a file output visible under its name (nothing to do for a stream).
  package func commit() throws(FileError) {
    guard !finished else { return }
    finished = true
    defer { TemporaryFiles.finish(registration) }
    guard let temporary else {
      if descriptor != STDOUT_FILENO { _ = close(descriptor) }
      return
    }
    guard fsync(descriptor) == 0 else {
      let error = FileError.system(path, expected: "fsync to succeed")
      _ = close(descriptor)
      unlink(temporary)
      throw error
    }
    guard close(descriptor) == 0 else {
      unlink(temporary)
      throw .system(path, expected: "close to succeed")
    }
    do {
      try Files.renameDurably(temporary, over: destination)
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// Drops an unfinished output: its temporary file goes, the destination stays as it was.
  deinit {
    guard !finished else { return }
    if let temporary {
      _ = close(descriptor)
      unlink(temporary)
      TemporaryFiles.finish(registration)
    } else if descriptor != STDOUT_FILENO {
      _ = close(descriptor)
    }
  }
}
