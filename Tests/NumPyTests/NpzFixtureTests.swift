import NumPy
import Testing

/// One .npz fixture written by numpy (or by Python's zipfile the way numpy uses it).
struct NpzFixture: Sendable, CustomTestStringConvertible {
  var file: String
  var note: String
  var testDescription: String { "\(file) (\(note))" }
}

struct NpzFixtureTests {
  /// Archives holding `make_fixtures.py`'s `archive_members()`.
  static let standard: [NpzFixture] = [
    NpzFixture(file: "savez.npz", note: "np.savez: stored, ZIP64 local extras"),
    NpzFixture(file: "zip64.npz", note: "ZIP64 central extras and end records"),
    NpzFixture(file: "streamed.npz", note: "stored with data descriptors"),
    NpzFixture(file: "streamed_compressed.npz", note: "deflated with data descriptors"),
    NpzFixture(file: "savez_compressed.npz", note: "np.savez_compressed"),
  ]

  @Test(arguments: standard)
  func loadsArchiveMembers(_ fixture: NpzFixture) throws {
    let archive = try NpzArchive.read(path: Fixtures.path(fixture.file))
    let expectedNames = ["w1", "d+", "oT-", "g00", "e", "wf"]
    #expect(Array(archive.names.prefix(6)) == expectedNames)

    let w1 = try #require(archive["w1"])
    #expect(w1.dtype.descr == "<f8")
    #expect(w1.shape == [2, 3])
    #expect(w1.doubles() == [-1.25, -0.75, -0.25, 0.25, 0.75, 1.25])

    let d = try #require(archive["d+"])
    #expect(d.dtype.descr == "<i4")
    #expect(d.shape == [3])
    #expect(try d.integers(name: "d+") == [1, -2, 3])

    let o = try #require(archive["oT-"])
    #expect(o.dtype.descr == "|b1")
    #expect(o.shape == [2, 2])
    #expect(o.doubles() == [1, 0, 0, 1])

    let g = try #require(archive["g00"])
    #expect(g.shape == [])
    #expect(g.doubles() == [0.25])

    let e = try #require(archive["e"])
    #expect(e.dtype.descr == "|u1")
    #expect(e.shape == [0])
    #expect(e.data.isEmpty)

    let wf = try #require(archive["wf"])
    #expect(wf.dtype.descr == "<i2")
    #expect(wf.isFortranOrder)
    #expect(try wf.integers(name: "wf") == [0, 1, 2, 3, 4, 5])
    #expect(wf.data == [0, 0, 3, 0, 1, 0, 4, 0, 2, 0, 5, 0])
    #expect(archive["w1.npy"] == nil)
  }

  @Test func compressedArchiveAlsoHoldsALargerMember() throws {
    let archive = try NpzArchive.read(path: Fixtures.path("savez_compressed.npz"))
    let zeros = try #require(archive["zeros"])
    #expect(zeros.shape == [1000])
    #expect(zeros.doubles() == [Double](repeating: 0, count: 1000))
    // Deflate must have shrunk it, or this fixture tests nothing about inflating.
    #expect(try Fixtures.bytes("savez_compressed.npz").count < 8000)
  }

  @Test func allFormsCarryTheSameArrays() throws {
    let reference = try NpzArchive.read(path: Fixtures.path("savez.npz"))
    for fixture in Self.standard.dropFirst() {
      let archive = try NpzArchive.read(path: Fixtures.path(fixture.file))
      #expect(
        NpzArchive(members: Array(archive.members.prefix(6))) == reference,
        "\(fixture.file) differs from savez.npz")
    }
  }

  @Test func emptyArchive() throws {
    let archive = try NpzArchive.parse(Fixtures.bytes("empty.npz"), file: "empty.npz")
    #expect(archive.members.isEmpty)
  }

  @Test func unicodeNames() throws {
    let archive = try NpzArchive.read(path: Fixtures.path("unicode.npz"))
    #expect(archive.names == ["wé", "μ"])
    #expect(archive["μ"]?.doubles() == [2.0])
  }

  @Test func lzmaIsRefused() throws {
    let bytes = try Fixtures.bytes("lzma.npz")
    let error = thrownError { () throws(NumPyError) in try NpzArchive.parse(bytes, file: "lzma.npz")
    }
    #expect(
      error?.description
        == "lzma.npz: member 'a.npy': byte 139: expected compression method 0 (stored) or 8 (deflate), found method 14"
    )
  }
}
