import Files

/// Reads a whole input file (regular files only, size checked), failing with one line that names it.
func readInput(_ path: String) throws -> [UInt8] {
  do {
    return try Files.contents(of: path)
  } catch {
    throw CommandFailure(error.description)
  }
}
