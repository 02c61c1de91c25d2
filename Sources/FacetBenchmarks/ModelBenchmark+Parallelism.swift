extension ModelBenchmark {
    /// Where a model benchmark's threads go: inside each layer, or to workers over the batch's images.
    public enum Parallelism: String, CaseIterable, Sendable {
        /// One worker runs the whole batch; each convolution splits its GEMMs over the threads.
        case layers
        /// One single-threaded worker per thread, each running its share of the batch.
        case images
    }
}
