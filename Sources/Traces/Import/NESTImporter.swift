/// Reads NEST spike recorder output: NEST 3 ASCII (`sender<TAB>time_ms`, or `time_step` and
/// `time_offset` columns) and NEST 2 `.gdf` (`gid time`, no header), merged and sorted.
///
/// Global ids map to populations through a sidecar (`population,first_id,size[,role]`, as
/// ``NESTExporter`` writes it); without one, every id is neuron `id − 1` of one population `nest`.
package enum NESTImporter {
  /// - Parameters:
  ///   - ids: the id map (a `.ids.csv` sidecar), if any.
  ///   - millisecondsPerTick: the simulation step; `time_ms` must be a whole number of ticks.
  package static func read(path: String, ids: String?, millisecondsPerTick: Double = 1) throws(TraceError) -> ImportedSpikes {
    let map = try ids.map { path throws(TraceError) in try readIdMap(path) }
    var lines = try TextLines(path: path)
    var records: [ImportedSpikes.Record] = []
    var inSteps = false
    var largestId = 0
    while let line = try lines.next() {
      let number = lines.lineNumber
      func fail(_ expected: String, _ found: String) -> TraceError {
        TraceError(file: path, position: .line(number), expected: expected, found: found)
      }
      let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
      if fields.isEmpty || fields[0].hasPrefix("#") { continue }
      if fields[0] == "sender" {
        inSteps = fields.count > 1 && fields[1] == "time_step"
        continue
      }
      guard fields.count >= 2 else { throw fail("'sender time' columns", "\(fields.count) column") }
      guard let sender = Int(fields[0]), sender >= 1, sender <= Int(Int32.max) else {
        throw fail("a sender id ≥ 1", "'\(fields[0].prefix(24))'")
      }
      let tick: Int64
      if inSteps {
        guard let step = Int64(fields[1]), (0...TraceLimits.maximumTick).contains(step) else {
          throw fail("a time step in 0...\(TraceLimits.maximumTick)", "'\(fields[1].prefix(24))'")
        }
        tick = step
      } else {
        guard let time = Double(fields[1]), time.isFinite, time >= 0 else {
          throw fail("a time in ms ≥ 0", "'\(fields[1].prefix(24))'")
        }
        let ticks = time / millisecondsPerTick
        guard ticks <= Double(TraceLimits.maximumTick), abs(ticks - ticks.rounded()) < 1e-6 else {
          throw fail("a whole number of \(millisecondsPerTick) ms ticks", "\(fields[1])")
        }
        tick = Int64(ticks.rounded())
      }
      if let map {
        guard let (p, index) = map.locate(sender) else {
          throw fail("a sender id listed in the id map", "\(sender)")
        }
        records.append(ImportedSpikes.Record(tick: tick, population: Int32(p), index: Int32(index)))
      } else {
        guard sender <= TraceLimits.maximumPopulationSize else {
          throw fail("a sender id ≤ \(TraceLimits.maximumPopulationSize) (or an id map)", "\(sender)")
        }
        largestId = max(largestId, sender)
        records.append(ImportedSpikes.Record(tick: tick, population: 0, index: Int32(sender - 1)))
      }
    }
    let populations = map?.populations ?? [TracePopulation(name: "nest", size: max(largestId, 1))]
    let (sorted, duplicate) = ImportedSpikes.sorted(records)
    if let duplicate {
      throw TraceError(
        file: path, position: .wholeFile, expected: "each spike once",
        found: "tick \(duplicate.tick), '\(populations[Int(duplicate.population)].name)' index \(duplicate.index) twice")
    }
    return ImportedSpikes(populations: populations, records: sorted)
  }

  /// Populations and their first global ids.
  struct IdMap {
    var populations: [TracePopulation]
    var firstIds: [Int]

    func locate(_ id: Int) -> (Int, Int)? {
      for (p, first) in firstIds.enumerated() where id >= first && id < first + populations[p].size {
        return (p, id - first)
      }
      return nil
    }
  }

  static func readIdMap(_ path: String) throws(TraceError) -> IdMap {
    var lines = try TextLines(path: path)
    var map = IdMap(populations: [], firstIds: [])
    var names: Set<String> = []
    while let line = try lines.next() {
      let number = lines.lineNumber
      guard let fields = csvFields(line), !(fields.count == 1 && fields[0].isEmpty) else { continue }
      if fields.first == "population" || fields.first?.hasPrefix("#") == true { continue }
      guard fields.count >= 3, !fields[0].isEmpty, let first = Int(fields[1]), let size = Int(fields[2]),
        first >= 1, first <= Int(Int32.max), (1...TraceLimits.maximumPopulationSize).contains(size),
        map.populations.count < TraceLimits.maximumPopulations
      else {
        throw TraceError(
          file: path, position: .line(number), expected: "'population,first_id,size[,role]' with ids ≥ 1",
          found: quotedBytes(line, limit: 40))
      }
      guard names.insert(fields[0]).inserted else {
        throw TraceError(file: path, position: .line(number), expected: "each population once", found: "a second '\(fields[0])'")
      }
      for (p, other) in map.firstIds.enumerated() where first < other + map.populations[p].size && other < first + size {
        throw TraceError(
          file: path, position: .line(number), expected: "id ranges that do not overlap",
          found: "\(first)..<\(first + size) overlapping '\(map.populations[p].name)'")
      }
      map.populations.append(TracePopulation(name: fields[0], size: size, role: fields.count > 3 ? fields[3] : ""))
      map.firstIds.append(first)
    }
    guard !map.populations.isEmpty else {
      throw TraceError(file: path, position: .wholeFile, expected: "at least one population", found: "none")
    }
    return map
  }
}
