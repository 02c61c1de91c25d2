import ArgumentParser
import FacetPipeline
import Foundation
import Imaging
import TensorCore

/// The options every image batch command (`parse`, `blur`, `extract`) shares.
struct ImageBatchOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Images: a folder (not recursive) or a text file with one path per line.")
    var source: String

    @Option(name: [.customShort("d"), .customLong("dest")], help: "Output folder (created if missing; checked to be a writable folder before any work).")
    var destination: String

    @Option(name: [.customShort("j"), .long], help: "Threads: one worker per batch of images; with fewer batches than threads, each worker's layers split over the rest. At most 16 per core.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help: ArgumentHelp(
            "Only part k of n of the sorted inputs (e.g. 3/8): n jobs given 1/n … n/n cover every input exactly once, and each can be rerun alone.",
            valueName: "k/n"),
        transform: Shard.init(parsing:))
    var shard: Shard = .whole

    @Flag(help: "Do not rotate JPEGs by their EXIF orientation tag (what PIL.Image.open does).")
    var ignoreExifOrientation = false

    @Option(help: "Refuse images above this many megapixels, from the header before decoding (at most \(Int(ImageLoadOptions.maximumMegapixels)); a guard against hostile or absurd files).")
    var maxMegapixels: Double = ImageLoadOptions.defaultMegapixels

    @Flag(help: "Redo images whose outputs exist (otherwise they are skipped, so a rerun resumes).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        try LibraryCheck.run {
            try ThreadSplit.checkThreads(threads, "--threads")
            try ImageLoadOptions.checkMegapixels(maxMegapixels, "--max-megapixels")
        }
    }

    /// Called after `validate()`, which checked the cap.
    var loadOptions: ImageLoadOptions {
        ImageLoadOptions(appliesEXIFOrientation: !ignoreExifOrientation, maxPixels: ImageLoadOptions.pixels(megapixels: maxMegapixels))
    }
    var log: ConsoleLog { ConsoleLog(quiet: quiet) }

    /// The sorted input images of this shard. A source with no images at all is an error: an empty folder or
    /// list is almost always a wrong path, and exit 0 with nothing written would hide it (a shard may be empty).
    func items() throws -> [BatchItem] {
        let all = try InputList.load(source, extensions: InputList.imageExtensions)
        guard !all.isEmpty else {
            let kinds = InputList.imageExtensions.sorted().joined(separator: ", ")
            throw FacetError(.missingInput, "\(source): no images to process (a folder's \(kinds) files, or a list of paths)")
        }
        return Array(shard.select(all))
    }
}
