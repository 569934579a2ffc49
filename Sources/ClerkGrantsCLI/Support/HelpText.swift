import ClerkClient

enum ClerkGrantsVersion {
    static let current = ClerkClientConfiguration.toolVersion
}

/// The usage text; README.md documents the same commands and flags in full.
enum HelpText {
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
          clerk-grants help | version

        export options:
          --fixtures DIR           read recorded API pages instead of the live API (no key needed)
          --secret-key-file PATH   file holding the secret key (else CLERK_SECRET_KEY)
          --api-url URL            Backend API base URL (else CLERK_API_URL, else https://api.clerk.com)
          --api-version DATE       Clerk-API-Version header (else CLERK_API_VERSION, else 2025-11-10)
          --resources LIST         comma list of users,organizations,roles,permissions,memberships (default all)
          --output FILE            write the snapshot atomically to FILE, mode 0600 (default stdout)
          --record DIR             also save every raw page under DIR, replayable with --fixtures
          --allow-partial          write an incomplete snapshot ("complete": false) instead of failing
          --concurrency N          requests in flight at most (default 4)
          --max-rps R              requests per second at most (default 25 for sk_live_, 2.5 otherwise; 0 = off)
          --timeout SECONDS        per-request timeout (default 30)
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
