/// Word pools for generated names. A few entries need JSON escaping or are not ASCII on purpose, so every
/// large tenant exercises a client's string decoding and escaping; `asciiStem` keeps emails and slugs plain.
enum TenantVocabulary {
    static let firstNames = [
        "Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Ken", "Margaret", "Dennis", "Radia", "Linus",
        "Katherine", "Donald", "Hedy", "Tim", "Shafi", "John", "Lynn", "Niklaus", "Sophie", "Mary", "Yukihiro",
        "Guido", "Anita", "Bjarne", "Evelyn", "Chris", "Jean", "Leslie", "Karen",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Thompson", "Hamilton", "Ritchie",
        "Perlman", "Torvalds", "Johnson", "Knuth", "Lamarr", "Berners-Lee", "Goldwasser", "McCarthy", "Conway",
        "Wirth", "Wilson", "Keller", "Matsumoto", "van Rossum", "Borg", "Stroustrup", "Boyd", "Lattner", "Bartik",
        "Lamport", "Spärck Jones",
    ]
    /// Chosen now and then instead of a pool name: quotes, a backslash, control characters, non-Latin
    /// scripts, an emoji, and a name with a line separator (U+2028), which JSON allows unescaped.
    static let awkwardNames = [
        "Zoë", "O'Brien", "José", "Nguyễn", "李", "Ævar", "\"Danny\"", "back\\slash", "tab\there", "new\nline",
        "bell\u{07}", "😀 Smile", "Ωmega", "line\u{2028}sep",
    ]
    static let companyWords = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne",
        "Soylent", "Aperture", "Vandelay", "Pied Piper", "Massive Dynamic", "Oceanic",
    ]
    static let companySuffixes = ["Inc.", "Labs", "GmbH", "Ltd", "Group", "Systems", "Partners", "Co."]
    static let awkwardCompanyNames = ["Zoë's Café", "O'Reilly \"Media\"", "Back\\slash & Co", "日本株式会社", "Tab\tWorks"]
    static let emailDomains = ["example.com", "example.org", "acme.test", "corp.example.net"]
    static let customRoleNames = [
        "Billing manager", "Support agent", "Viewer", "Auditor", "Developer", "Analyst", "Editor", "Moderator",
        "Security officer", "Finance lead",
    ]
    static let customPermissionActions = ["read", "manage", "delete"]

    /// Lowercase ASCII letters and digits of a name, for emails, usernames and slugs.
    static func asciiStem(_ text: String) -> String {
        var stem = ""
        for scalar in text.unicodeScalars where scalar.isASCII {
            let character = Character(scalar)
            if character.isLetter || character.isNumber { stem.append(character.lowercased()) }
        }
        return stem.isEmpty ? "x" : stem
    }
}
