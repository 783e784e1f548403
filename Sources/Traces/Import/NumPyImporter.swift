import Budgets
import NumPy

/// Which axis of a 2-D spike array is time.
package enum SpikeAxis: String, Sendable, CaseIterable {
  /// (neurons × ticks), as the authors' `spikes_*.npz`, NxSDK probes and Lava's `raster_plot`.
  case neuronsFirst = "neurons-first"
  /// (ticks × neurons), as Lava's Monitor and snnTorch.
  case timeFirst = "time-first"
}

/// Reads spike rasters from `.npz` archives (one member per population) and `.npy` files.
///
/// Any integer, bool or float dtype, either byte order, C or Fortran order, format versions 1–3,
/// stored or deflated members, ZIP64 as numpy writes it. Any non-zero element is a spike (NaN
/// included, −0.0 not). A member named `_meta` holding integers `[t0, ticksPerCycle]` (as
/// ``NpzExporter`` writes) sets the time base.
package enum NumPyImporter {
  /// The name of the metadata member.
  package static let metadataMember = "_meta"

  /// Reads an `.npz` archive; column 0 is tick `t0` (or `_meta`'s t0, or 1).
  /// - Throws: ``TraceError`` naming the file, the member and the byte offset, or the problem.
  package static func readArchive(
    path: String, axis: SpikeAxis, t0: Int64?, budget: ResourceBudget = .standard
  ) throws(TraceError) -> ImportedSpikes {
    let archive: NpzArchive
    do {
      archive = try NpzArchive.read(path: path, budget: budget)
    } catch {
      throw error.renamed(path)
    }
    return try read(archive, file: path, axis: axis, t0: t0, budget: budget)
  }

  /// Parses an `.npz` image held in memory; `name` is used in errors.
  package static func parseArchive(
    _ bytes: [UInt8], name: String, axis: SpikeAxis, t0: Int64?, budget: ResourceBudget = .standard
  ) throws(TraceError) -> ImportedSpikes {
    let archive: NpzArchive
    do {
      archive = try NpzArchive.parse(bytes, file: name, budget: budget)
    } catch {
      throw error.renamed(name)
    }
    return try read(archive, file: name, axis: axis, t0: t0, budget: budget)
  }

  static func read(
    _ archive: NpzArchive, file path: String, axis: SpikeAxis, t0: Int64?, budget: ResourceBudget
  ) throws(TraceError) -> ImportedSpikes {
    var arrays = archive.members
    var fileT0: Int64?
    var ticksPerCycle: Int?
    if let k = arrays.firstIndex(where: { $0.name == metadataMember }) {
      let meta = arrays.remove(at: k).array
      let values: [Int64]
      do {
        values = try meta.integers(name: path)
      } catch {
        throw TraceError(
          file: path, position: .wholeFile, expected: "integers in member '\(metadataMember).npy'", found: "\(meta.dtype)")
      }
      guard values.count >= 2, (0...TraceLimits.maximumTick).contains(values[0]),
        (0...Int64(TraceLimits.maximumTicksPerCycle)).contains(values[1])
      else {
        throw TraceError(
          file: path, position: .wholeFile, expected: "member '\(metadataMember).npy' = [t0, ticks per cycle] in range",
          found: "\(values.prefix(4))")
      }
      fileT0 = values[0]
      ticksPerCycle = Int(values[1])
    }
    guard !arrays.isEmpty else {
      throw TraceError(file: path, position: .wholeFile, expected: "at least one population array", found: "none")
    }
    var imported = try read(arrays, file: path, axis: axis, t0: t0 ?? fileT0 ?? 1, budget: budget)
    imported.ticksPerCycle = ticksPerCycle
    return imported
  }

  /// Reads one `.npy` array as one population named `name`.
  package static func readArray(
    path: String, name: String, axis: SpikeAxis, t0: Int64?, budget: ResourceBudget = .standard
  ) throws(TraceError) -> ImportedSpikes {
    let array: NpyArray
    do {
      array = try NpyArray.read(path: path)
    } catch {
      throw error.renamed(path)
    }
    return try read([(name, array)], file: path, axis: axis, t0: t0 ?? 1, budget: budget)
  }

  static func read(
    _ arrays: [(name: String, array: NpyArray)], file: String, axis: SpikeAxis, t0: Int64,
    budget: ResourceBudget
  ) throws(TraceError) -> ImportedSpikes {
    // Each spike costs a record many times the array byte it came from: counted before kept.
    let spikeLimit = budget[.spikes]
    var populations: [TracePopulation] = []
    var records: [ImportedSpikes.Record] = []
    var ticks: Int?
    for (p, (name, array)) in arrays.enumerated() {
      let member = name + ".npy"
      func fail(_ expected: String, _ found: String) -> TraceError {
        TraceError(file: file, position: .wholeFile, expected: "\(expected) in member '\(member)'", found: found)
      }
      let shapeText = "shape (" + array.shape.map(String.init).joined(separator: ", ") + (array.shape.count == 1 ? ",)" : ")")
      let (neurons, length): (Int, Int)
      switch array.shape.count {
      case 1: (neurons, length) = (1, array.shape[0])
      case 2: (neurons, length) = axis == .neuronsFirst ? (array.shape[0], array.shape[1]) : (array.shape[1], array.shape[0])
      default: throw fail("a 1-D or 2-D spike array", shapeText)
      }
      guard (1...TraceLimits.maximumPopulationSize).contains(neurons) else {
        throw fail("1...\(TraceLimits.maximumPopulationSize) neurons (\(axis.rawValue))", shapeText)
      }
      guard Int64(length) <= TraceLimits.maximumTick - t0 else { throw fail("at most \(TraceLimits.maximumTick - t0) ticks", shapeText) }
      if let ticks, ticks != length {
        throw fail("\(ticks) ticks like '\(arrays[0].name).npy' (\(axis.rawValue))", shapeText)
      }
      ticks = length
      guard !name.isEmpty else { throw fail("a population name", "an empty member name") }
      populations.append(TracePopulation(name: name, size: neurons))
      let complete = spikes(in: array, axis: axis) { neuron, tick in
        guard records.count < spikeLimit else { return false }
        records.append(ImportedSpikes.Record(tick: t0 + Int64(tick), population: Int32(p), index: Int32(neuron)))
        return true
      }
      guard complete else {
        let exceeded = BudgetExceeded(resource: .spikes, amount: nil, limit: spikeLimit)
        throw fail(exceeded.allowance, "more")
      }
    }
    records.sort()
    return ImportedSpikes(populations: populations, records: records, tickRange: t0..<t0 + Int64(ticks ?? 0))
  }

  /// Calls `body(neuron, tick)` for every non-zero element, in storage order, until it returns false.
  /// - Returns: whether every element was visited.
  static func spikes(in array: NpyArray, axis: SpikeAxis, _ body: (Int, Int) -> Bool) -> Bool {
    let size = array.dtype.itemSize
    let count = array.data.count / size
    let rows = array.shape.count == 2 ? array.shape[0] : count
    let columns = array.shape.count == 2 ? array.shape[1] : 1
    let isFloat = array.dtype.kind.isFloatingPoint
    // The byte holding a float's sign bit, which alone does not make a value non-zero.
    let signByte = array.dtype.isBigEndian ? 0 : size - 1
    return array.data.withUnsafeBufferPointer { data in
      for element in 0..<count {
        let base = element * size
        var nonzero = false
        for k in 0..<size {
          let byte = data[base + k]
          if byte != 0 && !(isFloat && k == signByte && byte == 0x80) {
            nonzero = true
            break
          }
        }
        guard nonzero else { continue }
        if array.shape.count < 2 {
          guard body(0, element) else { return false }
          continue
        }
        let (row, column) = array.isFortranOrder ? (element % rows, element / rows) : (element / columns, element % columns)
        guard axis == .neuronsFirst ? body(row, column) : body(column, row) else { return false }
      }
      return true
    }
  }
}
