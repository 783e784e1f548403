import Files
import Loihi

/// Appends a run to a native trace file, tick by tick, crash-safely.
///
/// Spikes are buffered per chunk (a span of ticks) and written as one checksummed chunk when the
/// span reaches ``Options/maximumTicksPerChunk`` ticks or ``Options/maximumSpikesPerChunk``
/// spikes. Each chunk goes to the file with a single `write`, so a writer killed at any moment
/// leaves a file whose complete chunks all read back (``TraceReader`` rebuilds the index by
/// scanning; `nbpscope trace repair` writes it). ``close()`` appends the index and the trailer.
///
/// Ticks must increase; ticks skipped between two appends are recorded as silent.
package final class TraceWriter {
  /// How chunks are cut and stored.
  package struct Options: Sendable {
    /// Deflate each chunk (raw deflate) when that makes it smaller.
    package var compress: Bool
    /// zlib level for chunks (1 is fastest; 6 is zlib's default).
    package var compressionLevel: Int32
    /// A chunk spans at most this many ticks.
    package var maximumTicksPerChunk: Int
    /// A chunk is cut once it holds this many spikes.
    package var maximumSpikesPerChunk: Int
    /// Write a temporary sibling and rename it over the path in ``TraceWriter/close()`` (for
    /// conversions: no partial file ever appears). Otherwise the file is written in place, so a
    /// killed recording leaves everything up to its last complete chunk.
    package var publishOnClose: Bool
    /// Encode, compress and write chunks on a background thread while the caller goes on (the
    /// file is the same either way).
    package var background: Bool

    package init(
      compress: Bool = true, compressionLevel: Int32 = 1, maximumTicksPerChunk: Int = 4096,
      maximumSpikesPerChunk: Int = 1 << 16, publishOnClose: Bool = false, background: Bool = true
    ) {
      precondition(
        (1...TraceLimits.maximumTicksPerFrame).contains(maximumTicksPerChunk),
        "maximumTicksPerChunk \(maximumTicksPerChunk) outside 1...\(TraceLimits.maximumTicksPerFrame)")
      precondition(maximumSpikesPerChunk >= 1, "maximumSpikesPerChunk must be positive")
      self.compress = compress
      self.compressionLevel = compressionLevel
      self.maximumTicksPerChunk = maximumTicksPerChunk
      self.maximumSpikesPerChunk = maximumSpikesPerChunk
      self.publishOnClose = publishOnClose
      self.background = background
    }
  }

  /// The path the trace appears under.
  package let path: String
  package let metadata: TraceMetadata
  package let options: Options
  /// One past the last tick recorded (``TraceMetadata/t0`` before the first).
  package var endTick: Int64 { currentTick + 1 }
  /// Spikes appended so far.
  package private(set) var spikeCount = 0
  /// Bytes written so far (header and complete chunks; exact after ``close()``).
  package var bytesWritten: Int64 { sink.bytesWritten }

  private let file: OpenFile
  private let sink: ChunkSink
  private let temporaryPath: String?
  /// The temporary file's registration for removal on a signal.
  private let registration: TemporaryFiles.Slot?
  private let sizes: [Int]
  private let bases: [Int32]
  private var buffer: FrameBuffer
  private var currentTick: Int64
  private var pendingMarkers: [TraceMarker] = []
  private var wroteFrame = false
  private var checkedNetwork: ObjectIdentifier?
  private var isClosed = false

  /// Creates (or replaces) `path` and writes the file header and the metadata chunk.
  /// - Throws: ``TraceError`` if the file cannot be created or written.
  package init(path: String, metadata: TraceMetadata, options: Options = Options()) throws(TraceError) {
    // Importers and recorders build metadata from their input (an npz's members, a network's
    // populations), so a value the format cannot hold is that input's fault, not a bug.
    if let (expected, found) = metadata.validationProblem() {
      throw TraceError(file: path, position: .wholeFile, expected: expected, found: found)
    }
    // A trace is written with positioned writes and renamed into place: it replaces a regular file
    // (a symlink's target, the link kept), never a device, a FIFO or a directory.
    let target = Files.resolvingLinks(path)
    if let kind = Files.nonRegularKind(at: target) {
      throw TraceError(file: path, position: .wholeFile, expected: "a regular file to write the trace to", found: kind)
    }
    self.path = target
    self.metadata = metadata
    self.options = options
    temporaryPath = options.publishOnClose ? FileSystem.temporarySibling(of: target) : nil
    registration = temporaryPath.flatMap { TemporaryFiles.register($0) }
    do {
      file = try OpenFile.create(path: temporaryPath ?? target, exclusive: temporaryPath != nil)
    } catch {
      TemporaryFiles.finish(registration)
      throw error.renamed(path)
    }
    sink = ChunkSink(
      file: file, path: target, compress: options.compress, level: options.compressionLevel, background: options.background)
    sizes = metadata.populations.map(\.size)
    bases = metadata.neuronBases.map { Int32($0) }
    buffer = FrameBuffer(sizes: sizes, firstTick: metadata.t0)
    currentTick = metadata.t0 - 1
    do {
      try sink.writeNow(TraceFormat.fileHeader)
      let (_, bytes) = ChunkHeader.chunk(
        kind: .metadata, firstTick: metadata.t0, tickCount: 0, payload: metadata.json(), compress: options.compress)
      try sink.writeNow(bytes)
    } catch {
      abandon()
      throw error
    }
  }

  deinit {
    if !isClosed { abandon() }
  }

  // MARK: Ticks

  /// Records the chip's last tick (``Loihi/Chip/tick``), every population's spikes.
  ///
  /// The chip's network must have the metadata's populations (checked on first use).
  /// - Complexity: O(populations + spikes); no allocation except when a chunk is written.
  package func appendTick(of chip: Chip) throws(TraceError) {
    if checkedNetwork != ObjectIdentifier(chip.network) {
      precondition(
        chip.network.populations.map(\.size) == sizes,
        "TraceWriter: the chip's populations do not match the trace metadata")
      checkedNetwork = ObjectIdentifier(chip.network)
    }
    let tick = chip.tick
    precondition(tick > currentTick, "TraceWriter: tick \(tick) is not after tick \(currentTick)")
    try open(tick: tick)
    let offset = UInt32(tick - buffer.firstTick)
    let count = sizes.count
    // Work on local arrays: no exclusivity or uniqueness checks per spike.
    var indices: [Int32] = []
    var groups: [FrameBuffer.Group] = []
    swap(&indices, &buffer.indices)
    swap(&groups, &buffer.groups)
    chip.withLastTickSpikes { neurons, starts in
      for p in 0..<count {
        let first = Int(starts[p])
        let last = Int(starts[p + 1])
        guard first < last else { continue }
        let start = UInt32(indices.count)
        indices.append(contentsOf: UnsafeBufferPointer(rebasing: neurons[first..<last]))
        let base = bases[p]
        if base != 0 {
          indices.withUnsafeMutableBufferPointer { all in
            for k in Int(start)..<all.count { all[k] &-= base }
          }
        }
        groups.append(FrameBuffer.Group(population: UInt32(p), offset: offset, start: start, end: UInt32(indices.count)))
      }
    }
    swap(&indices, &buffer.indices)
    swap(&groups, &buffer.groups)
    spikeCount = buffer.spikeCount + spikeCountFlushed
    chipTick = tick
  }

  /// The tick last recorded whole from a chip (no population may be added to it).
  private var chipTick: Int64 = -1

  /// Records one tick: `spikes[p]` lists population p's neuron indices (strictly ascending, each
  /// below the population's size); `spikes` has one entry per population.
  package func append(tick: Int64, spikes: [[Int32]]) throws(TraceError) {
    precondition(spikes.count == sizes.count, "TraceWriter: \(spikes.count) spike lists for \(sizes.count) populations")
    precondition(tick > currentTick, "TraceWriter: tick \(tick) is not after tick \(currentTick)")
    try open(tick: tick)
    for (p, list) in spikes.enumerated() where !list.isEmpty { add(population: p, list) }
  }

  /// Adds spikes of one population at `tick`, which may be the tick appended last (for another
  /// population) or a later one. Indices strictly ascend and lie below the population's size.
  package func append(tick: Int64, population: Int, indices: [Int32]) throws(TraceError) {
    precondition(population >= 0 && population < sizes.count, "TraceWriter: population \(population) outside 0..<\(sizes.count)")
    precondition(tick >= currentTick && tick >= metadata.t0, "TraceWriter: tick \(tick) is before tick \(currentTick)")
    precondition(tick != chipTick, "TraceWriter: tick \(tick) was recorded whole by appendTick(of:)")
    if tick > currentTick { try open(tick: tick) }
    guard !indices.isEmpty else { return }
    precondition(
      buffer.lastOffset[population] != tick - buffer.firstTick,
      "TraceWriter: population \(population) already has spikes at tick \(tick)")
    add(population: population, indices)
  }

  /// Records the ticks up to `endTick − 1` as recorded (silent where nothing was appended).
  package func advance(to endTick: Int64) throws(TraceError) {
    if endTick - 1 > currentTick { try open(tick: endTick - 1) }
  }

  private func add(population p: Int, _ list: [Int32]) {
    let size = Int32(sizes[p])
    var previous: Int32 = -1
    for index in list {
      precondition(index > previous && index < size, "TraceWriter: indices of population \(p) must ascend within 0..<\(size)")
      previous = index
    }
    list.withUnsafeBufferPointer { buffer.append(population: p, offset: UInt32(currentTick - buffer.firstTick), $0) }
    spikeCount = buffer.spikeCount + spikeCountFlushed
  }

  private var spikeCountFlushed = 0

  /// Makes `tick` the current tick, writing the buffered chunk first if it is full.
  private func open(tick: Int64) throws(TraceError) {
    precondition(!isClosed, "TraceWriter: append after close()")
    precondition(tick <= TraceLimits.maximumTick, "TraceWriter: tick \(tick) beyond \(TraceLimits.maximumTick)")
    precondition(tick >= metadata.t0, "TraceWriter: tick \(tick) before t0 \(metadata.t0)")
    if tick - buffer.firstTick >= Int64(options.maximumTicksPerChunk) || buffer.spikeCount >= options.maximumSpikesPerChunk {
      try flushFrame()
      // A long silence: one empty chunk (or a few, for gaps beyond 2^30 ticks) covers it.
      while tick - buffer.firstTick > Int64(options.maximumTicksPerChunk) {
        currentTick = min(tick - 1, buffer.firstTick + (1 << 30) - 1)
        try flushFrame()
      }
    }
    currentTick = tick
  }

  // MARK: Markers and snapshots

  /// Records a marker; it is stored with the chunk that holds its tick (or the last chunk).
  package func mark(_ marker: TraceMarker) {
    pendingMarkers.append(marker)
  }

  /// Writes the chip's state as a snapshot chunk, right away.
  package func appendSnapshot(of chip: Chip) throws(TraceError) {
    try appendSnapshot(chip.snapshot())
  }

  /// Writes `state` (taken after tick `state.tick`) as a snapshot chunk, right away.
  package func appendSnapshot(_ state: ChipState) throws(TraceError) {
    precondition(!isClosed, "TraceWriter: snapshot after close()")
    try sink.submit(.snapshot(tick: state.tick, payload: state.serialized()))
  }

  // MARK: Chunks

  /// Writes the buffered span [firstTick, currentTick + 1) as a frame chunk.
  private func flushFrame() throws(TraceError) {
    let end = currentTick + 1
    let tickCount = Int(end - buffer.firstTick)
    var kept: [TraceMarker] = []
    for marker in pendingMarkers {
      if marker.tick < end || isClosing { buffer.markers.append(marker) } else { kept.append(marker) }
    }
    pendingMarkers = kept
    spikeCountFlushed += buffer.spikeCount
    var full = FrameBuffer(sizes: sizes, firstTick: end)
    full.indices.reserveCapacity(buffer.indices.capacity)
    full.groups.reserveCapacity(buffer.groups.capacity)
    swap(&full, &buffer)
    wroteFrame = true
    try sink.submit(.frame(full, tickCount: tickCount))
  }

  private var isClosing = false

  /// Writes the last chunk, the index and the trailer, syncs, and (with
  /// ``Options/publishOnClose``) renames the file into place.
  package func close() throws(TraceError) {
    guard !isClosed else { return }
    isClosing = true
    do {
      if currentTick + 1 > buffer.firstTick || !pendingMarkers.isEmpty || !wroteFrame {
        try flushFrame()
      }
      try sink.drain()
      let indexOffset = sink.bytesWritten
      let (_, index) = ChunkHeader.chunk(
        kind: .index, firstTick: metadata.t0, tickCount: 0, payload: IndexEntry.payload(sink.indexEntries),
        compress: options.compress)
      try sink.writeNow(index)
      try sink.writeNow(Trailer(indexOffset: indexOffset, indexSize: Int64(index.count)).encoded())
      try file.sync()
      file.close()
      if let temporaryPath { try FileSystem.rename(temporaryPath, over: path) }
      TemporaryFiles.finish(registration)
      isClosed = true
    } catch {
      abandon()
      throw error
    }
  }

  /// Gives up: a temporary file is removed; a file written in place stays as far as it got.
  private func abandon() {
    isClosed = true
    try? sink.drain()
    file.close()
    if let temporaryPath { FileSystem.remove(temporaryPath) }
    TemporaryFiles.finish(registration)
  }
}
