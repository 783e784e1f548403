import Dispatch

/// Encodes, compresses and appends chunks in submission order, on a background queue (or inline),
/// keeping the footer index entries and the byte count.
///
/// With a queue, recording hands a full frame to the sink and goes on stepping the chip while the
/// sink encodes, deflates and writes it on another core. At most ``inFlight`` jobs wait; a write
/// error is reported by the next ``submit(_:)`` or by ``drain()``. Chunks reach the file in order
/// and whole, so the crash-safety argument is unchanged: what was not yet written is simply lost.
final class ChunkSink: @unchecked Sendable {
  enum Job: Sendable {
    case frame(FrameBuffer, tickCount: Int)
    case snapshot(tick: Int64, payload: [UInt8])
  }

  static let inFlight = 4

  private let file: OpenFile
  private let path: String
  private let compress: Bool
  private let level: Int32
  private let queue: DispatchQueue?
  private let slots = DispatchSemaphore(value: ChunkSink.inFlight)
  private let lock = Lock()
  // Only the running job touches these (jobs run one at a time).
  private var payload = ByteWriter()
  private var scratch = ByteWriter()
  // Shared with the submitting thread, under `lock`.
  private var written: Int64 = 0
  private var entries: [IndexEntry] = []
  private var failure: TraceError?

  init(file: OpenFile, path: String, compress: Bool, level: Int32, background: Bool) {
    self.file = file
    self.path = path
    self.compress = compress
    self.level = level
    queue = background ? DispatchQueue(label: "nbpscope.trace-writer") : nil
  }

  /// Bytes written so far.
  var bytesWritten: Int64 { lock.withLock { written } }

  /// The index entries of the chunks written so far (complete after ``drain()``).
  var indexEntries: [IndexEntry] { lock.withLock { entries } }

  /// Queues a chunk; throws the error of an earlier chunk, if one failed.
  func submit(_ job: Job) throws(TraceError) {
    if let failure = lock.withLock({ failure }) { throw failure }
    guard let queue else {
      run(job)
      if let failure = lock.withLock({ failure }) { throw failure }
      return
    }
    slots.wait()
    queue.async {
      self.run(job)
      self.slots.signal()
    }
  }

  /// Waits until every queued chunk is written; throws the first write error.
  func drain() throws(TraceError) {
    queue?.sync {}
    if let failure = lock.withLock({ failure }) { throw failure }
  }

  /// Writes bytes directly (the file header, the index, the trailer); only while no job runs.
  func writeNow(_ bytes: [UInt8]) throws(TraceError) {
    do {
      try file.write(bytes)
    } catch {
      throw error.renamed(path)
    }
    lock.withLock { written += Int64(bytes.count) }
  }

  private func run(_ job: Job) {
    guard lock.withLock({ failure == nil }) else { return }
    let chunk: (header: ChunkHeader, bytes: [UInt8])
    let spikes: Int
    switch job {
    case .frame(let buffer, let tickCount):
      buffer.encode(tickCount: tickCount, into: &payload, scratch: &scratch)
      chunk = ChunkHeader.chunk(
        kind: .frame, firstTick: buffer.firstTick, tickCount: UInt32(tickCount), payload: payload.bytes,
        compress: compress, level: level)
      spikes = buffer.spikeCount
    case .snapshot(let tick, let state):
      chunk = ChunkHeader.chunk(kind: .snapshot, firstTick: tick, tickCount: 0, payload: state, compress: compress, level: level)
      spikes = 0
    }
    let offset = lock.withLock { written }
    do {
      try file.write(chunk.bytes)
    } catch {
      lock.withLock { failure = error.renamed(path) }
      return
    }
    lock.withLock {
      entries.append(IndexEntry(header: chunk.header, offset: offset, spikeCount: spikes))
      written += Int64(chunk.bytes.count)
    }
  }
}
