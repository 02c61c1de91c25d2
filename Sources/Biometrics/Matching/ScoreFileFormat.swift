/// What `facet match` writes for each pair class.
public enum ScoreFileFormat: String, Sendable, CaseIterable {
    /// `{group}_authentic.npy` / `{group}_impostor.npy`: (K, 3) float64 rows [i, j, score], as the reference.
    case reference
    /// `{group}_authentic_scores.npy` / `{group}_impostor_scores.npy`: (K,) float32 scores; with pair indices,
    /// also `{group}_authentic_pairs.npy` / `…_impostor_pairs.npy` as (K, 2) int32 [i, j].
    case compact
    /// No score files: only the counts, moments and metrics in the summary.
    case none
}
