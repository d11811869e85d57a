use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A file whose bytes are not UTF-8 text, for example one saved in
    /// Windows-1258 or TCVN3 by an older editor.
    ///
    /// ## Why it matters
    ///
    /// Vietnamese letters in another encoding cannot be read reliably, so
    /// gplan reads nothing from the file rather than guess.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// title = "K\xea ho\xb9ch"   # bytes of a legacy encoding, not UTF-8
    /// ```
    ///
    /// ## How to fix
    ///
    /// Save the file as UTF-8 (most editors: "Save with encoding", UTF-8).
    name: "not-utf8",
    severity: Error,
    phase: File,
    summary: "the file is not UTF-8 text",
}

/// The first byte that is not UTF-8.
pub struct Finding<'a> {
    pub file: &'a str,
    /// Where the byte is in the lossy copy shown in snippets.
    pub at: usize,
    /// Where the byte is in the file.
    pub offset: usize,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::NotUtf8,
            f.file,
            f.at..f.at + 1,
            format!("file is not UTF-8: invalid byte at offset {}", f.offset),
        )
        .with_label("not UTF-8")
        .with_help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    }
}
