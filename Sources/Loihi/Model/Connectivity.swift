/// The synapses of a connection between two populations, before quantisation.
public enum Connectivity: Hashable, Sendable {
  /// One weight for every (pre, post) pair, row-major by pre (`weights[pre * postCount + post]`).
  case dense(preCount: Int, postCount: Int, weights: [Int32])
  /// An explicit list of synapses; a (pre, post) pair may appear at most once.
  case sparse([SparseSynapse])
  /// `pre[i] → post[i]` with one weight; both populations must have the same size.
  case oneToOne(weight: Int32)
  /// Every pre to every post with one weight (a gate fanning out to a population).
  case oneToAll(weight: Int32)

  /// Every weight the connection names, for sign-mode inference.
  public var weightValues: [Int32] {
    switch self {
    case .dense(_, _, let weights): return weights
    case .sparse(let synapses): return synapses.map(\.weight)
    case .oneToOne(let w), .oneToAll(let w): return [w]
    }
  }
}

/// One synapse of a sparse connection.
public struct SparseSynapse: Hashable, Sendable {
  public var pre: Int32
  public var post: Int32
  public var weight: Int32
  public init(pre: Int32, post: Int32, weight: Int32) {
    self.pre = pre
    self.post = post
    self.weight = weight
  }
}
