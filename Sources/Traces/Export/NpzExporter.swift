import NumPy

/// Builds an `.npz` in the layout of the authors' `spikes_*.npz`: one dense (neurons × ticks)
/// array per population, named exactly as the population, 1 where the neuron spiked; plus a member
/// `_meta` = int64 `[t0, ticks per cycle]` (t0 = the tick of column 0), which their code ignores
/// and ``NumPyImporter`` reads.
package enum NpzExporter {
  /// The element type of the spike arrays.
  package enum ElementType: String, Sendable, CaseIterable {
    /// float64, as the authors' probes give (8 bytes per element).
    case float64 = "f8"
    /// uint8 (1 byte per element).
    case uint8 = "u1"
    /// bool (1 byte per element).
    case bool = "b1"

    var kind: NpyScalarKind {
      switch self {
      case .float64: .float64
      case .uint8: .uint8
      case .bool: .bool
      }
    }

    /// The little-endian bytes of a 1.
    var one: [UInt8] {
      switch self {
      case .float64: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
      case .uint8, .bool: [1]
      }
    }
  }

  /// The bytes the arrays take, to check against a limit before building them.
  package static func arrayBytes(_ reader: TraceReader, selection: ExportSelection, element: ElementType) -> Int {
    let neurons = selection.populations.reduce(0) { $0 + reader.metadata.populations[$1].size }
    let (elements, tooMany) = neurons.multipliedReportingOverflow(by: selection.ticks.count)
    let (bytes, tooLarge) = elements.multipliedReportingOverflow(by: element.one.count)
    return tooMany || tooLarge ? Int.max : bytes
  }

  /// The archive for the selection (held in memory: check ``arrayBytes(_:selection:element:)``
  /// first).
  /// - Throws: ``TraceError`` for a damaged chunk.
  package static func archive(_ reader: TraceReader, selection: ExportSelection, element: ElementType = .float64) throws
    -> NpzArchive
  {
    let ticks = selection.ticks.count
    let one = element.one
    let size = one.count
    var data: [[UInt8]] = selection.populations.map {
      [UInt8](repeating: 0, count: reader.metadata.populations[$0].size * ticks * size)
    }
    try reader.forEachBlock(in: selection.ticks, populations: selection.populations) { block in
      for tick in block.ticks {
        let column = Int(tick - selection.ticks.lowerBound)
        for slot in selection.populations.indices {
          for index in block.spikes(slot: slot, tick: tick) {
            let base = (Int(index) * ticks + column) * size
            for k in 0..<size { data[slot][base + k] = one[k] }
          }
        }
      }
    }
    var members: [(name: String, array: NpyArray)] = []
    for (slot, p) in selection.populations.enumerated() {
      let population = reader.metadata.populations[p]
      members.append(
        (population.name, NpyArray(shape: [population.size, ticks], dtype: NpyDType(kind: element.kind), data: data[slot])))
      data[slot] = []
    }
    members.append(
      (NumPyImporter.metadataMember,
        NpyArray(shape: [2], int64s: [selection.ticks.lowerBound, Int64(reader.metadata.ticksPerCycle)])))
    return NpzArchive(members: members)
  }
}
