/// A slow, scalar oracle of the chip's neuron and synapse dynamics, written straight from Part A
/// of `loihi-semantics.md` with its own arithmetic (plain `Int`, mathematical modulo, division),
/// sharing nothing with ``Chip``'s fixed-point code but the network description.
///
/// It exists to be obviously right: tests require ``Chip`` to match it spike for spike and value
/// for value on random networks, and `nbpscope bench sim` reports ``Chip``'s speed against it.
/// Every tick it walks every synapse of every connection (as dense-matrix emulators do), so its
/// cost is O(synapses) per tick. It does not learn: plastic connections keep their initial weights.
public struct ReferenceChip: Sendable {
  public let network: Network
  public private(set) var tick = 0
  public private(set) var current: [Int]
  public private(set) var voltage: [Int]
  private var refractory: [Int]
  /// Pending input per compartment per future tick, indexed `[compartment][tick mod 64]`.
  private var pending: [[Int]]
  /// Which neurons (chip-wide numbering) spiked in the last tick.
  public private(set) var spiked: [Bool]
  private let synapses: [[(pre: Int, post: Int, weight: Int)]]

  public init(network: Network) {
    self.network = network
    current = Array(repeating: 0, count: network.compartmentCount)
    voltage = current
    refractory = current
    pending = Array(repeating: Array(repeating: 0, count: 64), count: network.compartmentCount)
    spiked = Array(repeating: false, count: network.neuronCount)
    let chip = Chip(network: network)
    synapses = network.connections.enumerated().map { c, connection in
      let matrix = chip.weightMatrix(ConnectionID(c))
      var list: [(pre: Int, post: Int, weight: Int)] = []
      for pre in 0..<connection.preCount {
        for post in 0..<connection.postCount where connection.synapse(pre: pre, post: post) != nil {
          list.append((pre, post, Int(matrix[pre * connection.postCount + post])))
        }
      }
      return list
    }
  }

  /// `x` wrapped into `bits`-bit two's complement with mathematical modulo.
  static func wrapped(_ x: Int, bits: Int) -> Int {
    let span = 1 << bits
    let half = span / 2
    let m = ((x + half) % span + span) % span
    return m - half
  }

  /// `sgn(x) · floor(|x| · (4096 − D) / 4096)`.
  static func decayed(_ x: Int, _ d: Int) -> Int {
    let magnitude = abs(x) * (4096 - d) / 4096
    return x < 0 ? -magnitude : magnitude
  }

  /// `floor(W · 2^e) · 64`.
  static func contribution(_ w: Int, exponent e: Int) -> Int {
    let scaled = e >= 0 ? w * (1 << e) : Int((Double(w) / Double(1 << -e)).rounded(.down))
    return scaled * 64
  }

  public mutating func step() {
    tick += 1
    let t = tick
    // Route the spikes of tick t − 1 with the current weights.
    for (c, connection) in network.connections.enumerated() {
      let source = network[connection.source]
      let target = network[connection.target]
      for synapse in synapses[c] where spiked[source.neuronBase + synapse.pre] {
        let k = target.compartmentBase + synapse.post
        let arrival = (t + Int(connection.delay)) % 64
        pending[k][arrival] += Self.contribution(synapse.weight, exponent: Int(connection.format.exponent))
      }
    }
    var next = Array(repeating: false, count: network.neuronCount)
    for (p, population) in network.populations.enumerated() {
      guard let parameters = population.parameters else {
        if case .generator(let events) = network.description.populations[p].kind {
          for event in events where event.tick == t { next[population.neuronBase + Int(event.index)] = true }
        }
        continue
      }
      for i in 0..<population.size {
        let k = population.compartmentBase + i
        let q = Self.wrapped(pending[k][t % 64], bits: 22)
        pending[k][t % 64] = 0
        current[k] = Self.wrapped(Self.decayed(current[k], Int(parameters.currentDecay)) + q, bits: 24)
        let drive = Self.wrapped(
          current[k] + Int(parameters.biasMantissa) * (1 << Int(parameters.biasExponent)), bits: 24)
        var v = Self.decayed(voltage[k], Int(parameters.voltageDecay)) + drive
        v = min(max(v, Int(parameters.voltageMin)), Int(parameters.voltageMax))
        if refractory[k] > 0 { v = 0 }
        if v > Int(parameters.thresholdMantissa) * 64 {
          next[population.neuronBase + i] = true
          v = 0
          refractory[k] = Int(parameters.refractoryDelay)
        }
        refractory[k] = max(refractory[k] - 1, 0)
        voltage[k] = v
      }
    }
    spiked = next
  }
}
