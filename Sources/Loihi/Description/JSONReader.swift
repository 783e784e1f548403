import Suggestions
import JSON
/// Reads typed fields out of a ``JSONValue`` while tracking the JSON path, so every error names
/// the exact field, the value found and what was allowed.
///
/// The path is spelled out only when something asks for it (an error, mostly): a reader keeps its
/// parent's path and its own key or index, so reading a 160,000-element weight matrix builds no
/// strings.
struct JSONReader {
  let value: JSONValue
  private let parent: String
  private let step: Step

  private enum Step {
    case none
    case key(String)
    case index(Int)
    /// `parent[i][j]`: an element of an array that is itself an element (weight rows, spike
    /// pairs), so a matrix's elements share their grandparent's path string.
    case index2(Int, Int)
  }

  init(_ value: JSONValue, path: String) {
    self.value = value
    self.parent = path
    self.step = .none
  }

  private init(_ value: JSONValue, parent: String, step: Step) {
    self.value = value
    self.parent = parent
    self.step = step
  }

  /// The JSON path of this value: `connections[0].weights[3][7]`.
  var path: String {
    switch step {
    case .none: return parent
    case .key(let key): return parent.isEmpty ? echoed(key) : "\(parent).\(echoed(key))"
    case .index(let index): return "\(parent)[\(index)]"
    case .index2(let i, let j): return "\(parent)[\(i)][\(j)]"
    }
  }

  private func fail(_ expected: String) -> LoihiError {
    LoihiError(path: path, .invalid(value: value.brief, expected: expected))
  }

  /// The object's members, rejecting keys outside `allowed` (a typo is an error, not a default).
  func object(allowing allowed: [String]) throws -> [String: JSONReader] {
    guard let members = value.objectMembers else { throw fail("an object") }
    var fields: [String: JSONReader] = [:]
    let base = path
    for member in members {
      let child = JSONReader(member.value, parent: base, step: .key(member.key))
      guard allowed.contains(member.key) else {
        throw LoihiError(
          path: child.path,
          .unknownName(member.key, suggestion: closestName(to: member.key, among: allowed)))
      }
      fields[member.key] = child
    }
    return fields
  }

  func array() throws -> [JSONReader] {
    guard let items = value.arrayValue else { throw fail("an array") }
    if case .index(let i) = step {
      return items.enumerated().map { JSONReader($1, parent: parent, step: .index2(i, $0)) }
    }
    let base = path
    return items.enumerated().map { JSONReader($1, parent: base, step: .index($0)) }
  }

  /// A two-element array of integers in the given ranges (an `[index, tick]` pair); errors as
  /// reading it with ``array()`` and ``integer(in:)`` reports them, or `expected` for a wrong
  /// number of elements.
  func integerPair<A: FixedWidthInteger, B: FixedWidthInteger>(
    _ first: ClosedRange<A>, _ second: ClosedRange<B>, expected: String
  ) throws -> (A, B) {
    if case .array(let items) = value, items.count == 2, case .integer(let a) = items[0],
      case .integer(let b) = items[1], let x = A(exactly: a), first.contains(x),
      let y = B(exactly: b), second.contains(y)
    {
      return (x, y)
    }
    let parts = try array()
    guard parts.count == 2 else {
      throw LoihiError(path: path, .invalid(value: value.brief, expected: expected))
    }
    return (try parts[0].integer(in: first), try parts[1].integer(in: second))
  }

  /// The number of elements; fails as ``array()`` does when this is not an array.
  func count() throws -> Int {
    guard let items = value.arrayValue else { throw fail("an array") }
    return items.count
  }

  /// An array of integers in `range`, read in one pass; errors as ``integer(in:)`` on the
  /// element reports them.
  func integers<T: FixedWidthInteger>(in range: ClosedRange<T>) throws -> [T] {
    guard let items = value.arrayValue else { throw fail("an array") }
    var result: [T] = []
    result.reserveCapacity(items.count)
    let (lo, hi) = (Int64(clamping: range.lowerBound), Int64(clamping: range.upperBound))
    for item in items {
      if case .integer(let raw) = item, raw >= lo, raw <= hi, let exact = T(exactly: raw) {
        result.append(exact)
      } else {
        // The slow path, only to report the first bad element exactly as a reader would.
        for reader in try array() { _ = try reader.integer(in: range) }
      }
    }
    return result
  }

  func string() throws -> String {
    guard let text = value.stringValue else { throw fail("a string") }
    return text
  }

  /// A population's or connection's name: it travels into CSV and VCD files, debugger commands
  /// (`h1[3]`, `w(in->a)[pre=1]`) and screens, so it is 1–64 printable characters without
  /// spaces, quotes, commas, brackets or parentheses.
  func name() throws -> String {
    let text = try string()
    let forbidden = Set(" ,\"'\\[]()")
    guard (1...64).contains(text.count),
      text.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value != 0x7F && !forbidden.contains(Character($0)) })
    else {
      throw fail("a name of 1–64 printable characters without spaces, quotes, commas, brackets or parentheses")
    }
    return text
  }

  func integer<T: FixedWidthInteger>(in range: ClosedRange<T>) throws -> T {
    let result: T?
    let shown: String
    switch value {
    case .integer(let raw): (result, shown) = (T(exactly: raw), "\(raw)")
    case .unsigned(let raw): (result, shown) = (T(exactly: raw), "\(raw)")
    default: throw fail("an integer")
    }
    guard let result, range.contains(result) else {
      throw LoihiError(path: path, .outOfRange(value: shown, allowed: "\(range.lowerBound)...\(range.upperBound)"))
    }
    return result
  }

  /// A number with at most 7 fractional bits, returned times 128 (trace impulses).
  func fixedPoint128(in range: ClosedRange<Int32>) throws -> Int32 {
    guard let number = value.doubleValue else { throw fail("a number") }
    let scaled = number * 128
    guard scaled.rounded() == scaled, scaled >= Double(range.lowerBound),
      scaled <= Double(range.upperBound)
    else {
      throw LoihiError(
        path: path,
        .outOfRange(
          value: value.brief,
          allowed: "0...\(Double(range.upperBound) / 128) in steps of 1/128"))
    }
    return Int32(scaled)
  }
}

extension Dictionary where Key == String, Value == JSONReader {
  /// A required field.
  func require(_ key: String, in parent: JSONReader) throws -> JSONReader {
    guard let field = self[key] else {
      throw LoihiError(path: parent.path, .invalid(value: parent.value.brief, expected: "a '\(key)' field"))
    }
    return field
  }
}
