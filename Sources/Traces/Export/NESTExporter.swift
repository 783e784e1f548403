/// Writes spikes as NEST 3 ASCII recorder output (`sender<TAB>time_ms`), with one global id per
/// neuron: population p's neuron i is `neuronBase(p) + i + 1` over all populations of the trace
/// (so ids do not depend on the selection). One tick is one millisecond.
package enum NESTExporter {
  /// Streams the selection to `sink`: the NEST 3 header, then `id<TAB>tick.000` per spike, in
  /// tick order; `idMapName` is named in a comment line.
  /// - Throws: ``TraceError`` for a damaged chunk, or what `sink` throws.
  package static func write(
    _ reader: TraceReader, selection: ExportSelection, idMapName: String, to sink: @escaping ([UInt8]) throws -> Void
  ) throws {
    var out = TextBuffer(sink: sink)
    try out.write("# NEST version: 3.0\n# RecordingBackendASCII version: 2\n")
    try out.write("# written by \(reader.metadata.tool) from \(reader.path); 1 tick = 1 ms; ids: \(idMapName)\n")
    try out.write("sender\ttime_ms\n")
    let bases = reader.metadata.neuronBases
    try reader.forEachBlock(in: selection.ticks, populations: selection.populations) { block in
      for tick in block.spikingTicks {
        for (slot, p) in selection.populations.enumerated() {
          for index in block.spikes(slot: slot, tick: tick) {
            out.write(decimal: Int64(bases[p]) + Int64(index) + 1)
            out.write(byte: 0x09)
            out.write(decimal: tick)
            for byte in ".000\n".utf8 { out.write(byte: byte) }
          }
        }
        try out.flushIfFull()
      }
    }
    try out.flush()
  }

  /// The id map sidecar: `population,first_id,size,role`, one line per selected population.
  package static func idMap(_ reader: TraceReader, selection: ExportSelection) -> String {
    let bases = reader.metadata.neuronBases
    var text = "population,first_id,size,role\n"
    for p in selection.populations {
      let population = reader.metadata.populations[p]
      text += "\(csvField(population.name)),\(bases[p] + 1),\(population.size),\(csvField(population.role))\n"
    }
    return text
  }
}
