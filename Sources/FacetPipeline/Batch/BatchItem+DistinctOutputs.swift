import Foundation
import TensorCore

extension BatchItem {
    /// Refuses a batch in which two inputs would write one output file (`a/imgs/x.jpg` and `b/imgs/x.jpg` both
    /// give `<out>/imgs/x.npy`; `x.jpg` and `x.png` both give `x_mask.png`), or an output is itself an input
    /// (`facet parse -s imgs -d imgs` run again finds `x_mask.png` among its inputs): the input would be replaced.
    /// Checked before any work, naming both inputs and the shared output.
    /// - Parameter outputs: every file a stage writes for an item.
    public static func checkDistinctOutputs(_ items: [BatchItem], _ outputs: (BatchItem) -> [String]) throws {
        var writer = [String: String]()
        // By resolved path, so `imgs`, `./imgs/` and a link to it are one folder.
        let inputs = Set(items.map { resolved($0.path) })
        for item in items {
            for output in outputs(item) {
                if let first = writer.updateValue(item.path, forKey: output), first != item.path {
                    throw FacetError(
                        .badData, "\(first) and \(item.path) would both write \(output); rename one or run them apart")
                }
                if inputs.contains(resolved(output)) {
                    throw FacetError(
                        .badData, "\(output): is an input, and \(item.path) would write over it; write the outputs to another folder")
                }
            }
        }
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
