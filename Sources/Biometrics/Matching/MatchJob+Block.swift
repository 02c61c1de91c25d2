import Foundation
import TensorCore

extension MatchJob {
    /// Computes part `block` of the pair set into `MatchBlock.folder(output:group:block:)`: the score files of its
    /// rows, its tallies, the label files and, last, `block.json`. `progress(rowsDone, rowsTotal)` as in `run`.
    @discardableResult
    public func runBlock(progress: (Int, Int) throws -> Void = { _, _ in }) throws -> MatchBlock {
        let folder = MatchBlock.folder(output: outputFolder, group: group, block: block)
        let scored = try score(into: folder, progress: progress)
        try writeLabels(into: folder)
        try scored.genuine.write(to: path(in: folder, MatchBlock.genuineTallyName))
        try scored.impostor.write(to: path(in: folder, MatchBlock.impostorTallyName))
        try scored.bootstrap.write(into: folder)
        let record = MatchBlock(
            settings: settings(featureSize: scored.featureSize), block: block, firstRow: scored.rows.lowerBound,
            endRow: scored.rows.upperBound, genuinePairs: scored.genuine.total, impostorPairs: scored.impostor.total,
            droppedPairs: scored.dropped, bootstrap: scored.bootstrap.design, labelsSHA256: labelsSHA256)
        try AtomicFile.write(try JSONOutput.encode(record), to: path(in: folder, MatchBlock.recordName))
        return record
    }

    var labelsSHA256: String { SHA256.hex(Self.labelText(probe) + (gallery.map(Self.labelText) ?? Data())) }
}
