import ArgumentParser
import FacetPipeline
import Imaging
import TensorCore

/// `facet blur`: occlude face parts using BiSeNet label maps, with the reference recipe by default
/// (`FacetPipeline.docc/BlurRecipe.md`).
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
            95, as OpenCV's imwrite; names with other extensions, e.g. .bmp, become <stem>.png) unless --image-format \
            says otherwise. Existing outputs \
            are skipped unless --force. A bad image is reported and skipped; the exit status is 1 if any failed.
            """)

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

    @Option(name: .customLong("image-format"), help: "Output format: keep (by extension), png, or jpeg. png/jpeg change the extension.")
    var format: BlurOutputFormat = .keep

    @Option(help: "JPEG quality 1-100.")
    var quality: Int = JPEGCodec.defaultQuality

    @Option(help: "What replaces the part: box (box blur), gaussian (Gaussian blur), pixelate, or fill (solid colour).")
    var occlusion: OcclusionKind = .box

    @Option(help: "Box-blur window (odd) or pixelation block, 1 to \(Occlusion.maximumSize) pixels.")
    var occlusionSize: Int = 15

    @Option(help: "Sigma of --occlusion gaussian, in pixels: more than 0, at most \(Int(Occlusion.maximumSigma)).")
    var occlusionSigma: Double = 8

    @Option(help: "Colour of --occlusion fill, as R,G,B.")
    var fillColor: String = "0,0,0"

    @Option(help: "Sigma of the Gaussian that feathers the mask edge, 0 (a hard edge) to \(Int(Occlusion.maximumSigma)) pixels.")
    var featherSigma: Double = 5

    @Option(help: "Override the per-part dilation for every part, as KERNEL,ITERATIONS (e.g. 5,4; 0,0 = none); kernel at most 101, iterations at most 100.")
    var dilation: String?

    func validate() throws {
        try LibraryCheck.run {
            try SettingCheck.integer(quality, in: 1...100, "--quality")
            try blurOptions().validate()
            _ = try partList()
        }
    }

    /// The occlusion, feathering and dilation settings (checked by `validate()` before any work).
    func blurOptions() throws -> PartBlurOptions {
        PartBlurOptions(occlusion: try occlusionChoice(), featherSigma: featherSigma, dilationOverride: try dilationOverride())
    }

    func run() throws {
        let items = try io.items()
        let parts = try partList()
        try BlurStage.prepareOutputs(items, parts: parts, destination: io.destination, format: format, masks: masks)
        let labelSource: LabelSource
        if let labels {
            labelSource = .folder(labels)
        } else {
            let path = try ModelWeights.resolve(weights, kind: .bisenet)
            labelSource = .parser(try BiSeNetParser(weightsAt: path))
            io.log.info("blur: parsing \(items.count) images with weights \(path)")
        }
        var stage = BlurStage(parts: parts, labels: labelSource, destination: io.destination)
        stage.options = try blurOptions()
        stage.masks = masks
        stage.format = format
        stage.jpegQuality = quality
        stage.force = io.force
        stage.load = io.loadOptions
        let log = io.log
        Interrupt.install()
        try stage.run(items, threads: io.threads, log: log, stop: Interrupt.stop).finish(log: log)
    }

    /// --parts: built-in part names or name=labels, each once.
    func partList() throws -> [FacePart] { try FacePart.parseList(parts) }

    /// --occlusion with its size, sigma or colour.
    func occlusionChoice() throws -> Occlusion {
        switch occlusion {
        case .box: return .boxBlur(size: occlusionSize)
        case .gaussian: return .gaussianBlur(sigma: occlusionSigma)
        case .pixelate: return .pixelate(block: occlusionSize)
        case .fill:
            // Every field must parse: "0,300,0,0" is not "0,0,0".
            let rgb = fillColor.split(separator: ",", omittingEmptySubsequences: false)
                .map { UInt8($0.trimmingCharacters(in: .whitespaces)) }
            guard rgb.count == 3, let red = rgb[0], let green = rgb[1], let blue = rgb[2] else {
                throw ValidationError("--fill-color \(fillColor): must be R,G,B with values 0-255")
            }
            return .solidFill(red: red, green: green, blue: blue)
        }
    }

    /// --dilation KERNEL,ITERATIONS, overriding the per-part table.
    func dilationOverride() throws -> MaskDilation? {
        guard let text = dilation else { return nil }
        let values = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 2, let kernel = values[0], let iterations = values[1] else {
            throw ValidationError("--dilation \(text): must be KERNEL,ITERATIONS, e.g. 5,4")
        }
        return MaskDilation(kernelSize: kernel, iterations: iterations)
    }
}
