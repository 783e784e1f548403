/// Writes spikes as CSV: a header `tick,population,index`, one row per spike, sorted by tick,
/// then population (metadata order), then index.
///
/// Comment lines before the header keep what rows cannot say, so ``CSVImporter`` restores the
/// trace exactly: the covered ticks, the time base, and every selected population with its size
/// and role (silent ones included).
package enum CSVExporter {
  /// Streams the selection as CSV to `sink` in pieces of about 1 MiB.
  /// - Throws: ``TraceError`` for a damaged chunk, or what `sink` throws.
  package static func write(
    _ reader: TraceReader, selection: ExportSelection, to sink: @escaping ([UInt8]) throws -> Void
  ) throws {
    var out = TextBuffer(sink: sink)
    let metadata = reader.metadata
    try out.write("# nbpscope spikes from \(csvField(reader.path)) (\(metadata.source), \(metadata.tool))\n")
    try out.write("# ticks,\(selection.ticks.lowerBound),\(selection.ticks.upperBound)\n")
    if metadata.ticksPerCycle > 0 {
      try out.write("# ticks-per-cycle,\(metadata.ticksPerCycle)\n# cycle-origin,\(metadata.cycleOrigin)\n")
    }
    for p in selection.populations {
      let population = metadata.populations[p]
      try out.write(
        "# population,\(csvField(population.name)),\(population.size),\(csvField(population.role))"
          + (population.isGenerator ? ",generator\n" : "\n"))
    }
    try out.write("tick,population,index\n")
    let names = selection.populations.map { Array((csvField(metadata.populations[$0].name) + ",").utf8) }
    try reader.forEachBlock(in: selection.ticks, populations: selection.populations) { block in
      for tick in block.spikingTicks {
        for slot in selection.populations.indices {
          for index in block.spikes(slot: slot, tick: tick) {
            out.write(decimal: tick)
            out.write(byte: UInt8(ascii: ","))
            for byte in names[slot] { out.write(byte: byte) }
            out.write(decimal: Int64(index))
            out.write(byte: 0x0A)
          }
        }
        try out.flushIfFull()
      }
    }
    try out.flush()
  }
}
