import Budgets
import Zlib

/// A .npz archive: named arrays in a ZIP file, as `np.savez` and `np.savez_compressed` write.
package struct NpzArchive: Sendable, Equatable {
  /// The arrays with their names (without the ".npy" suffix), in archive order: all of them, or
  /// those a reader asked for.
  package var members: [(name: String, array: NpyArray)]
  /// Every member's name in archive order, also of members that were not read.
  package let names: [String]

  /// An archive of `members`, written in this order.
  package init(members: [(name: String, array: NpyArray)] = []) {
    self.members = members
    self.names = members.map(\.name)
  }

  private init(members: [(name: String, array: NpyArray)], names: [String]) {
    self.members = members
    self.names = names
  }

  /// The first member called `name` (without ".npy"), if any.
  package subscript(name: String) -> NpyArray? {
    members.first { $0.name == name }?.array
  }

  /// Same names and arrays in the same order (tuples cannot synthesise this).
  package static func == (lhs: NpzArchive, rhs: NpzArchive) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.name == $1.name && $0.array == $1.array }
  }

  /// Reads and parses the .npz file at `path`.
  /// - Parameters:
  ///   - only: the member names (without ".npy") to read; `nil` reads all. Members left out are
  ///     checked in the directory but never inflated.
  ///   - budget: the most members and the most uncompressed bytes of the members read.
  package static func read(
    path: String, only: Set<String>? = nil, budget: ResourceBudget = .standard
  ) throws(NumPyError) -> NpzArchive {
    try parse(FileIO.contents(atPath: path), file: path, only: only, budget: budget)
  }

  /// Parses a .npz (ZIP) image; `file` names it in errors.
  ///
  /// Sizes and offsets come from the central directory (so data descriptors need no reading);
  /// every member must be a stored or deflated ".npy" file with a matching CRC-32, members may
  /// not overlap and names must be unique.
  package static func parse(
    _ bytes: [UInt8], file: String, only: Set<String>? = nil, budget: ResourceBudget = .standard
  ) throws(NumPyError) -> NpzArchive {
    let input = ZipInput(bytes: bytes, file: file)
    let end = try ZipEnd.locate(in: input)
    do {
      try budget.check(.npzMembers, Int64(end.entryCount))
    } catch {
      throw input.error(end.directoryOffset, expected: error.allowance, found: error.asked)
    }
    let directoryEnd = end.directoryOffset + end.directorySize
    var entries: [ZipCentralEntry] = []
    entries.reserveCapacity(end.entryCount)
    var seen: Set<String> = []
    var position = end.directoryOffset
    for index in 0..<end.entryCount {
      let (entry, next) = try ZipCentralEntry.parse(
        in: input, at: position, limit: directoryEnd, ordinal: "\(index + 1) of \(end.entryCount)")
      guard entry.name.hasSuffix(".npy") else {
        throw input.error(
          position + 46, member: entry.name, expected: "a member name ending in '.npy'",
          found: "'\(entry.name)'")
      }
      guard seen.insert(entry.name).inserted else {
        throw input.error(
          position + 46, member: entry.name, expected: "unique member names",
          found: "a second '\(entry.name)'")
      }
      entries.append(entry)
      position = next
    }
    guard position == directoryEnd else {
      throw input.error(
        position,
        expected: "no more central directory entries than the \(end.entryCount) declared",
        found: "\(directoryEnd - position) more bytes")
    }
    let ranges = try dataRanges(of: entries, in: input, limit: end.directoryOffset)
    let names = entries.map { String($0.name.dropLast(4)) }
    let wanted = entries.indices.filter { only?.contains(names[$0]) ?? true }
    // The declared sizes bound what inflating allocates, so the sum is checked before any is inflated.
    var total: Int64 = 0
    for k in wanted {
      try checkDeclaredSize(of: entries[k], storedCount: ranges[k].count, in: input)
      let (sum, overflow) = total.addingReportingOverflow(Int64(clamping: entries[k].uncompressedSize))
      total = overflow ? .max : sum
      do {
        try budget.check(.npzBytes, total)
      } catch {
        throw input.error(
          entries[k].recordOffset + 24, member: entries[k].name,
          expected: error.allowance + " in the members read", found: error.asked)
      }
    }
    var members: [(name: String, array: NpyArray)] = []
    for k in wanted {
      let image = try contents(of: entries[k], at: ranges[k], in: input)
      let array = try NpyArray.parse(image, site: ErrorSite(file: file, member: entries[k].name))
      members.append((names[k], array))
    }
    return NpzArchive(members: members, names: names)
  }

  /// Each entry's data range; refuses overlapping members, which would let a small file
  /// decompress the same bytes many times over.
  private static func dataRanges(
    of entries: [ZipCentralEntry], in input: ZipInput, limit: Int
  ) throws(NumPyError) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(entries.count)
    for entry in entries { ranges.append(try entry.dataRange(in: input, limit: limit)) }
    let order = entries.indices.sorted {
      entries[$0].localHeaderOffset < entries[$1].localHeaderOffset
    }
    for (earlier, later) in zip(order, order.dropFirst()) {
      let start = Int(entries[later].localHeaderOffset)
      guard ranges[earlier].upperBound <= start else {
        throw input.error(
          start, member: entries[later].name,
          expected: "a member starting after '\(entries[earlier].name)' ends at byte "
            + "\(ranges[earlier].upperBound)",
          found: "overlapping members")
      }
    }
    return ranges
  }

  /// Deflate expands at most about 1032:1, so a larger declared size is a lie, refused before the
  /// budget adds it up or inflating allocates it.
  private static func checkDeclaredSize(
    of entry: ZipCentralEntry, storedCount: Int, in input: ZipInput
  ) throws(NumPyError) {
    guard entry.method != 0 else { return }
    let most = UInt64(storedCount) * 1032 + 1024
    guard entry.uncompressedSize <= most else {
      throw input.error(
        entry.recordOffset + 24, member: entry.name,
        expected: "an uncompressed size of at most \(most) for \(storedCount) deflated bytes",
        found: "\(entry.uncompressedSize)")
    }
  }

  /// The member's uncompressed bytes, checked against its declared size and CRC-32.
  private static func contents(
    of entry: ZipCentralEntry, at range: Range<Int>, in input: ZipInput
  ) throws(NumPyError) -> [UInt8] {
    let stored = Array(input.bytes[range])
    let declared = entry.uncompressedSize
    let image: [UInt8]
    if entry.method == 0 {
      guard declared == UInt64(stored.count) else {
        throw input.error(
          entry.recordOffset + 24, member: entry.name,
          expected: "an uncompressed size equal to the stored size \(stored.count)",
          found: "\(declared)")
      }
      image = stored
    } else {
      // The declared size (checked by `checkDeclaredSize`) bounds what inflating may allocate.
      do {
        image = try Zlib.inflate(
          stored, format: .raw, expectedSize: Int(declared), limit: Int(declared))
      } catch {
        throw input.error(
          range.lowerBound + error.offset, member: entry.name, expected: "valid deflate data",
          found: error.reason)
      }
      guard UInt64(image.count) == declared else {
        throw input.error(
          range.lowerBound, member: entry.name,
          expected: "\(declared) bytes after inflating (the declared size)",
          found: "\(image.count)")
      }
    }
    let crc = Zlib.crc32(image)
    guard crc == entry.crc32 else {
      throw input.error(
        range.lowerBound, member: entry.name,
        expected: "CRC-32 0x\(hex(UInt64(entry.crc32), digits: 8)) (from the central directory)",
        found: "0x\(hex(UInt64(crc), digits: 8))")
    }
    return image
  }
}
