use std::path::Path;

/// The formats lede reads, found from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`: plain text, often a saved web page.
    Text,
    /// `.md`, `.markdown`.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.jsonl`, `.ndjson`: one object a line.
    JsonLines,
    /// `.csv` with a header row.
    Csv,
}

impl Format {
    /// The format of `path` and whether it is gzip-compressed (`name.jsonl.gz`).
    /// `None` for files lede does not read (images, PDF, ...).
    pub fn detect(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_owned(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.')?.1;
        let format = match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" => Format::Csv,
            _ => return None,
        };
        Some((format, gzip))
    }

    /// True for formats holding one record per line or row, read as a stream.
    pub fn is_streamed(self) -> bool {
        matches!(self, Format::JsonLines | Format::Csv)
    }

    /// Lower-case name, as users write it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_and_gzip() {
        assert_eq!(Format::detect(Path::new("a/b.TXT")), Some((Format::Text, false)));
        assert_eq!(Format::detect(Path::new("x.jsonl.gz")), Some((Format::JsonLines, true)));
        assert_eq!(Format::detect(Path::new("x.ndjson")), Some((Format::JsonLines, false)));
        assert_eq!(Format::detect(Path::new("page.htm")), Some((Format::Html, false)));
        assert_eq!(Format::detect(Path::new("photo.jpg")), None);
        assert_eq!(Format::detect(Path::new("README")), None);
        assert_eq!(Format::detect(Path::new("x.gz")), None);
    }
}
