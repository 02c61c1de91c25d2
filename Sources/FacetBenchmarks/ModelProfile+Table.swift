import Foundation

extension ModelProfile {
    /// How many of the slowest layers the table lists at its end.
    public static let topCount = 15

    /// The profile as text: every layer in pass order, the by-kind summary, then the `topCount` slowest layers.
    public var table: String {
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
        func num(_ v: Double, _ digits: Int, _ width: Int) -> String {
            let s = String(format: "%.\(digits)f", v)
            return String(repeating: " ", count: max(0, width - s.count)) + s
        }
        let nameWidth = max(24, (layers.map(\.name.count).max() ?? 0) + 1)
        let header = pad("layer", nameWidth) + pad("kind", 17) + pad("output", 16) + "      ms       %  GFLOP/s\n"
        func line(_ r: LayerProfileRow) -> String {
            pad(r.name, nameWidth) + pad(r.kind, 17) + pad(r.shape.map(String.init).joined(separator: "×"), 16)
                + num(r.milliseconds, 3, 8) + num(r.percent, 2, 8) + (r.gflops.map { num($0, 1, 9) } ?? "") + "\n"
        }
        var out = String(
            format: "profile: %d image(s) per pass, median of %d profiled passes: %.2f ms/pass, layers %.2f ms (%.1f %%)\n\n",
            images, passes, passMilliseconds, layerMilliseconds,
            passMilliseconds > 0 ? 100 * layerMilliseconds / passMilliseconds : 0)
        out += header
        for r in layers { out += line(r) }
        out += "\n" + pad("kind", 28) + "layers        ms       %\n"
        for k in kinds {
            out += pad(k.group, 28) + num(Double(k.layers), 0, 6) + num(k.milliseconds, 3, 10) + num(k.percent, 2, 8) + "\n"
        }
        out += "\ntop \(Self.topCount) layers by time\n" + header
        for r in layers.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(Self.topCount) { out += line(r) }
        return out
    }
}
