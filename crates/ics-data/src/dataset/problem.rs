//! Validation problems, and a reader that walks untrusted JSON collecting them instead of stopping.
//!
//! Every problem names the table, the row (by code where it has one) and the field, with a sentence a user can
//! act on. The reader never panics and never gives up at the first problem: it records one and carries on, so a
//! broken file is reported in full.

use crate::json::Json;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub table: String,
    pub row: Option<String>,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.row {
            Some(row) => write!(f, "{} {}: {} {}", self.table, row, self.field, self.message),
            None if self.field.is_empty() => write!(f, "{}: {}", self.table, self.message),
            None => write!(f, "{}: {} {}", self.table, self.field, self.message),
        }
    }
}

/// All the problems found in a dataset. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(f, "the dataset is not valid ({n} problem{}):", if n == 1 { "" } else { "s" })?;
        for p in self.0.iter().take(50) {
            writeln!(f, "- {p}")?;
        }
        if n > 50 {
            writeln!(f, "- … and {} more", n - 50)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Collects problems while reading. `at` sets the table and row that following problems belong to.
#[derive(Default)]
pub struct Log {
    pub problems: Vec<Problem>,
    pub table: String,
    pub row: Option<String>,
}

impl Log {
    pub fn at(&mut self, table: &str, row: Option<String>) {
        self.table = table.to_string();
        self.row = row;
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        // A badly broken file could produce millions of identical problems; a user needs the first few hundred.
        if self.problems.len() < 500 {
            self.problems.push(Problem { table: self.table.clone(), row: self.row.clone(), field: field.to_string(), message: message.into() });
        }
    }

    /// A problem for a table named explicitly, without changing the current position.
    pub fn push_in(&mut self, table: &str, row: Option<String>, field: &str, message: impl Into<String>) {
        if self.problems.len() < 500 {
            self.problems.push(Problem { table: table.into(), row, field: field.into(), message: message.into() });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    // ---- typed field readers: each returns None (after logging) when the field is absent or mistyped ----

    pub fn obj<'v>(&mut self, v: &'v Json, field: &str) -> Option<&'v Json> {
        match v {
            Json::Obj(_) => Some(v),
            other => {
                self.push(field, format!("should be an object, found {}", other.kind()));
                None
            }
        }
    }

    pub fn get<'v>(&mut self, m: &'v Json, field: &str) -> Option<&'v Json> {
        let v = m.get(field);
        if v.is_none() {
            self.push(field, "is missing");
        }
        v
    }

    pub fn str<'v>(&mut self, m: &'v Json, field: &str) -> Option<&'v str> {
        match self.get(m, field)? {
            Json::Str(s) => Some(s),
            other => {
                self.push(field, format!("should be text, found {}", other.kind()));
                None
            }
        }
    }

    /// A non-empty string.
    pub fn text(&mut self, m: &Json, field: &str) -> Option<String> {
        let s = self.str(m, field)?;
        if s.trim().is_empty() {
            self.push(field, "is empty");
            return None;
        }
        Some(s.to_string())
    }

    pub fn opt_text(&mut self, m: &Json, field: &str) -> Option<String> {
        match m.get(field) {
            None | Some(Json::Null) => None,
            Some(_) => self.text(m, field),
        }
    }

    pub fn f64(&mut self, m: &Json, field: &str) -> Option<f64> {
        let v = self.get(m, field)?;
        self.num(v, field)
    }

    pub fn num(&mut self, v: &Json, field: &str) -> Option<f64> {
        match v.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                self.push(field, format!("should be a finite number, found {}", v.kind()));
                None
            }
        }
    }

    /// An optional number: JSON null means "no value".
    pub fn opt_num(&mut self, v: &Json, field: &str) -> Option<Option<f64>> {
        match v {
            Json::Null => Some(None),
            _ => self.num(v, field).map(Some),
        }
    }

    pub fn index(&mut self, m: &Json, field: &str, len: usize) -> Option<usize> {
        let v = self.get(m, field)?;
        self.index_value(v, field, len)
    }

    pub fn index_value(&mut self, v: &Json, field: &str, len: usize) -> Option<usize> {
        match v.as_u64() {
            Some(i) if (i as usize) < len => Some(i as usize),
            Some(i) => {
                self.push(field, format!("index {i} out of range 0..{len}"));
                None
            }
            None => {
                self.push(field, format!("should be a whole-number index, found {}", v.kind()));
                None
            }
        }
    }

    pub fn array<'v>(&mut self, m: &'v Json, field: &str) -> Option<&'v Vec<Json>> {
        match self.get(m, field)? {
            Json::Arr(a) => Some(a),
            other => {
                self.push(field, format!("should be a list, found {}", other.kind()));
                None
            }
        }
    }

    pub fn strings(&mut self, m: &Json, field: &str) -> Option<Vec<String>> {
        let a = self.array(m, field)?;
        let mut out = Vec::with_capacity(a.len());
        for (i, v) in a.iter().enumerate() {
            match v.as_str() {
                Some(s) => out.push(s.to_string()),
                None => {
                    self.push(field, format!("item {i} should be text, found {}", v.kind()));
                    return None;
                }
            }
        }
        Some(out)
    }

    pub fn bool(&mut self, m: &Json, field: &str) -> Option<bool> {
        match self.get(m, field)? {
            Json::Bool(b) => Some(*b),
            other => {
                self.push(field, format!("should be true or false, found {}", other.kind()));
                None
            }
        }
    }

    /// One of a fixed set of words, e.g. a polarity.
    pub fn word<T: Copy>(&mut self, m: &Json, field: &str, words: &[(&str, T)]) -> Option<T> {
        let s = self.str(m, field)?;
        match words.iter().find(|(w, _)| *w == s) {
            Some((_, t)) => Some(*t),
            None => {
                let allowed: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
                self.push(field, format!("is \"{s}\", expected one of: {}", allowed.join(", ")));
                None
            }
        }
    }
}
