/// What `facet match` writes for each pair class.
public enum ScoreFileFormat: String, Sendable, CaseIterable {
    /// `{group}_authentic.npy` / `{group}_impostor.npy`: (K, 3) float64 rows [i, j, score], as the reference.
    case reference
    /// `{group}_authentic_scores.npy` / `{group}_impostor_scores.npy`: (K,) float32 scores; with pair indices,
    /// also `{group}_authentic_pairs.npy` / `…_impostor_pairs.npy` as (K, 2) int32 [i, j].
    case compact
    /// No score files: the exact tallies of the scores, `{group}_authentic_tally.npy` / `…_impostor_tally.npy`
    /// ((K, 2) float64 rows [score, count], a few MB however many pairs), which `facet metrics` and `facet plot`
    /// read like score files and which give every metric and figure exactly; and the summary.
    case none

    /// The genuine and impostor tally files of `--score-format none`.
    public static func tallyFileNames(group: String) -> [String] {
        ["\(group)_authentic\(ScoreTally.fileSuffix)", "\(group)_impostor\(ScoreTally.fileSuffix)"]
    }

    /// The files a match writes for its scores, genuine first: score files, or the tallies for `.none`.
    public func outputFileNames(group: String, withPairs: Bool) -> [String] {
        self == .none ? Self.tallyFileNames(group: group) : ScoreRecorder.fileNames(group: group, format: self, withPairs: withPairs)
    }
}
