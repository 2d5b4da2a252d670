//! A small JSON reader for the dataset and user files: RFC 8259 values into a plain tree.
//!
//! It exists because `serde_json` with its number formatting and error machinery costs more wasm than the
//! rest of the loader; this reader is total (never panics, bounded nesting) and reports the line and column of
//! the first problem. Writing JSON (the native build) still uses serde_json.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    /// Members in file order; lookups are linear (objects here have few keys).
    Obj(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The text ended before the value did: a truncated file.
    pub eof: bool,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// Arrays and objects nested deeper than this are refused (hostile input cannot exhaust the stack).
const MAX_DEPTH: usize = 64;

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(x) => Some(*x),
            _ => None,
        }
    }

    /// A whole, non-negative number.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Num(x) if *x >= 0.0 && x.fract() == 0.0 && *x < 9.0e15 => Some(*x as u64),
            _ => None,
        }
    }

    /// A whole number of either sign.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Num(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Some(*x as i64),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Arr(a) => Some(a),
            _ => None,
        }
    }

    /// An object's members (none for other values).
    pub fn members(&self) -> &[(String, Json)] {
        match self {
            Json::Obj(m) => m,
            _ => &[],
        }
    }

    /// A description of the kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true/false",
            Json::Num(_) => "a number",
            Json::Str(_) => "text",
            Json::Arr(_) => "a list",
            Json::Obj(_) => "an object",
        }
    }
}

pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser { b: text.as_bytes(), i: 0 };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.error("unexpected text after the end of the data"));
    }
    Ok(v)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
        let upto = &self.b[..self.i.min(self.b.len())];
        let line = 1 + upto.iter().filter(|&&c| c == b'\n').count();
        let column = 1 + upto.iter().rev().take_while(|&&c| c != b'\n').count();
        JsonError { line, column, message: message.to_string(), eof: self.i >= self.b.len() }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Json) -> Result<Json, JsonError> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(v)
        } else if self.i + word.len() > self.b.len() && word.starts_with(&self.b[self.i..]) {
            self.i = self.b.len();
            Err(self.error("the data ends in the middle of a word"))
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.b.get(self.i) {
            None => Err(self.error("the data ends where a value was expected")),
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') | Some(b'{') if depth >= MAX_DEPTH => Err(self.error("the data is nested too deeply")),
            Some(b'[') => {
                self.i += 1;
                let mut out = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Json::Arr(out));
                }
                loop {
                    self.ws();
                    out.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Arr(out));
                        }
                        None => return Err(self.error("the data ends inside a list")),
                        _ => return Err(self.error("expected ',' or ']' in a list")),
                    }
                }
            }
            Some(b'{') => {
                self.i += 1;
                let mut out: Vec<(String, Json)> = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Json::Obj(out));
                }
                loop {
                    self.ws();
                    if self.b.get(self.i) != Some(&b'"') {
                        return Err(self.error(if self.i >= self.b.len() { "the data ends inside an object" } else { "expected a quoted key" }));
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.error("expected ':' after a key"));
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(self.error("a key appears twice in one object"));
                    }
                    out.push((key, v));
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Obj(out));
                        }
                        None => return Err(self.error("the data ends inside an object")),
                        _ => return Err(self.error("expected ',' or '}' in an object")),
                    }
                }
            }
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        let t = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("");
        // JSON's own rules: no leading '+', no leading zeros, digits on both sides of '.'.
        let body = t.strip_prefix('-').unwrap_or(t);
        let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
        let bad = body.starts_with('+')
            || int_len == 0
            || (int_len > 1 && body.starts_with('0'))
            || body.contains(".e")
            || body.contains(".E")
            || body.ends_with('.');
        match crate::format::parse_number(t) {
            Some(x) if !bad => Ok(Json::Num(x)),
            _ => {
                self.i = start;
                Err(self.error("not a valid number (or a number too large)"))
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self.b.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u32::from_str_radix(h, 16).ok());
        match h {
            Some(v) => {
                self.i += 4;
                Ok(v)
            }
            None => Err(self.error("a \\u escape needs four hex digits")),
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we only stop at ASCII bytes, so this slice is valid UTF-8.
            out.push_str(std::str::from_utf8(&self.b[start..self.i]).unwrap_or(""));
            match self.b.get(self.i) {
                None => return Err(self.error("the data ends inside a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) && self.b.get(self.i..self.i + 2) == Some(b"\\u") {
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("invalid surrogate pair in a \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("invalid character in a \\u escape"))?);
                            continue;
                        }
                        None => return Err(self.error("the data ends inside a string")),
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    out.push(c);
                    self.i += 1;
                }
                Some(_) => return Err(self.error("a control character inside a string must be escaped")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values() {
        let v = parse(r#" {"a": [1, -2.5, 3e2, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}} "#).unwrap();
        assert_eq!(v.get("a").unwrap().as_array().unwrap().len(), 6);
        assert_eq!(v.get("a").unwrap().as_array().unwrap()[2], Json::Num(300.0));
        assert_eq!(v.get("b").unwrap().as_str(), Some("x\"\\/\né😀"));
        assert_eq!(v.get("c"), Some(&Json::Obj(vec![])));
        assert_eq!(parse("2714167.0").unwrap(), Json::Num(2_714_167.0));
        assert_eq!(parse("0.601506040292386").unwrap(), Json::Num(0.601506040292386));
    }

    #[test]
    fn errors_say_where() {
        let cases = [
            ("", "ends where a value", true),
            ("{\"a\": [1, 2", "ends inside a list", true),
            ("{\"a\": \"x", "ends inside a string", true),
            ("{\"a\" 1}", "expected ':'", false),
            ("[1 2]", "expected ',' or ']'", false),
            ("[01]", "not a valid number", false),
            ("[+1]", "expected a value", false),
            ("[1.]", "not a valid number", false),
            ("[NaN]", "expected a value", false),
            ("[1e999]", "not a valid number", false),
            ("{\"a\":1,\"a\":2}", "appears twice", false),
            ("\"\u{1}\"", "control character", false),
            ("[\"\\ud83d\\u0041\"]", "surrogate", false),
            ("[tru", "ends in the middle", true),
            ("[1] x", "after the end", false),
        ];
        for (text, needle, eof) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert_eq!(e.eof, eof, "{text:?}: {e}");
        }
        let e = parse("{\n  \"a\": x\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        let deep = "[".repeat(1000);
        assert!(parse(&deep).unwrap_err().message.contains("nested too deeply"));
    }
}
