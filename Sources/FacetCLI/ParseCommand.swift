import ArgumentParser
import FacetPipeline
import TensorCore
import Imaging

/// `facet parse`: BiSeNet face parsing into 512×512 label maps, as face-parsing.PyTorch's `test.py` does.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse faces into 19-class label maps with BiSeNet (face-parsing.PyTorch, 79999_iter.pth).",
        discussion: """
            For each image writes <destination>/<stem>_mask.png: the 512x512 label map, one byte per pixel with \
            values 0-18 (0 background, 1 skin, 2/3 brows, 4/5 eyes, 6 eyeglasses, 7/8 ears, 9 earring, 10 nose, \
            11 mouth, 12/13 lips, 14 neck, 15 necklace, 16 cloth, 17 hair, 18 hat). With a list as --source, \
            outputs go to <destination>/<parent folder>/, as the reference scripts do.

            Preprocessing is the reference one: decode to RGB (EXIF orientation applied unless \
            --ignore-exif-orientation), resize to 512x512 with Pillow's bilinear rule (bit-exact), scale to \
            0-1 and normalize with the ImageNet mean and std. The main head's logits are upsampled bilinearly \
            (align_corners=True) to 512x512 and the first maximal class wins.

            Weights: --weights, else $FACET_WEIGHTS/ or ./Weights/ 79999_iter.safetensors or 79999_iter.pth. \
            Images whose label map exists are skipped (rerun to resume); --force redoes them. A bad image is \
            reported and skipped; the exit status is 1 if any failed.
            """)

    @OptionGroup var io: ImageBatchOptions

    @Option(help: "BiSeNet weights (.pth, .safetensors). Default: see the overview.")
    var weights: String?

    @Flag(help: "Also write <stem>_color_mask.png: the image at its own size with parts coloured.")
    var overlay = false

    @Option(help: "Also write binary masks at the image's own size for these parts (comma-separated, as in `facet blur`), as <stem>_<part>.png: the 0/255 mask resized with INTER_AREA.")
    var partMasks: String?

    @Option(help: "Images per forward pass (1 to \(ThreadSplit.maximumBatch)).")
    var batch: Int = 1

    func validate() throws {
        try LibraryCheck.run {
            try ThreadSplit.checkBatch(batch, "--batch")
            _ = try partMaskList()
        }
    }

    /// --part-masks, parsed as `facet blur --parts`.
    func partMaskList() throws -> [FacePart] { try partMasks.map(FacePart.parseList) ?? [] }

    func run() throws {
        let parts = try partMaskList()
        let items = try io.items()
        try ParseStage.prepareOutputs(items, destination: io.destination)  // before the weights load
        let path = try ModelWeights.resolve(weights, kind: .bisenet)
        var stage = ParseStage(parser: try BiSeNetParser(weightsAt: path), destination: io.destination)
        stage.overlay = overlay
        stage.partMasks = parts
        stage.force = io.force
        stage.load = io.loadOptions
        stage.batch = batch
        let log = io.log
        log.info("parse: \(items.count) images, weights \(path)")
        Interrupt.install()
        try stage.run(items, threads: io.threads, log: log, stop: Interrupt.stop).finish(log: log)
    }
}
