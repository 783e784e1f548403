/// Upper bounds on what one command may allocate or write, checked before it does.
///
/// A few kilobytes of input can describe terabytes (two populations of four million neurons and a
/// probe on the weights between them, an npz whose members inflate 1000:1, a trace that claims
/// four billion ticks). Every reader that sizes an allocation or an output from its input checks the
/// size against this budget first and refuses with ``BudgetExceeded``, which names the size, the
/// limit and the flag that raises it. The defaults are far above what the nBP circuit and the
/// shipped samples need and well below what a 16 GiB machine can hold.
public struct ResourceBudget: Sendable, Equatable {
  /// One kind of resource with its own limit.
  public enum Resource: String, CaseIterable, Sendable {
    /// Neurons of all populations, generators included.
    case compartments
    /// Synapses of all connections.
    case synapses
    /// Values all probes of a network yield per tick (a weights probe yields pre × post).
    case probeValues = "probe-values"
    /// Values all probes yield over the whole run: the rows `sim` writes.
    case probeRows = "probe-rows"
    /// Members of one npz archive.
    case npzMembers = "npz-members"
    /// Uncompressed bytes of the npz members that are read.
    case npzBytes = "npz-bytes"
    /// Spikes an import holds in memory before writing them (a byte of an npz member may become one).
    case spikes
    /// Bytes an export may write.
    case exportBytes = "export-bytes"

    /// The default limit.
    public var standardLimit: Int64 {
      switch self {
      case .compartments: return 1 << 23
      case .synapses: return 1 << 26
      case .probeValues: return 1 << 24
      case .probeRows: return 1 << 30
      case .npzMembers: return 1 << 16
      case .npzBytes: return 1 << 31
      case .spikes: return 1 << 28
      case .exportBytes: return 1 << 36
      }
    }

    /// What one unit of the resource is, for messages.
    public var unit: String {
      switch self {
      case .compartments: return "compartments"
      case .synapses: return "synapses"
      case .probeValues: return "probe values per tick"
      case .probeRows: return "probe rows"
      case .npzMembers: return "npz members"
      case .npzBytes: return "bytes of npz members"
      case .spikes: return "spikes"
      case .exportBytes: return "bytes of export output"
      }
    }
  }

  private var limits: [Resource: Int64] = [:]

  /// The defaults (``Resource/standardLimit``).
  public static let standard = ResourceBudget()

  public init() {}

  /// The limit for `resource`.
  public subscript(resource: Resource) -> Int64 {
    get { limits[resource] ?? resource.standardLimit }
    set { limits[resource] = newValue }
  }

  /// Refuses `amount` of `resource` when it is over the limit.
  /// - Parameter amount: the size asked for; `nil` when computing it overflowed, which is over any limit.
  public func check(_ resource: Resource, _ amount: Int64?) throws(BudgetExceeded) {
    guard let amount, amount <= self[resource] else {
      throw BudgetExceeded(resource: resource, amount: amount, limit: self[resource])
    }
  }

  /// `a × b`, or `nil` when it does not fit (a size that large is over every budget).
  public static func product(_ a: Int64, _ b: Int64) -> Int64? {
    let (result, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : result
  }

  /// Parses `NAME=COUNT` (`COUNT` may end in K, M, G or T, powers of 1024) into this budget.
  /// - Returns: why the text was refused, or `nil`.
  public mutating func set(_ text: String) -> String? {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let names = Resource.allCases.map(\.rawValue).joined(separator: ", ")
    guard parts.count == 2, let resource = Resource(rawValue: String(parts[0])) else {
      return "expected NAME=COUNT with NAME one of \(names)"
    }
    var digits = Substring(parts[1])
    var scale: Int64 = 1
    if let last = digits.last, let power = "KMGT".firstIndex(of: last.uppercased().first ?? " ") {
      scale = 1 << (10 * ("KMGT".distance(from: "KMGT".startIndex, to: power) + 1))
      digits = digits.dropLast()
    }
    guard !digits.isEmpty, digits.utf8.count <= 19, digits.allSatisfy(\.isASCII), let count = Int64(digits),
      count >= 0, let limit = Self.product(count, scale)
    else {
      return "expected a count of 0 to \(Int64.max) for \(resource.rawValue), optionally ending in K, M, G or T"
    }
    self[resource] = limit
    return nil
  }
}

/// A size over its budget, said with the size, the limit and the flag that raises it.
public struct BudgetExceeded: Error, Equatable, Sendable, CustomStringConvertible {
  public let resource: ResourceBudget.Resource
  /// The size asked for; `nil` when it does not even fit in 64 bits.
  public let amount: Int64?
  public let limit: Int64

  public init(resource: ResourceBudget.Resource, amount: Int64?, limit: Int64) {
    self.resource = resource
    self.amount = amount
    self.limit = limit
  }

  public var description: String {
    "needs \(asked) \(resource.unit), over the budget of \(grouped(limit)) (\(hint))"
  }

  /// The limit, for messages of the form "expected …, found …".
  public var allowance: String { "at most \(grouped(limit)) \(resource.unit) (the budget; \(hint))" }

  /// The size asked for, for messages of the form "expected …, found …".
  public var asked: String { amount.map(grouped) ?? "more than \(grouped(Int64.max))" }

  private var hint: String { "raise it with --budget \(resource.rawValue)=N" }
}

/// `1234567` as `1,234,567`.
func grouped(_ value: Int64) -> String {
  let digits = String(value.magnitude)
  var result = ""
  for (i, digit) in digits.enumerated() {
    if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return value < 0 ? "-" + result : result
}
