import FaceModels

/// Where a model benchmark's passes spend their time, layer by layer (`facet bench … --profile`).
///
/// The times are those of worker 0, which runs images `0..<images` of the batch (the whole batch with
/// `--parallel layers`). Encoded with snake_case keys, this is the `profile` object of `--json`.
public struct ModelProfile: Encodable, Sendable {
    /// Profiled passes (after one more that named the layers).
    public let passes: Int
    /// Images per pass of the worker profiled.
    public let images: Int
    /// The median wall time of a profiled pass.
    public let passMilliseconds: Double
    /// The median over the profiled passes of the sum of that pass's layer times: what `layers` account for.
    public let layerMilliseconds: Double
    /// Workspace buffer allocations during the profiled passes (0: profiling allocates no buffers).
    public let allocations: Int
    /// Every layer of a pass, in the order it runs.
    public let layers: [LayerProfileRow]
    /// The layers by kind, slowest kind first.
    public let kinds: [KindProfileRow]

    /// From `profiler` after its passes; `passSeconds` are the wall times of the same passes.
    init(profiler: LayerProfiler, passSeconds: [Double], images: Int, allocations: Int) {
        let count = profiler.layers.count, passes = profiler.passes
        precondition(passes == passSeconds.count, "\(passes) profiled passes, \(passSeconds.count) pass times")
        let seconds = profiler.seconds
        let medians = (0..<count).map { layer in
            RunTimes.median((0..<passes).map { seconds[$0 * count + layer] }) * 1e3
        }
        let total = medians.reduce(0, +)
        self.passes = passes
        self.images = images
        self.allocations = allocations
        passMilliseconds = RunTimes.median(passSeconds) * 1e3
        layerMilliseconds = RunTimes.median((0..<passes).map { seconds[$0 * count..<($0 + 1) * count].reduce(0, +) }) * 1e3
        layers = zip(profiler.layers, medians).map { LayerProfileRow($0, milliseconds: $1, totalMilliseconds: total) }
        var byGroup: [String: [LayerProfileRow]] = [:]
        for row in layers { byGroup[row.group, default: []].append(row) }
        kinds = byGroup.map { group, rows in
            let milliseconds = rows.reduce(0) { $0 + $1.milliseconds }
            return KindProfileRow(
                group: group, layers: rows.count, milliseconds: milliseconds,
                percent: total > 0 ? 100 * milliseconds / total : 0)
        }.sorted { $0.milliseconds != $1.milliseconds ? $0.milliseconds > $1.milliseconds : $0.group < $1.group }
    }
}
