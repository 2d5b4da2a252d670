//! The data table behind every chart: one model renders as an accessible HTML table (caption, `th scope`,
//! right-aligned numbers, sortable headers with `aria-sort`) and as the CSV download, so the download is
//! exactly what is shown, in the order shown. Estimated values say so in words, and in an estimate column that
//! the CSV keeps as yes or no beside the plain number.

use crate::export::csv_line;
use crate::node::{h, Node};
use crate::Msg;
use ics_data::format;

#[derive(Debug, Clone, PartialEq)]
pub enum SortValue {
    Num(f64),
    Text(String),
    /// Sorts last whatever the direction ("no data").
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// As shown (thousands separators, units).
    pub text: String,
    /// As written to CSV (plain numbers).
    pub csv: String,
    pub sort: SortValue,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        let t = t.into();
        Cell { csv: t.clone(), sort: SortValue::Text(t.to_ascii_lowercase()), text: t }
    }

    pub fn num(v: Option<f64>, decimals: u8) -> Cell {
        match v {
            Some(x) if x.is_finite() => Cell { text: format::number(x, decimals), csv: format::plain(x, decimals), sort: SortValue::Num(x) },
            _ => Cell { text: "no data".into(), csv: String::new(), sort: SortValue::Missing },
        }
    }

    /// A value that may be an apportioned estimate: "284,581 (estimate)" on the page, the plain number in CSV
    /// (where the estimate column says which).
    pub fn estimated(v: Option<f64>, decimals: u8, estimate: bool) -> Cell {
        let mut c = Cell::num(v, decimals);
        if estimate && v.is_some_and(f64::is_finite) {
            c.text.push_str(" (estimate)");
        }
        c
    }

    /// The estimate column's cell: "Yes" or "No" on the page, "yes" or "no" in CSV.
    pub fn estimate_flag(estimate: bool) -> Cell {
        let (text, csv) = if estimate { ("Yes", "yes") } else { ("No", "no") };
        Cell { text: text.into(), csv: csv.into(), sort: SortValue::Text(csv.into()) }
    }
}

/// The estimate column of a table whose values may be estimates.
pub const ESTIMATE: &str = "Estimate";

pub struct Column {
    pub label: String,
    pub numeric: bool,
}

pub fn col(label: &str, numeric: bool) -> Column {
    Column { label: label.to_string(), numeric }
}

pub struct Row {
    pub cells: Vec<Cell>,
    /// Rows about an ICS carry it, so the row can be highlighted (selected ICS, peers).
    pub ics: Option<usize>,
    pub class: &'static str,
}

pub struct DataTable {
    pub id: &'static str,
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Whether the header buttons sort (false for tables whose order carries meaning, like the spine).
    pub sortable: bool,
}

impl DataTable {
    /// Row indexes in display order for a sort (column, ascending).
    pub fn order(&self, sort: Option<(usize, bool)>) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        if let Some((c, asc)) = sort.filter(|(c, _)| *c < self.columns.len() && self.sortable) {
            ics_data::sort::indices(&mut idx, &|a, b| {
                let (x, y) = (&self.rows[a].cells[c].sort, &self.rows[b].cells[c].sort);
                let o = match (x, y) {
                    (SortValue::Missing, SortValue::Missing) => std::cmp::Ordering::Equal,
                    (SortValue::Missing, _) => return std::cmp::Ordering::Greater,
                    (_, SortValue::Missing) => return std::cmp::Ordering::Less,
                    (SortValue::Num(p), SortValue::Num(q)) => p.total_cmp(q),
                    (SortValue::Text(p), SortValue::Text(q)) => p.cmp(q),
                    (SortValue::Num(_), SortValue::Text(_)) => std::cmp::Ordering::Less,
                    (SortValue::Text(_), SortValue::Num(_)) => std::cmp::Ordering::Greater,
                };
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        // England's row stays last, whatever the sort.
        let (mut rows, england): (Vec<usize>, Vec<usize>) = idx.into_iter().partition(|&i| self.rows[i].class != "is-england");
        rows.extend(england);
        rows
    }

    /// The sort of this table, out of the page's one (table id, column, ascending).
    fn own(&self, sort: Option<(&'static str, usize, bool)>) -> Option<(usize, bool)> {
        sort.filter(|s| s.0 == self.id).map(|s| (s.1, s.2))
    }

    pub fn to_csv(&self, sort: Option<(&'static str, usize, bool)>) -> String {
        let sort = self.own(sort);
        let mut out = csv_line(self.columns.iter().map(|c| c.label.as_str()));
        for i in self.order(sort) {
            out.push_str(&csv_line(self.rows[i].cells.iter().map(|c| c.csv.as_str())));
        }
        out
    }

    pub fn render(&self, sort: Option<(&'static str, usize, bool)>, selected: Option<usize>) -> Node<Msg> {
        let sort = self.own(sort);
        let head = self.columns.iter().enumerate().map(|(c, column)| {
            let sorted = sort.filter(|(k, _)| *k == c && self.sortable);
            let mut th = h("th").attr("scope", "col");
            if column.numeric {
                th = th.class("num");
            }
            if self.sortable {
                let aria = match sorted {
                    Some((_, true)) => "ascending",
                    Some((_, false)) => "descending",
                    None => "none",
                };
                let arrow = match sorted {
                    Some((_, true)) => " ▲",
                    Some((_, false)) => " ▼",
                    None => "",
                };
                th.attr("aria-sort", aria)
                    .child(
                        h("button").attr("type", "button").class("ics-sort").on_click(Msg::Sort(self.id, c)).text(format!("{}{arrow}", column.label)),
                    )
                    .into()
            } else {
                th.text(column.label.clone()).into()
            }
        });
        let body = self.order(sort).into_iter().map(|i| {
            let row = &self.rows[i];
            let mut tr = h("tr");
            let mut classes = row.class.to_string();
            if row.ics.is_some() && row.ics == selected {
                classes.push_str(" is-selected");
            }
            if !classes.trim().is_empty() {
                tr = tr.class(classes.trim().to_string());
            }
            tr.children(row.cells.iter().zip(&self.columns).enumerate().map(|(c, (cell, column))| {
                // The column's name travels with each cell, so a phone can show rows as cards (app.css).
                let el = if c == 0 { h("th").attr("scope", "row") } else { h("td").attr("data-label", column.label.clone()) };
                let el = if column.numeric { el.class("num") } else { el };
                el.text(cell.text.clone()).into()
            }))
            .into()
        });
        h("div")
            .class("ics-table-wrap")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr("aria-label", format!("Table: {}", self.caption))
            .child(
                h("table")
                    .class("ics-table")
                    .id(self.id)
                    .child(h("caption").text(self.caption.clone()))
                    .child(h("thead").child(h("tr").children(head)))
                    .child(h("tbody").children(body)),
            )
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> DataTable {
        let row = |n: &str, v: Option<f64>| Row { cells: vec![Cell::text(n), Cell::num(v, 1)], ics: None, class: "" };
        DataTable {
            id: "t",
            caption: "Test".into(),
            columns: vec![col("Name", false), col("Value", true)],
            rows: vec![row("b", Some(2.0)), row("a", None), row("c", Some(1234.5))],
            sortable: true,
        }
    }

    #[test]
    fn sorting_keeps_missing_last_and_csv_follows_the_display() {
        let t = table();
        assert_eq!(t.order(None), [0, 1, 2]);
        assert_eq!(t.order(Some((1, true))), [0, 2, 1]);
        assert_eq!(t.order(Some((1, false))), [2, 0, 1]);
        assert_eq!(t.order(Some((0, true))), [1, 0, 2]);
        assert_eq!(t.to_csv(Some(("other", 1, false))), "Name,Value\r\nb,2.0\r\na,\r\nc,1234.5\r\n", "another table's sort");
        assert_eq!(t.to_csv(Some(("t", 1, false))), "Name,Value\r\nc,1234.5\r\nb,2.0\r\na,\r\n");
    }

    #[test]
    fn html_has_caption_scopes_and_aria_sort() {
        let html = table().render(Some(("t", 1, false)), None).to_markup();
        assert!(html.contains("<caption>Test</caption>"));
        assert!(html.contains("<th scope=\"row\">c</th><td data-label=\"Value\" class=\"num\">1,234.5</td>"));
        assert!(html.contains("aria-sort=\"descending\""));
        assert!(html.contains("Value ▼"));
    }
}
