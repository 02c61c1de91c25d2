/// Eight tiles side by side: the transforms run on one lane per tile.
typealias WinogradLanes = SIMD8<Float>

extension WinogradTile {
    /// r = Bᵀ d for one column of α values (d[k·stride], written to r[i·stride]), spelled out term by term from the
    /// matrix in `inputTransform` (a test checks the two agree).
    @inline(__always)
    func applyInputTransform(
        _ d: UnsafePointer<WinogradLanes>, _ dStride: Int, into r: UnsafeMutablePointer<WinogradLanes>, _ rStride: Int
    ) {
        if outputSize == 2 {
            let (d0, d1, d2, d3) = (d[0], d[dStride], d[2 * dStride], d[3 * dStride])
            r[0] = d0 - d2
            r[rStride] = d1 + d2
            r[2 * rStride] = d2 - d1
            r[3 * rStride] = d1 - d3
        } else {
            let (d0, d1, d2) = (d[0], d[dStride], d[2 * dStride])
            let (d3, d4, d5) = (d[3 * dStride], d[4 * dStride], d[5 * dStride])
            let (sum12, diff12) = (d1 + d2, d1 - d2)
            let (diff42, diff31) = (d4 - d2, d3 - d1)
            r[0] = 4 * d0 - 5 * d2 + d4
            r[rStride] = (d3 + d4) - 4 * sum12
            r[2 * rStride] = (d4 - d3) + 4 * diff12
            r[3 * rStride] = diff42 + 2 * diff31
            r[4 * rStride] = diff42 - 2 * diff31
            r[5 * rStride] = 4 * d1 - 5 * d3 + d5
        }
    }

    /// y = Aᵀ z for one column of α values (z[j·stride], written to y[a·stride]), spelled out from `outputTransform`.
    @inline(__always)
    func applyOutputTransform(
        _ z: UnsafePointer<WinogradLanes>, _ zStride: Int, into y: UnsafeMutablePointer<WinogradLanes>, _ yStride: Int
    ) {
        if outputSize == 2 {
            let (z0, z1, z2, z3) = (z[0], z[zStride], z[2 * zStride], z[3 * zStride])
            y[0] = z0 + z1 + z2
            y[yStride] = z1 - z2 - z3
        } else {
            let (z0, z1, z2) = (z[0], z[zStride], z[2 * zStride])
            let (z3, z4, z5) = (z[3 * zStride], z[4 * zStride], z[5 * zStride])
            let (sum12, diff12, sum34, diff34) = (z1 + z2, z1 - z2, z3 + z4, z3 - z4)
            y[0] = z0 + sum12 + sum34
            y[yStride] = diff12 + 2 * diff34
            y[2 * yStride] = sum12 + 4 * sum34
            y[3 * yStride] = diff12 + 8 * diff34 + z5
        }
    }
}
