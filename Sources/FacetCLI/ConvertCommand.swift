import ArgumentParser
import Checkpoints
import FaceModels
import Foundation
import TensorCore

/// `facet convert`: any supported weight file to a validated float32 safetensors file with provenance.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a weight file (PyTorch .pth, safetensors, MXNet .params, ONNX) to float32 safetensors.",
        discussion: """
            The input format is recognised from the file's first bytes, not its extension: PyTorch checkpoints \
            in the zip format (torch >= 1.6) or the legacy format, safetensors (fully re-validated), MXNet \
            .params and ONNX models (both renamed to arcface_torch IResNet keys by their importers). \
            PyTorch pickles are read by a restricted unpickler that accepts only what a state_dict needs, so a \
            hostile .pth cannot run code. Tensors keep their checkpoint names verbatim; float16, bfloat16 and \
            float64 become float32; integer num_batches_tracked counters are dropped.

            The output's __metadata__ keeps what the importer recorded (BN eps, input normalization...) and adds: \
            source (input file name), source_sha256, source_format (pytorch-zip, pytorch-legacy, safetensors, \
            mxnet-params or onnx), converter (facet version), format "pt" (the safetensors convention for \
            PyTorch-style tensors) and layout "NCHW; conv OIHW". It is written atomically, \
            refuses to replace an existing file unless --force is given, never replaces the input, and never \
            replaces anything but a regular file (-o /dev/null is refused; a symbolic link is written through).
            """)

    @Argument(help: "The weight file to convert.")
    var input: String

    @Option(name: .shortAndLong, help: "The .safetensors file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Flag(name: .shortAndLong, help: "No summary line on stderr.")
    var quiet = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: input) else { throw FacetError(.missingInput, "\(input): no such file") }
        if Self.sameFile(input, output) {
            throw FacetError(.cannotCreate, "\(output): is the input file; choose another output")
        }
        try AtomicFile.checkTarget(output)
        if FileManager.default.fileExists(atPath: output), !force {
            throw FacetError(.cannotCreate, "\(output): already exists (use --force to replace it)")
        }
        let (format, tensors) = try WeightFile.tensors(input)
        var store = tensors
        store.metadata.merge([
            "source": URL(fileURLWithPath: input).lastPathComponent,
            "source_sha256": try SHA256.hex(fileAt: input),
            "source_format": format.rawValue,
            "converter": "facet \(Facet.toolVersion)",
            "format": "pt",
            "layout": "NCHW; conv OIHW",
        ]) { _, ours in ours }
        try store.writeSafetensors(to: output)
        if !quiet {
            let floats = store.names.reduce(0) { $0 + store[$1]!.values.count }
            Console.info("converted \(store.count) tensors (\(floats) floats) from \(input) [\(format)] to \(output)")
        }
    }

    /// Whether two paths name one file (following symlinks; also catches hard links through the inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let ra = URL(fileURLWithPath: a).resolvingSymlinksInPath().standardizedFileURL.path
        let rb = URL(fileURLWithPath: b).resolvingSymlinksInPath().standardizedFileURL.path
        if ra == rb { return true }
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
