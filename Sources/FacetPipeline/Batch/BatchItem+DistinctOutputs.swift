import TensorCore

extension BatchItem {
    /// Refuses a batch in which two inputs would write one output file (`a/imgs/x.jpg` and `b/imgs/x.jpg` both
    /// give `<out>/imgs/x.npy`; `x.jpg` and `x.png` both give `x_mask.png`): the second would silently replace
    /// the first. Checked before any work, naming both inputs and the shared output.
    /// - Parameter outputs: every file a stage writes for an item.
    public static func checkDistinctOutputs(_ items: [BatchItem], _ outputs: (BatchItem) -> [String]) throws {
        var writer = [String: String]()
        for item in items {
            for output in outputs(item) {
                if let first = writer.updateValue(item.path, forKey: output), first != item.path {
                    throw FacetError(
                        .badData, "\(first) and \(item.path) would both write \(output); rename one or run them apart")
                }
            }
        }
    }
}
