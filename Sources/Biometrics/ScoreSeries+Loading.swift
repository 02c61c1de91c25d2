import TensorCore

extension ScoreSeries {
    /// Reads a series from score files (either may be absent). NaN scores are dropped with a warning naming the
    /// file; a file with no scores is an error.
    public static func load(
        label: String, authentic: String?, impostor: String?, log: any PipelineLog = SilentLog()
    ) throws -> ScoreSeries {
        func scores(_ path: String?) throws -> ScoreSet? {
            guard let path else { return nil }
            let set = try ScoreFile.tally(path)
            if set.nanCount > 0 {
                log.warning("\(path): \(set.nanCount) NaN score(s) skipped (incomplete comparisons)")
            }
            guard !set.tally.isEmpty else { throw FacetError(.badData, "\(path): no scores") }
            return set
        }
        return ScoreSeries(label: label, authentic: try scores(authentic), impostor: try scores(impostor))
    }
}
