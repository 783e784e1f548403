/// Keyframes of a live run, taken while it runs forward, from which the session runs backwards
/// the way rr does: restore the nearest keyframe before the target, then re-execute.
///
/// Keyframes are evenly spaced so that a reverse move anywhere re-executes at most one spacing
/// (plus the spike history the screens show). When they outgrow the memory limit, every other
/// one is dropped and the spacing doubles: a run of any length fits, and reverse moves slow down
/// only by the factor the run grew. The run is deterministic, so keyframes stay valid when the
/// session goes back and forward again; they are taken only on ticks run for the first time.
package struct History: Sendable {
  /// One keyframe: the source's state and the session's own bookkeeping at that tick.
  package struct Keyframe: Sendable {
    package let source: SourceCheckpoint
    let session: SessionCheckpoint
    package var tick: Int64 { source.tick }
    var byteCount: Int { source.byteCount + session.byteCount }
  }

  /// The default memory limit (`--history-memory`, in MiB).
  package static let defaultMemoryMiB = 512

  package let memoryLimit: Int
  package private(set) var keyframes: [Keyframe] = []
  /// Ticks between keyframes (doubles when memory runs short).
  package private(set) var spacing: Int64
  package private(set) var byteCount = 0
  /// The last tick ever executed: keyframes exist up to here.
  package private(set) var frontier: Int64 = 0

  /// - Parameters:
  ///   - memoryLimit: bytes the keyframes may hold.
  ///   - spacing: ticks between keyframes to begin with.
  package init(memoryLimit: Int, spacing: Int64 = 1024) {
    self.memoryLimit = memoryLimit
    self.spacing = max(1, spacing)
  }

  /// Whether the tick just executed is new ground where a keyframe is due: one spacing after the
  /// last where `aligned` (a tick the session prefers), two spacings after it anyway.
  func isDue(at tick: Int64, aligned: Bool) -> Bool {
    guard tick > frontier else { return false }
    let since = tick - (keyframes.last?.tick ?? 0)
    return since >= 2 * spacing || (aligned && since >= spacing)
  }

  /// Notes that `tick` has been executed.
  mutating func advance(to tick: Int64) {
    frontier = max(frontier, tick)
  }

  mutating func add(_ keyframe: Keyframe) {
    keyframes.append(keyframe)
    byteCount += keyframe.byteCount
    // Thin out: keep the first (tick 0) and every other one after it.
    while byteCount > memoryLimit && keyframes.count > 2 {
      var kept: [Keyframe] = []
      kept.reserveCapacity(keyframes.count / 2 + 1)
      for (k, frame) in keyframes.enumerated() where k % 2 == 0 || k == keyframes.count - 1 { kept.append(frame) }
      keyframes = kept
      byteCount = kept.reduce(0) { $0 + $1.byteCount }
      spacing *= 2
    }
  }

  /// The latest keyframe at or before `tick`.
  package func latest(atOrBefore tick: Int64) -> Keyframe? {
    var lo = 0
    var hi = keyframes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if keyframes[mid].tick <= tick { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 ? keyframes[lo - 1] : nil
  }

  /// `history: 1,204 keyframes every 8,192 ticks, 301.2 MiB of 512 MiB, back to tick 0`
  package var summary: String {
    let mib = Double(byteCount) / 1_048_576
    return "history: \(keyframes.count) keyframe\(keyframes.count == 1 ? "" : "s") every \(spacing) ticks, "
      + "\(String(format: "%.1f", mib)) MiB of \(memoryLimit / 1_048_576) MiB, back to tick \(keyframes.first?.tick ?? 0)"
  }
}

/// What the session itself keeps that a reverse move must restore: the cycle's weight changes
/// and the recent audit findings.
struct SessionCheckpoint: Sendable {
  let cycleChanges: [Int: CycleChanges.Saved]
  let violations: [(tick: Int64, population: Int)]

  var byteCount: Int { cycleChanges.values.reduce(0) { $0 + $1.byteCount } + 16 * violations.count }
}
