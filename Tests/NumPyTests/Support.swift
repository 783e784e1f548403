import Foundation
import NumPy

/// The fixture files made by `Fixtures/make_fixtures.py`, copied into the test bundle.
enum Fixtures {
  /// The folder holding the fixtures (the target declares `resources: [.copy("Fixtures")]`).
  static let directory: String = {
    if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
      return url.path
    }
    // Should the resource bundle be missing, read them from the source tree.
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").path
  }()

  static func path(_ name: String) -> String { directory + "/" + name }

  static func bytes(_ name: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path(name)) else {
      throw FixtureMissing(name: name)
    }
    return [UInt8](data)
  }

  struct FixtureMissing: Error, CustomStringConvertible {
    var name: String
    var description: String { "fixture \(name) not found in \(Fixtures.directory)" }
  }
}

/// A fresh empty directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "/numpy-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// SplitMix64: a tiny seeded generator so mutation tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Runs python3 with numpy, if this machine has both.
enum Python {
  /// Whether `python3 -c "import numpy"` succeeds.
  static let hasNumPy: Bool = (try? run(["-c", "import numpy"]))?.status == 0

  /// Runs `python3 arguments…`, returning its exit status and standard output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

/// Little-endian patching of byte images, for building broken inputs.
extension [UInt8] {
  func patched(at offset: Int, _ replacement: [UInt8]) -> [UInt8] {
    var copy = self
    copy.replaceSubrange(offset..<offset + replacement.count, with: replacement)
    return copy
  }

  func patched16(at offset: Int, _ value: UInt16) -> [UInt8] {
    patched(at: offset, [UInt8(value & 0xFF), UInt8(value >> 8)])
  }

  func patched32(at offset: Int, _ value: UInt32) -> [UInt8] {
    patched(at: offset, (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) })
  }

  func u32(at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(self[offset + $1]) << (8 * UInt32($1)) }
  }

  var hex: String { map { String(format: "%02x", $0) }.joined() }
}

/// An .npy image with a hand-written header dict, padded the way numpy pads.
func npyImage(header dict: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
  var header = Array(dict.utf8)
  let prefix = version == 1 ? 10 : 12
  let padding = 64 - (prefix + header.count + 1) % 64
  header += [UInt8](repeating: 0x20, count: padding) + [0x0A]
  var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
  let length = header.count
  bytes +=
    version == 1
    ? [UInt8(length & 0xFF), UInt8(length >> 8)]
    : [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), 0]
  return bytes + header + data
}

/// The error thrown by `body`, or nil if it succeeded.
func thrownError<T>(_ body: () throws(NumPyError) -> T) -> NumPyError? {
  do {
    _ = try body()
    return nil
  } catch {
    return error
  }
}

/// CRC-32 (IEEE, as ZIP uses), for re-sealing deliberately edited archive members.
func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

extension Fixtures {
  /// The bytes of any file, for checking what was written.
  static func bytesAt(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FixtureMissing(name: path)
    }
    return [UInt8](data)
  }
}
