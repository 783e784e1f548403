/// One cell to redraw: where, and what it now holds.
public struct CellChange: Hashable, Sendable {
  /// The column.
  public var x: Int
  /// The row.
  public var y: Int
  /// The new content.
  public var cell: Cell

  /// Creates a change.
  public init(x: Int, y: Int, cell: Cell) {
    self.x = x
    self.y = y
    self.cell = cell
  }
}

extension CellBuffer {
  /// The cells that differ from `previous`, in row-major order.
  ///
  /// If the sizes differ, nothing on screen can be trusted, so every cell of this buffer is a change.
  ///
  /// - Complexity: O(width × height).
  public func diff(from previous: CellBuffer) -> [CellChange] {
    guard previous.width == width, previous.height == height else { return allCells }
    var changes: [CellChange] = []
    for index in cells.indices where cells[index] != previous.cells[index] {
      changes.append(CellChange(x: index % width, y: index / width, cell: cells[index]))
    }
    return changes
  }

  /// Every cell as a change, in row-major order (a full redraw).
  public var allCells: [CellChange] {
    cells.indices.map { CellChange(x: $0 % width, y: $0 / width, cell: cells[$0]) }
  }
}
