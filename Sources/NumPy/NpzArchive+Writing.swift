import Zlib

extension NpzArchive {
  /// The ZIP image as `np.savez` writes it: stored (method 0) members "<name>.npy" with CRC-32.
  ///
  /// ZIP64 records appear when a size or offset reaches 0xFFFFFFFF or there are 65535 or more
  /// members; `forceZip64` emits them for every member and the end record regardless, which
  /// keeps that path testable with small archives. Duplicate names are written as given (use
  /// `write(to:)`, which refuses them, to get a file readers accept). Traps on a name longer
  /// than ZIP's 65535 bytes, which `write(to:)` reports as an error instead.
  package func serialized(forceZip64: Bool = false) -> [UInt8] {
    var writer = ZipWriter(forceZip64: forceZip64)
    for (name, array) in members { writer.add(name: name + ".npy", data: array.serialized()) }
    return writer.finish()
  }

  /// Writes atomically: a temporary file in the same directory, fsync, rename over `path`; on
  /// any failure the temp file is removed and an existing `path` is untouched.
  package func write(to path: String) throws(NumPyError) {
    var seen: Set<String> = []
    for (name, _) in members {
      if !seen.insert(name).inserted {
        throw NumPyError(
          file: path, member: name + ".npy", position: .wholeFile,
          expected: "unique member names", found: "a second '\(name).npy'")
      }
      if name.utf8.count > ZipWriter.longestName - 4 {
        throw NumPyError(
          file: path, member: String(name.prefix(40)) + "...", position: .wholeFile,
          expected: "a member name of at most \(ZipWriter.longestName - 4) UTF-8 bytes",
          found: "\(name.utf8.count) bytes")
      }
    }
    try FileIO.writeAtomically(serialized(), to: path)
  }
}

/// Lays out local headers and data, then the central directory and end records.
struct ZipWriter {
  /// Values at or above this do not fit a 32-bit ZIP field; it also marks "see ZIP64".
  static let limit32: UInt64 = 0xFFFF_FFFF
  static let limit16 = 0xFFFF
  /// ZIP stores name lengths in 16 bits.
  static let longestName = 0xFFFF
  /// DOS date 1980-01-01: a fixed stamp keeps archives reproducible byte for byte.
  static let dosDate: UInt16 = 0x0021
  /// Unix "made by" with mode rw-r--r--, so unzip extracts members as ordinary files.
  static let madeByUnix: UInt16 = 3 << 8
  static let externalAttributes: UInt32 = 0o100644 << 16

  let forceZip64: Bool
  private var output: [UInt8] = []
  private var directory: [UInt8] = []
  private var entryCount = 0

  init(forceZip64: Bool) { self.forceZip64 = forceZip64 }

  mutating func add(name: String, data: [UInt8]) {
    let nameBytes = Array(name.utf8)
    precondition(nameBytes.count <= Self.longestName, "ZIP member name longer than 65535 bytes")
    // Bit 11 tells readers the name is UTF-8 rather than code page 437.
    let flags: UInt16 = nameBytes.contains { $0 >= 0x80 } ? 0x0800 : 0
    let size = UInt64(data.count)
    let offset = UInt64(output.count)
    let bigSizes = forceZip64 || size >= Self.limit32
    let bigOffset = forceZip64 || offset >= Self.limit32
    let version: UInt16 = bigSizes || bigOffset ? 45 : 20
    let crc = Zlib.crc32(data)
    let size32 = UInt32(bigSizes ? Self.limit32 : size)

    output.reserveCapacity(output.count + 30 + nameBytes.count + 20 + data.count)
    output.append32(ZipSignature.localFile)
    output.append16(version)
    output.append16(flags)
    output.append16(0)  // method: stored
    output.append16(0)  // time
    output.append16(Self.dosDate)
    output.append32(crc)
    output.append32(size32)
    output.append32(size32)
    output.append16(UInt16(nameBytes.count))
    output.append16(bigSizes ? 20 : 0)
    output += nameBytes
    if bigSizes {
      // A local ZIP64 extra field holds both sizes, unlike the central one.
      output.append16(0x0001)
      output.append16(16)
      output.append64(size)
      output.append64(size)
    }
    output += data

    var extra: [UInt8] = []
    if bigSizes {
      extra.append64(size)
      extra.append64(size)
    }
    if bigOffset { extra.append64(offset) }
    directory.append32(ZipSignature.centralFile)
    directory.append16(Self.madeByUnix | version)
    directory.append16(version)
    directory.append16(flags)
    directory.append16(0)
    directory.append16(0)
    directory.append16(Self.dosDate)
    directory.append32(crc)
    directory.append32(size32)
    directory.append32(size32)
    directory.append16(UInt16(nameBytes.count))
    directory.append16(extra.isEmpty ? 0 : UInt16(4 + extra.count))
    directory.append16(0)  // comment length
    directory.append16(0)  // disk
    directory.append16(0)  // internal attributes
    directory.append32(Self.externalAttributes)
    directory.append32(UInt32(bigOffset ? Self.limit32 : offset))
    directory += nameBytes
    if !extra.isEmpty {
      directory.append16(0x0001)
      directory.append16(UInt16(extra.count))
      directory += extra
    }
    entryCount += 1
  }

  mutating func finish() -> [UInt8] {
    let directoryOffset = UInt64(output.count)
    let directorySize = UInt64(directory.count)
    let count = UInt64(entryCount)
    output += directory
    let needsZip64 =
      forceZip64 || entryCount >= Self.limit16 || directoryOffset >= Self.limit32
      || directorySize >= Self.limit32
    if needsZip64 {
      let record = UInt64(output.count)
      output.append32(ZipSignature.zip64End)
      output.append64(44)  // size of the rest of this record
      output.append16(Self.madeByUnix | 45)
      output.append16(45)
      output.append32(0)  // disk
      output.append32(0)  // disk with the central directory
      output.append64(count)
      output.append64(count)
      output.append64(directorySize)
      output.append64(directoryOffset)
      output.append32(ZipSignature.zip64Locator)
      output.append32(0)  // disk with the ZIP64 end record
      output.append64(record)
      output.append32(1)  // total disks
    }
    // Saturated fields send readers to the ZIP64 record; forced mode saturates all of them.
    let count16 = forceZip64 ? UInt16(Self.limit16) : UInt16(min(count, UInt64(Self.limit16)))
    let force = forceZip64
    let saturate = { (value: UInt64) in UInt32(force ? Self.limit32 : min(value, Self.limit32)) }
    output.append32(ZipSignature.end)
    output.append16(0)
    output.append16(0)
    output.append16(count16)
    output.append16(count16)
    output.append32(saturate(directorySize))
    output.append32(saturate(directoryOffset))
    output.append16(0)  // comment length
    return output
  }
}

extension [UInt8] {
  fileprivate mutating func append16(_ value: UInt16) {
    append(UInt8(truncatingIfNeeded: value))
    append(UInt8(truncatingIfNeeded: value >> 8))
  }

  fileprivate mutating func append32(_ value: UInt32) {
    append16(UInt16(truncatingIfNeeded: value))
    append16(UInt16(truncatingIfNeeded: value >> 16))
  }

  fileprivate mutating func append64(_ value: UInt64) {
    append32(UInt32(truncatingIfNeeded: value))
    append32(UInt32(truncatingIfNeeded: value >> 32))
  }
}
