/// Reads `tick,population,index` CSV (as ``CSVExporter`` writes it, or by hand).
///
/// Lines starting with `#` are comments; these carry what plain rows cannot:
/// `# population,<name>,<size>[,<role>]` declares a population (in order, so silent ones are kept),
/// `# ticks,<first>,<end>` the covered ticks (end exclusive), `# ticks-per-cycle,<n>` and
/// `# cycle-origin,<tick>` the time base. A first row `tick,population,index` is a header. Without
/// declarations, populations appear in order of first use, sized by their largest index.
package enum CSVImporter {
  package static func read(path: String) throws(TraceError) -> ImportedSpikes {
    try read(try TextLines(path: path))
  }

  /// Parses CSV text held in memory; `name` is used in errors.
  package static func parse(_ bytes: [UInt8], name: String) throws(TraceError) -> ImportedSpikes {
    try read(TextLines(bytes: bytes, name: name))
  }

  static func read(_ lines: TextLines) throws(TraceError) -> ImportedSpikes {
    var lines = lines
    let path = lines.path
    var declared: [TracePopulation] = []
    var byName: [String: Int] = [:]
    var maxIndex: [Int] = []
    var records: [ImportedSpikes.Record] = []
    var range: Range<Int64>?
    var ticksPerCycle: Int?
    var cycleOrigin: Int64?
    var sawRow = false
    var hasDeclarations = false
    while let line = try lines.next() {
      let number = lines.lineNumber
      func fail(_ expected: String, _ found: String) -> TraceError {
        TraceError(file: path, position: .line(number), expected: expected, found: found)
      }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      guard let fields = csvFields(line) else { throw fail("a closing '\"'", "the end of the line") }
      if line.first == UInt8(ascii: "#") {
        var parts = fields
        parts[0] = String(parts[0].dropFirst()).trimmingSpaces
        switch parts[0] {
        case "population":
          guard !sawRow else { throw fail("population declarations before the first row", "'# population' after rows") }
          guard parts.count >= 3, !parts[1].isEmpty, let size = Int(parts[2]),
            (1...TraceLimits.maximumPopulationSize).contains(size)
          else {
            throw fail("'# population,<name>,<size 1...\(TraceLimits.maximumPopulationSize)>[,<role>]'", quotedBytes(line, limit: 40))
          }
          guard byName[parts[1]] == nil else { throw fail("each population declared once", "a second '\(parts[1])'") }
          byName[parts[1]] = declared.count
          hasDeclarations = true
          declared.append(
            TracePopulation(
              name: parts[1], size: size, role: parts.count > 3 ? parts[3] : "",
              isGenerator: parts.count > 4 && parts[4] == "generator"))
          maxIndex.append(-1)
        case "ticks":
          guard parts.count == 3, let first = Int64(parts[1]), let end = Int64(parts[2]),
            (0...TraceLimits.maximumTick).contains(first), (first...TraceLimits.maximumTick).contains(end)
          else { throw fail("'# ticks,<first>,<end>' with 0 ≤ first ≤ end", quotedBytes(line, limit: 40)) }
          range = first..<end
        case "ticks-per-cycle":
          guard parts.count == 2, let n = Int(parts[1]), (0...TraceLimits.maximumTicksPerCycle).contains(n) else {
            throw fail("'# ticks-per-cycle,<n>'", quotedBytes(line, limit: 40))
          }
          ticksPerCycle = n
        case "cycle-origin":
          guard parts.count == 2, let t = Int64(parts[1]), (0...TraceLimits.maximumTick).contains(t) else {
            throw fail("'# cycle-origin,<tick>'", quotedBytes(line, limit: 40))
          }
          cycleOrigin = t
        default:
          break
        }
        continue
      }
      if !sawRow && fields.map({ $0.lowercased() }) == ["tick", "population", "index"] {
        sawRow = true
        continue
      }
      sawRow = true
      guard fields.count == 3 else {
        throw fail("3 comma-separated fields (tick,population,index)", "\(fields.count)")
      }
      guard let tick = Int64(fields[0]), (0...TraceLimits.maximumTick).contains(tick) else {
        throw fail("a tick in 0...\(TraceLimits.maximumTick)", "'\(fields[0].prefix(24))'")
      }
      let p: Int
      if let known = byName[fields[1]] {
        p = known
      } else {
        guard !hasDeclarations else { throw fail("a declared population", "'\(fields[1].prefix(40))'") }
        guard !fields[1].isEmpty else { throw fail("a population name", "an empty field") }
        guard declared.count < TraceLimits.maximumPopulations else {
          throw fail("at most \(TraceLimits.maximumPopulations) populations", "more")
        }
        p = declared.count
        byName[fields[1]] = p
        declared.append(TracePopulation(name: fields[1], size: 0))
        maxIndex.append(-1)
      }
      let limit = declared[p].size > 0 ? declared[p].size : TraceLimits.maximumPopulationSize
      guard let index = Int(fields[2]), (0..<limit).contains(index) else {
        throw fail("a neuron index in 0..<\(limit) for '\(declared[p].name)'", "'\(fields[2].prefix(24))'")
      }
      maxIndex[p] = max(maxIndex[p], index)
      records.append(ImportedSpikes.Record(tick: tick, population: Int32(p), index: Int32(index)))
    }
    for p in declared.indices where declared[p].size == 0 {
      declared[p].size = maxIndex[p] + 1
    }
    let (sorted, duplicate) = ImportedSpikes.sorted(records)
    if let duplicate {
      throw TraceError(
        file: path, position: .wholeFile, expected: "each spike once",
        found: "tick \(duplicate.tick), '\(declared[Int(duplicate.population)].name)' index \(duplicate.index) twice")
    }
    if let range, let first = sorted.first, let last = sorted.last, first.tick < range.lowerBound || last.tick >= range.upperBound {
      throw TraceError(
        file: path, position: .wholeFile, expected: "spikes within the declared ticks \(range)",
        found: "ticks \(first.tick)...\(last.tick)")
    }
    return ImportedSpikes(
      populations: declared, records: sorted, tickRange: range, ticksPerCycle: ticksPerCycle, cycleOrigin: cycleOrigin)
  }
}
