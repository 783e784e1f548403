/// Twin routing. Dense connections that route the same rows every tick (same source, delay and
/// width: `Network.Route.twinLeader`) and hold equal contributions need the rows summed once:
/// the group's leader sums them into `ChipState.twinSums`, and every twin adds that sum into its
/// own accumulators. Wrapping sums are the same in any order, so the accumulators end up exactly
/// as if each connection had added its own rows. The nBP circuit keeps its three copies of W1
/// (and of W2) identical by construction, which makes this most of its routing.
///
/// The invariant `route` relies on: `state.sharesTwinSum[c]` for a follower c implies
/// `state.contributions[c] == state.contributions[leader]`. ``checkTwins()`` establishes it by
/// comparing whole arrays, whenever contributions changed other than by learning
/// (`twinsNeedCheck`); ``keepTwins()`` maintains it through learning by comparing exactly the
/// synapses that either side changed in the tick (the learning pass lists every change). A
/// leader's own flag says whether any of its followers shares its sum.
extension Chip {
  /// Whether connection `c` routes through its group's shared sum now (false until checked).
  func sharesTwinSum(_ c: Int) -> Bool {
    !state.twinsNeedCheck && state.sharesTwinSum[c]
  }

  mutating func checkTwins() {
    let routes = network.routes
    if state.sharesTwinSum.count != routes.count {
      state.sharesTwinSum = [Bool](repeating: false, count: routes.count)
    }
    if state.twinSums.count != network.twinSumCount {
      state.twinSums = [Int32](repeating: 0, count: network.twinSumCount)
    }
    for c in network.twinFollowers {
      state.sharesTwinSum[c] = state.contributions[c] == state.contributions[routes[c].twinLeader]
    }
    markLeaders()
    state.twinsNeedCheck = false
  }

  /// After a learning phase: a twin stays one only if it and its leader agree on every synapse
  /// that either of them changed in this tick (elsewhere they were equal and did not change).
  mutating func keepTwins() {
    guard !state.twinsNeedCheck else { return }
    var lost = false
    for c in network.twinFollowers where state.sharesTwinSum[c] {
      let leader = network.routes[c].twinLeader
      let (own, leaders) = (state.learning[c].changed, state.learning[leader].changed)
      if own.isEmpty && leaders.isEmpty { continue }
      let (mine, theirs) = (state.contributions[c], state.contributions[leader])
      if !Self.agree(mine, theirs, at: own) || (own != leaders && !Self.agree(mine, theirs, at: leaders)) {
        state.sharesTwinSum[c] = false
        lost = true
      }
    }
    if lost { markLeaders() }
  }

  private static func agree(_ a: [Int32], _ b: [Int32], at synapses: [Int32]) -> Bool {
    for s in synapses where a[Int(s)] != b[Int(s)] { return false }
    return true
  }

  private mutating func markLeaders() {
    let routes = network.routes
    for c in routes.indices where routes[c].twinLeader == c && routes[c].twinSum >= 0 {
      state.sharesTwinSum[c] = false
    }
    for c in network.twinFollowers where state.sharesTwinSum[c] {
      state.sharesTwinSum[routes[c].twinLeader] = true
    }
  }
}
