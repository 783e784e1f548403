import Budgets
/// Writes spikes as a Value Change Dump (IEEE 1364) that GTKWave and Surfer open, and a GTKWave
/// save file that groups its signals.
///
/// Layout: a top scope `chip`; a `gating` scope with one wire per gate population (named after
/// it) and a string `phase` holding the current window's name (spaces as `_`; `-` before the
/// first cycle); then one scope per other selected population with one wire per neuron (`n0`,
/// `n1`, …) or, with `summary`, one integer `count` of its spikes in the tick. A spike is a
/// one-tick pulse: `1` at its tick, `0` at the next unless it spikes again. Time is in ticks; the
/// timescale says what one tick is (1 µs unless told otherwise). A last timestamp at the end of
/// the window closes the final pulses.
package enum VCDExporter {
  /// A VCD timescale: 1, 10 or 100 of s, ms, us, ns, ps or fs.
  package struct Timescale: Sendable, CustomStringConvertible {
    package let magnitude: Int
    package let unit: String

    /// Parses `1us`, `1 us`, `10ms`, …; nil for anything VCD does not allow.
    package init?(_ text: String) {
      let compact = text.filter { $0 != " " }
      let digits = compact.prefix { $0.isNumber }
      let unit = String(compact.dropFirst(digits.count))
      guard let magnitude = Int(digits), [1, 10, 100].contains(magnitude),
        ["s", "ms", "us", "ns", "ps", "fs"].contains(unit)
      else { return nil }
      self.magnitude = magnitude
      self.unit = unit
    }

    package var description: String { "\(magnitude) \(unit)" }
  }

  /// One declared variable.
  struct Variable {
    enum Kind {
      case wire(population: Int, slot: Int, index: Int)
      case count(population: Int, slot: Int, width: Int)
      case phase
    }
    let kind: Kind
    let id: String
    let scope: String
    let name: String
  }

  /// The VCD identifier of variable k: base-94 over the printable characters `!`…`~`.
  static func identifier(_ k: Int) -> String {
    var n = k
    var scalars = String.UnicodeScalarView()
    repeat {
      scalars.append(UnicodeScalar(UInt8(33 + n % 94)))
      n /= 94
    } while n > 0
    return String(scalars)
  }

  /// A name usable as a VCD reference and a GTKWave path component (no spaces or dots).
  static func reference(_ name: String) -> String {
    String(name.map { $0 == " " || $0 == "." || $0 == "\t" ? "_" : $0 })
  }

  /// Declares the variables: gates and phase first, then each population's neurons or count.
  static func variables(_ metadata: TraceMetadata, selection: ExportSelection, summary: Bool) -> [Variable] {
    var result: [Variable] = []
    func next() -> String { identifier(result.count) }
    let gates = Set(metadata.gateNames)
    for (slot, p) in selection.populations.enumerated() where gates.contains(metadata.populations[p].name) {
      let population = metadata.populations[p]
      for index in 0..<population.size {
        result.append(
          Variable(
            kind: .wire(population: p, slot: slot, index: index), id: next(), scope: "gating",
            name: reference(population.name) + (population.size > 1 ? "_\(index)" : "")))
      }
    }
    if !metadata.phaseNames.isEmpty {
      result.append(Variable(kind: .phase, id: next(), scope: "gating", name: "phase"))
    }
    for (slot, p) in selection.populations.enumerated() where !gates.contains(metadata.populations[p].name) {
      let population = metadata.populations[p]
      let scope = reference(population.name) == "gating" ? "gating_" : reference(population.name)
      if summary {
        let width = max(1, Int.bitWidth - population.size.leadingZeroBitCount)
        result.append(Variable(kind: .count(population: p, slot: slot, width: width), id: next(), scope: scope, name: "count"))
      } else {
        for index in 0..<population.size {
          result.append(Variable(kind: .wire(population: p, slot: slot, index: index), id: next(), scope: scope, name: "n\(index)"))
        }
      }
    }
    return result
  }

  /// Streams the selection as VCD to `sink`.
  /// - Parameters:
  ///   - summary: one spike-count vector per population instead of a wire per neuron.
  ///   - timescale: what one tick is.
  /// - Throws: ``TraceError`` for a damaged chunk, or what `sink` throws.
  /// Bytes the VCD of `selection` takes at least whatever its spikes: the phase wire changes on
  /// its own (a `#tick` line and a value line, 7 bytes or more, per change), so a long trace is
  /// refused before writing instead of after gigabytes.
  package static func minimumBytes(_ reader: TraceReader, selection: ExportSelection) -> Int64 {
    let names = reader.metadata.phaseNames
    guard !names.isEmpty else { return 0 }
    let changes = names.indices.filter { names[$0] != names[($0 + names.count - 1) % names.count] }.count
    let cycles = Int64(selection.ticks.count) / Int64(names.count)
    return ResourceBudget.product(cycles, Int64(changes * 7)) ?? .max
  }

  package static func write(
    _ reader: TraceReader, selection: ExportSelection, summary: Bool, timescale: Timescale,
    to sink: @escaping ([UInt8]) throws -> Void
  ) throws {
    let metadata = reader.metadata
    let variables = Self.variables(metadata, selection: selection, summary: summary)
    var out = TextBuffer(sink: sink)
    try out.write("$version \(metadata.tool) $end\n")
    try out.write(
      "$comment tick = 1 Loihi time step; source \(reader.path) (\(metadata.source)); t0 = \(selection.ticks.lowerBound); "
        + "ticks per cycle = \(metadata.ticksPerCycle); cycle origin = \(metadata.cycleOrigin) $end\n")
    try out.write("$timescale \(timescale) $end\n$scope module chip $end\n")
    var currentScope: String?
    for variable in variables {
      if variable.scope != currentScope {
        if currentScope != nil { try out.write("$upscope $end\n") }
        try out.write("$scope module \(variable.scope) $end\n")
        currentScope = variable.scope
      }
      switch variable.kind {
      case .wire: try out.write("$var wire 1 \(variable.id) \(variable.name) $end\n")
      case .count(_, _, let width): try out.write("$var integer \(width) \(variable.id) \(variable.name) $end\n")
      case .phase: try out.write("$var string 1 \(variable.id) \(variable.name) $end\n")
      }
    }
    if currentScope != nil { try out.write("$upscope $end\n") }
    try out.write("$upscope $end\n$enddefinitions $end\n")

    // Wire variables by (slot, index) for the per-tick lookups.
    var wireIds: [[String]] = Array(repeating: [], count: selection.populations.count)
    var countIds: [(slot: Int, id: String)] = []
    var phaseId: String?
    for variable in variables {
      switch variable.kind {
      case .wire(_, let slot, _): wireIds[slot].append(variable.id)
      case .count(_, let slot, _): countIds.append((slot, variable.id))
      case .phase: phaseId = variable.id
      }
    }
    var state = PulseState(slots: selection.populations.count, countIds: countIds)
    var tick = selection.ticks.lowerBound
    var first = true
    let empty = SpikeBlock(firstTick: 0, tickCount: 0, populations: [], rows: [])

    func emit(_ tick: Int64, _ block: SpikeBlock, inBlock: Bool) throws {
      let phase = phaseId.map { _ in
        metadata.phaseName(ofTick: tick).map(reference) ?? "-"
      }
      if first {
        try out.write("#\(tick)\n$dumpvars\n")
        for slot in wireIds.indices {
          let spiking = inBlock ? Set(block.spikes(slot: slot, tick: tick)) : []
          for (index, id) in wireIds[slot].enumerated() { try out.write((spiking.contains(Int32(index)) ? "1" : "0") + id + "\n") }
        }
        for (slot, id) in countIds {
          let count = inBlock ? block.spikes(slot: slot, tick: tick).count : 0
          try out.write("b\(String(count, radix: 2)) \(id)\n")
        }
        if let phaseId, let phase { try out.write("s\(phase) \(phaseId)\n") }
        try out.write("$end\n")
        state.update(block, tick: tick, inBlock: inBlock, phase: phase)
        first = false
        return
      }
      try state.changes(block, tick: tick, inBlock: inBlock, phase: phase, wireIds: wireIds, phaseId: phaseId, out: &out)
    }

    // Without phase names, the first silent tick of a stretch closes the pulses and the rest
    // change nothing: a long silence costs one step, not one per tick.
    let phasesChange = phaseId != nil && !metadata.phaseNames.isEmpty
    func silence(until end: Int64) throws {
      while tick < end {
        try emit(tick, empty, inBlock: false)
        tick = phasesChange ? tick + 1 : end
      }
    }
    try reader.forEachBlock(in: selection.ticks, populations: selection.populations) { block in
      try silence(until: block.firstTick)
      var t = block.firstTick
      while t < block.ticks.upperBound {
        try emit(t, block, inBlock: true)
        t += 1
        // Silent ticks inside the block: the first closes the pulses, the rest change nothing.
        if !phasesChange, t < block.ticks.upperBound {
          let next = block.firstSpikingTick(from: t) ?? block.ticks.upperBound
          if next > t {
            try emit(t, block, inBlock: true)
            t = next
          }
        }
      }
      tick = block.ticks.upperBound
    }
    try silence(until: selection.ticks.upperBound)
    // Close the last pulses.
    if !first {
      try state.changes(empty, tick: selection.ticks.upperBound, inBlock: false, phase: nil, wireIds: wireIds, phaseId: nil, out: &out)
    }
    try out.flush()
  }

  /// Which wires are high, each count's value and the phase shown, between ticks.
  struct PulseState {
    var high: [[Int32]]
    var counts: [Int]
    let countIds: [(slot: Int, id: String)]
    var phase: String?

    init(slots: Int, countIds: [(slot: Int, id: String)]) {
      high = Array(repeating: [], count: slots)
      counts = Array(repeating: 0, count: countIds.count)
      self.countIds = countIds
    }

    mutating func update(_ block: SpikeBlock, tick: Int64, inBlock: Bool, phase: String?) {
      for slot in high.indices { high[slot] = inBlock ? Array(block.spikes(slot: slot, tick: tick)) : [] }
      for (k, entry) in countIds.enumerated() { counts[k] = inBlock ? block.spikes(slot: entry.slot, tick: tick).count : 0 }
      self.phase = phase
    }

    /// Writes `#tick` and the changes from the previous tick, if there are any.
    mutating func changes(
      _ block: SpikeBlock, tick: Int64, inBlock: Bool, phase: String?, wireIds: [[String]], phaseId: String?,
      out: inout TextBuffer
    ) throws {
      var lines = ""
      for slot in high.indices where !wireIds[slot].isEmpty {
        let now = inBlock ? block.spikes(slot: slot, tick: tick) : []
        // Both lists ascend: merge them to find falls (in old only) and rises (in new only).
        var i = 0
        var j = now.startIndex
        let old = high[slot]
        while i < old.count || j < now.endIndex {
          if j == now.endIndex || (i < old.count && old[i] < now[j]) {
            lines += "0" + wireIds[slot][Int(old[i])] + "\n"
            i += 1
          } else if i == old.count || now[j] < old[i] {
            lines += "1" + wireIds[slot][Int(now[j])] + "\n"
            j += 1
          } else {
            i += 1
            j += 1
          }
        }
        high[slot] = Array(now)
      }
      for (k, entry) in countIds.enumerated() {
        let count = inBlock ? block.spikes(slot: entry.slot, tick: tick).count : 0
        if count != counts[k] {
          lines += "b\(String(count, radix: 2)) \(entry.id)\n"
          counts[k] = count
        }
      }
      if let phaseId, let phase, phase != self.phase {
        lines += "s\(phase) \(phaseId)\n"
        self.phase = phase
      }
      guard !lines.isEmpty else { return }
      try out.write("#\(tick)\n" + lines)
    }
  }

  /// A GTKWave save file (`.gtkw`) for `vcdPath`: a group for the gating scope, then one group
  /// per population (closed when it has more than 16 neurons).
  package static func gtkwSaveFile(
    _ reader: TraceReader, selection: ExportSelection, summary: Bool, vcdPath: String
  ) -> String {
    let metadata = reader.metadata
    let variables = Self.variables(metadata, selection: selection, summary: summary)
    // Flags (GTKWave's TraceEntFlags): 0x28 binary, right-justified; 0x24 decimal; groups are
    // blank (0x200) + grp_begin (0x800000) or grp_end (0x1000000), closed adds 0x400000|0x1000.
    var text = "[*] \(metadata.tool) export of \(reader.path)\n"
    text += "[dumpfile] \"\(vcdPath)\"\n[timestart] \(selection.ticks.lowerBound)\n[treeopen] chip.\n"
    var k = 0
    while k < variables.count {
      let scope = variables[k].scope
      var members: [Variable] = []
      while k < variables.count && variables[k].scope == scope {
        members.append(variables[k])
        k += 1
      }
      let closed = members.count > 16
      text += "@\(closed ? "c00200" : "800200")\n-\(scope)\n"
      var flags = ""
      for member in members {
        let wanted: String
        switch member.kind {
        case .count: wanted = "24"
        case .wire, .phase: wanted = "28"
        }
        if wanted != flags {
          text += "@\(wanted)\n"
          flags = wanted
        }
        text += "chip.\(scope).\(member.name)\n"
      }
      text += "@\(closed ? "1401200" : "1000200")\n-\(scope)\n"
    }
    return text
  }
}
