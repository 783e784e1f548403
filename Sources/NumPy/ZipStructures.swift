/// The ZIP record signatures this module reads and writes (APPNOTE 4.3).
enum ZipSignature {
  static let localFile: UInt32 = 0x0403_4B50
  static let centralFile: UInt32 = 0x0201_4B50
  static let end: UInt32 = 0x0605_4B50
  static let zip64End: UInt32 = 0x0606_4B50
  static let zip64Locator: UInt32 = 0x0706_4B50

  /// How a signature looks in a hex dump and in errors, e.g. `'PK\x05\x06'`.
  static func text(_ signature: UInt32) -> String {
    quoted(littleEndianBytes(UInt64(signature), count: 4))
  }
}

/// Checked little-endian reads from a ZIP image, with errors that name the file.
struct ZipInput {
  let bytes: [UInt8]
  let file: String

  func error(
    _ offset: Int, member: String? = nil, expected: String, found: String
  ) -> NumPyError {
    NumPyError(
      file: file, member: member, position: .byte(Int64(offset)), expected: expected, found: found)
  }

  /// Throws unless `length` bytes at `offset` lie before `limit` (default: the end of the file).
  func require(
    _ offset: Int, _ length: Int, _ what: String, member: String? = nil, limit: Int? = nil,
    limitName: String = "the end of file"
  ) throws(NumPyError) {
    let limit = limit ?? bytes.count
    guard offset >= 0, length >= 0, offset <= limit, length <= limit - offset else {
      throw error(
        offset, member: member, expected: "\(what) (\(length) bytes)",
        found: "\(limitName) at byte \(limit)")
    }
  }

  /// Throws unless the 4 bytes at `offset` (already known to exist) are `signature`.
  func requireSignature(
    _ signature: UInt32, at offset: Int, _ what: String, member: String? = nil
  ) throws(NumPyError) {
    guard u32(offset) == signature else {
      throw error(
        offset, member: member, expected: "\(what) signature \(ZipSignature.text(signature))",
        found: quoted(bytes[offset..<offset + 4]))
    }
  }

  func u16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

  func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }

  func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}

/// The end of central directory record, resolved through its ZIP64 counterpart when present.
struct ZipEnd {
  /// Bytes from the end of the file searched for the record: itself plus a maximal comment.
  static let searchSpan = 22 + 0xFFFF

  var entryCount: Int
  var directoryOffset: Int
  var directorySize: Int

  static func locate(in input: ZipInput) throws(NumPyError) -> ZipEnd {
    let bytes = input.bytes
    let searchStart = max(0, bytes.count - searchSpan)
    var record: Int?
    var misfit: Int?
    var position = bytes.count - 22
    // The comment may itself contain the signature, so take the record that reaches the end.
    while position >= searchStart {
      if bytes[position] == 0x50, input.u32(position) == ZipSignature.end {
        if position + 22 + Int(input.u16(position + 20)) == bytes.count {
          record = position
          break
        }
        misfit = misfit ?? position
      }
      position -= 1
    }
    guard let record else {
      if let misfit {
        throw input.error(
          misfit + 20,
          expected: "a comment length of \(bytes.count - misfit - 22) reaching the end of file",
          found: "\(input.u16(misfit + 20))")
      }
      throw input.error(
        searchStart,
        expected: "an end of central directory record (\(ZipSignature.text(ZipSignature.end))) "
          + "in the last \(searchSpan) bytes",
        found: "none in \(bytes.count - searchStart) bytes")
    }
    let disk = input.u16(record + 4)
    let directoryDisk = input.u16(record + 6)
    let entriesHere = UInt64(input.u16(record + 8))
    var entries = UInt64(input.u16(record + 10))
    var size = UInt64(input.u32(record + 12))
    var offset = UInt64(input.u32(record + 16))
    var limit = record
    var fields = (count: record + 10, size: record + 12, offset: record + 16)
    if record >= 20 && input.u32(record - 20) == ZipSignature.zip64Locator {
      let zip64 = try zip64Record(in: input, locator: record - 20)
      (entries, size, offset, limit) = (zip64.entries, zip64.size, zip64.offset, zip64.record)
      fields = (zip64.record + 32, zip64.record + 40, zip64.record + 48)
    } else {
      if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        throw input.error(
          max(0, record - 20),
          expected:
            "a ZIP64 end of central directory locator, as the end record's fields are saturated",
          found: quoted(bytes[max(0, record - 20)..<record], limit: 4))
      }
      guard disk == 0, directoryDisk == 0 else {
        throw input.error(
          record + 4, expected: "a single-disk archive",
          found: "disk \(disk), central directory on disk \(directoryDisk)")
      }
      guard entriesHere == entries else {
        throw input.error(
          record + 8, expected: "as many entries on this disk as in total (\(entries))",
          found: "\(entriesHere)")
      }
    }
    guard offset <= UInt64(limit), size <= UInt64(limit) - offset else {
      throw input.error(
        fields.offset, expected: "a central directory ending by byte \(limit) (the end record)",
        found: "offset \(offset) + size \(size)")
    }
    // Each entry takes at least 46 bytes; this also bounds any allocation by the file size.
    guard entries <= size / 46 else {
      throw input.error(
        fields.count, expected: "at most \(size / 46) entries in a \(size)-byte central directory",
        found: "\(entries)")
    }
    return ZipEnd(entryCount: Int(entries), directoryOffset: Int(offset), directorySize: Int(size))
  }

  /// The ZIP64 end record's counts, reached through the locator at `locator`.
  private static func zip64Record(in input: ZipInput, locator: Int) throws(NumPyError) -> (
    entries: UInt64, size: UInt64, offset: UInt64, record: Int
  ) {
    let recordDisk = input.u32(locator + 4)
    let diskCount = input.u32(locator + 16)
    guard recordDisk == 0, diskCount <= 1 else {
      throw input.error(
        locator + 4, expected: "a single-disk archive",
        found: "ZIP64 end record on disk \(recordDisk) of \(diskCount)")
    }
    let recordOffset = input.u64(locator + 8)
    guard recordOffset <= UInt64(max(0, locator - 56)), locator >= 56 else {
      throw input.error(
        locator + 8,
        expected: "a ZIP64 end record (56 bytes) before the locator at byte \(locator)",
        found: "offset \(recordOffset)")
    }
    let record = Int(recordOffset)
    try input.requireSignature(ZipSignature.zip64End, at: record, "ZIP64 end of central directory")
    let remaining = input.u64(record + 4)
    guard remaining >= 44, remaining <= UInt64(locator - record - 12) else {
      throw input.error(
        record + 4, expected: "a ZIP64 end record size from 44 to \(locator - record - 12)",
        found: "\(remaining)")
    }
    let disk = input.u32(record + 16)
    let directoryDisk = input.u32(record + 20)
    let entriesHere = input.u64(record + 24)
    let entries = input.u64(record + 32)
    guard disk == 0, directoryDisk == 0 else {
      throw input.error(
        record + 16, expected: "a single-disk archive",
        found: "disk \(disk), central directory on disk \(directoryDisk)")
    }
    guard entriesHere == entries else {
      throw input.error(
        record + 24, expected: "as many entries on this disk as in total (\(entries))",
        found: "\(entriesHere)")
    }
    return (entries, input.u64(record + 40), input.u64(record + 48), record)
  }
}

/// One central directory entry, with ZIP64 extra fields already applied.
struct ZipCentralEntry {
  /// Where this entry starts in the file, for errors about it.
  var recordOffset: Int
  var name: String
  var nameBytes: ArraySlice<UInt8>
  var flags: UInt16
  var method: UInt16
  var crc32: UInt32
  var compressedSize: UInt64
  var uncompressedSize: UInt64
  var localHeaderOffset: UInt64

  /// Parses the entry at `offset`, which must end by `limit`; returns it and where the next starts.
  static func parse(
    in input: ZipInput, at offset: Int, limit: Int, ordinal: String
  ) throws(NumPyError) -> (entry: ZipCentralEntry, next: Int) {
    let what = "central directory entry \(ordinal)"
    let limitName = "the end of the central directory"
    try input.require(offset, 46, what, limit: limit, limitName: limitName)
    try input.requireSignature(ZipSignature.centralFile, at: offset, what)
    let nameLength = Int(input.u16(offset + 28))
    let extraLength = Int(input.u16(offset + 30))
    let commentLength = Int(input.u16(offset + 32))
    try input.require(
      offset, 46 + nameLength + extraLength + commentLength, what, limit: limit,
      limitName: limitName)
    let nameBytes = input.bytes[offset + 46..<offset + 46 + nameLength]
    let flags = input.u16(offset + 8)
    var entry = ZipCentralEntry(
      recordOffset: offset, name: "", nameBytes: nameBytes, flags: flags,
      method: input.u16(offset + 10), crc32: input.u32(offset + 16),
      compressedSize: UInt64(input.u32(offset + 20)),
      uncompressedSize: UInt64(input.u32(offset + 24)),
      localHeaderOffset: UInt64(input.u32(offset + 42)))
    entry.name = try decodeName(nameBytes, utf8: flags & 0x0800 != 0, in: input, at: offset + 46)
    var disk = UInt32(input.u16(offset + 34))
    try entry.applyZip64(
      in: input, extra: offset + 46 + nameLength..<offset + 46 + nameLength + extraLength,
      disk: &disk)
    guard disk == 0 else {
      throw input.error(
        offset + 34, member: entry.name, expected: "a member on disk 0", found: "disk \(disk)")
    }
    // Bit 0: encrypted; bit 6: strong encryption; bit 13: encrypted central directory.
    if flags & 0x2041 != 0 {
      throw input.error(
        offset + 8, member: entry.name, expected: "an unencrypted member",
        found: "flags 0x\(hex(UInt64(flags), digits: 4))")
    }
    if flags & 0x0020 != 0 {
      throw input.error(
        offset + 8, member: entry.name, expected: "a member without patch data",
        found: "flags 0x\(hex(UInt64(flags), digits: 4))")
    }
    guard entry.method == 0 || entry.method == 8 else {
      throw input.error(
        offset + 10, member: entry.name, expected: "compression method 0 (stored) or 8 (deflate)",
        found: "method \(entry.method)")
    }
    return (entry, offset + 46 + nameLength + extraLength + commentLength)
  }

  /// Replaces saturated 32-bit fields by the ZIP64 extra field's 64-bit values (APPNOTE 4.5.3):
  /// present only for saturated fields, in the order sizes, offset, disk.
  private mutating func applyZip64(
    in input: ZipInput, extra: Range<Int>, disk: inout UInt32
  ) throws(NumPyError) {
    let needsUncompressed = uncompressedSize == 0xFFFF_FFFF
    let needsCompressed = compressedSize == 0xFFFF_FFFF
    let needsOffset = localHeaderOffset == 0xFFFF_FFFF
    let needsDisk = disk == 0xFFFF
    var field = extra.lowerBound
    while field + 4 <= extra.upperBound {
      let id = input.u16(field)
      let size = Int(input.u16(field + 2))
      guard field + 4 + size <= extra.upperBound else {
        throw input.error(
          field + 2, member: name, expected: "an extra field within the entry's extra data",
          found: "\(size) bytes with \(extra.upperBound - field - 4) left")
      }
      if id == 0x0001 {
        var cursor = field + 4
        let needed =
          [needsUncompressed, needsCompressed, needsOffset].filter { $0 }.count * 8
          + (needsDisk ? 4 : 0)
        guard size >= needed else {
          throw input.error(
            field + 2, member: name, expected: "a ZIP64 extra field of at least \(needed) bytes",
            found: "\(size)")
        }
        if needsUncompressed {
          uncompressedSize = input.u64(cursor)
          cursor += 8
        }
        if needsCompressed {
          compressedSize = input.u64(cursor)
          cursor += 8
        }
        if needsOffset {
          localHeaderOffset = input.u64(cursor)
          cursor += 8
        }
        if needsDisk { disk = input.u32(cursor) }
        return
      }
      field += 4 + size
    }
    if needsUncompressed || needsCompressed || needsOffset || needsDisk {
      throw input.error(
        recordOffset, member: name,
        expected: "a ZIP64 extra field for the saturated sizes or offset",
        found: "none")
    }
  }

  /// Member names are UTF-8 when flag bit 11 is set, else code page 437 (as Python reads them).
  private static func decodeName(
    _ bytes: ArraySlice<UInt8>, utf8: Bool, in input: ZipInput, at offset: Int
  ) throws(NumPyError) -> String {
    if utf8 {
      let name = String(decoding: bytes, as: UTF8.self)
      guard name.utf8.elementsEqual(bytes) else {
        throw input.error(offset, expected: "a UTF-8 member name", found: quoted(bytes, limit: 40))
      }
      return name
    }
    var name = ""
    for byte in bytes {
      if byte < 0x80 {
        name.unicodeScalars.append(UnicodeScalar(byte))
      } else {
        name.unicodeScalars.append(codePage437High[Int(byte) - 0x80])
      }
    }
    return name
  }

  private static let codePage437High = Array(
    ("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌"
      + "█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}").unicodeScalars)

  /// The member's data bytes, after its local header (whose name and extra lengths may differ
  /// from the central directory's); the data must end before the central directory at `limit`.
  func dataRange(in input: ZipInput, limit: Int) throws(NumPyError) -> Range<Int> {
    let limitName = "the central directory"
    guard localHeaderOffset <= UInt64(limit) else {
      throw input.error(
        recordOffset + 42, member: name, expected: "a local header offset before byte \(limit)",
        found: "\(localHeaderOffset)")
    }
    let header = Int(localHeaderOffset)
    try input.require(
      header, 30, "a local file header", member: name, limit: limit, limitName: limitName)
    try input.requireSignature(
      ZipSignature.localFile, at: header, "local file header", member: name)
    let nameLength = Int(input.u16(header + 26))
    let extraLength = Int(input.u16(header + 28))
    try input.require(
      header, 30 + nameLength + extraLength, "a local file header", member: name, limit: limit,
      limitName: limitName)
    let localName = input.bytes[header + 30..<header + 30 + nameLength]
    guard localName.elementsEqual(nameBytes) else {
      throw input.error(
        header + 30, member: name, expected: "the central directory's name",
        found: quoted(localName, limit: 40))
    }
    let start = header + 30 + nameLength + extraLength
    guard compressedSize <= UInt64(limit - start) else {
      throw input.error(
        start, member: name, expected: "\(compressedSize) bytes of member data",
        found: "\(limitName) at byte \(limit)")
    }
    return start..<start + Int(compressedSize)
  }
}
