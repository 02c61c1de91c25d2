/// A matplotlib-style legend: rows of a short line (solid, dashed or a filled patch) and a label, in columns
/// filled top to bottom then left to right, inside a box. Sizes are in units of the font size as matplotlib's
/// defaults: border pad 0.4, label spacing 0.5, handle length 2.0, handle-text pad 0.3 (the reference's
/// setting), column spacing 2.0.
public struct Legend {
    public enum Handle {
        case line(PlotColor, dash: [Double])
        case patch(PlotColor)
    }

    public var entries: [(handle: Handle, label: String)]
    public var columns = 1
    public var fontSize: Double = 8
    public var lineWidth: Double = 1
    public var edge = PlotColor.black

    public init(entries: [(handle: Handle, label: String)]) { self.entries = entries }

    var rows: Int { (entries.count + columns - 1) / max(columns, 1) }
    var rowHeight: Double { fontSize * 1.0 }

    public var height: Double {
        Double(rows) * rowHeight + Double(max(rows - 1, 0)) * 0.5 * fontSize + 2 * 0.4 * fontSize + 2
    }

    /// Natural width (for boxes not stretched to the axes).
    public func width(on canvas: Canvas) -> Double {
        let widest = entries.map { canvas.textWidth($0.label, size: fontSize) }.max() ?? 0
        let column = 2.0 * fontSize + 0.3 * fontSize + widest
        return Double(columns) * column + Double(columns - 1) * 2.0 * fontSize + 2 * 0.4 * fontSize + 2
    }

    /// Each column's natural width: handle, pad and its widest label, plus the gap to the next column.
    func columnWidths(on canvas: Canvas) -> [Double] {
        (0..<columns).map { c in
            let labels = entries.indices.filter { $0 / rows == c }.map { canvas.textWidth(entries[$0].label, size: fontSize) }
            return 2.3 * fontSize + (labels.max() ?? 0) + 1.0 * fontSize
        }
    }

    /// This legend with its font shrunk (down to 5 pt) until its columns fit `width`, so long labels in a
    /// stretched legend never overrun their neighbours.
    public func fitted(width: Double, on canvas: Canvas) -> Legend {
        var legend = self
        while legend.fontSize > 5 && legend.columnWidths(on: canvas).reduce(0, +) + 2 * (0.4 * legend.fontSize + 1) > width {
            legend.fontSize -= 0.25
        }
        return legend
    }

    /// Draws the legend in the box with top-left (x, y) and the given width; spare width is shared out evenly
    /// between the columns (matplotlib's mode='expand').
    public func draw(on canvas: Canvas, x: Double, y: Double, width: Double) {
        canvas.fill(x: x, y: y, width: width, height: height, color: .white)
        canvas.strokeRectangle(x: x, y: y, width: width, height: height, color: edge, lineWidth: 0.8)
        let pad = 0.4 * fontSize + 1
        let natural = columnWidths(on: canvas)
        let spare = max(0, width - 2 * pad - natural.reduce(0, +)) / Double(columns)
        let columnStarts = natural.indices.map { c in natural[..<c].reduce(0, +) + Double(c) * spare }
        for (k, entry) in entries.enumerated() {
            let column = k / rows
            let row = Double(k % rows)
            let left = x + pad + columnStarts[column]
            let middle = y + pad + row * (rowHeight + 0.5 * fontSize) + rowHeight / 2
            let handleLength = 2.0 * fontSize
            switch entry.handle {
            case .line(let color, let dash):
                canvas.polyline(
                    [(left, middle), (left + handleLength, middle)], color: color, lineWidth: lineWidth, dash: dash)
            case .patch(let color):
                canvas.fill(
                    x: left, y: middle - 0.35 * fontSize, width: handleLength, height: 0.7 * fontSize, color: color)
            }
            canvas.text(
                entry.label, x: left + handleLength + 0.3 * fontSize, y: middle + 0.36 * fontSize, size: fontSize)
        }
    }
}
