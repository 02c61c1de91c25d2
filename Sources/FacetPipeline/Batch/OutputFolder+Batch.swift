import TensorCore

extension OutputFolder {
    /// Readies `folder` for a batch whose items write `outputs` (`BatchItem.checkDistinctOutputs`).
    public static func prepare(_ folder: String, for items: [BatchItem], outputs: (BatchItem) -> [String]) throws {
        try prepare(folder)
        try BatchItem.checkDistinctOutputs(items, outputs)
    }
}
