import Files

/// The NumPy readers' and writers' view of the one file layer: its errors as ``NumPyError``s.
enum FileIO {
  /// The bytes of the regular file at `path`.
  static func contents(atPath path: String) throws(NumPyError) -> [UInt8] {
    do {
      return try Files.contents(of: path)
    } catch {
      throw NumPyError(file: path, position: .wholeFile, expected: error.expected, found: error.found)
    }
  }

  /// Replaces `path` with `bytes` so that readers see either the old file or the whole new one
  /// (a device or FIFO is written through, a symlink's target replaced).
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(NumPyError) {
    do {
      let output = try AtomicOutput(path: path)
      try output.write(bytes)
      try output.commit()
    } catch {
      throw NumPyError(file: path, position: .wholeFile, expected: error.expected, found: error.found)
    }
  }
}
