import ArgumentParser
import Biometrics
import Foundation
import TensorCore

/// `facet merge`: the blocks of `facet match --block` combined into what one whole run writes.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the blocks of `facet match --block k/n` into the files one whole match writes.",
        discussion: """
            Reads <output>/blocks/<G>/<k>-of-<n>/ for each group G and writes, in <output>, the score files, label \
            files and G_summary.json that `facet match` without --block writes: byte for byte the same (blocks \
            hold whole probe rows in order, and the exact score tallies merge exactly, so every metric agrees). \
            Then the blocks are deleted. Refused, naming them, while any block is missing or when blocks come \
            from other features or settings.

            Exit status: 0 merged; 65 blocks that do not belong together; 66 missing blocks; 73 outputs that \
            cannot be written.
            """)

    @Option(
        name: [.customShort("o"), .customLong("output", withSingleDash: true), .customLong("output")],
        help: "The output folder given to `facet match --block`.")
    var output: String

    @Option(
        name: [.customLong("gr", withSingleDash: true), .customLong("group", withSingleDash: true), .customLong("group")],
        help: ArgumentHelp("Groups to merge (repeat or comma-separate; default every group with blocks).", valueName: "tag"))
    var group: [String] = []

    @Flag(name: [.customShort("q"), .long], help: "No summary lines on stderr.")
    var quiet = false

    func run() throws {
        let wanted = group.flatMap { $0.split(separator: ",").map(String.init) }
        let groups = wanted.isEmpty ? MatchMerge.groups(in: output) : wanted
        guard !groups.isEmpty else {
            throw FacetError(.missingInput, "\(output): no blocks to merge (run facet match --block k/n first)")
        }
        let log = ConsoleLog(quiet: quiet)
        for name in groups {
            let summary = try MatchMerge.merge(output: output, group: name)
            log.info("merge \(name): \(summary.genuinePairs) genuine, \(summary.impostorPairs) impostor pairs")
        }
    }
}
