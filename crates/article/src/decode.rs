//! Bytes to text: BOMs, declared charsets, UTF-16 without BOM, and a
//! Windows-1252 fallback for bytes that are not UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decodes `bytes` to a `String`.
///
/// Order of trust: a byte-order mark, then the `declared` charset label (from an
/// HTML `<meta charset>` or an HTTP header), then strict UTF-8, then Windows-1252,
/// which maps every byte to a character and is what mis-labelled Western text
/// almost always is.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    if let Some(encoding) = guess_utf16(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        // A page that says windows-1252 but is valid UTF-8 is UTF-8: authors copy templates.
        if encoding != UTF_8 && std::str::from_utf8(bytes).is_err() {
            let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
                WINDOWS_1252
            } else {
                encoding
            };
            return encoding.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// UTF-16 text without a BOM shows as NUL bytes in every other position.
fn guess_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the bytes are not text: NUL bytes or many control characters in
/// the first 8 KiB (UTF-16 text, with or without a BOM, is text).
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() || guess_utf16(bytes).is_some() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len().max(1)
}

/// The charset an HTML document declares in its first few KiB
/// (`<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`).
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_boms() {
        assert_eq!(decode("Zoë".as_bytes(), None), "Zoë");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", None), "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0", None), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i", None), "hi");
    }

    #[test]
    fn utf16_without_bom() {
        let bytes: Vec<u8> = "Senate passes the budget"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!looks_binary(&bytes));
        assert_eq!(decode(&bytes, None), "Senate passes the budget");
    }

    #[test]
    fn windows_1252_fallback() {
        assert_eq!(decode(b"caf\xE9 \x93quoted\x94", None), "café \u{201c}quoted\u{201d}");
    }

    #[test]
    fn declared_charset_is_used_only_when_needed() {
        assert_eq!(decode(b"\xE9t\xE9", Some("iso-8859-1")), "été");
        assert_eq!(decode("été".as_bytes(), Some("windows-1252")), "été");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"Plain text\nwith lines\n"));
    }

    #[test]
    fn html_charset() {
        assert_eq!(
            html_declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            html_declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">")
                .as_deref(),
            Some("ISO-8859-1")
        );
    }
}
