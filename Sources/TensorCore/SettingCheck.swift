/// Range checks for settings that come from flags or config files. A value no run could use (or one that would
/// take hours or all memory) is refused before any work, as a usage error naming the setting, the value and the
/// accepted range: `--batch 9223372036854775807: must be from 1 to 4096`.
public enum SettingCheck {
    /// Refuses `value` outside `range`.
    public static func integer(_ value: Int, in range: ClosedRange<Int>, _ setting: String, unit: String = "") throws {
        guard range.contains(value) else {
            throw FacetError(
                .usage, "\(setting) \(value): must be from \(range.lowerBound) to \(range.upperBound)\(suffix(unit))")
        }
    }

    /// Refuses a non-finite `value` or one outside `range`; with `positive`, also 0 (the range's lower end then
    /// is 0 and excluded).
    public static func number(
        _ value: Double, in range: ClosedRange<Double>, _ setting: String, positive: Bool = false, unit: String = ""
    ) throws {
        guard value.isFinite, range.contains(value), !(positive && value <= 0) else {
            let bounds = positive
                ? "greater than \(text(range.lowerBound)) and at most \(text(range.upperBound))"
                : "from \(text(range.lowerBound)) to \(text(range.upperBound))"
            throw FacetError(.usage, "\(setting) \(text(value)): must be a finite number \(bounds)" + suffix(unit))
        }
    }

    /// `1000.0` → `1000`, `0.001` → `0.001`, `inf` and `nan` as Swift spells them.
    static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    private static func suffix(_ unit: String) -> String { unit.isEmpty ? "" : " \(unit)" }
}
