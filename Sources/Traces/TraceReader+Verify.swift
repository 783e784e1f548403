/// What a full pass over a trace found (`nbpscope trace info`).
package struct TraceSummary: Sendable {
  /// Spikes per population (in metadata order), over the readable frames.
  package var spikeCounts: [Int]
  /// Frame chunks read back intact.
  package var intactFrames = 0
  /// Snapshot chunks read back intact.
  package var intactSnapshots = 0
  /// Markers, and how many of them are sample markers (one per cycle).
  package var markerCount = 0
  package var sampleMarkerCount = 0
  /// Bytes of chunk payloads before and after compression.
  package var rawPayloadBytes: Int64 = 0
  package var storedPayloadBytes: Int64 = 0
  /// Every damaged chunk, one error each.
  package var problems: [TraceError] = []

  /// All spikes.
  package var totalSpikes: Int { spikeCounts.reduce(0, +) }
}

extension TraceReader {
  /// Reads every chunk, checks every checksum and decodes every section completely (spike counts
  /// against the directory, indices against population sizes).
  ///
  /// Damage is collected in ``TraceSummary/problems`` rather than thrown, so one pass reports all
  /// of it.
  /// - Complexity: reads the whole file once, one chunk at a time.
  package func verify() -> TraceSummary {
    var summary = TraceSummary(spikeCounts: Array(repeating: 0, count: sizes.count))
    for chunk in chunks {
      do throws(TraceError) {
        switch chunk.kind {
        case .frame:
          let frame = try decodeFrame(chunk)
          summary.rawPayloadBytes += Int64(frame.payload.count)
          summary.storedPayloadBytes += chunk.size - Int64(TraceFormat.chunkHeaderSize)
          for p in sizes.indices {
            do {
              summary.spikeCounts[p] += try frame.validatedCount(population: p, size: sizes[p])
            } catch {
              throw payloadError(error, chunk: chunk)
            }
          }
          let markers: [TraceMarker]
          do {
            markers = try frame.markers()
          } catch {
            throw payloadError(error, chunk: chunk)
          }
          summary.markerCount += markers.count
          summary.sampleMarkerCount += markers.filter {
            if case .sample = $0.event { return true }
            return false
          }.count
          summary.intactFrames += 1
        case .snapshot:
          let snapshot = try readSnapshot(chunk)
          summary.rawPayloadBytes += Int64(snapshot.bytes.count)
          summary.storedPayloadBytes += chunk.size - Int64(TraceFormat.chunkHeaderSize)
          guard snapshot.bytes.starts(with: Array("LCS1".utf8)) else {
            throw TraceError(
              file: path, position: .payload(chunk: chunk.offset, byte: 0), expected: "a chip state starting with 'LCS1'",
              found: quotedBytes(snapshot.bytes.prefix(4)))
          }
          summary.intactSnapshots += 1
        case .metadata, .index:
          break
        }
      } catch {
        summary.problems.append(error)
      }
    }
    return summary
  }
}
