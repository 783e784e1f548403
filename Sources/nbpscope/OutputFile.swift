import Foundation

/// Where a command writes its result: standard output, or a file that appears only when complete.
///
/// A file output goes to a temporary sibling first and is renamed over the destination by
/// ``commit()``; if the command fails before that, the temporary file is removed and any existing
/// destination is left untouched.
final class OutputFile {
  private let handle: FileHandle
  private let destination: URL?
  private let temporary: URL?
  private var committed = false

  /// - Parameter path: a file path, or nil / "-" for standard output.
  init(path: String?) throws {
    guard let path, path != "-" else {
      handle = FileHandle.standardOutput
      destination = nil
      temporary = nil
      return
    }
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
      throw CommandFailure("\(path): cannot create the output file (is the directory writable?)")
    }
    handle = try FileHandle(forWritingTo: temp)
    destination = url
    temporary = temp
  }

  func write(_ bytes: [UInt8]) throws {
    guard !bytes.isEmpty else { return }
    try handle.write(contentsOf: bytes)
  }

  /// Makes a file output visible under its final name.
  func commit() throws {
    guard let destination, let temporary else { return }
    try handle.synchronize()
    try handle.close()
    if rename(temporary.path, destination.path) != 0 {
      throw CommandFailure("\(destination.path): cannot move the finished output into place")
    }
    committed = true
  }

  deinit {
    if let temporary, !committed {
      try? handle.close()
      unlink(temporary.path)
    }
  }
}

/// Reads a whole input file, failing with one line that names it.
func readInput(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CommandFailure("\(path): cannot read the file")
  }
  return [UInt8](data)
}
