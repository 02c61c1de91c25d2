import Foundation
import TensorCore

/// Combines the blocks of a group's pair set (`facet match --block k/n`, one `MatchBlock` each) into exactly what
/// a whole `facet match` run writes: the same score files byte for byte (each block holds whole rows, in order),
/// the same label files and the same summary (the exact tallies and the bootstrap states merge exactly, and every
/// metric and replicate comes from them).
public enum MatchMerge {
    /// The groups that have blocks under `output`, sorted.
    public static func groups(in output: String) -> [String] {
        let root = (output as NSString).appendingPathComponent("blocks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The part numbers 1…n of `group`'s blocks of `count` parts that are not complete yet.
    public static func missingBlocks(output: String, group: String, count: Int) throws -> [Int] {
        try (1...count).filter { k in
            try MatchBlock.read(folder: MatchBlock.folder(output: output, group: group, block: Shard(k, of: count))) == nil
        }
    }

    /// Merges every block of `group` in `output` into the whole run's files there, then deletes the blocks.
    /// With `job`, the blocks must have been computed from its features and settings.
    @discardableResult
    public static func merge(output: String, group: String, matching job: MatchJob? = nil) throws -> MatchJob.Summary {
        let blocks = try completeBlocks(output: output, group: group)
        let first = blocks[0]
        if let job,
            first.labelsSHA256 != job.labelsSHA256 || first.settings != job.settings(featureSize: first.settings.featureSize)
        {
            throw FacetError(.badData, "the blocks were computed from other features or settings than this match's")
        }
        let folders = blocks.map { MatchBlock.folder(output: output, group: group, block: $0.block) }
        let settings = first.settings
        let format = ScoreFileFormat(rawValue: settings.format) ?? .none
        let names = ScoreRecorder.fileNames(group: group, format: format, withPairs: settings.withPairs)
        let outputs = names.map { (output as NSString).appendingPathComponent($0) }
        try MatchJob.withAtomicFiles(outputs) { handles in
            for (name, handle) in zip(names, handles) {
                try concatenate(folders.map { ($0 as NSString).appendingPathComponent(name) }, into: handle)
            }
        }
        for labels in ["\(group)_labels.txt", "\(group)_gallery_labels.txt"] {
            let source = (folders[0] as NSString).appendingPathComponent(labels)
            guard let data = FileManager.default.contents(atPath: source) else { continue }
            try AtomicFile.write(data, to: (output as NSString).appendingPathComponent(labels))
        }
        var genuine = ScoreTally(values: [], counts: [])
        var impostor = genuine
        var dropped = CosineMatcher.Dropped()
        var bootstrap = BootstrapState(design: first.bootstrap)
        for (block, folder) in zip(blocks, folders) {
            let g = try ScoreTally(contentsOf: (folder as NSString).appendingPathComponent(MatchBlock.genuineTallyName))
            let i = try ScoreTally(contentsOf: (folder as NSString).appendingPathComponent(MatchBlock.impostorTallyName))
            guard g.total == block.genuinePairs, i.total == block.impostorPairs else {
                throw FacetError(.badData, "\(folder): the tallies do not hold the block's pair counts")
            }
            genuine = genuine.merged(with: g)
            impostor = impostor.merged(with: i)
            dropped.sameLabel += block.droppedPairs.sameLabel
            dropped.sameSource += block.droppedPairs.sameSource
            bootstrap = bootstrap.merged(with: try BootstrapState(folder: folder, design: block.bootstrap))
        }
        if format == .none { try MatchJob.writeTallies(genuine, impostor, group: group, into: output) }
        let (summary, replicates) = settings.summary(
            genuine: genuine, impostor: impostor, dropped: dropped, bootstrap: bootstrap,
            threads: job?.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        try MatchJob.write(summary, replicates, into: output)
        try? FileManager.default.removeItem(atPath: MatchBlock.groupFolder(output: output, group: group))
        let root = (output as NSString).appendingPathComponent("blocks")
        if (try? FileManager.default.contentsOfDirectory(atPath: root))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: root)
        }
        return summary
    }

    /// Every block of the group, in order, checked to be parts of one run that together cover every probe row.
    static func completeBlocks(output: String, group: String) throws -> [MatchBlock] {
        let root = MatchBlock.groupFolder(output: output, group: group)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }
        let recorded = try names.compactMap { try MatchBlock.read(folder: (root as NSString).appendingPathComponent($0)) }
        let counts = Set(recorded.map(\.block.count))
        guard let count = counts.first else { throw FacetError(.missingInput, "\(root): no finished blocks to merge") }
        guard counts.count == 1 else {
            throw FacetError(
                .badData, "\(root): holds blocks of \(counts.sorted().map(String.init).joined(separator: " and ")) parts; "
                    + "delete the ones of the other split")
        }
        let missing = try missingBlocks(output: output, group: group, count: count)
        guard missing.isEmpty else {
            throw FacetError(
                .missingInput,
                "\(root): block\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) "
                    + "not computed yet (facet match --block k/\(count))")
        }
        let blocks = recorded.sorted { $0.block.index < $1.block.index }
        var nextRow = 0
        for block in blocks {
            guard block.settings == blocks[0].settings, block.labelsSHA256 == blocks[0].labelsSHA256,
                block.bootstrap == blocks[0].bootstrap
            else {
                throw FacetError(
                    .badData, "\(root): block \(block.block) was computed with other features or settings than block "
                        + "\(blocks[0].block); recompute it")
            }
            guard block.firstRow == nextRow else {
                throw FacetError(.badData, "\(root): block \(block.block) starts at row \(block.firstRow), not \(nextRow)")
            }
            nextRow = block.endRow
        }
        guard nextRow == blocks[0].settings.probeCount else {
            throw FacetError(.badData, "\(root): the blocks end at row \(nextRow) of \(blocks[0].settings.probeCount)")
        }
        return blocks
    }

    /// Writes one `.npy` holding the rows of every file in `paths`, in order: the header a whole run's writer
    /// gives for the total row count, then each file's data bytes.
    static func concatenate(_ paths: [String], into handle: FileHandle) throws {
        let headers = try paths.map { try NPYHeader(path: $0) }
        let columns = Array(headers[0].shape.dropFirst())
        for (path, header) in zip(paths, headers) {
            guard header.dtype == headers[0].dtype, Array(header.shape.dropFirst()) == columns, !header.fortranOrder,
                !header.shape.isEmpty
            else { throw FacetError(.badData, "\(path): a score block of another layout than \(paths[0])") }
        }
        let total = headers.reduce(0) { $0 + ($1.shape.first ?? 0) }
        try handle.write(contentsOf: NPY.header(dtype: headers[0].dtype, shape: [total] + columns))
        for (path, header) in zip(paths, headers) {
            guard let input = FileHandle(forReadingAtPath: path) else {
                throw FacetError(.missingInput, "\(path): cannot open")
            }
            defer { try? input.close() }
            try input.seek(toOffset: UInt64(header.dataOffset))
            var left = header.byteCount
            while left > 0 {
                let chunk = try input.read(upToCount: min(left, 1 << 22)) ?? Data()
                guard !chunk.isEmpty else { throw FacetError(.badData, "\(path): truncated score file") }
                try handle.write(contentsOf: chunk)
                left -= chunk.count
            }
        }
    }
}
