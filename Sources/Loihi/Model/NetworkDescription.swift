/// A population: a group of compartments sharing one parameter set, or a group of spike generators.
public struct PopulationSpec: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case compartments(CompartmentParameters)
    /// Spike generators emit the events scheduled for them (initially here, or later on the chip).
    case generator(events: [SpikeEvent])
  }

  public var name: String
  public var size: Int
  public var kind: Kind

  public init(name: String, size: Int, kind: Kind) {
    self.name = name
    self.size = size
    self.kind = kind
  }

  public var isGenerator: Bool {
    if case .generator = kind { return true }
    return false
  }
}

/// A spike a generator emits at `tick` (≥ 1); it reaches targets at `tick + 1 + delay`.
public struct SpikeEvent: Hashable, Sendable, Comparable {
  public var index: Int32
  public var tick: Int64

  public init(index: Int32, tick: Int64) {
    self.index = index
    self.tick = tick
  }

  public static func < (a: SpikeEvent, b: SpikeEvent) -> Bool {
    (a.tick, a.index) < (b.tick, b.index)
  }
}

/// A synapse group from one population to a population of compartments.
public struct ConnectionSpec: Hashable, Sendable {
  /// A unique name; defaults to `source->target`.
  public var name: String
  public var source: String
  public var target: String
  public var connectivity: Connectivity
  public var format: WeightFormat
  /// Synaptic delay 0...62 ticks.
  public var delay: Int32
  public var learning: LearningRule?

  public init(
    name: String? = nil, source: String, target: String, connectivity: Connectivity,
    format: WeightFormat, delay: Int32 = 0, learning: LearningRule? = nil
  ) throws {
    self.name = name ?? "\(source)->\(target)"
    self.source = source
    self.target = target
    self.connectivity = connectivity
    self.format = format
    self.delay = try LoihiError.check(delay, in: ChipLimits.delay, field: "delay")
    self.learning = learning
  }
}

/// Everything needed to build a chip: populations and the connections between them.
///
/// A plain value; ``Network`` checks it and compiles it into flat arrays.
public struct NetworkDescription: Hashable, Sendable {
  public var populations: [PopulationSpec]
  public var connections: [ConnectionSpec]

  public init(populations: [PopulationSpec] = [], connections: [ConnectionSpec] = []) {
    self.populations = populations
    self.connections = connections
  }
}
