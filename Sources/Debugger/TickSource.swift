import Loihi

/// What a population does, as the debugger and the screens group and colour it.
package enum PopulationRole: String, Hashable, Sendable, CaseIterable {
  /// Spike generators (pixels, targets, kicks, rewards, a JSON network's `generators`).
  case input
  /// Forward-pass populations, and any population of a circuit that declares no roles.
  case forward
  /// Backward-pass populations.
  case backward
  /// Memories that re-present activity later in the cycle.
  case memory
  /// The gates of the gating chain.
  case gate
  /// Error populations (nBP's d+ and d-).
  case error
  /// Target populations (nBP's t).
  case target

  /// Roles drawn in the backward pane; every other role goes to the forward pane.
  package var isBackward: Bool { self == .backward || self == .memory || self == .error }
}

/// A population as the debugger sees it, live or replayed.
package struct SourcePopulation: Hashable, Sendable {
  package let name: String
  package let size: Int
  package let role: PopulationRole
  /// Windows in which it may spike (empty: unconstrained, e.g. generators).
  package let windows: Set<Int>
  /// A longer label for screens (the paper's symbol for nBP; may be empty).
  package let label: String
  package let isGenerator: Bool

  package init(name: String, size: Int, role: PopulationRole, windows: Set<Int>, label: String, isGenerator: Bool) {
    self.name = name
    self.size = size
    self.role = role
    self.windows = windows
    self.label = label
    self.isGenerator = isGenerator
  }
}

/// A named connection group: one weight matrix of the circuit, with the names of its axes.
///
/// nBP's groups keep the names users know (`w1`, `w2`, `w2Tp`, `w2Tm`; axes `x`, `h`, `o`) and
/// hold every chip copy of the matrix; a JSON network has one group per connection, named as the
/// connection (`in->a`), its axes named after the source and target populations.
package struct ConnectionGroup: Hashable, Sendable {
  package struct Axis: Hashable, Sendable {
    /// The name an index on this axis is written with (`o` in `w2[o=3]`).
    package let name: String
    package let size: Int
    /// The population the axis runs over.
    package let population: Int

    package init(name: String, size: Int, population: Int) {
      self.name = name
      self.size = size
      self.population = population
    }
  }

  package let name: String
  /// The chip connections holding this matrix; the first is the one read, the others are copies
  /// that must stay identical to it.
  package let connections: [ConnectionID]
  package let pre: Axis
  package let post: Axis
  package let isPlastic: Bool

  package init(name: String, connections: [ConnectionID], pre: Axis, post: Axis, isPlastic: Bool) {
    precondition(!connections.isEmpty, "a connection group holds at least one connection")
    self.name = name
    self.connections = connections
    self.pre = pre
    self.post = post
    self.isPlastic = isPlastic
  }

  package var primary: ConnectionID { connections[0] }

  /// Whether screens and summaries put the post axis along the rows: the shorter axis runs down,
  /// so flat matrices stay flat (W1 is h × x, W2 and its transposes o × h).
  package var rowsArePost: Bool { post.size <= pre.size }

  /// The axis an index name refers to: the axis's own name, or `pre`/`post`.
  package func axis(named name: String) -> (isPre: Bool, axis: Axis)? {
    if name == "pre" { return (true, pre) }
    if name == "post" { return (false, post) }
    // A recurrent group's axes share a name: only pre/post tell them apart.
    if pre.name == post.name { return nil }
    if name == pre.name { return (true, pre) }
    if name == post.name { return (false, post) }
    return nil
  }

  /// Every group of a network, one per connection, named after the connection and its populations.
  package static func perConnection(of network: Network) -> [ConnectionGroup] {
    network.connections.indices.map { c in
      let connection = network.connections[c]
      let source = network[connection.source]
      let target = network[connection.target]
      return ConnectionGroup(
        name: connection.name, connections: [ConnectionID(c)],
        pre: Axis(name: source.name, size: connection.preCount, population: connection.source.rawValue),
        post: Axis(name: target.name, size: connection.postCount, population: connection.target.rawValue),
        isPlastic: connection.learning != nil)
    }
  }
}

/// A sample's input drawn as the image it came from (`rows × columns` binarised pixels).
package struct SampleImage: Hashable, Sendable {
  package let rows: Int
  package let columns: Int
  package let pixels: [UInt8]

  /// A square image when the input count is a square (20×20 digits), else one row.
  package init(pixels: [UInt8]) {
    var side = 1
    while (side + 1) * (side + 1) <= pixels.count { side += 1 }
    let square = side * side == pixels.count && side > 1
    rows = square ? side : 1
    columns = square ? side : pixels.count
    self.pixels = pixels
  }
}

/// What a sample did in its cycle, once known (sources whose cycles present data-set samples).
package struct SampleRecord: Hashable, Sendable {
  /// The cycle that presented it (0, 1, …) and its index in the data set.
  package let cycle: Int
  package let sampleIndex: Int
  package let label: Int
  /// The input, where the source has it (live runs).
  package var image: SampleImage?
  /// Output spikes of the output window, if it has run.
  package var output: [Bool]?
  /// Output pre-activations (live only).
  package var preActivation: [Int32]?
  /// The two error populations of the error window, if it has run (training circuits only).
  package var errorPlus: [Bool]?
  package var errorMinus: [Bool]?

  package init(cycle: Int, sampleIndex: Int, label: Int) {
    self.cycle = cycle
    self.sampleIndex = sampleIndex
    self.label = label
  }

  /// Argmax of the output spikes, ties to the lowest index (numpy's argmax; no spike → 0, as the
  /// authors' metrics count it).
  package var prediction: Int? {
    guard let output else { return nil }
    return output.firstIndex(of: true) ?? 0
  }

  /// The prediction as a screen shows it: `none` when no output fired (never a silent 0).
  package var predictionText: String {
    guard let output else { return "(not yet)" }
    return output.firstIndex(of: true).map(String.init) ?? "none"
  }

  /// The output is not the one-hot target.
  package var isError: Bool? {
    output.map { out in out.indices.contains { out[$0] != ($0 == label) } }
  }
}

/// Where a circuit's answer to a sample is read: which populations, in which windows.
///
/// Data, so that a replayed trace gets the same sample records as the live run without the
/// debugger knowing any circuit's population names.
package struct SampleReadout: Hashable, Sendable {
  package let output: Int
  package let outputWindow: Int
  /// The error populations (plus, minus) and their window, for training circuits.
  package let errors: (plus: Int, minus: Int)?
  package let errorWindow: Int?

  package init(output: Int, outputWindow: Int, errors: (plus: Int, minus: Int)?, errorWindow: Int?) {
    self.output = output
    self.outputWindow = outputWindow
    self.errors = errors
    self.errorWindow = errorWindow
  }

  /// The window after which a cycle's outcome (label, prediction, error) is known.
  package var outcomeWindow: Int { errorWindow ?? outputWindow }

  package static func == (a: Self, b: Self) -> Bool {
    a.output == b.output && a.outputWindow == b.outputWindow && a.errors?.plus == b.errors?.plus
      && a.errors?.minus == b.errors?.minus && a.errorWindow == b.errorWindow
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(output)
    hasher.combine(outputWindow)
    hasher.combine(errors?.plus)
    hasher.combine(errors?.minus)
    hasher.combine(errorWindow)
  }
}

/// Something that produces ticks: a live chip (the nBP circuit, any JSON network) or a trace.
///
/// The debugger's session drives it one tick at a time and reads only what it needs; circuit
/// knowledge (samples, names of matrices) comes from the source as data.
package protocol TickSource {
  var populations: [SourcePopulation] { get }
  var timeModel: TimeModel { get }
  /// The weight matrices, as named groups (empty where the source holds no weights).
  var connectionGroups: [ConnectionGroup] { get }
  /// The last executed tick (0 before the first).
  var tick: Int64 { get }
  /// Live sources run forward only; replays can seek anywhere.
  var isLive: Bool { get }
  /// The last tick available, or nil while unbounded.
  var lastTick: Int64? { get }
  /// Runs one tick; false when there is nothing more to run.
  mutating func step() throws -> Bool
  /// Spikes of a population in the last executed tick.
  func spikes(of population: Int) -> [Int]
  /// How many spikes a population emitted in the last executed tick (no allocation).
  func spikeCount(of population: Int) -> Int
  /// Spikes of a population at an earlier tick, or nil beyond the kept history.
  func spikes(of population: Int, at tick: Int64) -> [Int32]?
  /// How many recent ticks `spikes(of:at:)` can answer for (live), or every tick (replay: nil).
  var historyTicks: Int? { get }
  /// Spikes of a population over a range of ticks (one list per tick; empty beyond the data).
  func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]]
  /// The same spikes handed over tick by tick, as ``SpikeSlice``s (offset within `ticks` first),
  /// for screens that read many ticks every frame: live sources lend the chip's own history
  /// instead of building a list per tick.
  func forEachTick(of population: Int, ticks: ClosedRange<Int64>, _ body: (Int, SpikeSlice) -> Void)
  /// The window after which a cycle's sample outcome is known; nil for sources without samples.
  var sampleOutcomeWindow: Int? { get }
  /// The sample a cycle presented, if the source has samples.
  func sample(ofCycle cycle: Int) -> SampleRecord?
  /// The chip, for state inspection (live only).
  var chip: Chip? { get }
  /// The population a screen selects first (nBP: the hidden layer), if the source has a preference.
  var preferredPopulation: Int? { get }
  /// Repositions a replay at `tick` (throws for a live source moving backwards).
  mutating func seek(to tick: Int64) throws
  /// Why a neuron spiked in the last executed tick, in the circuit's terms (nBP: the veto and
  /// the sum it lost against); nil where the source cannot tell.
  func explainSpike(of population: Int, neuron: Int) -> String?
  /// The whole state after the last tick, compactly, for running backwards; nil for sources
  /// that cannot return to it (replays seek instead).
  func checkpoint() -> SourceCheckpoint?
  /// Returns to a state from ``checkpoint()`` of this source; its spike history is complete
  /// again after ``ticksToCompleteHistory`` more ticks.
  mutating func restore(_ checkpoint: SourceCheckpoint) throws
}

/// A live source's state at one tick: the chip's keyframe and what the source keeps beside it.
package struct SourceCheckpoint: Sendable {
  package let chip: ChipKeyframe
  /// The source's own bookkeeping (nBP: samples scheduled, their records), opaque to the session.
  package let bookkeeping: any Sendable
  package let byteCount: Int

  package init(chip: ChipKeyframe, bookkeeping: any Sendable = (), bookkeepingBytes: Int = 0) {
    self.chip = chip
    self.bookkeeping = bookkeeping
    byteCount = chip.byteCount + bookkeepingBytes
  }

  package var tick: Int64 { chip.tick }
}

/// One tick's spikes of one population, borrowed: neuron index = number − `base`.
package struct SpikeSlice {
  package let numbers: ArraySlice<Int32>
  package let base: Int32

  package init(numbers: ArraySlice<Int32>, base: Int32) {
    self.numbers = numbers
    self.base = base
  }

  package var isEmpty: Bool { numbers.isEmpty }
}

extension TickSource {
  package func spikes(of population: Int, ticks: ClosedRange<Int64>) -> [[Int32]] {
    ticks.map { $0 <= tick ? spikes(of: population, at: $0) ?? [] : [] }
  }

  package func forEachTick(of population: Int, ticks: ClosedRange<Int64>, _ body: (Int, SpikeSlice) -> Void) {
    for (offset, list) in spikes(of: population, ticks: ticks).enumerated() {
      body(offset, SpikeSlice(numbers: list[...], base: 0))
    }
  }

  /// ``forEachTick(of:ticks:_:)`` for a source whose spikes are its chip's history.
  package func forEachTick(on chip: Chip, of population: Int, ticks: ClosedRange<Int64>, _ body: (Int, SpikeSlice) -> Void) {
    let id = PopulationID(population)
    for (offset, t) in ticks.enumerated() {
      guard let (numbers, base) = chip.spikeNumbers(of: id, atTick: t) else {
        body(offset, SpikeSlice(numbers: [], base: 0))
        continue
      }
      body(offset, SpikeSlice(numbers: numbers, base: base))
    }
  }

  package var preferredPopulation: Int? { nil }

  package func explainSpike(of population: Int, neuron: Int) -> String? { nil }

  package func checkpoint() -> SourceCheckpoint? { nil }

  package mutating func restore(_ checkpoint: SourceCheckpoint) throws {
    throw DebuggerError.notAvailable("this source cannot run backwards")
  }

  /// Ticks to re-execute after ``restore(_:)`` before the spike history is whole again.
  package var ticksToCompleteHistory: Int { chip?.ticksUntilSpikeHistoryIsComplete ?? 0 }

  /// How a live source moves to `tick`: forward by stepping (until its data ends), never back.
  package mutating func stepForward(to tick: Int64) throws {
    guard tick >= self.tick else {
      throw DebuggerError.backwardsInLive(requested: tick, current: self.tick)
    }
    while self.tick < tick {
      if try !step() { break }
    }
  }

  /// The index of a population by name.
  package func populationIndex(named name: String) -> Int? {
    populations.firstIndex { $0.name == name }
  }
}

extension SampleReadout {
  /// The record of `cycle` read from spikes (as a replay has them): output and errors once their
  /// windows have passed `tick`.
  func record(
    cycle: Int, sampleIndex: Int, label: Int, model: TimeModel.Cycle, tick: Int64, sizes: [Int],
    spikes: (_ population: Int, _ tick: Int64) -> [Int32]?
  ) -> SampleRecord {
    var record = SampleRecord(cycle: cycle, sampleIndex: sampleIndex, label: label)
    func flags(_ population: Int, window: Int) -> [Bool]? {
      let at = model.tick(cycle: cycle, window: window)
      guard at <= tick, let fired = spikes(population, at) else { return nil }
      var result = [Bool](repeating: false, count: sizes[population])
      for i in fired { result[Int(i)] = true }
      return result
    }
    record.output = flags(output, window: outputWindow)
    if let errors, let errorWindow {
      record.errorPlus = flags(errors.plus, window: errorWindow)
      record.errorMinus = flags(errors.minus, window: errorWindow)
    }
    return record
  }
}
