/// A position in a cell grid: column `x`, row `y`, with (0, 0) at the top left.
public struct Position: Hashable, Sendable, CustomStringConvertible {
  /// The column, counted from 0 at the left edge.
  public var x: Int
  /// The row, counted from 0 at the top edge.
  public var y: Int

  /// Creates a position from a column and a row.
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  public var description: String { "(\(x), \(y))" }
}

/// A size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
  /// The number of columns.
  public var width: Int
  /// The number of rows.
  public var height: Int

  /// Creates a size; negative values become 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// Whether both dimensions reach `minimum`'s.
  public func covers(_ minimum: Size) -> Bool {
    width >= minimum.width && height >= minimum.height
  }

  public var description: String { "\(width)×\(height)" }
}

/// A rectangle of cells: origin (`x`, `y`) and size (`width`, `height`).
///
/// ```
/// (x, y) ──── width ────┐
///   │                    │ height
///   └────────────────────┘ (right, bottom) is just outside
/// ```
///
/// Geometry never traps: every operation saturates, and a rectangle that is too small or off the
/// grid becomes empty (width or height 0). Widgets given an empty rectangle draw nothing.
///
/// - Construction: ``init(x:y:width:height:)``, ``init(size:)``, ``zero``.
/// - Edges: ``right``, ``bottom``, ``isEmpty``, ``contains(_:)``.
/// - Shrinking: ``inner(_:)``, ``inner(horizontal:vertical:)``, ``intersection(_:)``.
/// - Cutting: ``top(_:)``, ``bottom(_:)``, ``left(_:)``, ``right(_:)``, ``centered(width:height:)``,
///   and ``Layout`` for splitting into rows or columns.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  /// The leftmost column.
  public var x: Int
  /// The top row.
  public var y: Int
  /// The number of columns; never negative.
  public var width: Int
  /// The number of rows; never negative.
  public var height: Int

  /// Creates a rectangle; negative origins and sizes are clamped to 0.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = max(0, x)
    self.y = max(0, y)
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// A rectangle at the origin with the given size.
  public init(size: Size) {
    self.init(x: 0, y: 0, width: size.width, height: size.height)
  }

  /// The empty rectangle at the origin.
  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  /// The column just right of the rectangle (`x + width`, saturating).
  public var right: Int { x.addingSaturating(width) }
  /// The row just below the rectangle (`y + height`, saturating).
  public var bottom: Int { y.addingSaturating(height) }
  /// The rectangle's size.
  public var size: Size { Size(width: width, height: height) }
  /// The number of cells.
  public var area: Int { width.multipliedReportingOverflow(by: height).overflow ? .max : width * height }
  /// Whether the rectangle holds no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether `position` lies inside the rectangle.
  public func contains(_ position: Position) -> Bool {
    position.x >= x && position.x < right && position.y >= y && position.y < bottom
  }

  /// The rectangle shrunk by `margin` cells on every side; empty if the margins meet.
  public func inner(_ margin: Int) -> Rect {
    inner(horizontal: margin, vertical: margin)
  }

  /// The rectangle shrunk by `horizontal` cells left and right and `vertical` cells top and bottom.
  public func inner(horizontal: Int, vertical: Int) -> Rect {
    let h = max(0, horizontal)
    let v = max(0, vertical)
    guard width > h.multipliedSaturating(by: 2), height > v.multipliedSaturating(by: 2) else {
      return Rect(x: x, y: y, width: 0, height: 0)
    }
    return Rect(x: x + h, y: y + v, width: width - 2 * h, height: height - 2 * v)
  }

  /// The cells both rectangles hold; empty (at this rectangle's origin) when they do not overlap.
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    let right = min(self.right, other.right)
    let bottom = min(self.bottom, other.bottom)
    guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  /// The first `rows` rows (all of them if there are fewer).
  public func top(_ rows: Int) -> Rect {
    Rect(x: x, y: y, width: width, height: min(height, max(0, rows)))
  }

  /// The last `rows` rows (all of them if there are fewer).
  public func bottom(_ rows: Int) -> Rect {
    let n = min(height, max(0, rows))
    return Rect(x: x, y: y + height - n, width: width, height: n)
  }

  /// The first `columns` columns (all of them if there are fewer).
  public func left(_ columns: Int) -> Rect {
    Rect(x: x, y: y, width: min(width, max(0, columns)), height: height)
  }

  /// The last `columns` columns (all of them if there are fewer).
  public func right(_ columns: Int) -> Rect {
    let n = min(width, max(0, columns))
    return Rect(x: x + width - n, y: y, width: n, height: height)
  }

  /// What remains after removing the first `rows` rows.
  public func droppingTop(_ rows: Int) -> Rect {
    let n = min(height, max(0, rows))
    return Rect(x: x, y: y + n, width: width, height: height - n)
  }

  /// What remains after removing the first `columns` columns.
  public func droppingLeft(_ columns: Int) -> Rect {
    let n = min(width, max(0, columns))
    return Rect(x: x + n, y: y, width: width - n, height: height)
  }

  /// A rectangle of at most `width`×`height` centred in this one (rounding towards the top left).
  public func centered(width: Int, height: Int) -> Rect {
    let w = min(self.width, max(0, width))
    let h = min(self.height, max(0, height))
    return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
  }

  public var description: String { "Rect(x: \(x), y: \(y), \(width)×\(height))" }
}

extension Int {
  /// `self + other`, clamped to `Int.max` instead of trapping.
  func addingSaturating(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }

  /// `self * other`, clamped to `Int.max` or `Int.min` instead of trapping.
  func multipliedSaturating(by other: Int) -> Int {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    return overflow ? ((self < 0) != (other < 0) ? .min : .max) : product
  }
}
