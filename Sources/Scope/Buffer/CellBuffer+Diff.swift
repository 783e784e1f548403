/// One cell to redraw: where, and what it now holds.
package struct CellChange: Hashable, Sendable {
  /// The column.
  package var x: Int
  /// The row.
  package var y: Int
  /// The new content.
  package var cell: Cell

  /// Creates a change.
  package init(x: Int, y: Int, cell: Cell) {
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
  package func diff(from previous: CellBuffer) -> [CellChange] {
    guard previous.width == width, previous.height == height else { return allCells }
    var changes: [CellChange] = []
    for index in cells.indices where cells[index] != previous.cells[index] {
      changes.append(CellChange(x: index % width, y: index / width, cell: cells[index]))
    }
    return changes
  }

  /// Every cell as a change, in row-major order (a full redraw).
  package var allCells: [CellChange] {
    cells.indices.map { CellChange(x: $0 % width, y: $0 / width, cell: cells[$0]) }
  }
}
