import Foundation
import Loihi
import Testing

@testable import Traces

/// A writer killed at any byte: every complete chunk reads back, the torn tail is ignored, and
/// repair writes a new index. Damaged files give one-line errors with offsets.
@Suite struct TraceRecoveryTests {
  typealias S = Support

  static func sample() throws -> (path: String, spikes: [[[Int32]]], bytes: [UInt8]) {
    let path = try S.temporaryDirectory().appendingPathComponent("t.nbpt").path
    let sizes = [3, 20]
    let spikes = S.randomSpikes(sizes: sizes, densities: [0.3, 0.1], ticks: 120, seed: 8)
    try S.write(spikes, metadata: S.metadata(sizes: sizes), to: path, options: .init(maximumTicksPerChunk: 16))
    return (path, spikes, try S.bytes(path))
  }

  /// Cut the file at every byte: before the metadata ends it is an error; after it, the reader
  /// opens, recovers by scanning, and serves exactly the frames that are complete.
  @Test func everyTruncationReadsItsCompleteChunks() throws {
    let (_, spikes, bytes) = try Self.sample()
    let full = try TraceReader(bytes: bytes, name: "t.nbpt")
    let metadataEnd = full.chunks[0].offset
    for length in 0..<bytes.count {
      let image = Array(bytes.prefix(length))
      guard Int64(length) >= metadataEnd else {
        #expect(throws: TraceError.self) { try TraceReader(bytes: image, name: "t.nbpt") }
        continue
      }
      let reader = try TraceReader(bytes: image, name: "t.nbpt")
      let complete = full.frames.filter { $0.offset + $0.size <= Int64(length) }
      #expect(reader.frames.map(\.offset) == complete.map(\.offset), "cut at \(length)")
      #expect(reader.recovery != nil || length == bytes.count)
      let ticks = Int(reader.tickRange.count)
      #expect(ticks == complete.reduce(0) { $0 + $1.tickCount })
      if length % 37 == 0 || length > bytes.count - 40 {
        #expect(try S.readAll(reader) == Array(spikes.prefix(ticks)), "cut at \(length)")
        #expect(reader.verify().problems.isEmpty)
      }
    }
  }

  @Test func repairRestoresTheIndexAndIsIdempotent() throws {
    let (path, spikes, bytes) = try Self.sample()
    let full = try TraceReader(path: path)
    // Cut inside the fifth frame, as a killed writer would leave it.
    let cut = full.frames[4].offset + 20
    try Data(bytes.prefix(Int(cut))).write(to: URL(fileURLWithPath: path))
    let report = try TraceRepair.repair(path: path)
    #expect(!report.wasIntact)
    #expect(report.keptChunks == 4)
    #expect(report.truncatedBytes == 20)
    let repaired = try TraceReader(path: path)
    #expect(repaired.recovery == nil)
    #expect(repaired.tickRange == 1..<65)
    #expect(try S.readAll(repaired) == Array(spikes.prefix(64)))
    #expect(try TraceRepair.repair(path: path).wasIntact)
    #expect(try TraceRepair.repair(path: path).wasIntact)
  }

  @Test func repairDropsADamagedMiddleChunk() throws {
    let (path, spikes, bytes) = try Self.sample()
    let full = try TraceReader(path: path)
    var damaged = bytes
    let victim = full.frames[2]
    damaged[Int(victim.offset) + 40] ^= 0x10  // inside its payload
    try Data(damaged).write(to: URL(fileURLWithPath: path))
    let before = try TraceReader(path: path)
    let summary = before.verify()
    #expect(summary.problems.count == 1)
    #expect(summary.problems.first?.position == .byte(victim.offset + 36))
    #expect(throws: TraceError.self) { try before.readSpikes(population: 0, from: 40, count: 1) }
    #expect(before.spikes(population: 0, from: 40, count: 2) == [[], []])
    #expect(before.lastError != nil)
    let report = try TraceRepair.repair(path: path)
    #expect(report.dropped.count == 1)
    let after = try TraceReader(path: path)
    #expect(after.verify().problems.isEmpty)
    #expect(after.frames.count == full.frames.count - 1)
    // The damaged span reads as silence; the rest is intact.
    let all = try S.readAll(after)
    for t in 0..<spikes.count {
      let expected = victim.ticks.contains(Int64(t + 1)) ? [[], []] : spikes[t]
      #expect(all[t] == expected)
    }
  }

  @Test func repairResynchronisesAfterADamagedHeader() throws {
    let (path, _, bytes) = try Self.sample()
    let full = try TraceReader(path: path)
    var damaged = bytes
    damaged[Int(full.frames[3].offset) + 9] ^= 0xFF  // header CRC no longer matches
    try Data(damaged).write(to: URL(fileURLWithPath: path))
    let report = try TraceRepair.repair(path: path)
    #expect(report.dropped.count == 1)
    #expect(report.dropped[0].hasPrefix("bytes \(full.frames[3].offset)..<\(full.frames[4].offset)"))
    let after = try TraceReader(path: path)
    #expect(after.frames.count == full.frames.count - 1)
    #expect(after.tickRange == full.tickRange)
  }

  struct BadFile: CustomTestStringConvertible, Sendable {
    let id: String
    let edit: @Sendable ([UInt8]) -> [UInt8]
    let message: String
    var testDescription: String { id }
  }

  static let badFiles = [
    BadFile(id: "empty", edit: { _ in [] }, message: "t.nbpt: byte 0: expected the trace magic '\\x89NBPT\\r\\n\\x1a', found an empty file"),
    BadFile(id: "not a trace", edit: { _ in Array("tick,population,index\n".utf8) },
      message: "t.nbpt: byte 0: expected the trace magic '\\x89NBPT\\r\\n\\x1a', found 'tick,pop'"),
    BadFile(id: "short header", edit: { Array($0.prefix(10)) },
      message: "t.nbpt: byte 10: expected a 16-byte file header, found the end of the file at byte 10"),
    BadFile(id: "version 2", edit: { var b = $0; b[8] = 2; return b }, message: "t.nbpt: byte 8: expected format version 1, found 2"),
    BadFile(id: "metadata header damaged", edit: { var b = $0; b[20] = 9; return b },
      message: "t.nbpt: byte 16: expected a chunk header with CRC-32"),
    BadFile(id: "metadata torn", edit: { Array($0.prefix(60)) },
      message: "t.nbpt: byte 52: expected a "),
    BadFile(id: "metadata payload damaged", edit: { var b = $0; b[60] ^= 1; return b },
      message: "t.nbpt: byte 52: expected a payload with CRC-32"),
  ]

  @Test(arguments: badFiles)
  func badFilesGiveOneLine(_ c: BadFile) throws {
    let (_, _, bytes) = try Self.sample()
    do {
      _ = try TraceReader(bytes: c.edit(bytes), name: "t.nbpt")
      Issue.record("no error")
    } catch {
      #expect(error.description.hasPrefix(c.message), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func aBadTrailerFallsBackToScanning() throws {
    let (_, spikes, bytes) = try Self.sample()
    var damaged = bytes
    damaged[damaged.count - 10] ^= 1
    let reader = try TraceReader(bytes: damaged, name: "t.nbpt")
    #expect(reader.recovery?.reason == "a trailer with a bad CRC-32")
    #expect(reader.recovery?.ignoredFrom == nil)
    #expect(try S.readAll(reader) == spikes)
  }
}
