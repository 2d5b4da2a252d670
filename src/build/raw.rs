//! Reading the raw CSV/GeoJSON extracts under `data/`, with errors that name the file, line and column.

use ics_data::csv::{Row, Table};
use std::path::{Path, PathBuf};

pub struct RawDir {
    root: PathBuf,
}

/// One raw CSV file, with typed accessors whose errors say file, line and column.
pub struct RawCsv {
    pub name: String,
    pub table: Table,
}

impl RawDir {
    pub fn new(root: &Path) -> RawDir {
        RawDir { root: root.to_path_buf() }
    }

    pub fn text(&self, rel: &str) -> Result<String, String> {
        let path = self.root.join(rel);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    pub fn csv(&self, rel: &str) -> Result<RawCsv, String> {
        let table = Table::parse(&self.text(rel)?).map_err(|e| format!("{rel}: {e}"))?;
        Ok(RawCsv { name: rel.to_string(), table })
    }
}

impl RawCsv {
    pub fn rows(&self) -> &[Row] {
        &self.table.rows
    }

    pub fn col(&self, name: &str) -> Result<usize, String> {
        self.table.column(name).map_err(|e| format!("{}: {e}", self.name))
    }

    pub fn str<'a>(&self, row: &'a Row, col: usize) -> &'a str {
        row.fields.get(col).map(String::as_str).unwrap_or("")
    }

    pub fn f64(&self, row: &Row, col: usize) -> Result<f64, String> {
        let s = self.str(row, col);
        s.trim().parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| self.bad(row, col, "a number"))
    }

    /// A number, or None for an empty cell.
    pub fn opt_f64(&self, row: &Row, col: usize) -> Result<Option<f64>, String> {
        if self.str(row, col).trim().is_empty() {
            Ok(None)
        } else {
            self.f64(row, col).map(Some)
        }
    }

    pub fn u32(&self, row: &Row, col: usize) -> Result<u32, String> {
        self.str(row, col).trim().parse::<u32>().map_err(|_| self.bad(row, col, "a whole number"))
    }

    pub fn bad(&self, row: &Row, col: usize, expected: &str) -> String {
        format!(
            "{} line {}: column {} is \"{}\", expected {expected}",
            self.name,
            row.line,
            self.table.headers.get(col).map(String::as_str).unwrap_or("?"),
            self.str(row, col)
        )
    }
}
