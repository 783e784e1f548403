/// Writes spikes as CSV: a header `tick,population,index`, one row per spike, sorted by tick,
/// then population (metadata order), then index.
///
/// Comment lines before the header keep what rows cannot say, so ``CSVImporter`` restores the
/// trace exactly: the covered ticks, the time base, and every selected population with its size
/// and role (silent ones included).
public enum CSVExporter {
  public static func write(
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
      for tick in block.ticks {
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

/// Writes spikes as NEST 3 ASCII recorder output (`sender<TAB>time_ms`), with one global id per
/// neuron: population p's neuron i is `neuronBase(p) + i + 1` over all populations of the trace
/// (so ids do not depend on the selection). One tick is one millisecond.
public enum NESTExporter {
  public static func write(
    _ reader: TraceReader, selection: ExportSelection, idMapName: String, to sink: @escaping ([UInt8]) throws -> Void
  ) throws {
    var out = TextBuffer(sink: sink)
    try out.write("# NEST version: 3.0\n# RecordingBackendASCII version: 2\n")
    try out.write("# written by \(reader.metadata.tool) from \(reader.path); 1 tick = 1 ms; ids: \(idMapName)\n")
    try out.write("sender\ttime_ms\n")
    let bases = reader.metadata.neuronBases
    try reader.forEachBlock(in: selection.ticks, populations: selection.populations) { block in
      for tick in block.ticks {
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
  public static func idMap(_ reader: TraceReader, selection: ExportSelection) -> String {
    let bases = reader.metadata.neuronBases
    var text = "population,first_id,size,role\n"
    for p in selection.populations {
      let population = reader.metadata.populations[p]
      text += "\(csvField(population.name)),\(bases[p] + 1),\(population.size),\(csvField(population.role))\n"
    }
    return text
  }
}
