/// The authors' test metrics, accumulated over samples.
package struct Metrics: Hashable, Sendable {
  package private(set) var count = 0
  private var exactHits = 0
  private var argmaxHits = 0
  private var top1Hits = 0
  private var squaredError = 0

  package init() {}

  /// Exact one-hot match: the label's output fired and no other did.
  package var exact: Double { ratio(exactHits) }
  /// Argmax of the output spikes, ties to the lowest index (so no spike at all means class 0),
  /// as numpy's argmax does in the authors' code.
  package var argmax: Double { ratio(argmaxHits) }
  /// Argmax of the output pre-activations a2 (ties to the lowest index).
  package var top1: Double { ratio(top1Hits) }
  /// Mean over samples and outputs of (o − t)².
  package var mse: Double { count == 0 ? 0 : Double(squaredError) / Double(count * outputs) }
  private var outputs = 1

  package mutating func add(_ output: TrialOutput, label: Int) {
    outputs = max(1, output.spikes.count)
    count += 1
    var exact = true
    for (j, spiked) in output.spikes.enumerated() where spiked != (j == label) {
      exact = false
      squaredError += 1
    }
    if exact { exactHits += 1 }
    if Self.firstMaximum(output.spikes.map { $0 ? 1 : 0 }) == label { argmaxHits += 1 }
    if Self.firstMaximum(output.preActivation.map(Int.init)) == label { top1Hits += 1 }
  }

  static func firstMaximum(_ values: [Int]) -> Int {
    var best = 0
    for (i, v) in values.enumerated() where v > values[best] { best = i }
    return best
  }

  private func ratio(_ hits: Int) -> Double { count == 0 ? 0 : Double(hits) / Double(count) }

  /// `exact 0.xxxx argmax 0.xxxx top1 0.xxxx mse 0.xxxx`
  package var summary: String {
    func f(_ x: Double) -> String {
      let scaled = Int((x * 10_000).rounded())
      let digits = String(scaled % 10_000)
      return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
    return "exact \(f(exact)) argmax \(f(argmax)) top1 \(f(top1)) mse \(f(mse))"
  }
}
