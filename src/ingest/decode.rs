//! Bytes to text: BOM, UTF-8, a declared HTML charset, or a detected legacy
//! encoding (Windows-1252, Latin-1, ...), with binary data refused.

use encoding_rs::{Encoding, UTF_8};
use std::sync::LazyLock;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The WHATWG name of the encoding it was decoded from (`UTF-8`, `windows-1252`...).
    pub encoding: &'static str,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeProblem {
    /// NUL bytes or other control data: not text.
    Binary,
}

/// Decodes `bytes`: a BOM wins (UTF-8, UTF-16LE/BE), then valid UTF-8, then a
/// `<meta charset>` in the first kilobytes, then `chardetng`'s guess.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return checked(text.into_owned(), enc);
    }
    if looks_binary(bytes) {
        return Err(DecodeProblem::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return checked(s.to_owned(), UTF_8);
    }
    let enc = declared_charset(bytes).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    checked(text.into_owned(), enc)
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 without a BOM (the
/// common case) becomes the text without a copy, so a large file is not held
/// twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeProblem> {
    if Encoding::for_bom(&bytes).is_some() || looks_binary(&bytes) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => checked(text, UTF_8),
        Err(e) => decode(e.as_bytes()),
    }
}

fn checked(text: String, enc: &'static Encoding) -> Result<Decoded, DecodeProblem> {
    // control characters among the first 8192 characters, counted on the
    // bytes: C0 and DEL are single bytes, C1 (U+0080..U+009F) is C2 80..C2 9F
    let head = if text.len() <= 8192 {
        text.len()
    } else if text.as_bytes()[..8192].is_ascii() {
        8192
    } else {
        text.char_indices().nth(8192).map_or(text.len(), |(i, _)| i)
    };
    let b = &text.as_bytes()[..head];
    let controls = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
                || c == 0x7f
                || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
        })
        .count();
    if controls > 8 {
        return Err(DecodeProblem::Binary);
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
    })
}

/// NUL bytes in the first 8 KiB of a file without a UTF-16 BOM mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)"#)
        .expect("valid regex")
});

/// The charset an HTML document declares in its first 2 KiB, if any.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label).filter(|e| *e != UTF_8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("héllo".as_bytes()).unwrap().text, "héllo");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("héllo".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "héllo");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Kyiv – Moscow".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "Kyiv – Moscow");
        assert_eq!(d.encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        for u in "Kyiv".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Kyiv");
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "The Kremlin said \u{201c}no\u{201d} \u{2013} Peskov\u{2019}s caf\u{e9} remark.",
        );
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.text,
            "The Kremlin said \u{201c}no\u{201d} \u{2013} Peskov\u{2019}s caf\u{e9} remark."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn declared_charset_is_used() {
        let mut b = b"<html><head><meta charset=\"iso-8859-1\"></head><body>".to_vec();
        b.extend_from_slice(&[0x63, 0x61, 0x66, 0xE9]);
        let d = decode(&b).unwrap();
        assert!(d.text.ends_with("café"));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x00\x00"),
            Err(DecodeProblem::Binary)
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11text"),
            Err(DecodeProblem::Binary)
        );
    }
}
