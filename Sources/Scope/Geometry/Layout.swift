/// How much of a split one part takes.
package enum Constraint: Hashable, Sendable {
  /// Exactly this many cells (fewer if the space runs out).
  case length(Int)
  /// `numerator/denominator` of the whole space (after spacing), rounded down.
  case ratio(Int, Int)
  /// A share of what the lengths and ratios leave over, proportional to the weight (≥ 1).
  case fill(Int)

  /// `percent`% of the whole space, rounded down.
  package static func percentage(_ percent: Int) -> Constraint { .ratio(percent, 100) }
}

/// Splits a rectangle into rows or columns.
///
/// Lengths and ratios are served first, in order: when the space runs out, later parts shrink
/// (down to empty) rather than anything overflowing. What is left is shared among the `fill` parts
/// by weight; the cells lost to rounding go to the first fills. Without a fill, leftover space
/// stays unused at the end, so a layout never silently stretches a fixed part.
///
/// ```swift
/// let parts = Layout.vertical([.fill(1), .length(1)]).split(screen)  // main, status line
/// ```
package struct Layout: Hashable, Sendable {
  /// The axis along which parts are laid out.
  package enum Direction: Hashable, Sendable {
    /// Parts stacked top to bottom (rows).
    case vertical
    /// Parts side by side, left to right (columns).
    case horizontal
  }

  /// The axis of the split.
  package var direction: Direction
  /// One constraint per part.
  package var constraints: [Constraint]
  /// Empty cells between neighbouring parts.
  package var spacing: Int

  /// Creates a layout.
  package init(direction: Direction, constraints: [Constraint], spacing: Int = 0) {
    self.direction = direction
    self.constraints = constraints
    self.spacing = max(0, spacing)
  }

  /// A layout of rows.
  package static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(direction: .vertical, constraints: constraints, spacing: spacing)
  }

  /// A layout of columns.
  package static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(direction: .horizontal, constraints: constraints, spacing: spacing)
  }

  /// The parts of `area`, one per constraint, in order.
  package func split(_ area: Rect) -> [Rect] {
    let total = direction == .vertical ? area.height : area.width
    let sizes = Layout.sizes(constraints, total: total, spacing: spacing)
    var offset = 0
    return sizes.map { size in
      let start = min(offset, total)
      let length = min(size, total - start)
      offset = start + length + spacing
      switch direction {
      case .vertical:
        return Rect(x: area.x, y: area.y + start, width: area.width, height: length)
      case .horizontal:
        return Rect(x: area.x + start, y: area.y, width: length, height: area.height)
      }
    }
  }

  /// The length of each part along the split axis.
  static func sizes(_ constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
    let gaps = max(0, constraints.count - 1).multipliedSaturating(by: spacing)
    let space = max(0, total - gaps)
    var remaining = space
    var sizes = [Int](repeating: 0, count: constraints.count)
    for (index, constraint) in constraints.enumerated() {
      let wanted: Int
      switch constraint {
      case .length(let n): wanted = max(0, n)
      case .ratio(let numerator, let denominator):
        wanted = denominator <= 0 ? 0 : space.multipliedSaturating(by: max(0, numerator)) / denominator
      case .fill: continue
      }
      sizes[index] = min(wanted, remaining)
      remaining -= sizes[index]
    }
    let fills = constraints.enumerated().compactMap { index, constraint -> (Int, Int)? in
      if case .fill(let weight) = constraint { return (index, max(1, weight)) }
      return nil
    }
    let totalWeight = fills.reduce(0) { $0 + $1.1 }
    guard totalWeight > 0 else { return sizes }
    var handedOut = 0
    for (index, weight) in fills {
      sizes[index] = remaining * weight / totalWeight
      handedOut += sizes[index]
    }
    for (index, _) in fills.prefix(remaining - handedOut) { sizes[index] += 1 }
    return sizes
  }
}

extension Rect {
  /// Splits the rectangle into rows, top to bottom.
  package func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
    Layout.vertical(constraints, spacing: spacing).split(self)
  }

  /// Splits the rectangle into columns, left to right.
  package func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
    Layout.horizontal(constraints, spacing: spacing).split(self)
  }
}
