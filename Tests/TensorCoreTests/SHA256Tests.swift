import Foundation
import Testing
import TestSupport
import TensorCore

/// SHA-256 against the FIPS 180-4 / NIST CAVS example vectors.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesTheStandardVectors(message: String, digest: String) {
        #expect(SHA256.hex(Data(message.utf8)) == digest)
    }

    /// One million 'a' fed in uneven pieces, so block boundaries fall inside updates.
    @Test func millionAInPieces() {
        var hasher = SHA256()
        let piece = Data(repeating: UInt8(ascii: "a"), count: 997)
        var fed = 0
        while fed < 1_000_000 {
            let n = min(997, 1_000_000 - fed)
            hasher.update(piece.prefix(n))
            fed += n
        }
        #expect(hasher.finalize().map { String(format: "%02x", $0) }.joined()
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Padding edge cases: lengths around the 55/56/64-byte boundaries, against Python's hashlib.
    @Test func boundaryLengthsMatchHashlib() throws {
        let lengths = [55, 56, 57, 63, 64, 65, 119, 120, 128]
        let expected = try Python.run("""
            import hashlib
            for n in [55, 56, 57, 63, 64, 65, 119, 120, 128]:
                print(hashlib.sha256(bytes(i % 251 for i in range(n))).hexdigest())
            """).split(separator: "\n").map(String.init)
        #expect(lengths.map { n in SHA256.hex(Data((0..<n).map { UInt8($0 % 251) })) } == expected)
    }

    @Test func hashesAFile() throws {
        let dir = try TemporaryFolder()
        try Data("abc".utf8).write(to: URL(fileURLWithPath: dir.file("abc.txt")))
        #expect(try SHA256.hex(fileAt: dir.file("abc.txt")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
