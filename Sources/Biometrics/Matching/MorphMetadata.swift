import Foundation
import TensorCore

/// Demographic groups from the MORPH-II metadata CSV (`morph_2008_nonCommercial.csv`: id_num, picture_num, dob,
/// doa, race, gender, …, photo). Race W/B/A/H/O and gender M/F give the group names the Notre Dame papers use:
/// CM (W+M), CF (W+F), AAM (B+M), AAF (B+F), and likewise AM/AF, HM/HF, OM/OF.
public struct MorphMetadata: Sendable {
    /// Group by photo stem (from the `photo` column), the surest key.
    private var byPhoto: [String: String] = [:]
    /// Group by subject id without leading zeros; nil when the subject's rows disagree.
    private var bySubject: [String: String?] = [:]
    public private(set) var skippedRows = 0

    static let raceCodes = ["W": "C", "B": "AA", "A": "A", "H": "H", "O": "O"]

    public static func group(race: String, gender: String) -> String? {
        guard let r = raceCodes[race.uppercased()], ["M", "F"].contains(gender.uppercased()) else { return nil }
        return r + gender.uppercased()
    }

    public init(csvPath path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        guard let text = (try? String(contentsOfFile: path, encoding: .utf8))
            ?? (try? String(contentsOfFile: path, encoding: .isoLatin1))
        else { throw FacetError(.badData, "\(path): cannot read as text") }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw FacetError(.badData, "\(path): empty metadata file") }
        let header = Self.fields(lines.removeFirst()).map { $0.lowercased() }
        guard let idColumn = header.firstIndex(of: "id_num"), let raceColumn = header.firstIndex(of: "race"),
            let genderColumn = header.firstIndex(of: "gender")
        else {
            throw FacetError(.badData, "\(path): metadata needs columns id_num, race and gender (found \(header))")
        }
        let photoColumn = header.firstIndex(of: "photo")
        for line in lines {
            let f = Self.fields(line)
            guard f.count > max(idColumn, raceColumn, genderColumn),
                let group = Self.group(race: f[raceColumn], gender: f[genderColumn])
            else {
                skippedRows += 1
                continue
            }
            let subject = Self.normalizedSubject(f[idColumn])
            if let existing = bySubject[subject], existing != group {
                bySubject[subject] = .some(nil)
            } else if bySubject[subject] == nil {
                bySubject[subject] = group
            }
            if let photoColumn, photoColumn < f.count {
                let stem = URL(fileURLWithPath: f[photoColumn]).deletingPathExtension().lastPathComponent
                byPhoto[stem] = group
            }
        }
    }

    /// The group of a feature file: by its stem in the `photo` column, else by its subject id.
    public func group(of entry: FeatureEntry) -> String? {
        if let g = byPhoto[entry.stem] { return g }
        return bySubject[Self.normalizedSubject(entry.subject)] ?? nil
    }

    static func normalizedSubject(_ s: String) -> String {
        let trimmed = s.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// Comma-separated fields with optional double quotes.
    static func fields(_ line: String) -> [String] {
        var out = [String]()
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted {
                out.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else { current.append(ch) }
        }
        out.append(current.trimmingCharacters(in: .whitespaces))
        return out
    }
}
