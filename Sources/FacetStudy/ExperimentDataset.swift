import Biometrics
import FacetPipeline
import Foundation
import TensorCore

/// The study's images, per group. The stages read them through `<output>/images/<group>/original/` (see
/// `linkOriginals`), so that every stage gets one plain folder per group and embeddings of originals land in a
/// folder named `original`, whichever way the groups were given.
public struct ExperimentDataset: Sendable {
    public struct Group: Sendable {
        public let name: String
        /// The input folder holding the group's images.
        public let source: String
        /// The image file names, sorted.
        public let files: [String]
    }

    public let groups: [Group]
    /// Whether groups come from the metadata CSV (so share one input folder, and are linked file by file).
    let splitByMetadata: Bool

    public var imageCount: Int { groups.reduce(0) { $0 + $1.files.count } }

    /// The sorted input list, one `<group>/<file name>` per line: what `run.json` hashes to identify the inputs.
    var inputList: String { groups.flatMap { g in g.files.map { "\(g.name)/\($0)\n" } }.sorted().joined() }

    /// The dataset a config describes: per-group folders, or one folder split by the metadata CSV.
    static func load(_ config: ExperimentConfig, log: any PipelineLog) throws -> ExperimentDataset {
        guard let images = config.images else { throw FacetError(.badData, "no images given") }
        guard let csv = config.metadataCSV else { return try groupFolders(images, wanted: config.groups) }
        return try metadataGroups(images, csv: csv, wanted: config.groups, log: log)
    }

    /// One folder of MORPH images split into groups by the metadata CSV (the inputs stay untouched). Images the
    /// metadata does not place are reported and left out.
    static func metadataGroups(_ images: String, csv: String, wanted: [String]?, log: any PipelineLog) throws -> ExperimentDataset {
        let metadata = try MorphMetadata(csvPath: csv)
        let items = try InputList.load(images, extensions: InputList.imageExtensions)
        var byGroup = [String: [String]]()
        var unplaced = 0
        for item in items {
            let entry = try FeatureEntry(path: item.path, identity: .morph)
            if let group = metadata.group(of: entry) { byGroup[group, default: []].append(item.fileName) } else { unplaced += 1 }
        }
        if unplaced > 0 { log.warning("\(unplaced) image(s) in \(images) have no group in \(csv); left out") }
        let names = wanted ?? conventionalOrder(Array(byGroup.keys))
        let groups = try names.map { name in
            guard let files = byGroup[name], !files.isEmpty else {
                throw FacetError(.missingInput, "\(csv): no images of \(images) belong to group \(name)")
            }
            return Group(name: name, source: images, files: files.sorted())
        }
        guard !groups.isEmpty else { throw FacetError(.missingInput, "\(csv): no image of \(images) has a group") }
        return ExperimentDataset(groups: groups, splitByMetadata: true)
    }

    /// Makes `<output>/images/<group>/original`: a symlink to the group's folder, or for groups split by metadata
    /// a folder of symlinks to its files. Done only once the run is known to belong in the output root.
    func linkOriginals(_ layout: ExperimentLayout) throws {
        for group in groups {
            let folder = layout.originals(group.name)
            if splitByMetadata {
                try Self.make(folder)
                for name in group.files {
                    try Self.link((folder as NSString).appendingPathComponent(name), to: (group.source as NSString).appendingPathComponent(name))
                }
            } else {
                try Self.make((folder as NSString).deletingLastPathComponent)
                try Self.link(folder, to: group.source)
            }
        }
    }

    static func make(_ folder: String) throws {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw FacetError(.cannotCreate, "\(folder): cannot create folder")
        }
    }

    /// Symlinks `link` → `target` (made absolute), leaving a correct link alone.
    static func link(_ link: String, to target: String) throws {
        let absolute = URL(fileURLWithPath: target).standardizedFileURL.path
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == absolute { return }
        try? FileManager.default.removeItem(atPath: link)
        do { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: absolute) } catch {
            throw FacetError(.cannotCreate, "\(link): cannot create symlink to \(absolute)")
        }
    }

    /// The Notre Dame papers' group order (CM, CF, AAM, AAF), then any other groups by name.
    static func conventionalOrder(_ names: [String]) -> [String] {
        let known = ["CM", "CF", "AAM", "AAF"]
        return names.sorted { a, b in
            let ia = known.firstIndex(of: a) ?? known.count
            let ib = known.firstIndex(of: b) ?? known.count
            return ia != ib ? ia < ib : a < b
        }
    }

    /// Per-group folders `<images>/<group>/`: every subfolder with images, or just `wanted` (in that order).
    static func groupFolders(_ images: String, wanted: [String]?) throws -> ExperimentDataset {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: images, isDirectory: &isFolder), isFolder.boolValue else {
            throw FacetError(.missingInput, "\(images): no such image folder")
        }
        let names: [String]
        if let wanted {
            names = wanted
        } else {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: images)) ?? []
            names = conventionalOrder(entries.filter { !$0.hasPrefix(".") }).filter { name in
                var sub: ObjCBool = false
                return FileManager.default.fileExists(atPath: (images as NSString).appendingPathComponent(name), isDirectory: &sub)
                    && sub.boolValue
            }
        }
        let groups = try names.map { name in
            let folder = (images as NSString).appendingPathComponent(name)
            var sub: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &sub), sub.boolValue else {
                throw FacetError(.missingInput, "\(folder): no folder for group \(name)")
            }
            return Group(name: name, source: folder, files: try InputList.load(folder, extensions: InputList.imageExtensions).map(\.fileName))
        }.filter { !$0.files.isEmpty || wanted != nil }
        guard !groups.isEmpty else {
            throw FacetError(.missingInput, "\(images): no group folders with images (expected e.g. \(images)/CM/*.JPG)")
        }
        if let empty = groups.first(where: { $0.files.isEmpty }) {
            throw FacetError(.missingInput, "\(empty.source): no images for group \(empty.name)")
        }
        return ExperimentDataset(groups: groups, splitByMetadata: false)
    }
}
