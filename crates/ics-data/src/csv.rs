//! A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM.
//!
//! It is used by the native dataset build (`build`) and by the page's "bring your own data" import, so it
//! must never panic on any input: every problem is a [`CsvError`] naming the line and what to do about it.
//! It never interprets values; typing is the caller's job.

use std::fmt;

/// A parsed CSV file: one header row and data rows, each row remembering the line it started on.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line number in the file where this record starts (the header is line 1).
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CsvError {}

impl Table {
    /// Parses `text`. Rows whose field count differs from the header are errors, except wholly empty
    /// lines, which are skipped.
    pub fn parse(text: &str) -> Result<Table, CsvError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut records = parse_records(text)?;
        if records.is_empty() {
            return Err(CsvError { line: 1, message: "the file is empty: expected a header row".into() });
        }
        let header = records.remove(0);
        let headers: Vec<String> = header.fields.iter().map(|h| h.trim().to_string()).collect();
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                return Err(CsvError { line: 1, message: format!("header column {} is empty", i + 1) });
            }
            if headers[..i].contains(h) {
                return Err(CsvError { line: 1, message: format!("header \"{h}\" appears twice") });
            }
        }
        let mut rows = Vec::with_capacity(records.len());
        for r in records {
            if r.fields.len() == 1 && r.fields[0].is_empty() {
                continue;
            }
            if r.fields.len() != headers.len() {
                return Err(CsvError {
                    line: r.line,
                    message: format!(
                        "{} fields, but the header has {}: check for an unquoted comma or a missing value",
                        r.fields.len(),
                        headers.len()
                    ),
                });
            }
            rows.push(r);
        }
        Ok(Table { headers, rows })
    }

    /// The index of the column named `name`, or an error listing the columns that do exist.
    pub fn column(&self, name: &str) -> Result<usize, String> {
        self.headers.iter().position(|h| h == name).ok_or_else(|| format!("missing column \"{name}\" (the file has: {})", self.headers.join(", ")))
    }

    /// The index of the first column whose name matches any of `names`, ignoring case and spaces.
    pub fn find_column(&self, names: &[&str]) -> Option<usize> {
        let norm = |s: &str| s.chars().filter(|c| !c.is_ascii_whitespace()).collect::<String>().to_ascii_lowercase();
        names.iter().find_map(|n| self.headers.iter().position(|h| norm(h) == norm(n)))
    }
}

/// Every record of `text` as written (a BOM removed), with no header checks and no field counts enforced:
/// for callers that find the header themselves (imports with title rows above it).
pub fn records(text: &str) -> Result<Vec<Row>, CsvError> {
    parse_records(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn parse_records(text: &str) -> Result<Vec<Row>, CsvError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut record_line = 1;
    let mut in_quotes = false;
    let mut quote_line = 0;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    match chars.peek() {
                        None | Some(',') | Some('\n') | Some('\r') => {}
                        Some(other) => {
                            return Err(CsvError {
                                line,
                                message: format!("unexpected '{other}' after a closing quote: a quoted field must end at a comma or line end"),
                            })
                        }
                    }
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                quote_line = line;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push(Row { line: record_line, fields: std::mem::take(&mut fields) });
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Err(CsvError { line: quote_line, message: "a quoted field is never closed: the file may be truncated or have a stray '\"'".into() });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(Row { line: record_line, fields });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Vec<Vec<String>> {
        let t = Table::parse(text).unwrap();
        let mut out = vec![t.headers];
        out.extend(t.rows.into_iter().map(|r| r.fields));
        out
    }

    #[test]
    fn parses_quotes_crlf_bom_and_blank_lines() {
        let cases: &[(&str, &[&[&str]])] = &[
            ("a,b\n1,2\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b\r\n1,2\r\n", &[&["a", "b"], &["1", "2"]]),
            ("\u{feff}a,b\n1,2", &[&["a", "b"], &["1", "2"]]),
            ("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", &[&["a", "b"], &["x, y", "say \"hi\""]]),
            ("a,b\n\"two\nlines\",2\n\n", &[&["a", "b"], &["two\nlines", "2"]]),
            ("a,b\n,\n", &[&["a", "b"], &["", ""]]),
        ];
        for (text, want) in cases {
            let want: Vec<Vec<String>> = want.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
            assert_eq!(ok(text), want, "input {text:?}");
        }
    }

    #[test]
    fn line_numbers_count_embedded_newlines() {
        let t = Table::parse("a,b\n\"1\n2\",3\n4,5\n").unwrap();
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("", 1, "empty"),
            ("a,b\n1,2,3\n", 2, "3 fields, but the header has 2"),
            ("a,b\n1,2\n\"open,3\n", 3, "never closed"),
            ("a,b\n\"x\"y,2\n", 2, "after a closing quote"),
            ("a,a\n1,2\n", 1, "appears twice"),
            ("a,,c\n1,2,3\n", 1, "column 2 is empty"),
        ];
        for (text, line, needle) in cases {
            let e = Table::parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{text:?}: {e}");
        }
    }

    #[test]
    fn column_lookup() {
        let t = Table::parse("Area Code,Value\nE54000008,1\n").unwrap();
        assert_eq!(t.column("Value"), Ok(1));
        assert!(t.column("value").unwrap_err().contains("Area Code, Value"));
        assert_eq!(t.find_column(&["areacode"]), Some(0));
    }
}
