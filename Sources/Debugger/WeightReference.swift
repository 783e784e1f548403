import Suggestions
import Loihi

/// A reference to weights of a connection group, as commands write it: `w2[o=3]` (a row or
/// column), `w2[o=3, h=17]` (one synapse), or `w(in->a)[pre=1]` for any group, whose name may
/// hold characters such as `->`.
struct WeightReference: Hashable, Sendable {
  let group: Int
  /// The fixed pre and post indices (nil: the whole axis).
  let pre: Int?
  let post: Int?

  /// Parses `text`; nil when it is not a weight reference at all (a condition, `u(h1[3])`).
  static func parse(_ text: String, groups: [ConnectionGroup], populations: [String], line: String) throws
    -> WeightReference?
  {
    let name: String
    let indices: Substring
    let names = groups.map(\.name)
    if text.hasPrefix("w("), let close = text.firstIndex(of: ")") {
      name = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
      indices = text[text.index(after: close)...]
    } else {
      guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return nil }
      name = String(text[..<open])
      if !names.contains(name) && populations.contains(name) { return nil }
      indices = text[open...]
    }
    guard let g = names.firstIndex(of: name) else {
      throw DebuggerError.unknownMatrix(name, suggestion: closestName(to: name, among: names))
    }
    let group = groups[g]
    let expected = "[\(group.pre.name)=i], [\(group.post.name)=j] or both for \(name) (or pre=/post=)"
    func syntaxError() -> DebuggerError {
      let column = (line.range(of: "[").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 2
      return .syntax(command: line, column: column, expected: expected)
    }
    guard indices.hasPrefix("["), indices.hasSuffix("]"), indices.count >= 2 else { throw syntaxError() }
    var pre: Int?
    var post: Int?
    for part in indices.dropFirst().dropLast().split(separator: ",") {
      let pair = part.split(separator: "=").map { String($0).trimmingWhitespace() }
      guard pair.count == 2, let (isPre, axis) = group.axis(named: pair[0]), let index = Int(pair[1]) else {
        throw syntaxError()
      }
      guard index >= 0 && index < axis.size else {
        throw DebuggerError.indexOutOfRange(population: "\(name) axis \(axis.name)", index: index, size: axis.size)
      }
      if isPre { pre = index } else { post = index }
    }
    guard pre != nil || post != nil else { throw syntaxError() }
    return WeightReference(group: g, pre: pre, post: post)
  }
}
