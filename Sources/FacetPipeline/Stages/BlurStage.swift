import Foundation
import Imaging
import TensorCore

/// The blur stage: for each image and part, `<destination>/blurred_<part>/<file name>`, the image with that part
/// occluded by the reference recipe (`PartBlur`; `FacetPipeline.docc/BlurRecipe.md`). An image whose every
/// part's output exists is skipped unless `force`.
public struct BlurStage: Sendable {
    public var parts: [FacePart]
    public var labels: LabelSource
    public var destination: String
    public var options = PartBlurOptions()
    /// Also save each part's 0/255 mask at label-map size as `<masks>/mask_<part>/<stem>_annotation.png`.
    public var masks: String?
    public var format = BlurOutputFormat.keep
    public var jpegQuality = JPEGCodec.defaultQuality
    public var force = false
    public var load = ImageLoadOptions()

    public init(parts: [FacePart], labels: LabelSource, destination: String) {
        self.parts = parts
        self.labels = labels
        self.destination = destination
    }

    /// Blurs every item over `threads` threads, keeping going past bad images.
    public func run(
        _ items: [BatchItem], threads: Int, log: any PipelineLog = SilentLog(), stop: StopRequest = StopRequest()
    ) throws -> BatchSummary {
        if case .folder(let folder) = labels {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw FacetError(.missingInput, "\(folder): no such label-map folder")
            }
        }
        try ThreadSplit.checkThreads(threads, "threads")
        try options.validate()
        try Self.prepareOutputs(items, parts: parts, destination: destination, format: format, masks: masks)
        // Without a parser every thread blurs images of its own.
        let split: ThreadSplit
        if case .parser = labels {
            split = ThreadSplit.forBatches(itemCount: items.count, batch: 1, threads: threads)
        } else {
            split = ThreadSplit(workers: threads, kernelThreads: 1)
        }
        return try BatchRunner.run(
            "blur", items: items, workers: split.workers, log: log, stop: stop,
            makeWorker: { InferenceBuffers(threads: split.kernelThreads) }, process: { buffers, item in try process(item, buffers: buffers) })
    }

    /// Where `part`'s output for `item` goes, and in which format.
    public func output(for item: BatchItem, part: FacePart) -> (path: String, format: ImageFileFormat) {
        Self.output(for: item, part: part, destination: destination, format: format)
    }

    /// Readies `destination` (and `masks`) and refuses two items with one output for some part (with --format
    /// png, `x.jpg` and `x.png` are both `x.png`) or one mask, before any work. `run` does this too; a command
    /// calls it before loading the weights.
    public static func prepareOutputs(
        _ items: [BatchItem], parts: [FacePart], destination: String, format: BlurOutputFormat, masks: String?
    ) throws {
        if let masks { try OutputFolder.prepare(masks) }
        try OutputFolder.prepare(destination, for: items) { item in
            parts.map { output(for: item, part: $0, destination: destination, format: format).path }
                + (masks.map { masks in parts.map { maskPath(for: item, part: $0, masks: masks) } } ?? [])
        }
    }

    /// Where `part`'s 0/255 mask for `item` goes under `masks`.
    static func maskPath(for item: BatchItem, part: FacePart, masks: String) -> String {
        let folder = (masks as NSString).appendingPathComponent(StageOutputs.blurMaskFolder(part: part.name))
        return item.output(in: folder, named: StageOutputs.blurMask(stem: item.stem))
    }

    static func output(
        for item: BatchItem, part: FacePart, destination: String, format: BlurOutputFormat
    ) -> (path: String, format: ImageFileFormat) {
        let folder = (destination as NSString).appendingPathComponent(StageOutputs.blurredFolder(part: part.name))
        let kept = ImageFileFormat.fromExtension(of: item.fileName)
        switch format {
        case .keep:
            guard let kept else { return (item.output(in: folder, named: item.stem + ".png"), .png) }
            return (item.output(in: folder, named: item.fileName), kept)
        case .png: return (item.output(in: folder, named: kept == .png ? item.fileName : item.stem + ".png"), .png)
        case .jpeg: return (item.output(in: folder, named: kept == .jpeg ? item.fileName : item.stem + ".jpg"), .jpeg)
        }
    }

    func process(_ item: BatchItem, buffers: InferenceBuffers) throws -> BatchOutcome {
        let pending = parts.filter { force || !FileManager.default.fileExists(atPath: output(for: item, part: $0).path) }
        if pending.isEmpty { return .skipped }
        let image = try ImageFile.read(item.path, options: load)
        let labelMap: GrayImage
        switch labels {
        case .parser(let parser): labelMap = parser.labelMaps([image], buffers: buffers)[0]
        case .folder(let folder): labelMap = try readLabelMap(for: item, in: folder)
        }
        let occluded = options.occlusion.occlude(image)
        for part in pending {
            let out = output(for: item, part: part)
            let blurred = PartBlur.apply(image: image, occluded: occluded, labels: labelMap, part: part, options: options)
            try ImageFile.write(blurred, to: out.path, format: out.format, jpegQuality: jpegQuality)
            if let masks {
                try ImageFile.write(part.mask(of: labelMap), to: Self.maskPath(for: item, part: part, masks: masks), format: .png)
            }
        }
        return .done
    }

    /// The label map `facet parse` wrote for `item`, checked to hold BiSeNet labels only.
    func readLabelMap(for item: BatchItem, in folder: String) throws -> GrayImage {
        let labelPath = labelMapPath(for: item, in: folder)
        let labelMap: GrayImage
        do { labelMap = try ImageFile.readGray(labelPath) } catch let error as FacetError {
            throw FacetError(error.kind, "\(item.path): label map \(error.message)")
        }
        if let bad = labelMap.pixels.first(where: { $0 > 18 }) {
            throw FacetError(.badData, "\(labelPath): value \(bad) is not a BiSeNet label (0-18)")
        }
        return labelMap
    }

    func labelMapPath(for item: BatchItem, in folder: String) -> String {
        let name = StageOutputs.labelMap(stem: item.stem)
        let nested = item.output(in: folder, named: name)
        if item.subfolder.isEmpty || FileManager.default.fileExists(atPath: nested) { return nested }
        return (folder as NSString).appendingPathComponent(name)
    }
}
