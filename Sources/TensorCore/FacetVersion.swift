/// The version of Facet, recorded in converted weight files and study records.
public enum FacetVersion {
    public static let number = "0.1.0"
}
