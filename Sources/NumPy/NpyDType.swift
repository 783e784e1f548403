/// The numeric element types this module reads and writes (numpy's simple, non-structured dtypes).
package enum NpyScalarKind: String, CaseIterable, Hashable, Sendable {
  case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64

  /// Bytes per element.
  package var itemSize: Int {
    switch self {
    case .bool, .int8, .uint8: 1
    case .int16, .uint16, .float16: 2
    case .int32, .uint32, .float32: 4
    case .int64, .uint64, .float64: 8
    }
  }

  /// numpy's type code without byte order, e.g. `f8`.
  package var typeCode: String {
    switch self {
    case .bool: "b1"
    case .int8: "i1"
    case .int16: "i2"
    case .int32: "i4"
    case .int64: "i8"
    case .uint8: "u1"
    case .uint16: "u2"
    case .uint32: "u4"
    case .uint64: "u8"
    case .float16: "f2"
    case .float32: "f4"
    case .float64: "f8"
    }
  }

  /// Whether elements are IEEE floating point.
  package var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }
}

/// An element type with its byte order, as named by a .npy header's `descr`.
package struct NpyDType: Hashable, Sendable, CustomStringConvertible {
  /// The element type.
  package var kind: NpyScalarKind
  /// Whether multi-byte elements are stored most significant byte first; always false for
  /// single-byte kinds, where byte order does not exist.
  package var isBigEndian: Bool

  /// Creates a dtype; byte order is ignored for single-byte kinds.
  package init(kind: NpyScalarKind, isBigEndian: Bool = false) {
    self.kind = kind
    self.isBigEndian = kind.itemSize > 1 && isBigEndian
  }

  /// The dtype a descr string such as `<f8` names; nil for anything this module cannot read.
  package init?(descr: String) {
    guard case .success(let dtype) = Self.parse(descr) else { return nil }
    self = dtype
  }

  /// numpy's canonical descr, e.g. `<f8`, `|b1`, `>i4`.
  package var descr: String {
    (kind.itemSize == 1 ? "|" : isBigEndian ? ">" : "<") + kind.typeCode
  }

  /// Bytes per element.
  package var itemSize: Int { kind.itemSize }

  /// The descr, as numpy prints `dtype.str`.
  package var description: String { descr }

  /// Parses a descr string such as `<f8`; nil with a reason for anything else.
  ///
  /// Accepts what numpy writes (`<`/`>` for multi-byte, `|` for single-byte kinds) and also
  /// `<`/`>` on single-byte kinds, which numpy reads as the same type.
  static func parse(_ text: String) -> Result<NpyDType, DescrProblem> {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 2 else { return .failure(.unknown) }
    let order = scalars[0]
    let code = String(String.UnicodeScalarView(scalars[1...]))
    if code.hasPrefix("O") { return .failure(.object) }
    guard let kind = NpyScalarKind.allCases.first(where: { $0.typeCode == code }) else {
      return .failure(.unknown)
    }
    switch order {
    case "<": return .success(NpyDType(kind: kind, isBigEndian: false))
    case ">": return .success(NpyDType(kind: kind, isBigEndian: true))
    case "|" where kind.itemSize == 1: return .success(NpyDType(kind: kind))
    case "|": return .failure(.byteOrder)
    default: return .failure(.unknown)
    }
  }

  /// Why a descr string was refused, so the header parser can word its error.
  enum DescrProblem: Error {
    case unknown, object, byteOrder
  }

  /// The descr list shown in errors about unsupported dtypes.
  static let supportedList =
    "'<', '>' or '|' with one of "
    + NpyScalarKind.allCases.map(\.typeCode).joined(separator: " ")
}
