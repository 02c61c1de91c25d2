import TensorCore

extension OutputFolder {
    /// Readies `folder` for a batch whose items write `outputs` (`BatchItem.checkDistinctOutputs`), and sweeps
    /// the temp files a killed run left there (`removeStaleTemporaryFiles`).
    public static func prepare(_ folder: String, for items: [BatchItem], outputs: (BatchItem) -> [String]) throws {
        try prepare(folder)
        removeStaleTemporaryFiles(in: folder)
        try BatchItem.checkDistinctOutputs(items, outputs)
    }
}
