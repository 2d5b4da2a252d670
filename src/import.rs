//! Bring your own indicator: reads a user's CSV or JSON file of ICS-level values — including the layout of a
//! Fingertips data download — into measures and an indicator the engine treats like any other.
//!
//! Pure and total: any bytes give either an import (with warnings) or a list of problems, each naming the line
//! and column, what is wrong and what was expected. It never uploads anything (it cannot: no I/O here) and never
//! panics. Values are matched to ICSs by ONS code (E54…), NHS code (Q..) or name.

use crate::csv::Table;
use crate::dataset::{Dataset, Flag, Measure, PeriodKind};
use crate::json::Json;

/// Files larger than this are refused (the whole dataset is 1 MB; a Fingertips export for one indicator is
/// well under this).
pub const MAX_BYTES: usize = 30 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportProblem {
    pub line: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.line, &self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column \"{c}\": {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            (None, Some(c)) => write!(f, "column \"{c}\": {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// One imported indicator: values per period per ICS, optional 95% limits and an England value.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedIndicator {
    pub name: String,
    pub period_kind: PeriodKind,
    pub periods: Vec<String>,
    pub values: Vec<Vec<Option<f64>>>,
    pub lower: Option<Vec<Vec<Option<f64>>>>,
    pub upper: Option<Vec<Vec<Option<f64>>>>,
    pub england: Option<Vec<Option<f64>>>,
    pub england_lower: Option<Vec<Option<f64>>>,
    pub england_upper: Option<Vec<Option<f64>>>,
    /// ICSs with no value in the latest period (short names).
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub indicators: Vec<ImportedIndicator>,
    /// Things the user should know that did not stop the import (skipped rows, missing ICSs).
    pub warnings: Vec<ImportProblem>,
}

fn problem(line: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.map(str::to_string), message: message.into() }
}

/// A uniform view of the input: header names and rows of cells (with the line each row came from).
struct Rows {
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect::<String>().to_ascii_lowercase()
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| norm(h) == *n))
}

const CODE: [&str; 10] = ["areacode", "code", "icbcode", "icb22code", "icb22cd", "icbcd", "odscode", "orgcode", "icscode", "icb"];
const NAME: [&str; 7] = ["areaname", "name", "icbname", "icb22name", "icsname", "ics", "area"];
const VALUE: [&str; 3] = ["value", "indicatorvalue", "val"];
const PERIOD: [&str; 6] = ["timeperiod", "period", "timeperiodsortable", "year", "month", "date"];
const LOWER: [&str; 6] = ["lowerci95.0limit", "lowerci95limit", "lower95", "lowerci", "lci", "lower"];
const UPPER: [&str; 6] = ["upperci95.0limit", "upperci95limit", "upper95", "upperci", "uci", "upper"];
const INDICATOR: [&str; 2] = ["indicatorname", "indicator"];
const AREA_TYPE: [&str; 1] = ["areatype"];

/// Imports `text` (the contents of `file_name`).
pub fn import(file_name: &str, text: &str, ds: &Dataset) -> Result<Imported, Vec<ImportProblem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![problem(None, None, format!("the file is {} MB; files up to {} MB can be imported", text.len() / 1_048_576, MAX_BYTES / 1_048_576))]);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let rows = if trimmed.starts_with('[') || trimmed.starts_with('{') { from_json(trimmed)? } else { from_csv(text)? };
    let h = &rows.headers;
    let code_col = find(h, &CODE);
    let name_col = find(h, &NAME);
    if code_col.is_none() && name_col.is_none() {
        return Err(vec![problem(Some(1), None, format!(
            "no column says which ICS a row is for: expected a column named Area Code, Code or ICB code (E54… or Q.. codes), or Area Name or Name; the file has: {}",
            h.join(", ")
        ))]);
    }
    let period_col = find(h, &PERIOD);
    let value_col = find(h, &VALUE).or_else(|| single_numeric_column(&rows, &[code_col, name_col, period_col]));
    let Some(value_col) = value_col else {
        return Err(vec![problem(Some(1), None, format!("no column of values: expected a column named Value (or exactly one column of numbers); the file has: {}", h.join(", ")))]);
    };
    let (lower_col, upper_col) = (find(h, &LOWER), find(h, &UPPER));
    let indicator_col = find(h, &INDICATOR);
    let type_col = find(h, &AREA_TYPE);

    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut warnings: Vec<ImportProblem> = Vec::new();
    let mut skipped_types: Vec<String> = Vec::new();
    let mut skipped = 0usize;
    // Rows grouped by indicator name (a Fingertips export can hold several indicators).
    struct Obs {
        line: usize,
        ics: Option<usize>,
        period: String,
        value: Option<f64>,
        lower: Option<f64>,
        upper: Option<f64>,
    }
    let mut groups: Vec<(String, Vec<Obs>)> = Vec::new();
    let default_name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).trim_end_matches(".csv").trim_end_matches(".json").to_string();
    let cell = |r: &Vec<String>, c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    for (line, r) in &rows.rows {
        let line = *line;
        let code = cell(r, code_col);
        let name = cell(r, name_col);
        let area_type = cell(r, type_col);
        let england = code.eq_ignore_ascii_case("E92000001") || (code.is_empty() && name.eq_ignore_ascii_case("england"));
        let ics = if england { None } else { match_ics(ds, &code, &name) };
        if !england && ics.is_none() {
            let looks_icb = area_type.is_empty() || norm(&area_type).contains("icb") || norm(&area_type).contains("integratedcare");
            if !looks_icb {
                skipped += 1;
                if !skipped_types.contains(&area_type) && skipped_types.len() < 5 {
                    skipped_types.push(area_type);
                }
                continue;
            }
            let (col, what) = if !code.is_empty() { (code_col, code.clone()) } else { (name_col, name.clone()) };
            let hint = if what.starts_with("E38") { " (that is a sub-ICB location; ICS Explorer needs ICB values)" } else { "" };
            problems.push(problem(Some(line), col.map(|c| rows.headers[c].as_str()), format!("\"{}\" is not one of the 42 ICBs (July 2022){hint}: expected an E54 or Q.. code, or an ICB name", clip(&what))));
            continue;
        }
        let mut number = |c: Option<usize>, required: bool| -> Option<f64> {
            let t = cell(r, c).replace(',', "");
            if t.is_empty() || (!required && t.eq_ignore_ascii_case("na")) {
                return None;
            }
            let v = crate::format::parse_number(&t);
            if v.is_none() {
                problems.push(problem(Some(line), c.map(|c| rows.headers[c].as_str()), format!("\"{}\" is not a number", clip(&t))));
            }
            v
        };
        let value = number(Some(value_col), true);
        let lower = number(lower_col, false);
        let upper = number(upper_col, false);
        let period = if period_col.is_some() { cell(r, period_col) } else { "as supplied".to_string() };
        if period.is_empty() || period.chars().count() > 40 {
            problems.push(problem(Some(line), period_col.map(|c| rows.headers[c].as_str()), "the period is empty or longer than 40 characters"));
            continue;
        }
        let ind_name = match cell(r, indicator_col) {
            n if n.is_empty() => default_name.clone(),
            n => n,
        };
        let obs = Obs { line, ics, period, value, lower, upper };
        let n_groups = groups.len();
        match groups.iter_mut().find(|(n, _)| *n == ind_name) {
            Some((_, v)) => v.push(obs),
            None if n_groups < 20 => groups.push((ind_name, vec![obs])),
            None => {
                problems.push(problem(Some(line), indicator_col.map(|c| rows.headers[c].as_str()), "more than 20 indicators in one file: split it"));
                break;
            }
        }
        if problems.len() >= 100 {
            break;
        }
    }
    if skipped > 0 {
        warnings.push(problem(None, type_col.map(|c| rows.headers[c].as_str()), format!("{skipped} rows for other kinds of area were left out ({})", skipped_types.join(", "))));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut indicators = Vec::new();
    for (name, obs) in groups {
        if !obs.iter().any(|o| o.ics.is_some() && o.value.is_some()) {
            continue;
        }
        let labels: Vec<&str> = obs.iter().map(|o| o.period.as_str()).collect();
        let (kind, periods) = order_periods(&labels);
        let n = ds.icss.len();
        let mut values = vec![vec![None; n]; periods.len()];
        let mut lower = vec![vec![None; n]; periods.len()];
        let mut upper = vec![vec![None; n]; periods.len()];
        let mut england = vec![None; periods.len()];
        let mut e_lower = vec![None; periods.len()];
        let mut e_upper = vec![None; periods.len()];
        let mut first_line = vec![vec![0usize; n + 1]; periods.len()];
        let mut errs = Vec::new();
        for o in &obs {
            let p = periods.iter().position(|x| *x == o.period).unwrap_or(0);
            let slot = o.ics.unwrap_or(n);
            if first_line[p][slot] != 0 {
                let who = o.ics.map(|i| ds.icss[i].short_name.clone()).unwrap_or_else(|| "England".into());
                errs.push(problem(Some(o.line), None, format!("a second value for {who} in {} (the first is on line {})", o.period, first_line[p][slot])));
                continue;
            }
            first_line[p][slot] = o.line;
            if let (Some(v), Some(l), Some(u)) = (o.value, o.lower, o.upper) {
                if !(l <= v && v <= u) {
                    warnings.push(problem(Some(o.line), None, "the 95% limits do not contain the value, so they are not shown"));
                }
            }
            match o.ics {
                Some(i) => {
                    values[p][i] = o.value;
                    lower[p][i] = o.lower;
                    upper[p][i] = o.upper;
                }
                None => {
                    england[p] = o.value;
                    e_lower[p] = o.lower;
                    e_upper[p] = o.upper;
                }
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let last = values.len() - 1;
        let missing: Vec<String> = (0..n).filter(|&i| values[last][i].is_none()).map(|i| ds.icss[i].short_name.clone()).collect();
        if !missing.is_empty() {
            warnings.push(problem(None, None, format!(
                "{name}: no value for {} of {n} ICSs in {}: {}",
                missing.len(),
                periods[last],
                if missing.len() > 10 { format!("{} and {} more", missing[..10].join(", "), missing.len() - 10) } else { missing.join(", ") }
            )));
        }
        let has = |v: &Vec<Vec<Option<f64>>>| v.iter().flatten().any(Option::is_some);
        let any = |v: &Vec<Option<f64>>| v.iter().any(Option::is_some);
        indicators.push(ImportedIndicator {
            name,
            period_kind: kind,
            periods,
            lower: has(&lower).then_some(lower),
            upper: has(&upper).then_some(upper),
            values,
            england: any(&england).then_some(england),
            england_lower: any(&e_lower).then_some(e_lower),
            england_upper: any(&e_upper).then_some(e_upper),
            missing,
        });
    }
    if indicators.is_empty() {
        return Err(vec![problem(None, None, "no row gave a value for any of the 42 ICBs: check that the file has ICB-level rows (Area Type \"ICBs\" in a Fingertips download)")]);
    }
    Ok(Imported { indicators, warnings })
}

fn clip(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        t + "…"
    } else {
        t
    }
}

fn from_csv(text: &str) -> Result<Rows, Vec<ImportProblem>> {
    let t = Table::parse(text).map_err(|e| vec![problem(Some(e.line), None, e.message)])?;
    Ok(Rows { headers: t.headers, rows: t.rows.into_iter().map(|r| (r.line, r.fields)).collect() })
}

fn json_cell(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        Json::Num(x) => {
            // Enough digits to round-trip the values people put in such files.
            let s = crate::format::plain(*x, 9);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s.is_empty() { "0".into() } else { s.to_string() }
        }
        Json::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn from_json(text: &str) -> Result<Rows, Vec<ImportProblem>> {
    let v = crate::json::parse(text).map_err(|e| vec![problem(Some(e.line), None, format!("{} (column {})", e.message, e.column))])?;
    match &v {
        // [{"code": "QOP", "value": 1.2, …}, …]
        Json::Arr(items) => {
            let mut headers: Vec<String> = Vec::new();
            for item in items {
                for (k, _) in item.members() {
                    if !headers.contains(k) {
                        headers.push(k.clone());
                    }
                }
            }
            let rows = items
                .iter()
                .enumerate()
                .map(|(i, item)| (i + 1, headers.iter().map(|h| item.get(h).map(json_cell).unwrap_or_default()).collect()))
                .collect();
            Ok(Rows { headers, rows })
        }
        // {"QOP": 1.2, "QYG": 3.4}
        Json::Obj(m) => Ok(Rows {
            headers: vec!["code".into(), "value".into()],
            rows: m.iter().enumerate().map(|(i, (k, v))| (i + 1, vec![k.clone(), json_cell(v)])).collect(),
        }),
        other => Err(vec![problem(Some(1), None, format!("expected a list of objects or an object of code: value pairs, found {}", other.kind()))]),
    }
}

/// Without a header called Value: the one column (other than code, name and period) whose cells are all
/// numbers.
fn single_numeric_column(rows: &Rows, exclude: &[Option<usize>]) -> Option<usize> {
    let candidates: Vec<usize> = (0..rows.headers.len())
        .filter(|c| !exclude.contains(&Some(*c)))
        .filter(|&c| {
            let cells: Vec<&String> = rows.rows.iter().filter_map(|(_, r)| r.get(c)).filter(|s| !s.trim().is_empty()).collect();
            !cells.is_empty() && cells.iter().all(|s| crate::format::parse_number(&s.replace(',', "")).is_some())
        })
        .collect();
    (candidates.len() == 1).then(|| candidates[0])
}

/// Finds the ICS by code (E54…, Q..) or name (short or full, with or without "NHS" and "ICB").
pub fn match_ics(ds: &Dataset, code: &str, name: &str) -> Option<usize> {
    // A code in either column (people put "QOP" under "ICS" as often as under "Code").
    for c in [code, name] {
        if !c.is_empty() {
            if let Some(i) = ds.ics_index(c) {
                return Some(i);
            }
        }
    }
    let clean = |s: &str| -> String {
        let s = s.trim().to_ascii_lowercase().replace('&', "and");
        let s = s.strip_prefix("nhs ").unwrap_or(&s).to_string();
        let mut s = s.as_str();
        for suffix in [" integrated care board", " integrated care system", " icb", " ics"] {
            s = s.strip_suffix(suffix).unwrap_or(s);
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let target = if name.is_empty() { clean(code) } else { clean(name) };
    if target.is_empty() {
        return None;
    }
    ds.icss.iter().position(|i| clean(&i.short_name) == target || clean(&i.name) == target)
}

/// The kind of the period labels and their order: months, financial years or years sort by time; anything
/// else keeps the file's order.
fn order_periods(labels: &[&str]) -> (PeriodKind, Vec<String>) {
    let mut uniq: Vec<String> = Vec::new();
    for l in labels {
        if !uniq.iter().any(|u| u == l) {
            uniq.push(l.to_string());
        }
    }
    for kind in [PeriodKind::Month, PeriodKind::FinancialYear, PeriodKind::Year] {
        if uniq.iter().all(|p| crate::dataset::period_is_valid(kind, p)) {
            let order = crate::sort::order(uniq.len(), &|a, b| uniq[a].cmp(&uniq[b]));
            return (kind, crate::sort::apply(&uniq, &order));
        }
    }
    (PeriodKind::Label, uniq)
}

/// Turns an imported indicator into measures (value, and 95% limits if given) ready to add to the engine.
pub fn measures(ind: &ImportedIndicator, id: &str, source: usize) -> Vec<Measure> {
    let m = |suffix: &str, values: Vec<Vec<Option<f64>>>, england: Option<Vec<Option<f64>>>| Measure {
        id: format!("{id}{suffix}"),
        name: format!("{}{suffix}", ind.name),
        source,
        period_kind: ind.period_kind,
        periods: ind.periods.clone(),
        values,
        england,
        flags: Vec::<Flag>::new(),
    };
    let mut out = vec![m("", ind.values.clone(), ind.england.clone())];
    if let (Some(l), Some(u)) = (&ind.lower, &ind.upper) {
        out.push(m("_lower95", l.clone(), ind.england_lower.clone()));
        out.push(m("_upper95", u.clone(), ind.england_upper.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Dataset {
        let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/dataset.json")).unwrap();
        crate::dataset::load(&json).unwrap()
    }

    /// The head of a Fingertips "Download data" CSV: England, a region and two ICBs, two periods.
    const FINGERTIPS: &str = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICBs (statutory) in England,Time period Sortable,New data,Compared to goal,Time period range
92488,Smoking prevalence in adults (18+) - current smokers (APS),,,E92000001,England,England,Persons,18+ yrs,,,2022,12.7,12.5,12.9,,,,,,,,,20220000,,,1y
92488,Smoking prevalence in adults (18+) - current smokers (APS),E92000001,England,E40000010,North West,NHS region,Persons,18+ yrs,,,2022,14.1,13.4,14.8,,,,,,,,,20220000,,,1y
92488,Smoking prevalence in adults (18+) - current smokers (APS),E40000010,North West,E54000057,NHS Greater Manchester Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,14.3,13.1,15.5,,,,,,,,,20220000,,,1y
92488,Smoking prevalence in adults (18+) - current smokers (APS),E40000010,North West,E54000008,NHS Cheshire and Merseyside Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,13.0,11.9,14.1,,,,,,,,,20220000,,,1y
92488,Smoking prevalence in adults (18+) - current smokers (APS),,,E92000001,England,England,Persons,18+ yrs,,,2021,13.3,13.1,13.5,,,,,,,,,20210000,,,1y
92488,Smoking prevalence in adults (18+) - current smokers (APS),E40000010,North West,E54000057,NHS Greater Manchester Integrated Care Board,ICBs,Persons,18+ yrs,,,2021,15.5,14.2,16.8,,,,,,,,,20210000,,,1y
";

    #[test]
    fn a_fingertips_download_becomes_an_indicator_with_england_and_limits() {
        let ds = ds();
        let r = import("fingertips.csv", FINGERTIPS, &ds).unwrap();
        assert_eq!(r.indicators.len(), 1);
        let ind = &r.indicators[0];
        assert_eq!(ind.name, "Smoking prevalence in adults (18+) - current smokers (APS)");
        assert_eq!((ind.period_kind, ind.periods.clone()), (PeriodKind::Year, vec!["2021".to_string(), "2022".to_string()]));
        let gm = ds.ics_index("QOP").unwrap();
        assert_eq!(ind.values[1][gm], Some(14.3));
        assert_eq!(ind.lower.as_ref().unwrap()[1][gm], Some(13.1));
        assert_eq!(ind.england.as_ref().unwrap(), &vec![Some(13.3), Some(12.7)]);
        assert_eq!(ind.missing.len(), 40);
        assert!(r.warnings.iter().any(|w| w.message.contains("1 rows for other kinds of area were left out (NHS region)")), "{:?}", r.warnings);
        assert!(r.warnings.iter().any(|w| w.message.contains("no value for 40 of 42 ICSs in 2022")), "{:?}", r.warnings);
    }

    #[test]
    fn simple_layouts_by_code_by_name_and_json() {
        let ds = ds();
        let gm = ds.ics_index("QOP").unwrap();
        let cases: &[(&str, &str)] = &[
            ("a.csv", "code,value\nQOP,1.5\nE54000008,2\n"),
            ("a.csv", "ICS,Score\nGreater Manchester,1.5\nNHS Cheshire and Merseyside ICB,2\n"),
            ("a.csv", "\u{feff}Name;x\n\"Greater Manchester\",1.5\n".replace(';', ",").leak()),
            ("a.json", "[{\"code\": \"QOP\", \"value\": 1.5}, {\"code\": \"QYG\", \"value\": 2}]"),
            ("a.json", "{\"QOP\": 1.5, \"Cheshire and Merseyside\": 2}"),
        ];
        for (name, text) in cases {
            let r = import(name, text, &ds).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(r.indicators[0].values[0][gm], Some(1.5), "{text}");
            assert_eq!(r.indicators[0].name, "a");
        }
    }

    #[test]
    fn bad_files_get_precise_problems() {
        let ds = ds();
        let cases: &[(&str, &str)] = &[
            ("x,y\n1,2\n", "line 1: no column says which ICS a row is for"),
            ("code,name2,value2\nQOP,a,b\n", "no column of values"),
            ("code,value\nQOP,lots\n", "line 2, column \"value\": \"lots\" is not a number"),
            ("code,value\nE38000001,1\n", "line 2, column \"code\": \"E38000001\" is not one of the 42 ICBs (July 2022) (that is a sub-ICB location"),
            ("name,value\nAtlantis,1\n", "line 2, column \"name\": \"Atlantis\" is not one of the 42 ICBs"),
            ("code,value\nQOP,1\nqop,2\n", "line 3: a second value for Greater Manchester in as supplied (the first is on line 2)"),
            ("code,value\nQOP,1\n\"QYG,2\n", "line 3: a quoted field is never closed"),
            ("[{\"code\": \"QOP\", \"value\": 1}", "line 1: the data ends inside a list"),
            ("code,value\n", "no row gave a value"),
            ("\"", "never closed"),
            ("", "the file is empty"),
        ];
        for (text, expected) in cases {
            let e = import("f.csv", text, &ds).unwrap_err();
            let all: Vec<String> = e.iter().map(|p| p.to_string()).collect();
            assert!(all.iter().any(|p| p.contains(expected)), "{text:?}: expected {expected:?} in {all:?}");
        }
    }

    #[test]
    fn periods_sort_by_time_when_they_are_dates() {
        assert_eq!(order_periods(&["2023-02", "2022-12", "2023-02"]), (PeriodKind::Month, vec!["2022-12".to_string(), "2023-02".to_string()]));
        assert_eq!(order_periods(&["2022/23", "2021/22"]).1, vec!["2021/22", "2022/23"]);
        assert_eq!(order_periods(&["2019 - 21", "2016 - 18"]), (PeriodKind::Label, vec!["2019 - 21".to_string(), "2016 - 18".to_string()]));
    }
}
