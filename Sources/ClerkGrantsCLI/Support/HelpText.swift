import ClerkClient

enum ClerkGrantsVersion {
    static let current = ClerkClientConfiguration.toolVersion
}

/// The usage text; README.md documents the same commands and flags in full.
enum HelpText {
    /// `clerk-grants help COMMAND` and `clerk-grants COMMAND --help`: that command's usage, or nil for a
    /// command that does not exist.
    static func command(_ name: String) -> String? {
        switch name {
        case "export": return export
        case "validate": return validate
        case "diff": return diff
        case "review": return review
        case "convert": return convert
        case "who-can": return whoCan
        case "access": return access
        case "help": return "Usage: clerk-grants help [COMMAND]\n\nPrints the overview, or one command's usage.\n"
        case "version": return "Usage: clerk-grants version\n\nPrints the tool's name and version.\n"
        default: return nil
        }
    }

    /// Whether the arguments ask for help (`--help` or `-h` before any `--`), which wins over everything
    /// else on the line, so that asking never runs the command.
    static func isRequested(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == "--help" || argument == "-h" { return true }
        }
        return false
    }

    static let export = """
        Usage: clerk-grants export [--fixtures DIR | --secret-key-file PATH] [options]

        Reads a Clerk instance (or recorded pages) and writes a snapshot.

          --fixtures DIR           read recorded API pages instead of the live API (no key needed)
          --secret-key-file PATH   file holding the secret key (else CLERK_SECRET_KEY); a regular file of at
                                   most 4096 bytes, warned about when its group or others may read it
          --api-url URL            Backend API base URL (else CLERK_API_URL, else https://api.clerk.com)
          --api-version DATE       Clerk-API-Version header (else CLERK_API_VERSION, else 2025-11-10)
          --resources LIST         comma list of users,organizations,roles,permissions,memberships (default all)
          --output FILE            write atomically to FILE, mode 0600 (default stdout); a symbolic link is
                                   written through, a device or FIFO is written in place
          --record DIR             also save every raw page under DIR, replayable with --fixtures
          --allow-partial          write an incomplete snapshot ("complete": false) instead of failing
          --concurrency N          requests in flight at most, 1 to 64 (default 4)
          --max-rps R              requests per second, 0 (off) or 0.1 to 100000
                                   (default 25 for sk_live_ keys, 2.5 otherwise)
          --timeout SECONDS        per-request timeout, 1 to 600 (default 30)
          --store DIR              keep a history of snapshots in DIR (cannot be combined with --output)
          --keep N                 with --store: keep the newest N snapshots, 1 to 100000
          --quiet | --verbose      no progress or summary | log every request (also CLERK_LOGGING=true)

        Exit codes: 0 ok, 1 usage or bad input, 2 Clerk rejected the request, 3 retries exhausted,
        4 incomplete export refused, 5 output not written.

        """

    static let validate = """
        Usage: clerk-grants validate [--quiet] FILE

        Checks a snapshot against the v1 contract and prints each problem with its place.
        Exit codes: 0 valid, 1 invalid or unreadable, 5 the report could not be written to stdout.

        """

    static let diff = """
        Usage: clerk-grants diff [--format text|json|markdown] [--no-color] [--allow-different-source] OLD NEW
               clerk-grants diff [options] --store DIR      (the two newest snapshots in DIR, in run order)

          --format FORMAT          text (default; colored on a terminal), json (schemas/diff.v1.schema.json), markdown
          --no-color               plain text even on a terminal (also NO_COLOR)
          --allow-different-source compare snapshots of two different instances

        Exit codes, like diff(1): 0 no differences, 1 differences, 2 trouble (including output not written).

        """

    static let review = """
        Usage: clerk-grants review SNAPSHOT [--format markdown|html|json] [--stale-days N] [--max-admins N]
                                   [--as-of TIME] [--output FILE]

          --format FORMAT          markdown (default), html (one self-contained page) or json (findings)
          --stale-days N           a member inactive for more than N days is stale, 0 to 36500 (default 90)
          --max-admins N           more admins than N is a finding, 0 to 100000 (default 3)
          --as-of TIME             "now" for the review, RFC 3339 UTC from 1970 to 9999 such as
                                   2026-11-20T00:00:00Z (default: the snapshot's generated_at)
          --output FILE            write atomically to FILE, mode 0600 (default stdout)

        Exit codes: 0 ok, 1 usage or bad input, 5 output not written.

        """

    static let convert = """
        Usage: clerk-grants convert SNAPSHOT --to ndjson|csv [--expand] [--redact-pii [--redact-key-file PATH]]
                                    [--output FILE]

          --to FORMAT              ndjson (one record per line) or csv (one row per membership)
          --expand                 one record or row per effective permission
          --redact-pii             replace emails and names with HMAC-SHA256 hashes; needs a key of at least
                                   16 bytes from --redact-key-file PATH or CLERK_GRANTS_REDACT_KEY
          --output FILE            write atomically to FILE, mode 0600 (default stdout)

        Exit codes: 0 ok, 1 usage or bad input, 5 output not written.

        """

    static let whoCan = """
        Usage: clerk-grants who-can SNAPSHOT PERMISSION_KEY [--org ORG] [--format text|json] [--output FILE]

        Every user holding the permission, per organization, with the role and membership that grant it.
          --org ORG                one organization, by id or slug
        Exit codes: 0 ok, 1 usage, bad input or an unknown permission or organization, 5 output not written.

        """

    static let access = """
        Usage: clerk-grants access SNAPSHOT USER [--format text|json] [--output FILE]

        One user (by id or primary email): account state, then per organization the role, admin flag and
        permissions.
        Exit codes: 0 ok, 1 usage, bad input or an unknown user, 5 output not written.

        """

    static let overview = """
        clerk-grants \(ClerkGrantsVersion.current): a Clerk instance's users, organizations, roles, permissions and
        memberships as a versioned access-governance snapshot.

        Usage:
          clerk-grants export [--fixtures DIR | --secret-key-file PATH] [options]
          clerk-grants validate FILE
          clerk-grants diff [--format text|json|markdown] [--no-color] [--allow-different-source] OLD NEW
          clerk-grants diff [options] --store DIR      (the two newest snapshots in DIR)
          clerk-grants review SNAPSHOT [--format markdown|html|json] [--stale-days N] [--max-admins N] [--as-of TIME]
          clerk-grants convert SNAPSHOT --to ndjson|csv [--expand] [--raw-cells] [--redact-pii [--redact-key-file PATH]]
          clerk-grants who-can SNAPSHOT PERMISSION_KEY [--org ORG] [--format text|json]
          clerk-grants access SNAPSHOT USER [--format text|json]
          clerk-grants help [COMMAND] | version        (also: clerk-grants COMMAND --help)

        export options:
          --fixtures DIR           read recorded API pages instead of the live API (no key needed)
          --secret-key-file PATH   file holding the secret key (else CLERK_SECRET_KEY)
          --api-url URL            Backend API base URL (else CLERK_API_URL, else https://api.clerk.com)
          --api-version DATE       Clerk-API-Version header (else CLERK_API_VERSION, else 2025-11-10)
          --resources LIST         comma list of users,organizations,roles,permissions,memberships (default all)
          --output FILE            write the snapshot atomically to FILE, mode 0600 (default stdout)
          --record DIR             also save every raw page under DIR, replayable with --fixtures
          --allow-partial          write an incomplete snapshot ("complete": false) instead of failing
          --concurrency N          requests in flight at most, 1 to 64 (default 4)
          --max-rps R              requests per second, 0 (off) or 0.1 to 100000 (default 25 for sk_live_, 2.5 otherwise)
          --timeout SECONDS        per-request timeout, 1 to 600 (default 30)
          --store DIR, --keep N    keep a history of snapshots in DIR (see README)
          --quiet | --verbose      no progress or summary | log every request (also CLERK_LOGGING=true)

        review, convert, who-can and access read a snapshot file only (never the network) and write to stdout
        or, with --output FILE, atomically to FILE (mode 0600). review: --stale-days default 90 (never active
        counts as stale), --max-admins default 3, "now" is the snapshot's generated_at unless --as-of.
        convert --redact-pii hashes emails and names with HMAC-SHA256; the key comes from --redact-key-file
        or CLERK_GRANTS_REDACT_KEY (at least 16 bytes) and is required.

        diff options:
          --format FORMAT          text (default; colored on a terminal), json (schemas/diff.v1.schema.json), markdown
          --no-color               plain text even on a terminal (also NO_COLOR)
          --allow-different-source compare snapshots of two different instances
          diff exits like diff(1): 0 no differences, 1 differences, 2 trouble.

        Exit codes: 0 ok, 1 usage or bad input, 2 Clerk rejected the request, 3 retries exhausted,
        4 incomplete export refused, 5 output not written.

        """
}
