import Foundation
import Testing

@testable import Traces

/// Unreadable bytes between chunks are refused (or, when allowed, read around and listed), never
/// taken for the end of the file; repair leaves only files the reader accepts; frame spans are
/// bounded.
@Suite struct TraceDamageTests {
  typealias S = Support

  /// A closed sample without its index and trailer, as a killed writer leaves it.
  static func unindexed() throws -> (bytes: [UInt8], full: TraceReader, spikes: [[[Int32]]]) {
    let (_, spikes, bytes) = try TraceRecoveryTests.sample()
    let full = try TraceReader(bytes: bytes, name: "t.nbpt")
    let end = full.chunks.map { $0.offset + $0.size }.max()!
    return (Array(bytes.prefix(Int(end))), full, spikes)
  }

  @Test func bytesInsertedBetweenChunksAreRefusedNotIgnored() throws {
    let (bytes, full, spikes) = try Self.unindexed()
    let boundary = Int(full.frames[2].offset)
    let damaged = Array(bytes[..<boundary]) + [UInt8](repeating: 0, count: 64) + Array(bytes[boundary...])
    do {
      _ = try TraceReader(bytes: damaged, name: "t.nbpt")
      Issue.record("a file with unreadable bytes between chunks opened")
    } catch {
      #expect(error.position == .byte(Int64(boundary)))
      #expect(error.description.contains("64 unreadable bytes up to an intact chunk at byte \(boundary + 64)"))
      #expect(error.description.contains("trace repair") && error.description.contains("--allow-damage"))
    }
    // Allowed, every chunk after the damage is read: nothing of the run is missing.
    let reader = try TraceReader(bytes: damaged, name: "t.nbpt", damage: .allow)
    #expect(reader.recovery?.damaged == [Int64(boundary)..<Int64(boundary + 64)])
    #expect(reader.frames.count == full.frames.count)
    #expect(try S.readAll(reader) == spikes)
  }

  @Test func aDamagedHeaderMidFileLosesOnlyItsChunkWhenAllowed() throws {
    let (bytes, full, spikes) = try Self.unindexed()
    var damaged = bytes
    let victim = full.frames[3]
    damaged[Int(victim.offset) + 9] ^= 0xFF  // header CRC no longer matches
    #expect(throws: TraceError.self) { try TraceReader(bytes: damaged, name: "t.nbpt") }
    let reader = try TraceReader(bytes: damaged, name: "t.nbpt", damage: .allow)
    #expect(reader.recovery?.damaged == [victim.offset..<full.frames[4].offset])
    #expect(reader.frames.count == full.frames.count - 1)
    let all = try S.readAll(reader)
    for t in 0..<spikes.count where !victim.ticks.contains(Int64(t + 1)) {
      #expect(all[t] == spikes[t], "tick \(t + 1)")
    }
  }

  /// A torn last chunk (a killed writer) is not damage: nothing readable follows it.
  @Test func aTornTailStillOpens() throws {
    let (bytes, full, _) = try Self.unindexed()
    let cut = Array(bytes.prefix(Int(full.frames.last!.offset) + 30))
    let reader = try TraceReader(bytes: cut, name: "t.nbpt")
    #expect(reader.recovery?.ignoredFrom == full.frames.last!.offset)
    #expect(reader.recovery?.damaged == [])
  }

  /// An index entry whose span disagrees with its chunk: the reader rejects the frame, so repair
  /// must rewrite the index rather than call the file intact.
  @Test func repairRewritesAnIndexThatDisagreesWithItsChunks() throws {
    let (path, spikes, bytes) = try TraceRecoveryTests.sample()
    let full = try TraceReader(bytes: bytes, name: "t.nbpt")
    // Rebuild the closed file with one entry's tick count changed (same sizes, valid CRCs).
    var entries = full.chunks.map { chunk in
      IndexEntry(
        kind: chunk.kind, offset: chunk.offset, size: chunk.size, firstTick: chunk.firstTick,
        tickCount: chunk.tickCount, spikeCount: chunk.spikeCount ?? 0)
    }
    let k = entries.firstIndex { $0.kind == .frame && $0.offset == full.frames.last!.offset }!
    entries[k].tickCount += 1
    let end = full.chunks.map { $0.offset + $0.size }.max()!
    let (_, index) = ChunkHeader.chunk(
      kind: .index, firstTick: full.metadata.t0, tickCount: 0, payload: IndexEntry.payload(entries), compress: true)
    let image = Array(bytes.prefix(Int(end))) + index + Trailer(indexOffset: end, indexSize: Int64(index.count)).encoded()
    try Data(image).write(to: URL(fileURLWithPath: path))
    let before = try TraceReader(path: path)
    #expect(before.recovery == nil)
    #expect(!before.verify().problems.isEmpty)
    let report = try TraceRepair.repair(path: path)
    #expect(!report.wasIntact)
    let after = try TraceReader(path: path)
    #expect(after.verify().problems.isEmpty)
    #expect(try S.readAll(after) == spikes)
    #expect(try TraceRepair.repair(path: path).wasIntact)
  }

  /// A frame header claiming more ticks than any writer cuts (2^32 − 1) is not a frame: exports
  /// would walk it tick by tick for hours.
  @Test func frameSpansAreBounded() throws {
    let (bytes, full, _) = try Self.unindexed()
    let (_, huge) = ChunkHeader.chunk(
      kind: .frame, firstTick: full.tickRange.upperBound, tickCount: UInt32.max, payload: [0, 0, 0], compress: false)
    let reader = try TraceReader(bytes: bytes + huge, name: "t.nbpt")
    #expect(reader.tickRange == full.tickRange)
    #expect(reader.recovery?.ignoredReason?.contains("a span of at most \(TraceLimits.maximumTicksPerFrame) ticks") == true)
    let (_, fine) = ChunkHeader.chunk(
      kind: .frame, firstTick: full.tickRange.upperBound, tickCount: UInt32(TraceLimits.maximumTicksPerFrame),
      payload: [0, 0, 0], compress: false)
    #expect(ChunkHeader.decode(Array(fine.prefix(TraceFormat.chunkHeaderSize))).isSuccess)
  }
}

extension Result {
  var isSuccess: Bool {
    if case .success = self { return true }
    return false
  }
}

/// Metadata an importer built from its input (an npz of 65,537 members) is that input's fault: the
/// writer says so, naming the file, instead of trapping.
@Suite struct WriterMetadataTests {
  @Test func tooManyPopulationsIsAnError() throws {
    let path = try Support.temporaryDirectory().appendingPathComponent("many.nbpt").path
    let metadata = Support.metadata(sizes: Array(repeating: 1, count: TraceLimits.maximumPopulations + 1))
    do {
      _ = try TraceWriter(path: path, metadata: metadata)
      Issue.record("accepted")
    } catch {
      #expect(error.description == "\(path): expected at most 65536 populations, found 65537")
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

/// Exports cross silent stretches by asking the block for its next spiking tick: checked against
/// looking at every tick.
@Suite struct SpikingTickTests {
  @Test func firstSpikingTickMatchesATickByTickLook() throws {
    for seed in UInt64(1)...12 {
      let sizes = [3, 7]
      let spikes = Support.randomSpikes(sizes: sizes, densities: [0.01 * Double(seed % 4), 0.005], ticks: 300, seed: seed)
      let path = try Support.temporaryDirectory().appendingPathComponent("s.nbpt").path
      _ = try Support.write(spikes, metadata: Support.metadata(sizes: sizes), to: path, options: .init(maximumTicksPerChunk: 64))
      let reader = try TraceReader(path: path)
      try reader.forEachBlock(in: reader.tickRange, populations: [0, 1]) { block in
        let expected = block.ticks.filter { t in !block.spikes(slot: 0, tick: t).isEmpty || !block.spikes(slot: 1, tick: t).isEmpty }
        #expect(Array(block.spikingTicks) == expected, "seed \(seed)")
        for t in block.ticks {
          #expect(block.firstSpikingTick(from: t) == expected.first { $0 >= t }, "seed \(seed) tick \(t)")
        }
      }
    }
  }
}
