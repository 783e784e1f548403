import Foundation
import NumPy
import Testing

struct AtomicWriteTests {
  static let archive = NpzArchive(members: [
    ("w", NpyArray(shape: [2, 2], doubles: [1, 2, 3, 4])),
    ("n", NpyArray(shape: [1], int64s: [5])),
  ])

  @Test func writesAndReadsBack() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/a.npz"
    try Self.archive.write(to: path)
    #expect(try NpzArchive.read(path: path) == Self.archive)
    #expect(try directory.contents() == ["a.npz"])
  }

  @Test func missingDirectoryThrowsAndLeavesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/missing/a.npz"
    let error = thrownError { () throws(NumPyError) in try Self.archive.write(to: path) }
    #expect(
      error?.description
        == "\(path): expected a writable directory '\(directory.path)/missing', found error 2 (No such file or directory)"
    )
    #expect(try directory.contents() == [])
  }

  @Test func overwriteReplacesTheWholeFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/a.npz"
    // A longer old file: any leftover tail would show up as trailing bytes.
    try Data(repeating: 0x55, count: 10_000).write(to: URL(fileURLWithPath: path))
    try Self.archive.write(to: path)
    #expect(try Fixtures.bytesAt(path) == Self.archive.serialized())
    #expect(try directory.contents() == ["a.npz"])
  }

  @Test func failedRenameLeavesTheTargetAndNoTemporaryFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // A directory is not replaced by a file: the write is refused before anything is written.
    let path = directory.path + "/a.npz"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    _ = FileManager.default.createFile(atPath: path + "/keep", contents: Data([1, 2, 3]))
    let error = thrownError { () throws(NumPyError) in try Self.archive.write(to: path) }
    #expect(error?.expected == "a regular file, a character device or a FIFO to write")
    #expect(error?.found == "a directory")
    #expect(try directory.contents() == ["a.npz"])
    #expect(FileManager.default.contents(atPath: path + "/keep") == Data([1, 2, 3]))
  }

  @Test func duplicateNamesAreRefusedBeforeWriting() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/a.npz"
    let twice = NpzArchive(members: Self.archive.members + [Self.archive.members[0]])
    let error = thrownError { () throws(NumPyError) in try twice.write(to: path) }
    #expect(
      error?.description
        == "\(path): member 'w.npy': expected unique member names, found a second 'w.npy'")
    #expect(try directory.contents() == [])
  }

  @Test func overlongNameIsRefusedBeforeWriting() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let name = String(repeating: "n", count: 70_000)
    let archive = NpzArchive(members: [(name, NpyArray(shape: [], doubles: [1]))])
    let error = thrownError { () throws(NumPyError) in
      try archive.write(to: directory.path + "/a.npz")
    }
    #expect(error?.expected == "a member name of at most 65531 UTF-8 bytes")
    #expect(try directory.contents() == [])
  }

  @Test func keepsTheModeOfAReplacedFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/a.npz"
    _ = FileManager.default.createFile(
      atPath: path, contents: Data([0]), attributes: [.posixPermissions: 0o600])
    try Self.archive.write(to: path)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }
}
