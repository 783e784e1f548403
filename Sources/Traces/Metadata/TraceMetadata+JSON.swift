import JSON
import Loihi

extension TraceMetadata {
  /// The metadata as UTF-8 JSON (keys in a fixed order, properties sorted).
  func json() -> [UInt8] {
    var members: [JSONMember] = []
    func add(_ key: String, _ value: JSONValue) { members.append(JSONMember(key: key, value: value)) }
    add("format", .string("nbpscope-trace"))
    add("version", .integer(Int64(TraceFormat.version)))
    add("tool", .string(tool))
    add("source", .string(source))
    add("seed", .string(String(seed)))
    add("t0", .integer(t0))
    add("ticksPerCycle", .integer(Int64(ticksPerCycle)))
    add("cycleOrigin", .integer(cycleOrigin))
    add("phaseNames", .array(phaseNames.map(JSONValue.string)))
    add("gateNames", .array(gateNames.map(JSONValue.string)))
    add(
      "populations",
      .array(
        populations.map { p in
          .object([
            JSONMember(key: "name", value: .string(p.name)),
            JSONMember(key: "size", value: .integer(Int64(p.size))),
            JSONMember(key: "role", value: .string(p.role)),
            JSONMember(key: "windows", value: .array(p.windows.map { .integer(Int64($0)) })),
            JSONMember(key: "generator", value: .bool(p.isGenerator)),
            JSONMember(key: "label", value: .string(p.label)),
          ])
        }))
    if let dataset { add("dataset", .string(dataset)) }
    if let sampleCount { add("sampleCount", .integer(Int64(sampleCount))) }
    add("snapshotInterval", .integer(Int64(snapshotInterval)))
    if let network { add("network", .string(network)) }
    add(
      "properties",
      .object(properties.keys.sorted().map { JSONMember(key: $0, value: .string(properties[$0]!)) }))
    var text = ""
    JSONText.write(.object(members), into: &text)
    return Array(text.utf8)
  }

  /// Decodes and checks the metadata JSON; failures are (byte offset within the JSON, expected,
  /// found).
  static func decode(json bytes: [UInt8]) -> Result<TraceMetadata, MetadataProblem> {
    let root: JSONValue
    do {
      root = try JSONValue.parse(bytes)
    } catch {
      return .failure(MetadataProblem(offset: error.offset, expected: error.expected, found: "invalid JSON"))
    }
    func fail(_ expected: String, _ found: String) -> Result<TraceMetadata, MetadataProblem> {
      .failure(MetadataProblem(offset: nil, expected: expected, found: found))
    }
    guard root["format"]?.stringValue == "nbpscope-trace" else {
      return fail("metadata with \"format\": \"nbpscope-trace\"", root["format"]?.brief ?? "no format")
    }
    guard root["version"]?.int64Value == Int64(TraceFormat.version) else {
      return fail("metadata version \(TraceFormat.version)", root["version"]?.brief ?? "none")
    }
    func string(_ key: String) -> String? { root[key]?.stringValue }
    func integer(_ key: String) -> Int64? { root[key]?.int64Value }
    func strings(_ key: String) -> [String]? {
      guard let array = root[key]?.arrayValue else { return nil }
      let values = array.compactMap(\.stringValue)
      return values.count == array.count ? values : nil
    }
    guard let tool = string("tool") else { return fail("a 'tool' string", root["tool"]?.brief ?? "none") }
    guard let source = string("source") else { return fail("a 'source' string", root["source"]?.brief ?? "none") }
    guard let seedText = string("seed"), let seed = UInt64(seedText) else {
      return fail("a decimal 'seed' string", root["seed"]?.brief ?? "none")
    }
    func integer(_ key: String, in range: ClosedRange<Int64>) -> Int64? { integer(key).flatMap { range.contains($0) ? $0 : nil } }
    func badInteger(_ key: String, _ range: ClosedRange<Int64>? = nil) -> Result<TraceMetadata, MetadataProblem> {
      fail("an integer '\(key)'" + (range.map { " in \($0.lowerBound)...\($0.upperBound)" } ?? ""), root[key]?.brief ?? "none")
    }
    let cycleRange = -1...Int64(TraceLimits.maximumTicksPerCycle)
    let intervalRange = -1...TraceLimits.maximumTick
    guard let t0 = integer("t0") else { return badInteger("t0") }
    guard let ticksPerCycle = integer("ticksPerCycle", in: cycleRange) else { return badInteger("ticksPerCycle", cycleRange) }
    guard let cycleOrigin = integer("cycleOrigin") else { return badInteger("cycleOrigin") }
    guard let snapshotInterval = integer("snapshotInterval", in: intervalRange) else {
      return badInteger("snapshotInterval", intervalRange)
    }
    guard let phaseNames = strings("phaseNames") else { return fail("a string array 'phaseNames'", root["phaseNames"]?.brief ?? "none") }
    guard let gateNames = strings("gateNames") else { return fail("a string array 'gateNames'", root["gateNames"]?.brief ?? "none") }
    guard let list = root["populations"]?.arrayValue else { return fail("a 'populations' array", "none") }
    var populations: [TracePopulation] = []
    populations.reserveCapacity(min(list.count, TraceLimits.maximumPopulations))
    for (k, item) in list.enumerated() {
      guard let name = item["name"]?.stringValue, let size = item["size"]?.int64Value,
        (-1...Int64(TraceLimits.maximumPopulationSize) + 1).contains(size),
        let role = item["role"]?.stringValue, let windowList = item["windows"]?.arrayValue,
        let isGenerator = item["generator"]?.boolValue, let label = item["label"]?.stringValue
      else {
        return fail("populations[\(k)] with name, size, role, windows, generator and label", item.brief)
      }
      let windows = windowList.compactMap { $0.int64Value.flatMap { Int(exactly: $0) } }
      guard windows.count == windowList.count else { return fail("integer windows of '\(name)'", "other values") }
      populations.append(
        TracePopulation(name: name, size: Int(size), role: role, windows: windows, isGenerator: isGenerator, label: label))
    }
    var properties: [String: String] = [:]
    for member in root["properties"]?.objectMembers ?? [] {
      guard let value = member.value.stringValue else { return fail("string properties", member.value.brief) }
      properties[member.key] = value
    }
    let sampleCount = integer("sampleCount")
    if let sampleCount, sampleCount < 0 || sampleCount > Int64(Int32.max) {
      return fail("a sample count in 0...\(Int32.max)", "\(sampleCount)")
    }
    let metadata = TraceMetadata(
      tool: tool, source: source, seed: seed, t0: t0, ticksPerCycle: Int(ticksPerCycle), cycleOrigin: cycleOrigin,
      phaseNames: phaseNames, gateNames: gateNames, populations: populations, dataset: string("dataset"),
      sampleCount: sampleCount.map { Int($0) }, snapshotInterval: Int(snapshotInterval), network: string("network"),
      properties: properties)
    if let (expected, found) = metadata.validationProblem() { return fail(expected, found) }
    return .success(metadata)
  }
}

/// Why the metadata JSON was refused.
struct MetadataProblem: Error {
  /// Byte offset within the JSON text, for syntax errors.
  let offset: Int?
  let expected: String
  let found: String
}
