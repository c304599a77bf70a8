//! JSONL: one JSON object per line, such as `{"id": …, "url": …, "text": …}`.
//!
//! Reading is split in two so that the expensive half runs in parallel:
//! [`JsonlReader`] only cuts the stream into lines (cheap, sequential), and
//! [`JsonlRecord::parse`] parses one line (on any worker thread).
//!
//! A cleaned record is written by splicing the new text into the original
//! line: every other field, its value, its position and even the whitespace
//! around it are copied through byte for byte.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read};
use std::ops::Range;

use bytes::Bytes;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::stream::StreamBuf;

/// One line of a JSONL stream.
#[derive(Clone, Debug)]
pub struct JsonlLine {
    /// 1-based line number in the (decompressed) stream.
    pub number: u64,
    /// The whole line, terminator (`\n` or `\r\n`) included if present.
    pub bytes: Bytes,
    /// Length of the line without its terminator.
    pub content_len: usize,
}

impl JsonlLine {
    /// The line without its terminator.
    pub fn content(&self) -> &[u8] {
        &self.bytes[..self.content_len]
    }

    /// The terminator (`\n`, `\r\n` or nothing at the end of the stream).
    pub fn terminator(&self) -> &[u8] {
        &self.bytes[self.content_len..]
    }

    /// Whether the line is empty or whitespace only (not a record).
    pub fn is_blank(&self) -> bool {
        self.content().iter().all(|b| b.is_ascii_whitespace())
    }
}

/// Cuts a byte stream into [`JsonlLine`]s. Holds at most one line plus one
/// read step beyond what the caller keeps.
pub struct JsonlReader<R> {
    buf: StreamBuf<R>,
    /// How far the current buffer has been searched for `\n`.
    scanned: usize,
    line: u64,
}

impl<R: Read> JsonlReader<R> {
    /// Read lines from `inner` (already decompressed).
    pub fn new(inner: R) -> JsonlReader<R> {
        JsonlReader { buf: StreamBuf::new(inner), scanned: 0, line: 0 }
    }

    /// Bytes consumed from the stream so far (through the last line returned).
    pub fn position(&self) -> u64 {
        self.buf.offset()
    }

    /// The next line, `None` at the end of the stream, or the read error
    /// that ended it.
    pub fn next_line(&mut self) -> Option<io::Result<JsonlLine>> {
        loop {
            let data = self.buf.data();
            if let Some(i) = memchr::memchr(b'\n', &data[self.scanned..]) {
                let end = self.scanned + i + 1;
                let content_len =
                    if end >= 2 && data[end - 2] == b'\r' { end - 2 } else { end - 1 };
                return Some(Ok(self.cut(end, content_len)));
            }
            self.scanned = data.len();
            match self.buf.fill() {
                Ok(0) => {
                    let n = self.buf.data().len();
                    if n == 0 {
                        return None;
                    }
                    return Some(Ok(self.cut(n, n)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }

    fn cut(&mut self, end: usize, content_len: usize) -> JsonlLine {
        self.scanned = 0;
        self.line += 1;
        JsonlLine { number: self.line, bytes: self.buf.take(end), content_len }
    }
}

/// Why a JSONL line is not a usable record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError(String);

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RecordError {}

/// One field of a parsed record: its key and the byte range of its raw value
/// in the line.
#[derive(Clone, Debug)]
struct Field<'a> {
    key: Cow<'a, str>,
    value: Range<usize>,
}

/// A parsed JSONL record: where its fields are, and its text.
#[derive(Clone, Debug)]
pub struct JsonlRecord<'a> {
    line: &'a [u8],
    fields: Vec<Field<'a>>,
    text_index: usize,
    text: String,
}

impl<'a> JsonlRecord<'a> {
    /// Parse `line` (without terminator) as a JSON object whose `text_field`
    /// is a string.
    ///
    /// Errors: invalid JSON (including invalid UTF-8 and trailing data), a
    /// value that is not an object, a missing text field, a text field that
    /// is not a string or appears twice, an invalid escape in the text.
    ///
    /// ```
    /// use deboil::io::jsonl::JsonlRecord;
    /// let line = br#"{"id": 7, "text": "a\nb", "lang": "en"}"#;
    /// let rec = JsonlRecord::parse(line, "text").unwrap();
    /// assert_eq!(rec.text(), "a\nb");
    /// let mut out = Vec::new();
    /// rec.write_with_text("b", None, &mut out);
    /// assert_eq!(out, br#"{"id": 7, "text": "b", "lang": "en"}"#);
    /// assert_eq!(JsonlRecord::parse(br#"{"id": 7}"#, "text").unwrap_err().to_string(),
    ///            r#"missing field "text""#);
    /// ```
    pub fn parse(line: &'a [u8], text_field: &str) -> Result<JsonlRecord<'a>, RecordError> {
        let invalid = |e: serde_json::Error| match std::str::from_utf8(line) {
            Err(u) => RecordError(format!("invalid UTF-8 at byte {}", u.valid_up_to() + 1)),
            Ok(_) => RecordError(format!("invalid JSON: {e}")),
        };
        let mut de = serde_json::Deserializer::from_slice(line);
        let raw =
            de.deserialize_any(FieldsVisitor { base: line.as_ptr() as usize }).map_err(invalid)?;
        de.end().map_err(invalid)?;
        let fields = raw.ok_or_else(|| RecordError("not a JSON object".into()))?;
        let mut text_index = None;
        for (i, f) in fields.iter().enumerate() {
            if f.key == text_field {
                if text_index.is_some() {
                    return Err(RecordError(format!("duplicate field {text_field:?}")));
                }
                text_index = Some(i);
            }
        }
        let text_index =
            text_index.ok_or_else(|| RecordError(format!("missing field {text_field:?}")))?;
        let raw = &line[fields[text_index].value.clone()];
        if raw.first() != Some(&b'"') {
            return Err(RecordError(format!(
                "field {text_field:?} is not a string (found {})",
                json_kind(raw)
            )));
        }
        let text: String = serde_json::from_slice(raw)
            .map_err(|e| RecordError(format!("field {text_field:?}: invalid string: {e}")))?;
        Ok(JsonlRecord { line, fields, text_index, text })
    }

    /// The decoded text field.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The raw JSON of field `key`, if present (the first one if repeated).
    pub fn raw_field(&self, key: &str) -> Option<&'a [u8]> {
        let line = self.line;
        self.fields.iter().find(|f| f.key == key).map(|f| &line[f.value.clone()])
    }

    /// Field `key` as a string: the decoded value of a JSON string, or the raw
    /// JSON of any other value (so numeric ids read as `"42"`).
    pub fn field_string(&self, key: &str) -> Option<String> {
        let raw = self.raw_field(key)?;
        if raw.first() == Some(&b'"') {
            serde_json::from_slice(raw).ok()
        } else {
            Some(String::from_utf8_lossy(raw).into_owned())
        }
    }

    /// Field `key` if it is a JSON string, decoded.
    pub fn string_field(&self, key: &str) -> Option<String> {
        let raw = self.raw_field(key)?;
        if raw.first() == Some(&b'"') {
            serde_json::from_slice(raw).ok()
        } else {
            None
        }
    }

    /// Append the record to `out` (no terminator) with `text` as the new
    /// value of the text field, or — with `output_field` — as the value of
    /// that field (replaced where it is, or added right after the text
    /// field), leaving the original text in place.
    pub fn write_with_text(&self, text: &str, output_field: Option<&str>, out: &mut Vec<u8>) {
        let target = match output_field {
            None => Some(self.text_index),
            Some(name) => self.fields.iter().position(|f| f.key == name),
        };
        match target {
            Some(i) => {
                let r = self.fields[i].value.clone();
                out.extend_from_slice(&self.line[..r.start]);
                write_json_string(text, out);
                out.extend_from_slice(&self.line[r.end..]);
            }
            None => {
                let name = output_field.unwrap_or_default();
                let at = self.fields[self.text_index].value.end;
                out.extend_from_slice(&self.line[..at]);
                out.push(b',');
                write_json_string(name, out);
                out.push(b':');
                write_json_string(text, out);
                out.extend_from_slice(&self.line[at..]);
            }
        }
    }
}

/// Append `s` as a JSON string literal.
pub(crate) fn write_json_string(s: &str, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail and a str always serialises.
    let _ = serde_json::to_writer(out, s);
}

/// What kind of JSON value `raw` starts.
fn json_kind(raw: &[u8]) -> &'static str {
    match raw.first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "a number",
    }
}

/// A map key that borrows from the line when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Collects `(key, raw value range)` pairs of a top-level object; any other
/// top-level value gives `None`.
struct FieldsVisitor {
    base: usize,
}

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Option<Vec<Field<'de>>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Vec::with_capacity(8);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let raw: &'de RawValue = map.next_value()?;
            let start = raw.get().as_ptr() as usize - self.base;
            fields.push(Field { key, value: start..start + raw.get().len() });
        }
        Ok(Some(fields))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<(u64, Vec<u8>, Vec<u8>)> {
        let mut r = JsonlReader::new(input);
        let mut out = Vec::new();
        while let Some(l) = r.next_line() {
            let l = l.unwrap();
            out.push((l.number, l.content().to_vec(), l.terminator().to_vec()));
        }
        out
    }

    #[test]
    fn splits_lines_keeping_terminators() {
        assert_eq!(
            lines(b"{}\n{}\r\n\n{}"),
            vec![
                (1, b"{}".to_vec(), b"\n".to_vec()),
                (2, b"{}".to_vec(), b"\r\n".to_vec()),
                (3, b"".to_vec(), b"\n".to_vec()),
                (4, b"{}".to_vec(), b"".to_vec()),
            ]
        );
        assert!(lines(b"").is_empty());
    }

    #[test]
    fn long_lines_cross_reads() {
        let long = vec![b'x'; 3 << 20];
        let mut input = long.clone();
        input.extend_from_slice(b"\nab\n");
        let got = lines(&input);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, long);
        assert_eq!(got[1].1, b"ab");
    }

    fn err(line: &[u8]) -> String {
        JsonlRecord::parse(line, "text").unwrap_err().to_string()
    }

    #[test]
    fn record_errors() {
        assert_eq!(err(br#"{"id":1}"#), r#"missing field "text""#);
        assert_eq!(err(br#"{"text":null}"#), r#"field "text" is not a string (found null)"#);
        assert_eq!(err(br#"{"text":[1]}"#), r#"field "text" is not a string (found an array)"#);
        assert_eq!(err(br#"{"text":"a","text":"b"}"#), r#"duplicate field "text""#);
        assert_eq!(err(br#"[1,2]"#), "not a JSON object");
        assert!(err(br#"{"text":"a""#).starts_with("invalid JSON: "));
        assert!(err(br#"{"text":"a"} x"#).starts_with("invalid JSON: "));
        assert_eq!(err(b"{\"text\":\"a\xff\"}"), "invalid UTF-8 at byte 11");
        assert_eq!(err(b"{\"id\":\"\xc3\",\"text\":\"a\"}"), "invalid UTF-8 at byte 8");
        assert!(
            err(br#"{"text":"\ud800"}"#).contains("invalid string"),
            "{}",
            err(br#"{"text":"\ud800"}"#)
        );
    }

    #[test]
    fn splices_preserving_everything_else() {
        let line = br#"{ "id" : "a\u00e9", "meta": {"x": [1, 2.50]},"text" : "one\ntwo" , "z":1 }"#;
        let rec = JsonlRecord::parse(line, "text").unwrap();
        assert_eq!(rec.text(), "one\ntwo");
        assert_eq!(rec.field_string("id").as_deref(), Some("a\u{e9}"));
        assert_eq!(rec.field_string("z").as_deref(), Some("1"));
        let mut out = Vec::new();
        rec.write_with_text("two", None, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{ "id" : "a\u00e9", "meta": {"x": [1, 2.50]},"text" : "two" , "z":1 }"#
        );
        let mut out = Vec::new();
        rec.write_with_text("t\"wo", Some("clean"), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{ "id" : "a\u00e9", "meta": {"x": [1, 2.50]},"text" : "one\ntwo","clean":"t\"wo" , "z":1 }"#
        );
        let mut out = Vec::new();
        rec.write_with_text("x", Some("z"), &mut out);
        assert!(String::from_utf8(out).unwrap().ends_with(r#""z":"x" }"#));
    }

    #[test]
    fn escaped_keys_match() {
        let rec = JsonlRecord::parse(br#"{"te\u0078t":"hi"}"#, "text").unwrap();
        assert_eq!(rec.text(), "hi");
    }
}
