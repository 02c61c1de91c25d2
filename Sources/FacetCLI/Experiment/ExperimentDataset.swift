import Biometrics
import Foundation
import TensorCore

/// The study's images, per group: each group is one folder the stage commands take as `-s`.
struct ExperimentDataset: Sendable {
    struct Group: Sendable {
        let name: String
        /// The folder holding the group's images (the input folder itself, or a folder of symlinks).
        let folder: String
        /// The image file names in it, sorted.
        let files: [String]
        /// For a folder of symlinks: the folder they point into (see `createLinks`).
        var linkedFrom: String? = nil
    }

    let groups: [Group]

    var imageCount: Int { groups.reduce(0) { $0 + $1.files.count } }

    /// The sorted input list, one `<group>/<file name>` per line: what `run.json` hashes to identify the inputs.
    var inputList: String { groups.flatMap { g in g.files.map { "\(g.name)/\($0)\n" } }.sorted().joined() }

    /// The dataset a config describes: per-group folders, or one folder split by the metadata CSV.
    static func load(_ config: ExperimentConfig, layout: ExperimentLayout) throws -> ExperimentDataset {
        guard let images = config.images else { throw FacetError(.badData, "no images given") }
        guard let csv = config.metadataCSV else { return try groupFolders(images, wanted: config.groups) }
        return try metadataGroups(images, csv: csv, wanted: config.groups, layout: layout)
    }

    /// One folder of MORPH images split into groups by the metadata CSV. Each group will get a folder of symlinks
    /// (`<output>/images/<group>/`, see `createLinks`), so every stage command sees one plain folder per group,
    /// and the inputs stay untouched. Images the metadata does not place are reported and left out.
    static func metadataGroups(_ images: String, csv: String, wanted: [String]?, layout: ExperimentLayout)
        throws -> ExperimentDataset
    {
        let metadata = try MorphMetadata(csvPath: csv)
        let items = try InputList.load(images, extensions: InputList.imageExtensions)
        var byGroup = [String: [String]]()
        var unplaced = 0
        for item in items {
            let entry = try FeatureEntry(path: item.path, identity: .morph)
            if let group = metadata.group(of: entry) { byGroup[group, default: []].append(item.fileName) } else { unplaced += 1 }
        }
        if unplaced > 0 { Console.warning("\(unplaced) image(s) in \(images) have no group in \(csv); left out") }
        let names = wanted ?? conventionalOrder(Array(byGroup.keys))
        let groups = try names.map { name in
            guard let files = byGroup[name], !files.isEmpty else {
                throw FacetError(.missingInput, "\(csv): no images of \(images) belong to group \(name)")
            }
            return Group(name: name, folder: layout.linkedImages(name), files: files.sorted(), linkedFrom: images)
        }
        guard !groups.isEmpty else { throw FacetError(.missingInput, "\(csv): no image of \(images) has a group") }
        return ExperimentDataset(groups: groups)
    }

    /// Makes the symlink folders of groups split by metadata (done only once the run is known to belong in the
    /// output root).
    func createLinks() throws {
        for group in groups { if let source = group.linkedFrom { try Self.link(group.files, from: source, into: group.folder) } }
    }

    /// Symlinks `folder/<name>` → `<source>/<name>` (absolute), leaving correct links alone.
    static func link(_ names: [String], from source: String, into folder: String) throws {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw FacetError(.cannotCreate, "\(folder): cannot create folder")
        }
        let absoluteSource = URL(fileURLWithPath: source).standardizedFileURL.path
        for name in names {
            let link = (folder as NSString).appendingPathComponent(name)
            let target = (absoluteSource as NSString).appendingPathComponent(name)
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target { continue }
            try? FileManager.default.removeItem(atPath: link)
            do { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target) } catch {
                throw FacetError(.cannotCreate, "\(link): cannot create symlink to \(target)")
            }
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
            return Group(name: name, folder: folder, files: try InputList.load(folder, extensions: InputList.imageExtensions).map(\.fileName))
        }.filter { !$0.files.isEmpty || wanted != nil }
        guard !groups.isEmpty else {
            throw FacetError(.missingInput, "\(images): no group folders with images (expected e.g. \(images)/CM/*.JPG)")
        }
        if let empty = groups.first(where: { $0.files.isEmpty }) {
            throw FacetError(.missingInput, "\(empty.folder): no images for group \(empty.name)")
        }
        return ExperimentDataset(groups: groups)
    }
}
