/// Reads typed fields out of a ``JSONValue`` while tracking the JSON path, so every error names
/// the exact field, the value found and what was allowed.
struct JSONReader {
  let value: JSONValue
  let path: String

  init(_ value: JSONValue, path: String) {
    self.value = value
    self.path = path
  }

  private func fail(_ expected: String) -> LoihiError {
    LoihiError(path: path, .invalid(value: value.brief, expected: expected))
  }

  /// The object's members, rejecting keys outside `allowed` (a typo is an error, not a default).
  func object(allowing allowed: [String]) throws -> [String: JSONReader] {
    guard let members = value.objectMembers else { throw fail("an object") }
    var fields: [String: JSONReader] = [:]
    for member in members {
      let childPath = path.isEmpty ? member.key : "\(path).\(member.key)"
      guard allowed.contains(member.key) else {
        throw LoihiError(
          path: childPath,
          .unknownName(member.key, suggestion: closestName(to: member.key, among: allowed)))
      }
      fields[member.key] = JSONReader(member.value, path: childPath)
    }
    return fields
  }

  func array() throws -> [JSONReader] {
    guard let items = value.arrayValue else { throw fail("an array") }
    return items.enumerated().map { JSONReader($1, path: "\(path)[\($0)]") }
  }

  func string() throws -> String {
    guard let text = value.stringValue else { throw fail("a string") }
    return text
  }

  func integer<T: FixedWidthInteger>(in range: ClosedRange<T>) throws -> T {
    guard case .integer(let raw) = value else { throw fail("an integer") }
    guard raw >= Int64(clamping: range.lowerBound), raw <= Int64(clamping: range.upperBound),
      let result = T(exactly: raw)
    else {
      throw LoihiError(
        path: path,
        .outOfRange(value: "\(raw)", allowed: "\(range.lowerBound)...\(range.upperBound)"))
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
