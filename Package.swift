// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "Facet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "facet", targets: ["facet"]),
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "Checkpoints", targets: ["Checkpoints"]),
        .library(name: "FaceModels", targets: ["FaceModels"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "FacetPipeline", targets: ["FacetPipeline"]),
        .library(name: "Biometrics", targets: ["Biometrics"]),
        .library(name: "FacetPlots", targets: ["FacetPlots"]),
        .library(name: "FacetStudy", targets: ["FacetStudy"]),
        .library(name: "FacetBenchmarks", targets: ["FacetBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - C libraries (Debian: libopenblas-dev, libpng-dev, libjpeg-dev, libcairo2-dev)
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // libjpeg's error handler must longjmp; that lives in C so errors become return codes.
        .target(name: "CImageCodecs", dependencies: ["CJPEG"]),

        // MARK: - Swift modules
        .target(
            name: "TensorCore", dependencies: ["COpenBLAS"],
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "Checkpoints", dependencies: ["TensorCore"]),
        .target(name: "FaceModels", dependencies: ["TensorCore", "Checkpoints"]),
        .target(name: "Imaging", dependencies: ["TensorCore", "CPNG", "CImageCodecs"]),
        .target(name: "FacetPipeline", dependencies: ["TensorCore", "Checkpoints", "FaceModels", "Imaging"]),
        .target(name: "Biometrics", dependencies: ["TensorCore"]),
        .target(name: "FacetPlots", dependencies: ["Biometrics", "TensorCore", "CCairo"]),
        .target(
            name: "FacetStudy",
            dependencies: ["TensorCore", "Checkpoints", "Imaging", "FacetPipeline", "Biometrics", "FacetPlots"]),
        // Kernel and model throughput measurements, returned as values (`facet bench` prints them).
        .target(name: "FacetBenchmarks", dependencies: ["TensorCore", "FaceModels"]),
        // The command line: flag parsing, console output and exit statuses over the libraries.
        .target(
            name: "FacetCLI",
            dependencies: [
                "TensorCore", "Checkpoints", "FaceModels", "Imaging", "FacetPipeline", "Biometrics", "FacetPlots",
                "FacetStudy", "FacetBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "facet", dependencies: ["FacetCLI"]),
        // The program of the "Using Facet from Swift" article, run by a test so the article cannot go stale.
        .executableTarget(name: "UsingFacetFromSwift", dependencies: ["FacetPipeline", "Imaging"]),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["TensorCore", "Checkpoints", "FaceModels"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CheckpointsTests", dependencies: ["Checkpoints", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "FaceModelsTests", dependencies: ["FaceModels", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BiometricsTests", dependencies: ["Biometrics", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "FacetBenchmarksTests", dependencies: ["FacetBenchmarks", "FaceModels", "TensorCore"]),
        .testTarget(
            name: "CLITests", dependencies: ["FacetCLI", "FacetPipeline", "FacetStudy", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer harness (Tools/fuzz/run.sh) is declared only when FACET_FUZZ=1, so ordinary builds never see
// it: it only links with `-sanitize=fuzzer`, which supplies libFuzzer's driver.
if ProcessInfo.processInfo.environment["FACET_FUZZ"] == "1" {
    package.targets += [
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "FacetFuzz",
            dependencies: ["CLibFuzzer", "TensorCore", "Checkpoints", "Imaging", "FacetPipeline", "Biometrics", "FacetStudy"],
            // gold fails on this link (an internal error in its DWARF reader); lld links it.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]),
    ]
}
