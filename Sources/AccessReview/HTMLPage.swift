import OutputEscaping

/// The opening of every page this tool writes (review, split index, trend): one self-contained document
/// whose Content-Security-Policy allows no network and no scripts, so a report is safe to open from an
/// email or a ticket attachment and cannot tell anyone it was opened.
enum HTMLPage {
    /// From `<!DOCTYPE html>` to `<body>`; `title` is tenant text and is escaped here, `style` is ours.
    static func opening(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        """
    }
}
