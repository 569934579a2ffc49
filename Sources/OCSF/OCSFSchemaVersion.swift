/// The OCSF release the events follow (`metadata.version`). One value for every event this tool writes, so a
/// consumer reads them all against one schema; `schemas/ocsf/` holds the class definitions of this release
/// that the tests check the events against.
public enum OCSFSchemaVersion {
    public static let current = "1.4.0"
}
