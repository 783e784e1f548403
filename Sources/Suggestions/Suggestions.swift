/// "did you mean …?": the one edit-distance helper of the project.
package enum Suggestions {
  /// Names longer than this get no suggestion: the distance costs length × length, and a name
  /// that long is not a typo (a hostile 10 MB key must not take seconds).
  package static let maximumLength = 64

  /// Levenshtein distance over Unicode scalars.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The nearest candidate whose distance to `name` is at most `limit(name, candidate)`; on a tie
  /// the first in order.
  package static func closest(
    to name: String, among candidates: some Sequence<String>, limit: (_ name: String, _ candidate: String) -> Int
  ) -> String? {
    guard name.unicodeScalars.count <= maximumLength else { return nil }
    var best: (String, Int)?
    for candidate in candidates where candidate.unicodeScalars.count <= maximumLength {
      let distance = editDistance(name, candidate)
      if distance <= limit(name, candidate), distance < (best?.1 ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.0
  }
}

/// The closest candidate to `name`, if close enough to be a plausible typo: within a third of
/// the candidate's length (at least 1).
package func closestName(to name: String, among candidates: some Sequence<String>) -> String? {
  Suggestions.closest(to: name, among: candidates) { _, candidate in max(1, candidate.count / 3) }
}

/// Text from the input as a message shows it: cut to `limit` characters, so that a 10 MB key or
/// line never becomes a 10 MB error line.
package func echoed(_ text: some StringProtocol, limit: Int = 40) -> String {
  var count = 0
  var end = text.startIndex
  while end < text.endIndex && count < limit {
    end = text.index(after: end)
    count += 1
  }
  return end == text.endIndex ? String(text) : text[..<end] + "…"
}
