import Foundation
import TensorCore

/// Score files `facet metrics` and `facet plot` read: Facet's compact (K,) float32, the reference's (K, 3)
/// float64 rows [i, j, score] (score = column 2, as the reference plot script takes it; Fortran order, as the
/// reference's `np.vstack(...).T` saves it, is accepted), any 1-D float array, a `*_tally.npy` of [score, count]
/// rows (`ScoreTally.write(to:)`), or text with one score per line
/// (the last whitespace- or comma-separated field of each non-blank line, as pyeer reads).
public enum ScoreFile {
    /// The scores as a tally, streamed: memory stays small for matcher outputs of any length (see
    /// `ScoreTallyBuilder`). NaNs are counted and left out (a NaN is a comparison that did not complete);
    /// infinite scores are an error. `isFloat32`: the file stored float32, which NumPy's histogram rule
    /// computes in.
    public static func tally(_ path: String) throws -> ScoreSet {
        var builder = ScoreTallyBuilder()
        var infinite = false
        var isFloat32 = false
        if path.hasSuffix(ScoreTally.fileSuffix) {
            // Tallies of float32 scores, as `facet match --score-format none` writes them.
            return ScoreSet(tally: try ScoreTally(contentsOf: path), isFloat32: true)
        }
        if path.hasSuffix(".npy") {
            let stream = try NPYScoreStream(path: path)
            isFloat32 = stream.dtype == .float32
            try stream.forEachScore { v in
                if v.isInfinite { infinite = true } else { builder.add(v) }
            }
        } else {
            for v in try textScores(path) {
                if v.isInfinite { infinite = true } else { builder.add(v) }
            }
        }
        if infinite { throw FacetError(.badData, "\(path): contains infinite scores") }
        return ScoreSet(tally: builder.tally, nanCount: builder.nanCount, isFloat32: isFloat32)
    }

    /// The scores of a text score file, in file order: the last field of each non-blank line.
    public static func textScores(_ path: String) throws -> [Double] {
        // As for .npy: a folder is a missing input (66), not text that fails to decode.
        try InputFile.checkRegular(path)
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FacetError(.badData, "\(path): cannot read as UTF-8 text")
        }
        var scores = [Double]()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let field = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" }).last
            else { continue }
            guard let v = Double(field) else {
                throw FacetError(.badData, "\(path):\(n + 1): '\(field)' is not a number")
            }
            scores.append(v)
        }
        return scores
    }
}
