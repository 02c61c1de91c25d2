import CCairo
import Foundation
import TensorCore

/// A Cairo drawing surface measured in points (1/72 in), origin top left. PNG surfaces are scaled by dpi/72, so a
/// 6 × 4.5 in figure at 150 dpi is 900 × 675 pixels, like matplotlib's `savefig(dpi=150)`; SVG and PDF keep
/// points and real (selectable) text.
public final class Canvas {
    public let width: Double
    public let height: Double
    let format: PlotFormat
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let temporaryPath: String
    public static let fontFamily = "DejaVu Sans"

    /// `width` × `height` in points; `dpi` only matters for PNG.
    public init(width: Double, height: Double, format: PlotFormat, dpi: Double = 150) throws {
        self.width = width
        self.height = height
        self.format = format
        temporaryPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("facet-plot-\(UUID().uuidString).\(format.rawValue)").path
        let scale = dpi / 72
        switch format {
        case .png:
            surface = cairo_image_surface_create(
                CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
        case .svg: surface = cairo_svg_surface_create(temporaryPath, width, height)
        case .pdf: surface = cairo_pdf_surface_create(temporaryPath, width, height)
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw FacetError(.cannotCreate, "cannot create a \(format.rawValue) drawing surface")
        }
        context = cairo_create(surface)
        if format == .png { cairo_scale(context, scale, scale) }
        cairo_select_font_face(context, Self.fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        fill(x: 0, y: 0, width: width, height: height, color: .white)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    // MARK: - Drawing

    public func fill(x: Double, y: Double, width: Double, height: Double, color: PlotColor) {
        setColor(color)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: PlotColor, lineWidth: Double) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_set_dash(context, nil, 0, 0)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    /// A polyline; `dash` is matplotlib's pattern in line-width units (dashed = [3.7, 1.6]).
    public func polyline(
        _ points: [(Double, Double)], color: PlotColor, lineWidth: Double, dash: [Double] = [],
        clip: (x: Double, y: Double, width: Double, height: Double)? = nil
    ) {
        guard let first = points.first else { return }
        cairo_save(context)
        if let clip {
            cairo_rectangle(context, clip.x, clip.y, clip.width, clip.height)
            cairo_clip(context)
        }
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        let scaled = dash.map { $0 * lineWidth }
        cairo_set_dash(context, scaled, Int32(scaled.count), 0)
        cairo_move_to(context, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(context, p.0, p.1) }
        cairo_stroke(context)
        cairo_restore(context)
    }

    public enum Anchor { case left, center, right }

    /// Text with its baseline at y (or, rotated by −90°, reading upward with x as the baseline).
    public func text(
        _ string: String, x: Double, y: Double, size: Double, anchor: Anchor = .left, color: PlotColor = .black,
        vertical: Bool = false
    ) {
        cairo_save(context)
        cairo_set_font_size(context, size)
        setColor(color)
        let w = textWidth(string, size: size)
        let offset: Double =
            switch anchor {
            case .left: 0
            case .center: -w / 2
            case .right: -w
            }
        cairo_translate(context, x, y)
        if vertical { cairo_rotate(context, -Double.pi / 2) }
        cairo_move_to(context, offset, 0)
        cairo_show_text(context, string)
        cairo_restore(context)
    }

    public func textWidth(_ string: String, size: Double) -> Double {
        cairo_save(context)
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        cairo_restore(context)
        return extents.x_advance
    }

    private func setColor(_ c: PlotColor) { cairo_set_source_rgb(context, c.red, c.green, c.blue) }

    // MARK: - Output

    /// Finishes the drawing and writes it to `path` atomically.
    public func write(to path: String) throws {
        switch format {
        case .png:
            cairo_surface_flush(surface)
            guard cairo_surface_write_to_png(surface, temporaryPath) == CAIRO_STATUS_SUCCESS else {
                throw FacetError(.io, "\(path): cannot encode PNG")
            }
        case .svg, .pdf:
            cairo_surface_finish(surface)
            guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
                throw FacetError(.io, "\(path): cannot write \(format.rawValue)")
            }
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: temporaryPath)) } catch {
            throw FacetError(.io, "\(path): rendered figure could not be read back")
        }
        try AtomicFile.write(data, to: path)
    }
}
