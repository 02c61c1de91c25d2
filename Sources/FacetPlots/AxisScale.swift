import Biometrics
import Foundation

/// How data values map onto an axis: linear, log₁₀, or the normal-deviate (probit) scale of DET plots.
public enum AxisScale: Sendable {
    case linear
    case log10
    case probit

    public func transform(_ v: Double) -> Double {
        switch self {
        case .linear: v
        case .log10: Foundation.log10(v)
        case .probit: Probit.quantile(v)
        }
    }

    /// Tick values and labels covering [low, high] (data units).
    public func ticks(low: Double, high: Double) -> [(value: Double, label: String)] {
        switch self {
        case .linear:
            let ticks = Self.linearTicks(low: low, high: high)
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            // One number of decimals for the whole axis, enough for the step (0.25 → 2), as matplotlib shows.
            let decimals = (0...6).first { d in
                let scaled = step * pow(10, Double(d))
                return abs(scaled - scaled.rounded()) < 1e-6
            } ?? 6
            return ticks.map { ($0, Self.label($0, decimals: decimals)) }
        case .log10:
            let first = Int(Foundation.log10(low).rounded(.up))
            let last = Int(Foundation.log10(high).rounded(.down))
            guard first <= last else { return [] }
            return (first...last).map { (pow(10, Double($0)), Self.powerOfTen($0)) }
        case .probit:
            // 1-2-5 steps over up to three decades; beyond that one tick per decade (they would crowd).
            let decades = (-9...(-1)).map { pow(10, Double($0)) }
            let upper = [0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99]
            let fine = decades.flatMap { [$0, 2 * $0, 5 * $0] }.filter { $0 < 0.2 } + upper
            let coarse = decades + [0.5, 0.9, 0.99]
            let values = Foundation.log10(high / low) > 3.01 ? coarse : fine
            return values.filter { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) }.map { ($0, Self.percent($0)) }
        }
    }

    /// At most 9 ticks at a 1, 2, 2.5 or 5 × 10ᵏ step, like matplotlib's default locator.
    static func linearTicks(low: Double, high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let magnitude = pow(10, (Foundation.log10(span / 8)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { span / $0 <= 8 } ?? 10 * magnitude
        var ticks = [Double]()
        var k = (low / step).rounded(.up)
        while k * step <= high + step * 1e-9 {
            ticks.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
            k += 1
        }
        return ticks
    }

    /// "10⁻⁵" with Unicode superscripts, as matplotlib's log axes read.
    static func powerOfTen(_ exponent: Int) -> String {
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0]! })
    }

    /// Fixed decimals and a true minus sign, as matplotlib labels ticks.
    static func label(_ v: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if Double(s) == 0 { s = String(format: "%.\(decimals)f", 0.0) }
        return s.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// "0.001%", "20%": as many decimals as the value needs, never an exponent.
    static func percent(_ p: Double) -> String {
        let v = p * 100
        let decimals = v >= 1 ? 0 : Int((-Foundation.log10(v)).rounded(.up))
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s + "%"
    }
}
