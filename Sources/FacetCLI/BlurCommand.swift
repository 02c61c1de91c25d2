import ArgumentParser
import Foundation
import FaceModels
import Imaging
import TensorCore

/// `facet blur`: occlude face parts using BiSeNet label maps, with the reference recipe by default
/// (`reference-pipeline.md` §2.3; `Imaging/PartBlur.swift`).
struct BlurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blur",
        abstract: "Blur (or otherwise occlude) face parts located by BiSeNet face parsing.",
        discussion: """
            For each image and part, writes <destination>/blurred_<part>/<file name> (list input: \
            <destination>/blurred_<part>/<parent folder>/<file name>). The default recipe is the reference one, \
            bit-exact with its Python (OpenCV/SciPy) code: the part's 512x512 mask is resized to the image with \
            INTER_AREA, dilated (5x5 kernel; eyes, eyeswbrows, hair, mouthwlips 4 iterations, nose 3, brows 2, \
            skin 0), feathered with a SciPy Gaussian (sigma 5), and used to blend a 15x15 box blur into the image.

            Label maps: by default each image is parsed once with BiSeNet (as `facet parse` does; weights from \
            --weights, else $FACET_WEIGHTS/ or ./Weights/ 79999_iter.safetensors or 79999_iter.pth) and the map \
            serves every part. --labels instead takes the folder of <stem>_mask.png files (8-bit gray, values \
            0-18) that `facet parse` wrote (list input: <labels>/<parent folder>/ is tried first).

            Parts: eyes (labels 4,5), brows (2,3), eyeswbrows (2-6, with eyeglasses), nose (10), mouthwlips \
            (11,12,13), hair (17), skin (1); or your own as name=labels, e.g. ears=7,8,9 (not dilated unless \
            --dilation is given).

            Images are read as RGB from PNG or JPEG (decided by content); JPEG EXIF orientation is applied \
            unless --ignore-exif-orientation. Outputs keep the input's file name and format (JPEG at quality \
            95, as OpenCV's imwrite; names with other extensions, e.g. .bmp, become <stem>.png) unless --format \
            says otherwise. Existing outputs \
            are skipped unless --force. A bad image is reported and skipped; the exit status is 1 if any failed.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case keep, png, jpeg
    }

    enum OcclusionKind: String, ExpressibleByArgument, CaseIterable {
        case box, gaussian, pixelate, fill
    }

    @OptionGroup var io: ImageBatchOptions

    @Option(help: "Comma-separated parts (see below). Default: all seven reference parts.")
    var parts: String = FacePart.reference.map(\.name).joined(separator: ",")

    @Option(help: "Folder of <stem>_mask.png label maps from `facet parse`, instead of running BiSeNet here.")
    var labels: String?

    @Option(help: "BiSeNet weights when --labels is not given (.pth, .safetensors). Default: see the overview.")
    var weights: String?

    @Option(name: [.customShort("m"), .long], help: "Also save each part's 0/255 mask at label-map size as <masks>/mask_<part>/<stem>_annotation.png.")
    var masks: String?

    @Option(help: "Output format: keep (by extension), png, or jpeg. png/jpeg change the extension.")
    var format: OutputFormat = .keep

    @Option(help: "JPEG quality 1-100.")
    var quality: Int = JPEGCodec.defaultQuality

    @Option(help: "What replaces the part: box (box blur), gaussian (Gaussian blur), pixelate, or fill (solid colour).")
    var occlusion: OcclusionKind = .box

    @Option(help: "Box-blur window (odd) or pixelation block, in pixels.")
    var occlusionSize: Int = 15

    @Option(help: "Sigma of --occlusion gaussian.")
    var occlusionSigma: Double = 8

    @Option(help: "Colour of --occlusion fill, as R,G,B.")
    var fillColor: String = "0,0,0"

    @Option(help: "Sigma of the Gaussian that feathers the mask edge; 0 for a hard edge.")
    var featherSigma: Double = 5

    @Option(help: "Override the per-part dilation for every part, as KERNEL,ITERATIONS (e.g. 5,4; 0,0 = none).")
    var dilation: String?

    func validate() throws {
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1...100") }
        guard featherSigma >= 0 else { throw ValidationError("--feather-sigma must be 0 or more") }
        guard occlusionSize >= 1 else { throw ValidationError("--occlusion-size must be at least 1") }
        if occlusion == .box && occlusionSize % 2 == 0 { throw ValidationError("--occlusion-size must be odd for box") }
        guard occlusionSigma > 0 else { throw ValidationError("--occlusion-sigma must be positive") }
    }

    func run() throws {
        let items = try io.items()
        var mapper: LabelMapper?
        if labels == nil {
            let (path, store) = try ModelWeights.load(weights, kind: .bisenet, reading: WeightFile.bisenet)
            mapper = LabelMapper(model: try BiSeNet(weights: store))
            if !io.quiet { Console.info("blur: parsing \(items.count) images with weights \(path)") }
        }
        // Without BiSeNet every thread blurs images of its own.
        let split = mapper == nil
            ? ThreadSplit(workers: io.threads, kernelThreads: 1) : io.configureThreads(itemCount: items.count, batch: 1)
        let job = try BlurJob(command: self, mapper: mapper)
        let summary = try BatchRunner.run(
            "blur", items: items, workers: split.workers, showProgress: io.showProgress,
            makeWorker: { LabelMapper.Worker(threads: split.kernelThreads) }, process: { worker, item in try job.process(item, worker: &worker) })
        try summary.finish(quiet: io.quiet)
    }
}

/// The parsed, validated settings of one `facet blur` run, and the work for one image.
struct BlurJob: Sendable {
    let parts: [FacePart]
    let options: PartBlurOptions
    let load: ImageLoadOptions
    let destination: String
    /// Where label maps come from: a folder of `facet parse` outputs, or BiSeNet run here.
    let labels: String?
    let mapper: LabelMapper?
    let masks: String?
    let format: BlurCommand.OutputFormat
    let quality: Int
    let force: Bool

    init(command c: BlurCommand, mapper: LabelMapper?) throws {
        self.mapper = mapper
        var seen = Set<String>()
        parts = try c.parts.split(separator: ",").map { try FacePart.parse(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty else { throw ValidationError("--parts is empty") }
        for part in parts where !seen.insert(part.name).inserted { throw ValidationError("part '\(part.name)' is listed twice") }
        let occlusion: Occlusion
        switch c.occlusion {
        case .box: occlusion = .boxBlur(size: c.occlusionSize)
        case .gaussian: occlusion = .gaussianBlur(sigma: c.occlusionSigma)
        case .pixelate: occlusion = .pixelate(block: c.occlusionSize)
        case .fill:
            let rgb = c.fillColor.split(separator: ",").compactMap { UInt8($0.trimmingCharacters(in: .whitespaces)) }
            guard rgb.count == 3 else { throw ValidationError("--fill-color must be R,G,B with values 0-255") }
            occlusion = .solidFill(red: rgb[0], green: rgb[1], blue: rgb[2])
        }
        var override: MaskDilation?
        if let text = c.dilation {
            let values = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == 2, values[0] >= 0, values[1] >= 0, values[0] <= 101, values[1] <= 100 else {
                throw ValidationError("--dilation must be KERNEL,ITERATIONS, e.g. 5,4")
            }
            override = MaskDilation(kernelSize: values[0], iterations: values[1])
        }
        options = PartBlurOptions(occlusion: occlusion, featherSigma: c.featherSigma, dilationOverride: override)
        load = c.io.loadOptions
        destination = c.io.destination
        labels = c.labels
        masks = c.masks
        format = c.format
        quality = c.quality
        force = c.io.force
        var isFolder: ObjCBool = false
        if let labels, !FileManager.default.fileExists(atPath: labels, isDirectory: &isFolder) || !isFolder.boolValue {
            throw FacetError(.missingInput, "\(labels): no such label-map folder")
        }
    }

    /// Where `part`'s output for `item` goes, and in which format.
    func readLabelMap(for item: BatchItem) throws -> GrayImage {
        let labelPath = labelMapPath(for: item, in: labels!)
        let labelMap: GrayImage
        do { labelMap = try ImageFile.readGray(labelPath) } catch let error as FacetError {
            throw FacetError(error.kind, "\(item.path): label map \(error.message)")
        }
        if let bad = labelMap.pixels.first(where: { $0 > 18 }) {
            throw FacetError(.badData, "\(labelPath): value \(bad) is not a BiSeNet label (0-18)")
        }
        return labelMap
    }

    func output(for item: BatchItem, part: FacePart) -> (path: String, format: ImageFileFormat) {
        let folder = (destination as NSString).appendingPathComponent("blurred_\(part.name)")
        let kept = ImageFileFormat.fromExtension(of: item.fileName)
        switch format {
        case .keep:
            guard let kept else { return (item.output(in: folder, named: item.stem + ".png"), .png) }
            return (item.output(in: folder, named: item.fileName), kept)
        case .png: return (item.output(in: folder, named: kept == .png ? item.fileName : item.stem + ".png"), .png)
        case .jpeg: return (item.output(in: folder, named: kept == .jpeg ? item.fileName : item.stem + ".jpg"), .jpeg)
        }
    }

    func labelMapPath(for item: BatchItem, in labels: String) -> String {
        let name = "\(item.stem)_mask.png"
        let nested = item.output(in: labels, named: name)
        if item.subfolder.isEmpty || FileManager.default.fileExists(atPath: nested) { return nested }
        return (labels as NSString).appendingPathComponent(name)
    }

    func process(_ item: BatchItem, worker: inout LabelMapper.Worker) throws -> BatchOutcome {
        let pending = parts.filter { force || !FileManager.default.fileExists(atPath: output(for: item, part: $0).path) }
        if pending.isEmpty { return .skipped }
        let image = try ImageFile.read(item.path, options: load)
        let labelMap = try mapper.map { $0.labelMaps([image], worker: &worker)[0] } ?? readLabelMap(for: item)
        let occluded = options.occlusion.occlude(image)
        for part in pending {
            let out = output(for: item, part: part)
            let blurred = PartBlur.apply(image: image, occluded: occluded, labels: labelMap, part: part, options: options)
            try ImageFile.write(blurred, to: out.path, format: out.format, jpegQuality: quality)
            if let masks {
                let folder = (masks as NSString).appendingPathComponent("mask_\(part.name)")
                try ImageFile.write(
                    part.mask(of: labelMap), to: item.output(in: folder, named: "\(item.stem)_annotation.png"),
                    format: .png)
            }
        }
        return .done
    }
}
