//! Text encodings of platform files and pushes. Exports from Chinese back
//! offices are not always UTF-8 (GBK is common, PLATFORMS.md "Common
//! facts"), so bytes are decoded one line at a time with `encoding_rs`: a
//! line that does not decode is one rejected line whose reason says what it
//! looks like, never a lost file.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

use super::error::MappingError;

/// The encodings a file may be read in, by the names `--encoding` takes.
pub const NAMES: [&str; 3] = ["utf-8", "gbk", "gb18030"];

/// The encoding named `label` (any WHATWG label: `utf-8`, `gbk`, `gb18030`,
/// `gb2312` …), or `None` when no encoding has that name.
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// One line of a body: its 1-based number and its text, or why it has none.
pub type DecodedLine = (usize, Result<String, MappingError>);

/// How a caller tells the sender to name the encoding, for the hint in a
/// reject's reason: `--encoding gbk` for files, a charset for pushes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `returns import --encoding …`.
    CommandLine,
    /// `Content-Type: …; charset=…` of a push.
    Charset,
}

impl Hint {
    fn say(self, name: &str) -> String {
        match self {
            Hint::CommandLine => format!("use `--encoding {name}`"),
            Hint::Charset => format!("send `Content-Type: application/json; charset={name}`"),
        }
    }
}

/// Decodes one line in `encoding`. A line that does not decode is a mapping
/// error of the whole payload, whose `found` says where it broke and, when
/// the bytes decode as GBK, "looks like GBK" with how to say so.
pub fn decode_line(
    bytes: &[u8],
    encoding: &'static Encoding,
    hint: Hint,
) -> Result<String, MappingError> {
    let bytes = if encoding == UTF_8 {
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
    } else {
        bytes
    };
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let mut found = match std::str::from_utf8(bytes) {
        Err(e) if encoding == UTF_8 => {
            format!("bytes that are not UTF-8 (from byte {})", e.valid_up_to())
        }
        _ => format!("bytes that are not {}", encoding.name()),
    };
    // A suggestion only when another encoding reads the line whole.
    let guess = [GBK, GB18030, UTF_8].into_iter().find(|other| {
        *other != encoding
            && other
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_some()
    });
    if let Some(other) = guess {
        let name = if other == UTF_8 { "utf-8" } else { "gbk" };
        let looks = if other == UTF_8 { "UTF-8" } else { "GBK" };
        found.push_str(&format!(": looks like {looks}: {}", hint.say(name)));
    }
    Err(MappingError {
        path: "$".to_owned(),
        field: "payload".to_owned(),
        expected: format!("text in {}", encoding.name()),
        found,
    })
}

/// A body's lines, decoded one by one (1-based line numbers; blank lines
/// left out). GBK and GB18030 never use the newline byte inside a
/// character, so splitting before decoding is sound for every encoding here.
pub fn decode_lines(body: &[u8], encoding: &'static Encoding, hint: Hint) -> Vec<DecodedLine> {
    body.split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, raw)| (i + 1, raw.strip_suffix(b"\r").unwrap_or(raw)))
        .filter(|(_, raw)| !raw.iter().all(u8::is_ascii_whitespace))
        .map(|(line, raw)| (line, decode_line(raw, encoding, hint)))
        .collect()
}

/// The records of a pushed body, decoded by the charset its `Content-Type`
/// names (UTF-8 when none): the whole body when it is one JSON object,
/// otherwise one per line, each line decoded alone. An unknown charset is
/// the one thing that refuses the whole body (`Err` says which).
pub fn push_records(content_type: Option<&str>, body: &[u8]) -> Result<Vec<DecodedLine>, String> {
    let charset = content_type.and_then(|value| {
        value.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            (name.trim().eq_ignore_ascii_case("charset"))
                .then(|| value.trim().trim_matches('"').to_owned())
        })
    });
    let encoding = match charset {
        Some(label) => by_label(&label)
            .ok_or_else(|| format!("unknown charset `{label}` (use utf-8, gbk or gb18030)"))?,
        None => UTF_8,
    };
    if let Ok(text) = decode_line(body, encoding, Hint::Charset) {
        if text.trim_start().starts_with('{')
            && serde_json::from_str::<serde_json::Value>(&text).is_ok()
        {
            return Ok(vec![(1, Ok(text))]);
        }
    }
    Ok(decode_lines(body, encoding, Hint::Charset))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "质量问题" in GBK.
    const GBK_TEXT: &[u8] = b"{\"reason\":\"\xd6\xca\xc1\xbf\xce\xca\xcc\xe2\"}";

    #[test]
    fn a_gbk_line_read_as_utf8_says_it_looks_like_gbk() {
        let err = decode_line(GBK_TEXT, UTF_8, Hint::CommandLine).unwrap_err();
        assert!(
            err.to_string()
                .contains("looks like GBK: use `--encoding gbk`"),
            "{err}"
        );
        assert_eq!(err.field, "payload");
    }

    #[test]
    fn gbk_lines_decode_with_the_gbk_encoding() {
        let text = decode_line(GBK_TEXT, by_label("gbk").unwrap(), Hint::CommandLine).unwrap();
        assert_eq!(text, "{\"reason\":\"质量问题\"}");
        let text = decode_line(GBK_TEXT, by_label("gb18030").unwrap(), Hint::Charset).unwrap();
        assert_eq!(text, "{\"reason\":\"质量问题\"}");
    }

    #[test]
    fn one_bad_line_leaves_the_others_whole() {
        let mut body = b"{\"a\":1}\r\n\n".to_vec();
        body.extend_from_slice(GBK_TEXT);
        body.extend_from_slice(b"\n{\"b\":\"\xe8\xb4\xa8\"}\n");
        let lines = decode_lines(&body, UTF_8, Hint::Charset);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], (1, Ok("{\"a\":1}".to_owned())));
        assert_eq!(lines[1].0, 3);
        let err = lines[1].1.as_ref().unwrap_err();
        assert!(err.found.contains("charset=gbk"), "{err}");
        assert_eq!(lines[2], (4, Ok("{\"b\":\"质\"}".to_owned())));
    }

    #[test]
    fn a_push_is_decoded_by_its_charset() {
        let one = push_records(Some("application/json; charset=GBK"), GBK_TEXT).unwrap();
        assert_eq!(one, vec![(1, Ok("{\"reason\":\"质量问题\"}".to_owned()))]);
        let lines =
            push_records(Some("application/x-ndjson"), b"{}\n{\"a\":\"\xd6\xca\"}").unwrap();
        assert_eq!(lines[0], (1, Ok("{}".to_owned())));
        assert!(lines[1].1.is_err());
        assert!(push_records(Some("text/plain; charset=klingon"), b"{}").is_err());
    }

    #[test]
    fn a_utf8_byte_order_mark_is_not_part_of_the_record() {
        let text = decode_line(b"\xEF\xBB\xBF{}", UTF_8, Hint::CommandLine).unwrap();
        assert_eq!(text, "{}");
    }
}
