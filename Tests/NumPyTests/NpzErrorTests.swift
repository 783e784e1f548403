import NumPy
import Testing

struct NpzErrorTests {
  /// Two stored members. Layout: local 'a.npy' at 0 (data 35..<187), local 'b.npy' at 187
  /// (data 222..<358), central entries at 358 and 409, end record at 460, 482 bytes in all.
  static let valid = NpzArchive(members: [
    ("a", NpyArray(shape: [3], doubles: [1, 2, 3])),
    ("b", NpyArray(shape: [2], int32s: [7, 8])),
  ]).serialized()

  /// The same with forced ZIP64: local 'a.npy' at 0 (55-byte header), 'b.npy' at 207, central
  /// entries at 398 (extra at 449) and 477, ZIP64 end record at 556, locator at 612, end at 632.
  static let valid64 = NpzArchive(members: [
    ("a", NpyArray(shape: [3], doubles: [1, 2, 3])),
    ("b", NpyArray(shape: [2], int32s: [7, 8])),
  ]).serialized(forceZip64: true)

  static let crcA = crc32(valid[35..<187])

  /// Member 'a.npy' with format version 9.0, re-sealed with a matching CRC-32.
  static let badMemberHeader: [UInt8] = {
    let bytes = valid.patched(at: 41, [9])
    return bytes.patched32(at: 374, crc32(bytes[35..<187]))
  }()

  static let cases: [BrokenInput] = [
    BrokenInput(
      id: "end record missing", bytes: Array(valid.dropLast(22)),
      error:
        "t.npz: byte 0: expected an end of central directory record ('PK\\x05\\x06') in the last 65557 bytes, found none in 460 bytes"
    ),
    BrokenInput(
      id: "empty file", bytes: [],
      error:
        "t.npz: byte 0: expected an end of central directory record ('PK\\x05\\x06') in the last 65557 bytes, found none in 0 bytes"
    ),
    BrokenInput(
      id: "comment length past the end", bytes: valid.patched16(at: 480, 5),
      error: "t.npz: byte 480: expected a comment length of 0 reaching the end of file, found 5"),
    BrokenInput(
      id: "central directory offset out of range", bytes: valid.patched32(at: 476, 0x7FFF_FFFF),
      error:
        "t.npz: byte 476: expected a central directory ending by byte 460 (the end record), found offset 2147483647 + size 102"
    ),
    BrokenInput(
      id: "central directory size out of range", bytes: valid.patched32(at: 472, 103),
      error:
        "t.npz: byte 476: expected a central directory ending by byte 460 (the end record), found offset 358 + size 103"
    ),
    BrokenInput(
      id: "saturated offset without ZIP64", bytes: valid.patched32(at: 476, 0xFFFF_FFFF),
      error:
        "t.npz: byte 440: expected a ZIP64 end of central directory locator, as the end record's fields are saturated, found '\\x00\\x00\\x00\\x00'..."
    ),
    BrokenInput(
      id: "second disk", bytes: valid.patched16(at: 464, 1),
      error:
        "t.npz: byte 464: expected a single-disk archive, found disk 1, central directory on disk 0"
    ),
    BrokenInput(
      id: "entry counts disagree", bytes: valid.patched16(at: 468, 1),
      error: "t.npz: byte 468: expected as many entries on this disk as in total (2), found 1"),
    BrokenInput(
      id: "more entries than fit", bytes: valid.patched16(at: 468, 3).patched16(at: 470, 3),
      error: "t.npz: byte 470: expected at most 2 entries in a 102-byte central directory, found 3"),
    BrokenInput(
      id: "fewer entries than the directory holds",
      bytes: valid.patched16(at: 468, 1).patched16(at: 470, 1),
      error:
        "t.npz: byte 409: expected no more central directory entries than the 1 declared, found 51 more bytes"
    ),
    BrokenInput(
      id: "bad central signature", bytes: valid.patched(at: 409, [0x51]),
      error:
        "t.npz: byte 409: expected central directory entry 2 of 2 signature 'PK\\x01\\x02', found 'QK\\x01\\x02'"
    ),
    BrokenInput(
      id: "bad local signature", bytes: valid.patched(at: 0, [0x51]),
      error:
        "t.npz: member 'a.npy': byte 0: expected local file header signature 'PK\\x03\\x04', found 'QK\\x03\\x04'"
    ),
    BrokenInput(
      id: "CRC mismatch", bytes: valid.patched32(at: 374, 0xDEAD_BEEF),
      error:
        "t.npz: member 'a.npy': byte 35: expected CRC-32 0xdeadbeef (from the central directory), found 0x\(hex8(crcA))"
    ),
    BrokenInput(
      id: "data corrupted", bytes: valid.patched(at: 186, [0x41]),
      error:
        "t.npz: member 'a.npy': byte 35: expected CRC-32 0x\(hex8(crcA)) (from the central directory), found 0x\(hex8(crc32(valid.patched(at: 186, [0x41])[35..<187])))"
    ),
    BrokenInput(
      id: "unsupported method", bytes: valid.patched16(at: 368, 12),
      error:
        "t.npz: member 'a.npy': byte 368: expected compression method 0 (stored) or 8 (deflate), found method 12"
    ),
    BrokenInput(
      id: "encrypted", bytes: valid.patched16(at: 366, 1),
      error: "t.npz: member 'a.npy': byte 366: expected an unencrypted member, found flags 0x0001"),
    BrokenInput(
      id: "duplicate names", bytes: valid.patched(at: 217, [0x61]).patched(at: 455, [0x61]),
      error: "t.npz: member 'a.npy': byte 455: expected unique member names, found a second 'a.npy'"
    ),
    BrokenInput(
      id: "member not .npy", bytes: valid.patched(at: 408, [0x7A]),
      error:
        "t.npz: member 'a.npz': byte 404: expected a member name ending in '.npy', found 'a.npz'"),
    BrokenInput(
      id: "local name differs", bytes: valid.patched(at: 30, [0x63]),
      error: "t.npz: member 'a.npy': byte 30: expected the central directory's name, found 'c.npy'"),
    BrokenInput(
      id: "local header offset out of range", bytes: valid.patched32(at: 400, 5000),
      error:
        "t.npz: member 'a.npy': byte 400: expected a local header offset before byte 358, found 5000"
    ),
    BrokenInput(
      id: "member data past the central directory", bytes: valid.patched32(at: 378, 1000),
      error:
        "t.npz: member 'a.npy': byte 35: expected 1000 bytes of member data, found the central directory at byte 358"
    ),
    BrokenInput(
      id: "overlapping members", bytes: valid.patched32(at: 378, 200),
      error:
        "t.npz: member 'b.npy': byte 187: expected a member starting after 'a.npy' ends at byte 235, found overlapping members"
    ),
    BrokenInput(
      id: "stored sizes differ", bytes: valid.patched32(at: 382, 151),
      error:
        "t.npz: member 'a.npy': byte 382: expected an uncompressed size equal to the stored size 152, found 151"
    ),
    BrokenInput(
      id: "bad npy inside a member", bytes: badMemberHeader,
      error:
        "t.npz: member 'a.npy': byte 6 within the member: expected format version 1.0, 2.0 or 3.0, found 9.0"
    ),
    BrokenInput(
      id: "ZIP64 locator offset out of range", bytes: valid64.patched32(at: 620, 9999),
      error:
        "t.npz: byte 620: expected a ZIP64 end record (56 bytes) before the locator at byte 612, found offset 9999"
    ),
    BrokenInput(
      id: "bad ZIP64 end record signature", bytes: valid64.patched(at: 556, [0x51]),
      error:
        "t.npz: byte 556: expected ZIP64 end of central directory signature 'PK\\x06\\x06', found 'QK\\x06\\x06'"
    ),
    BrokenInput(
      id: "ZIP64 extra too short", bytes: valid64.patched16(at: 451, 8),
      error:
        "t.npz: member 'a.npy': byte 451: expected a ZIP64 extra field of at least 24 bytes, found 8"
    ),
    BrokenInput(
      id: "ZIP64 extra missing", bytes: valid64.patched16(at: 449, 0x0002),
      error:
        "t.npz: member 'a.npy': byte 398: expected a ZIP64 extra field for the saturated sizes or offset, found none"
    ),
    BrokenInput(
      id: "ZIP64 central directory offset out of range",
      bytes: valid64.patched32(at: 604, 0x7FFF_FFFF),
      error:
        "t.npz: byte 604: expected a central directory ending by byte 556 (the end record), found offset 2147483647 + size 158"
    ),
  ]

  @Test(arguments: cases)
  func rejects(_ input: BrokenInput) {
    let error = thrownError { () throws(NumPyError) in
      try NpzArchive.parse(input.bytes, file: "t.npz")
    }
    #expect(error?.description == input.error)
  }

  @Test func validImagesParse() throws {
    #expect(try NpzArchive.parse(Self.valid, file: "t.npz").names == ["a", "b"])
    #expect(try NpzArchive.parse(Self.valid64, file: "t.npz").names == ["a", "b"])
    #expect(Self.valid.count == 482)
    #expect(Self.valid64.count == 654)
  }

  /// Deflate problems, on np.savez_compressed's file; its first entry's central record offset
  /// is found by signature so the test does not depend on zlib's exact output.
  @Test func deflateProblems() throws {
    let bytes = try Fixtures.bytes("savez_compressed.npz")
    let eocd = bytes.count - 22
    let directory = Int(bytes.u32(at: eocd + 16))
    let compressedSize = Int(bytes.u32(at: directory + 20))

    let tooBig = bytes.patched32(at: directory + 24, 0x7FFF_FFFF)
    let most = compressedSize * 1032 + 1024
    #expect(
      thrownError { () throws(NumPyError) in try NpzArchive.parse(tooBig, file: "c.npz") }?
        .description
        == "c.npz: member 'w1.npy': byte \(directory + 24): expected an uncompressed size of at most \(most) for \(compressedSize) deflated bytes, found 2147483647"
    )

    let tooSmall = bytes.patched32(at: directory + 24, 100)
    let small = thrownError { () throws(NumPyError) in try NpzArchive.parse(tooSmall, file: "c.npz")
    }
    #expect(small?.expected == "valid deflate data")
    #expect(small?.found.hasPrefix("decompressed data larger than 100 bytes") == true)

    let cut = bytes.patched32(at: directory + 20, UInt32(compressedSize - 10))
    let ended = thrownError { () throws(NumPyError) in try NpzArchive.parse(cut, file: "c.npz") }
    #expect(ended?.member == "w1.npy")
    #expect(ended?.found.contains("compressed data ends early") == true)

    let garbage = bytes.patched(at: 30 + 6 + 20, [0xFF, 0xFF, 0xFF])
    #expect(
      thrownError { () throws(NumPyError) in try NpzArchive.parse(garbage, file: "c.npz") } != nil)
  }

  /// Every strict prefix of valid archives is an error, never a crash.
  @Test(arguments: ["savez.npz", "savez_compressed.npz", "zip64.npz", "streamed.npz"])
  func everyTruncationThrows(_ fixture: String) throws {
    let bytes = try Fixtures.bytes(fixture)
    for length in 0..<bytes.count {
      let prefix = Array(bytes.prefix(length))
      #expect(
        thrownError { () throws(NumPyError) in try NpzArchive.parse(prefix, file: fixture) } != nil,
        "length \(length)")
    }
  }
}

func hex8(_ value: UInt32) -> String {
  let text = String(value, radix: 16)
  return String(repeating: "0", count: 8 - text.count) + text
}
