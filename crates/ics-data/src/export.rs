//! Exports as text: CSV lines (RFC 4180 quoting, with spreadsheet formula injection defused) shared by the
//! page's downloads and the CLI. Pure functions; the web layer turns the text into a download.

/// One CSV line (ending in CRLF, as RFC 4180 and Excel expect).
pub fn csv_line<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(c));
    }
    out.push_str("\r\n");
    out
}

/// Quotes a cell if needed, and prefixes text that a spreadsheet would run as a formula with an apostrophe.
pub fn csv_cell(c: &str) -> String {
    let looks_like_number = crate::format::parse_number(c).is_some();
    let risky = !looks_like_number && c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let c = if risky { format!("'{c}") } else { c.to_string() };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_line(["a", "b,c", "say \"hi\""]), "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Shropshire, Telford and Wrekin"), "\"Shropshire, Telford and Wrekin\"");
    }
}
