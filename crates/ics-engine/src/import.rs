//! Bring your own indicator: reads a user's CSV or JSON file of ICB values — a Fingertips data download, or a
//! table as people keep it in a spreadsheet — into measures and an indicator the engine treats like any other;
//! or a file of sub-ICB counts and denominators, which [`subicb`] sums to the ICBs of whichever area set is shown.
//!
//! Pure and total: any bytes give either an import (with warnings, and the rows that matched no ICS) or a list
//! of problems, each naming the line and column, what is wrong and what to do. It never uploads anything (it
//! cannot: no I/O here) and never panics. Values are matched to the ICBs of the set shown by ONS code (E54…),
//! NHS code (Q.., D7T5G) or name; a file of another set's ICBs is refused, saying which boundaries to show.
//! Rows are sub-ICB locations (E38…, 15E, "NHS Birmingham and Solihull ICB - 15E") when most rows are, or the
//! file has a sub-ICB column: then it needs Count and Denominator columns, as rates cannot be added up.
//!
//! What it accepts, as analysts write it:
//! - Numbers with thousands commas ("1,234"), a percent sign ("64.2%": the unit becomes %), a pound sign
//!   ("£1,234": the unit becomes £), spaces around them and a Unicode minus ("−3.1"). A comma anywhere else
//!   ("1,5") is a problem rather than a decimal point, so no value is silently read ten times too large, and so
//!   are negative numbers in brackets ("(3.1)") and spreadsheet errors ("#DIV/0!").
//! - Blank cells, and the markers ONS and NHS tables use for suppressed or unavailable values ([`SUPPRESSED`]:
//!   "-", "..", "*", "x", "c", "[c]", "[x]", "[z]", ":", "n/a", "#N/A"), as no value. "-" means no value, not zero.
//! - Title rows, notes and blank lines above the header (the header is the first row naming an area column; a
//!   title names the indicator), and notes below the table.
//! - Rows whose area matches no ICS: the rest is imported and these are listed ([`Unmatched`]) with the closest
//!   ICS names, for the user to say which ICS each is ([`Target`]) or leave out. A file in which nothing matches
//!   is refused.

use ics_data::dataset::{Flag, FlagKind, Frame, Ics, Measure, PeriodKind};
use ics_data::json::Json;

pub mod fingertips;
pub mod subicb;
pub use fingertips::Choice;
pub use subicb::{Places, SubIcbIndicator, Summed};

/// Files larger than this are refused (the whole dataset is 1 MB; a Fingertips export for one indicator is
/// well under this).
pub const MAX_BYTES: usize = 30 * 1024 * 1024;

/// Unmatched rows kept for the user to fix (the rest are counted).
pub const MAX_UNMATCHED: usize = 100;

/// Rows searched for the header (title rows and notes may come first).
const HEADER_SEARCH: usize = 30;

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
    /// The unit the values' signs suggest: "%" for "64.2%", "£" for "£1,234".
    pub unit: Option<String>,
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

/// A row whose area is none of the 42 ICBs: left out, unless the user says which ICS it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub line: usize,
    /// The column the area was read from, and what it said there (shortened).
    pub column: String,
    pub written: String,
    /// The row's value as written, to help the user recognise the row.
    pub value: String,
    /// The closest ICSs (indexes, best first), perhaps none.
    pub suggestions: Vec<usize>,
    /// The ICBs it was matched against, "42 ICBs (July 2022)", and their codes, "E54 or Q..".
    pub set: String,
    pub codes: String,
    /// What else it is, if known: " (an ICB of April 2026)".
    pub hint: String,
}

impl Unmatched {
    /// As a problem, for a file that is refused.
    pub fn problem(&self) -> ImportProblem {
        let hint = if !self.hint.is_empty() {
            self.hint.as_str()
        } else if self.written.starts_with("E38") {
            " (that is a sub-ICB location; ICS Explorer needs ICB values)"
        } else {
            ""
        };
        let what = if self.written.is_empty() {
            "no area is given: expected".to_string()
        } else {
            format!("\"{}\" is not one of the {}{hint}: expected", self.written, self.set)
        };
        problem(Some(self.line), Some(&self.column), format!("{what} an {} code, or an ICB name", self.codes))
    }
}

/// The area a user says an unmatched row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Ics(usize),
    England,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// From a file of ICB values: for the area set it was matched to.
    pub indicators: Vec<ImportedIndicator>,
    /// From a file of sub-ICB counts and denominators: for any area set, once summed (`SubIcbIndicator::sum`).
    pub sub_icb: Vec<SubIcbIndicator>,
    /// Things the user should know that did not stop the import (the header line, skipped rows, missing ICSs).
    pub warnings: Vec<ImportProblem>,
    /// Rows left out because their area matched no ICS (and the user has not said which it is), in file order,
    /// at most [`MAX_UNMATCHED`].
    pub unmatched: Vec<Unmatched>,
    /// Further unmatched rows, not listed.
    pub unmatched_more: usize,
    /// For a Fingertips data download: which rows were used, which skipped and why, and the choices it offers.
    pub fingertips: Option<fingertips::Summary>,
}

fn problem(line: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.map(str::to_string), message: message.into() }
}

/// A number cell, read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// A number, and the unit its sign suggests ("%" or "£").
    Value(f64, Option<&'static str>),
    Blank,
    /// A marker for a suppressed or unavailable value.
    Suppressed,
}

/// Markers for suppressed or unavailable values, as ONS, NHS England and statistical software write them
/// (compared ignoring ASCII case).
pub const SUPPRESSED: [&str; 18] = ["-", "–", "—", ".", "..", "...", "*", "**", "x", "c", ":", "n/a", "na", "#n/a", "null", "[c]", "[x]", "[z]"];

/// Reads one cell as a number, or says why it is not one.
pub fn read_number(cell: &str) -> Result<Reading, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(Reading::Blank);
    }
    if SUPPRESSED.contains(&t.to_ascii_lowercase().as_str()) {
        return Ok(Reading::Suppressed);
    }
    if t.starts_with('#') {
        return Err(format!("\"{}\" is a spreadsheet error: correct the formula, or leave the cell blank", clip(t)));
    }
    if t.starts_with('(') && t.ends_with(')') {
        return Err(format!("\"{}\" is not a number: write negative numbers with a minus sign (-3.1), not in brackets", clip(t)));
    }
    let minus = ['-', '\u{2212}', '\u{2013}'];
    let (mut s, mut negative) = match t.strip_prefix(minus) {
        Some(r) => (r.trim_start(), true),
        None => (t.strip_prefix('+').unwrap_or(t).trim_start(), false),
    };
    let mut unit = None;
    if let Some(r) = s.strip_prefix('£') {
        unit = Some("£");
        s = r.trim_start();
        if let Some(r) = s.strip_prefix(minus).filter(|_| !negative) {
            (s, negative) = (r, true);
        }
    }
    if let Some(r) = s.strip_suffix('%').filter(|_| unit.is_none()) {
        unit = Some("%");
        s = r.trim_end();
    }
    let not_a_number = || format!("\"{}\" is not a number", clip(t));
    let digits = if s.contains(',') {
        thousands(s).ok_or_else(|| format!("{}: write decimals with a point (1.5) and use commas only between thousands (1,234)", not_a_number()))?
    } else {
        s.to_string()
    };
    // parse_number takes a sign of its own: one sign is enough.
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(not_a_number());
    }
    match ics_data::format::parse_number(&digits) {
        Some(v) => Ok(Reading::Value(if negative { -v } else { v }, unit)),
        None => Err(not_a_number()),
    }
}

/// "1,234,567.8" without its commas, if they sit only between groups of three digits.
fn thousands(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=3).contains(&groups[0].len())
        && digits(groups[0])
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g))
        && !frac.is_some_and(|f| f.contains(','));
    ok.then(|| match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    })
}

/// A uniform view of the input: header names and rows of cells (with the line each row came from).
struct Rows {
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
    /// The line the header was read from.
    header_line: usize,
    /// Lines above the header (titles, notes) and below the table (notes), left out.
    above: Vec<usize>,
    below: Vec<usize>,
    /// The first title above the header, if any.
    title: Option<String>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect::<String>().to_ascii_lowercase()
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| norm(h) == *n))
}

const CODE: [&str; 14] = [
    "areacode",
    "code",
    "icbcode",
    "icbonscode",
    "icbodscode",
    "icb22code",
    "icb22cd",
    "icbcd",
    "onscode",
    "odscode",
    "orgcode",
    "icscode",
    "icb",
    "organisationcode",
];
const NAME: [&str; 8] = ["areaname", "name", "icbname", "icb22name", "icsname", "ics", "area", "organisationname"];
const VALUE: [&str; 6] = ["value", "indicatorvalue", "val", "percentage", "percent", "rate"];
const PERIOD: [&str; 7] = ["timeperiod", "period", "timeperiodsortable", "year", "financialyear", "month", "date"];
const LOWER: [&str; 6] = ["lowerci95.0limit", "lowerci95limit", "lower95", "lowerci", "lci", "lower"];
const UPPER: [&str; 6] = ["upperci95.0limit", "upperci95limit", "upper95", "upperci", "uci", "upper"];
const INDICATOR: [&str; 2] = ["indicatorname", "indicator"];
const AREA_TYPE: [&str; 1] = ["areatype"];
/// Columns naming sub-ICB locations (whichever other area columns a file has).
/// (NHS England's and NHS Digital's files: "Sub ICB Location Code", "SUB_ICB_LOC_ODS_CODE", "SICBL24CD".)
const SUB_CODE: [&str; 17] = [
    "subicblocationcode",
    "subicbcode",
    "subicblocationonscode",
    "subicblocationodscode",
    "subicbonscode",
    "subicbodscode",
    "subicbloccode",
    "subicblocodscode",
    "subicbloconscode",
    "sicblcode",
    "sicblcd",
    "sicbl22cd",
    "sicbl24cd",
    "sicbl26cd",
    "sicblodscode",
    "sicblonscode",
    "ccgcode",
];
const SUB_NAME: [&str; 11] = [
    "subicblocationname",
    "subicbname",
    "subicblocname",
    "subicblocation",
    "subicb",
    "sicblname",
    "sicblnm",
    "sicbl22nm",
    "sicbl24nm",
    "sicbl26nm",
    "sicbl",
];
const COUNT: [&str; 4] = ["count", "numerator", "num", "events"];
const DENOMINATOR: [&str; 3] = ["denominator", "denom", "den"];
const UNIT: [&str; 3] = ["unit", "units", "valuetype"];

/// Imports `text` (the contents of `file_name`), knowing the frame's own area set alone.
pub fn import(file_name: &str, text: &str, ds: &Frame) -> Result<Imported, Vec<ImportProblem>> {
    import_with(file_name, text, ds, &[])
}

/// Imports `text`, with the user's answers for rows that matched no ICS: (line, the area it is for). Rows
/// not answered are left out, as in [`import`].
pub fn import_with(file_name: &str, text: &str, ds: &Frame, fixes: &[(usize, Target)]) -> Result<Imported, Vec<ImportProblem>> {
    import_in(file_name, text, ds, &Places::of_frame(ds), fixes)
}

/// "42 ICBs (July 2022)"
fn set_name(ds: &Frame) -> String {
    format!("{} ICBs ({})", ds.icss.len(), ds.set.period)
}

/// How the frame's ICBs' codes look: "E54 or Q.." (July 2022), "E54 or NHS (such as D7T5G)" (April 2026).
fn code_words(ds: &Frame) -> String {
    match ds.icss.iter().find(|i| !i.ods.starts_with('Q')) {
        None => "E54 or Q..".into(),
        Some(i) => format!("E54 or NHS (such as {})", i.ods),
    }
}

/// Imports `text` into frame `ds`, knowing the sub-ICB locations and the ICBs of every area set in `places`
/// (`Places::new` of the dataset): sub-ICB files of any year's codes, and files of another set's ICBs explained.
pub fn import_in(file_name: &str, text: &str, ds: &Frame, places: &Places, fixes: &[(usize, Target)]) -> Result<Imported, Vec<ImportProblem>> {
    import_choosing(file_name, text, ds, places, fixes, &Choice::default())
}

/// [`import_in`], with the user's choice of a Fingertips download's rows (sex and age, or a breakdown); other
/// files ignore it.
pub fn import_choosing(
    file_name: &str,
    text: &str,
    ds: &Frame,
    places: &Places,
    fixes: &[(usize, Target)],
    choice: &Choice,
) -> Result<Imported, Vec<ImportProblem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![problem(
            None,
            None,
            format!("the file is {} MB; files up to {} MB can be imported", text.len() / 1_048_576, MAX_BYTES / 1_048_576),
        )]);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let rows = if trimmed.starts_with('[') || trimmed.starts_with('{') { from_json(trimmed)? } else { from_csv(text, ds)? };
    let h = &rows.headers;
    let header_line = Some(rows.header_line);
    let code_col = find(h, &CODE);
    let name_col = find(h, &NAME);
    let (sub_code, sub_name) = (find(h, &SUB_CODE), find(h, &SUB_NAME));
    if code_col.is_none() && name_col.is_none() && sub_code.is_none() && sub_name.is_none() {
        return Err(vec![problem(header_line, None, format!(
            "no column says which ICS a row is for: expected a column named Area Code, Code or ICB code ({} codes), or Area Name or Name (or Sub ICB Location Code, for sub-ICB locations); the file has: {}",
            code_words(ds),
            h.join(", ")
        ))]);
    }
    let mut warnings: Vec<ImportProblem> = Vec::new();
    if let Some(&first) = rows.above.first() {
        let what = if rows.above.len() == 1 { format!("line {first} above it was") } else { format!("{} above it were", lines(&rows.above)) };
        warnings.push(problem(header_line, None, format!("read as the header row; {what} left out (a title or notes)")));
    }
    if !rows.below.is_empty() {
        warnings.push(problem(
            None,
            None,
            format!(
                "{} below the table {} read as notes and left out",
                ics_data::format::upper_first(&lines(&rows.below)),
                if rows.below.len() == 1 { "was" } else { "were" }
            ),
        ));
    }
    let default_name = match &rows.title {
        Some(t) => t.clone(),
        None => file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).trim_end_matches(".csv").trim_end_matches(".json").to_string(),
    };
    if fingertips::is_fingertips(h) {
        return fingertips::import(&rows, ds, places, fixes, choice, &default_name, warnings);
    }
    // Sub-ICB locations, if the file has a column for them or most of its areas are.
    let sub_cols = sub_code.is_some() || sub_name.is_some();
    let (area_code, area_name) = if sub_cols { (sub_code, sub_name) } else { (code_col, name_col) };
    let cell_of = |r: &Vec<String>, c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    let (mut n_icb, mut n_sub) = (0usize, 0usize);
    for (_, r) in &rows.rows {
        if !places.locate(&cell_of(r, area_code), &cell_of(r, area_name)).is_empty() {
            n_sub += 1;
        } else if !sub_cols && own_match(ds, places, &cell_of(r, code_col), &cell_of(r, name_col)).is_some() {
            n_icb += 1;
        }
    }
    if sub_cols || n_sub > n_icb {
        let read = sub_path(&rows, area_code, area_name, places, &default_name)?;
        warnings.extend(read.warnings);
        return Ok(Imported { indicators: vec![], sub_icb: read.indicators, warnings, unmatched: vec![], unmatched_more: 0, fingertips: None });
    }
    let (indicators, unmatched, unmatched_more) = icb_path(&rows, ds, places, fixes, &default_name, &mut warnings)?;
    Ok(Imported { indicators, sub_icb: vec![], warnings, unmatched, unmatched_more, fingertips: None })
}

/// Reads rows of sub-ICB locations (areas in columns `area_code` and `area_name`): they need counts and
/// denominators.
fn sub_path(
    rows: &Rows,
    area_code: Option<usize>,
    area_name: Option<usize>,
    places: &Places,
    default_name: &str,
) -> Result<subicb::Read, Vec<ImportProblem>> {
    let h = &rows.headers;
    let header_line = Some(rows.header_line);
    let (count, denominator) = (find(h, &COUNT), find(h, &DENOMINATOR));
    let (Some(count), Some(denominator)) = (count, denominator) else {
        return Err(vec![problem(header_line, None, format!(
            "the rows are sub-ICB locations, and sub-ICB rates cannot be added up into ICB rates: the file needs a Count (or Numerator) column and a Denominator column, so that each ICB's counts and denominators can be summed; the file has: {}",
            h.join(", ")
        ))]);
    };
    let value = find(h, &VALUE).filter(|&c| c != count && c != denominator);
    let cols = subicb::Columns {
        code: area_code,
        name: area_name,
        count,
        denominator,
        value,
        period: find(h, &PERIOD).filter(|&c| rows.rows.iter().any(|(_, r)| r.get(c).is_some_and(|s| !s.trim().is_empty()))),
        indicator: find(h, &INDICATOR),
        area_type: find(h, &AREA_TYPE),
        unit: find(h, &UNIT),
    };
    for c in [cols.code, cols.name, Some(count), Some(denominator), value, cols.period, cols.indicator].into_iter().flatten() {
        if let Some(twin) = (0..h.len()).find(|&k| k != c && norm(&h[k]) == norm(&h[c])) {
            return Err(vec![problem(
                header_line,
                None,
                format!("two columns are called \"{}\" (columns {} and {}): rename or delete one", h[c], c.min(twin) + 1, c.max(twin) + 1),
            )]);
        }
    }
    subicb::read(&rows.rows, h, &cols, places, default_name, rows.title.as_deref())
}

/// Reads rows of ICB values (and England's): the indicators, the rows that matched no ICB (listed, and how many
/// more), or the problems.
fn icb_path(
    rows: &Rows,
    ds: &Frame,
    places: &Places,
    fixes: &[(usize, Target)],
    default_name: &str,
    warnings: &mut Vec<ImportProblem>,
) -> Result<(Vec<ImportedIndicator>, Vec<Unmatched>, usize), Vec<ImportProblem>> {
    let h = &rows.headers;
    let header_line = Some(rows.header_line);
    let (code_col, name_col) = (find(h, &CODE), find(h, &NAME));
    if code_col.is_none() && name_col.is_none() {
        return Err(vec![problem(header_line, None, format!("no column says which ICS a row is for: expected a column named Area Code, Code or ICB code ({} codes), or Area Name or Name; the file has: {}", code_words(ds), h.join(", ")))]);
    }
    // A period column left blank throughout (as in the template) means the values are for one period.
    let period_col = find(h, &PERIOD).filter(|&c| rows.rows.iter().any(|(_, r)| r.get(c).is_some_and(|s| !s.trim().is_empty())));
    let value_col = find(h, &VALUE).or_else(|| single_numeric_column(rows, &[code_col, name_col, find(h, &PERIOD)]));
    let Some(value_col) = value_col else {
        return Err(vec![problem(
            header_line,
            None,
            format!("no column of values: expected a column named Value (or exactly one column of numbers); the file has: {}", h.join(", ")),
        )]);
    };
    let (lower_col, upper_col) = (find(h, &LOWER), find(h, &UPPER));
    let indicator_col = find(h, &INDICATOR);
    let type_col = find(h, &AREA_TYPE);
    let mut problems: Vec<ImportProblem> = Vec::new();
    for c in [code_col, name_col, Some(value_col), period_col, lower_col, upper_col, indicator_col].into_iter().flatten() {
        if let Some(twin) = (0..h.len()).find(|&k| k != c && norm(&h[k]) == norm(&h[c])) {
            problems.push(problem(
                header_line,
                None,
                format!("two columns are called \"{}\" (columns {} and {}): rename or delete one", h[c], c.min(twin) + 1, c.max(twin) + 1),
            ));
            return Err(problems);
        }
    }

    let mut skipped_types: Vec<String> = Vec::new();
    let mut skipped = 0usize;
    let mut unmatched: Vec<Unmatched> = Vec::new();
    let mut unmatched_more = 0usize;
    let mut suppressed = 0usize;
    let mut markers: Vec<String> = Vec::new();
    // Rows grouped by indicator name (a Fingertips export can hold several indicators).
    struct Obs {
        line: usize,
        ics: Option<usize>,
        fixed: bool,
        period: String,
        value: Option<f64>,
        lower: Option<f64>,
        upper: Option<f64>,
        unit: Option<&'static str>,
    }
    let mut groups: Vec<(String, Vec<Obs>)> = Vec::new();
    let cell = |r: &Vec<String>, c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    // A file of another area set's ICBs is refused as a whole, saying which boundaries to show: its rows would
    // otherwise fail one by one, or (an NHS code kept by an ICB whose area changed) match the wrong area.
    let here = places.set(ds.area_set);
    let (mut own_only, mut other_only) = (0usize, None::<(usize, String, usize, usize)>);
    let mut changed: Vec<(usize, String, usize, usize)> = Vec::new();
    for (line, r) in rows.rows.iter().filter(|(l, _)| !fixes.iter().any(|(f, _)| f == l)) {
        let (code, name) = (cell(r, code_col), cell(r, name_col));
        let written = if code.is_empty() { name.clone() } else { code.clone() };
        match icb_matches(ds, places, &code, &name) {
            (Some(_), None) => own_only += 1,
            (None, Some((k, b))) => {
                other_only.get_or_insert((*line, written, k, b));
            }
            (Some(a), Some((k, b))) if !here.is_some_and(|s| places.same_area(s, a, k, b)) => changed.push((*line, written, a, k)),
            _ => {}
        }
    }
    if let (0, Some((line, written, k, b))) = (own_only, &other_only) {
        let other = &places.sets[*k];
        return Err(vec![problem(None, None, format!(
            "this file is for the {} ICBs of {} (line {line}: \"{}\" is {}, an ICB of {} only), but the page shows {}: switch the boundaries to the {} ICBs of {} and import the file again",
            other.icss.len(),
            other.period,
            clip(written),
            other.icss.get(*b).map_or("", |i| i.short_name.as_str()),
            other.period,
            subicb::set_label(ds.icss.len(), &ds.set.period),
            other.icss.len(),
            other.period
        ))]);
    }
    if own_only == 0 && other_only.is_none() {
        for (line, written, a, k) in changed.iter().take(5) {
            warnings.push(problem(Some(*line), None, format!(
                "\"{}\" is {} on both {} and {} boundaries, but its area changed between them: the value is shown for {}'s board, so check that the file is for {} (ONS codes, E54…, say which)",
                clip(written),
                ds.icss[*a].short_name,
                ds.set.period,
                places.sets[*k].period,
                ds.set.period,
                subicb::set_label(ds.icss.len(), &ds.set.period)
            )));
        }
    }
    for (line, r) in &rows.rows {
        let line = *line;
        let code = cell(r, code_col);
        let name = cell(r, name_col);
        let area_type = cell(r, type_col);
        let fix = fixes.iter().find(|(l, _)| *l == line).map(|(_, t)| *t).filter(|t| !matches!(t, Target::Ics(i) if *i >= ds.icss.len()));
        let (england, ics) = match fix {
            Some(Target::England) => (true, None),
            Some(Target::Ics(i)) => (false, Some(i)),
            None if code.eq_ignore_ascii_case("E92000001") || (code.is_empty() && name.eq_ignore_ascii_case("england")) => (true, None),
            None => (false, icb_matches(ds, places, &code, &name).0),
        };
        if !england && ics.is_none() {
            let looks_icb = area_type.is_empty()
                || ((norm(&area_type).contains("icb") || norm(&area_type).contains("integratedcare")) && !subicb::sub_type(&area_type));
            // Sub-ICB locations in a file of ICB values: another kind of area.
            let sub = !places.locate(&code, &name).is_empty();
            if !looks_icb || sub {
                skipped += 1;
                let t = if area_type.is_empty() { "sub-ICB locations".to_string() } else { clip(&area_type) };
                if !skipped_types.contains(&t) && skipped_types.len() < 5 {
                    skipped_types.push(t);
                }
                continue;
            }
            if unmatched.len() == MAX_UNMATCHED {
                unmatched_more += 1;
                continue;
            }
            let (col, what) = if !code.is_empty() || name_col.is_none() { (code_col, code) } else { (name_col, name) };
            unmatched.push(Unmatched {
                line,
                column: col.map(|c| h[c].clone()).unwrap_or_default(),
                written: clip(&what),
                value: clip(&cell(r, Some(value_col))),
                suggestions: closest(ds, &what),
                set: set_name(ds),
                codes: code_words(ds),
                hint: match icb_matches(ds, places, &cell(r, code_col), &cell(r, name_col)).1 {
                    Some((k, b)) => format!(
                        " (that is {}, an ICB of {})",
                        places.sets[k].icss.get(b).map_or("", |i| i.short_name.as_str()),
                        places.sets[k].period
                    ),
                    None => String::new(),
                },
            });
            continue;
        }
        let mut unit = None;
        let mut number = |c: Option<usize>| -> Option<f64> {
            let c = c?;
            let t = cell(r, Some(c));
            match read_number(&t) {
                Ok(Reading::Value(v, u)) => {
                    unit = unit.or(u);
                    Some(v)
                }
                Ok(Reading::Blank) => None,
                Ok(Reading::Suppressed) => {
                    suppressed += 1;
                    if !markers.contains(&t) && markers.len() < 5 {
                        markers.push(t);
                    }
                    None
                }
                Err(m) => {
                    problems.push(problem(Some(line), Some(&h[c]), m));
                    None
                }
            }
        };
        let value = number(Some(value_col));
        let lower = number(lower_col);
        let upper = number(upper_col);
        let period = if period_col.is_some() { cell(r, period_col) } else { "as supplied".to_string() };
        if period.is_empty() || period.chars().count() > 40 {
            problems.push(problem(
                Some(line),
                period_col.map(|c| h[c].as_str()),
                "the period is empty or longer than 40 characters: give every row its period",
            ));
            continue;
        }
        let ind_name = match cell(r, indicator_col) {
            n if n.is_empty() => default_name.to_string(),
            n => n,
        };
        let obs = Obs { line, ics, fixed: fix.is_some(), period, value, lower, upper, unit };
        let n_groups = groups.len();
        match groups.iter_mut().find(|(n, _)| *n == ind_name) {
            Some((_, v)) => v.push(obs),
            None if n_groups < 20 => groups.push((ind_name, vec![obs])),
            None => {
                problems.push(problem(Some(line), indicator_col.map(|c| h[c].as_str()), "more than 20 indicators in one file: split it"));
                break;
            }
        }
        if problems.len() >= 100 {
            break;
        }
    }
    if skipped > 0 {
        warnings.push(problem(
            None,
            type_col.map(|c| h[c].as_str()),
            format!("{skipped} rows for other kinds of area were left out ({})", skipped_types.join(", ")),
        ));
    }
    if suppressed > 0 {
        let quoted: Vec<String> = markers.iter().map(|m| format!("“{m}”")).collect();
        let (cells, are) = if suppressed == 1 { ("cell", "is") } else { ("cells", "are") };
        warnings.push(problem(
            None,
            None,
            format!("{suppressed} {cells} marked as suppressed or not available ({}) {are} shown as no data", quoted.join(", ")),
        ));
    }
    let matched = groups.iter().flat_map(|(_, v)| v).any(|o| o.ics.is_some());
    if !problems.is_empty() || (!matched && !unmatched.is_empty()) {
        // Refused: every problem, with the unmatched rows among them, in file order.
        if !matched && problems.is_empty() {
            let col = unmatched.first().map(|u| u.column.as_str()).unwrap_or_default();
            problems.push(problem(None, None, format!(
                "none of the rows is for one of the {}, so nothing was imported: column \"{col}\" should hold {} codes, or ICB names (as in the template)",
                set_name(ds),
                code_words(ds)
            )));
        }
        problems.extend(unmatched.iter().take(50).map(Unmatched::problem));
        let order = ics_data::sort::order(problems.len(), &|a, b| problems[a].line.cmp(&problems[b].line));
        return Err(ics_data::sort::apply(&problems, &order));
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
                let first = first_line[p][slot];
                let period = during(&o.period);
                errs.push(problem(Some(o.line), None, if o.fixed {
                    format!("you chose {who} for this row, but line {first} already gives a value for {who}{period}: choose another area or leave the row out")
                } else {
                    format!("a second value for {who}{period} (the first is on line {first})")
                }));
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
        let missing = missing_of(&values, ds);
        let unit = ["%", "£"].into_iter().find(|u| obs.iter().any(|o| o.unit == Some(*u))).map(str::to_string);
        let has = |v: &Vec<Vec<Option<f64>>>| v.iter().flatten().any(Option::is_some);
        let any = |v: &Vec<Option<f64>>| v.iter().any(Option::is_some);
        indicators.push(ImportedIndicator {
            name,
            unit,
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
        warnings.extend(indicators.last().and_then(|i| missing_warning(i, ds)));
    }
    if indicators.is_empty() {
        return Err(vec![problem(
            None,
            None,
            format!(
                "no row gave a value for any of the {}: check that the file has ICB-level rows (Area Type \"ICBs\" in a Fingertips download)",
                set_name(ds)
            ),
        )]);
    }
    Ok((indicators, unmatched, unmatched_more))
}

/// The short names of the ICSs with no value in the latest period.
fn missing_of(values: &[Vec<Option<f64>>], ds: &Frame) -> Vec<String> {
    let Some(last) = values.last() else { return vec![] };
    ds.icss.iter().enumerate().filter(|(i, _)| last.get(*i).is_none_or(Option::is_none)).map(|(_, ics)| ics.short_name.clone()).collect()
}

/// "Smoking: no value for 2 of 42 ICSs in 2022/23: Frimley, Dorset", for an indicator with ICSs missing in its latest
/// period.
fn missing_warning(ind: &ImportedIndicator, ds: &Frame) -> Option<ImportProblem> {
    let m = &ind.missing;
    (!m.is_empty()).then(|| {
        problem(
            None,
            None,
            format!(
                "{}: no value for {} of {} ICSs{}: {}",
                ind.name,
                m.len(),
                ds.icss.len(),
                during(ind.periods.last().map_or("", String::as_str)),
                if m.len() > 10 { format!("{} and {} more", m[..10].join(", "), m.len() - 10) } else { m.join(", ") }
            ),
        )
    })
}

/// " in 2022", or nothing for a file without periods.
fn during(period: &str) -> String {
    if period == "as supplied" {
        String::new()
    } else {
        format!(" in {period}")
    }
}

/// "line 4", "lines 1 to 3", "lines 1, 3 and 5".
fn lines(ls: &[usize]) -> String {
    match ls {
        [] => String::new(),
        [one] => format!("line {one}"),
        [first, .., last] if last - first + 1 == ls.len() => format!("lines {first} to {last}"),
        _ => {
            let shown: Vec<String> = ls.iter().take(5).map(|l| l.to_string()).collect();
            let more = if ls.len() > 5 { format!(" and {} more", ls.len() - 5) } else { String::new() };
            match shown.split_last() {
                Some((last, rest)) if more.is_empty() => format!("lines {} and {last}", rest.join(", ")),
                _ => format!("lines {}{more}", shown.join(", ")),
            }
        }
    }
}

fn clip(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        t + "…"
    } else {
        t
    }
}

fn from_csv(text: &str, ds: &Frame) -> Result<Rows, Vec<ImportProblem>> {
    let records = ics_data::csv::records(text).map_err(|e| vec![problem(Some(e.line), None, e.message)])?;
    let filled = |f: &[String]| f.iter().filter(|c| !c.trim().is_empty()).count();
    let Some(first) = records.iter().position(|r| filled(&r.fields) > 0) else {
        return Err(vec![problem(Some(1), None, "the file is empty: expected a header row")]);
    };
    // The header is the first row naming an area column (and a value column, if any row does): spreadsheets
    // saved as CSV often have a title, notes or blank lines above it.
    let names_area = |f: &[String]| filled(f) >= 2 && [&CODE[..], &NAME, &SUB_CODE, &SUB_NAME].iter().any(|names| find(f, names).is_some());
    let window = || records.iter().enumerate().skip(first).take(HEADER_SEARCH);
    // A Fingertips header is its header even when it lacks an area column (so the problem names it).
    let fingertips = |f: &[String]| ["indicatorid", "areatype"].iter().all(|n| f.iter().any(|c| norm(c) == *n));
    let at = window()
        .find(|(_, r)| fingertips(&r.fields))
        .or_else(|| window().find(|(_, r)| names_area(&r.fields) && find(&r.fields, &VALUE).is_some()))
        .or_else(|| window().find(|(_, r)| names_area(&r.fields)))
        .map_or(first, |(k, _)| k);
    let above: Vec<usize> = records[..at].iter().filter(|r| filled(&r.fields) > 0).map(|r| r.line).collect();
    let title = records[..at].iter().find(|r| filled(&r.fields) > 0).map(|r| {
        let cells: Vec<&str> = r.fields.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        cells.join(", ").chars().take(120).collect()
    });
    let headers: Vec<String> = records[at]
        .fields
        .iter()
        .enumerate()
        .map(|(i, c)| if c.trim().is_empty() { format!("column {}", i + 1) } else { c.trim().to_string() })
        .collect();
    let n = headers.len();
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for r in &records[at + 1..] {
        if filled(&r.fields) == 0 {
            continue;
        }
        let mut f = r.fields.clone();
        // Empty cells past the header's last column (a spreadsheet's padding) are not a problem.
        while f.len() > n && f.last().is_some_and(|c| c.trim().is_empty()) {
            f.pop();
        }
        rows.push((r.line, f));
    }
    // Notes below the table: trailing rows with at most one cell filled, or a different number of cells, that
    // name no ICS.
    let mut below = Vec::new();
    let names = cleaned_names(&ds.icss);
    while let Some((line, f)) = rows.last() {
        let note = (filled(f) <= 1 || f.len() != n) && !f.iter().any(|c| match_cleaned(&ds.icss, &names, c.trim(), "").is_some());
        if !note {
            break;
        }
        below.push(*line);
        rows.pop();
    }
    below.reverse();
    let ragged: Vec<ImportProblem> = rows
        .iter()
        .filter(|(_, f)| f.len() != n)
        .take(20)
        .map(|(line, f)| {
            problem(
                Some(*line),
                None,
                format!("{} fields, but the header (line {}) has {n}: check for an unquoted comma or a missing value", f.len(), records[at].line),
            )
        })
        .collect();
    if !ragged.is_empty() {
        return Err(ragged);
    }
    Ok(Rows { headers, rows, header_line: records[at].line, above, below, title })
}

fn json_cell(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        Json::Num(x) => {
            // Enough digits to round-trip the values people put in such files.
            let s = ics_data::format::plain(*x, 9);
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s.is_empty() {
                "0".into()
            } else {
                s.to_string()
            }
        }
        Json::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn from_json(text: &str) -> Result<Rows, Vec<ImportProblem>> {
    let v = ics_data::json::parse(text).map_err(|e| vec![problem(Some(e.line), None, format!("{} (column {})", e.message, e.column))])?;
    let rows =
        |headers: Vec<String>, rows: Vec<(usize, Vec<String>)>| Rows { headers, rows, header_line: 1, above: vec![], below: vec![], title: None };
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
            let body = items
                .iter()
                .enumerate()
                .map(|(i, item)| (i + 1, headers.iter().map(|h| item.get(h).map(json_cell).unwrap_or_default()).collect()))
                .collect();
            Ok(rows(headers, body))
        }
        // {"QOP": 1.2, "QYG": 3.4}
        Json::Obj(m) => {
            Ok(rows(vec!["code".into(), "value".into()], m.iter().enumerate().map(|(i, (k, v))| (i + 1, vec![k.clone(), json_cell(v)])).collect()))
        }
        other => Err(vec![problem(Some(1), None, format!("expected a list of objects or an object of code: value pairs, found {}", other.kind()))]),
    }
}

/// Without a header called Value: the one column (other than code, name and period) whose cells are all
/// numbers (or blank, or suppressed), at least one of them a number.
fn single_numeric_column(rows: &Rows, exclude: &[Option<usize>]) -> Option<usize> {
    let candidates: Vec<usize> = (0..rows.headers.len())
        .filter(|c| !exclude.contains(&Some(*c)))
        .filter(|&c| {
            let read: Vec<Result<Reading, String>> = rows.rows.iter().filter_map(|(_, r)| r.get(c)).map(|s| read_number(s)).collect();
            read.iter().any(|x| matches!(x, Ok(Reading::Value(..)))) && read.iter().all(Result::is_ok)
        })
        .collect();
    (candidates.len() == 1).then(|| candidates[0])
}

/// An area name as compared: lower case, "&" as "and", without "NHS" and "ICB"/"Integrated Care Board".
fn clean(s: &str) -> String {
    let s = s.trim().to_ascii_lowercase().replace('&', "and");
    let s = s.strip_prefix("nhs ").unwrap_or(&s).to_string();
    let mut s = s.as_str();
    for suffix in [" integrated care board", " integrated care system", " icb", " ics"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds the ICS by code (E54…, Q..) or name (short or full, with or without "NHS" and "ICB").
pub fn match_ics(ds: &Frame, code: &str, name: &str) -> Option<usize> {
    match_in(&ds.icss, code, name)
}

/// Finds the ICB among `icss` by code or name, as [`match_ics`].
pub fn match_in(icss: &[Ics], code: &str, name: &str) -> Option<usize> {
    match_cleaned(icss, &cleaned_names(icss), code, name)
}

/// The ICBs' short and full names as [`match_cleaned`] compares them: cleaned once, not once per row.
fn cleaned_names(icss: &[Ics]) -> Vec<(String, String)> {
    icss.iter().map(|i| (clean(&i.short_name), clean(&i.name))).collect()
}

/// [`match_in`] with the ICBs' short and full names already cleaned (`names`, in `icss` order).
fn match_cleaned(icss: &[Ics], names: &[(String, String)], code: &str, name: &str) -> Option<usize> {
    // A code in either column (people put "QOP" under "ICS" as often as under "Code").
    for c in [code, name] {
        let c = c.trim();
        if !c.is_empty() {
            if let Some(i) = icss.iter().position(|i| i.code.eq_ignore_ascii_case(c) || i.ods.eq_ignore_ascii_case(c)) {
                return Some(i);
            }
        }
    }
    // Fingertips names an ICB with its NHS code after it: "NHS Birmingham and Solihull Integrated Care Board - QHL".
    if let Some((_, ods)) = name.trim().rsplit_once(" - ") {
        if let Some(i) = icss.iter().position(|i| i.ods.eq_ignore_ascii_case(ods.trim())) {
            return Some(i);
        }
    }
    let target = if name.is_empty() { clean(code) } else { clean(name) };
    if target.is_empty() {
        return None;
    }
    names.iter().position(|(short, full)| *short == target || *full == target)
}

/// The ICB of the frame's set a row names: through `places` (names cleaned once) when it has the frame's set.
fn own_match(ds: &Frame, places: &Places, code: &str, name: &str) -> Option<usize> {
    match places.set(ds.area_set).map(|s| &places.sets[s]).filter(|s| s.icss.len() == ds.icss.len()) {
        Some(s) => s.find(code, name),
        None => match_ics(ds, code, name),
    }
}

/// The ICB of the frame's set a row names, and one of another set's (its position in `places.sets`, and index),
/// by ONS code, which settles it, else NHS code or name.
fn icb_matches(ds: &Frame, places: &Places, code: &str, name: &str) -> (Option<usize>, Option<(usize, usize)>) {
    let others = || places.sets.iter().enumerate().filter(|(_, s)| s.index != ds.area_set);
    let c = code.trim();
    if c.len() == 9 && c.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("E54")) {
        let own = ds.icss.iter().position(|i| i.code.eq_ignore_ascii_case(c));
        let other = others().find_map(|(k, s)| s.icss.iter().position(|i| i.code.eq_ignore_ascii_case(c)).map(|i| (k, i)));
        if own.is_some() || other.is_some() {
            return (own, other);
        }
    }
    (own_match(ds, places, code, name), others().find_map(|(k, s)| s.find(code, name).map(|i| (k, i))))
}

/// Up to three ICSs whose names (or codes) are closest to what was written, best first: words that are the same
/// give or take a typing slip, abbreviations ("Bucks", "Notts") and initials ("NW London", "BNSSG").
pub fn closest(ds: &Frame, written: &str) -> Vec<usize> {
    let w = written.trim().to_ascii_lowercase();
    if w.is_empty() {
        return vec![];
    }
    if !w.contains(' ') && w.len() <= 9 && w.bytes().any(|b| b.is_ascii_digit()) {
        // A code: those one slip away.
        return (0..ds.icss.len())
            .filter(|&i| edits(&ds.icss[i].ods.to_ascii_lowercase(), &w) <= 1 || edits(&ds.icss[i].code.to_ascii_lowercase(), &w) <= 1)
            .take(3)
            .collect();
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|x| x.len() >= 2 && !["and", "the", "of", "nhs", "icb", "ics"].contains(x))
            .map(str::to_string)
            .collect()
    };
    let q = words(&clean(&w));
    if q.is_empty() {
        return vec![];
    }
    let mut scored: Vec<(usize, usize)> = Vec::new();
    for (k, ics) in ds.icss.iter().enumerate() {
        let t = words(&clean(&ics.short_name));
        let initials: Vec<char> = t.iter().filter_map(|x| x.chars().next()).collect();
        let mut hit_t = vec![false; t.len()];
        // Each written word scores 0 to 3 by how well it stands for a word of the name.
        let mut points = 0;
        for qw in &q {
            let mut best = 0;
            for (j, tw) in t.iter().enumerate() {
                let p = similar(qw, tw);
                if p > 0 {
                    hit_t[j] = true;
                    best = best.max(p);
                }
            }
            let letters: Vec<char> = qw.chars().collect();
            if best == 0 && (2..=5).contains(&letters.len()) {
                if let Some(p) = initials.windows(letters.len()).position(|w| w == letters.as_slice()) {
                    hit_t.iter_mut().skip(p).take(letters.len()).for_each(|x| *x = true);
                    best = 3;
                }
            }
            points += best;
        }
        let score = 70 * points / (3 * q.len()) + 30 * hit_t.iter().filter(|x| **x).count() / t.len().max(1);
        if score >= 50 {
            scored.push((k, score));
        }
    }
    let order = ics_data::sort::order(scored.len(), &|a, b| {
        scored[b].1.cmp(&scored[a].1).then(ds.icss[scored[a].0].short_name.cmp(&ds.icss[scored[b].0].short_name))
    });
    order.into_iter().take(3).map(|o| scored[o].0).collect()
}

/// How well a written word stands for a word of a name: 3 for the same word or a prefix ("Mersey"), 2 for a
/// typing slip or an abbreviation sharing the first three letters ("Notts", "Bucks"), 1 for a looser
/// abbreviation keeping the first letter and the order of letters ("Glos"), 0 for none.
fn similar(q: &str, t: &str) -> usize {
    let abbreviation = || {
        let mut rest = t.chars();
        q.chars().next() == t.chars().next() && q.chars().all(|c| rest.any(|x| x == c))
    };
    if q == t || (q.len() >= 3 && t.starts_with(q)) || (t.len() >= 4 && q.starts_with(t)) {
        3
    } else if q.len() >= 5 && edits(q, t) <= 1 + usize::from(q.len() >= 8) {
        2
    } else if q.len() >= 4 && abbreviation() {
        1 + usize::from(q.get(..3) == t.get(..3))
    } else {
        0
    }
}

/// Levenshtein distance.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
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
        if uniq.iter().all(|p| ics_data::dataset::period_is_valid(kind, p)) {
            let order = ics_data::sort::order(uniq.len(), &|a, b| uniq[a].cmp(&uniq[b]));
            return (kind, ics_data::sort::apply(&uniq, &order));
        }
    }
    (PeriodKind::Label, uniq)
}

/// Turns an imported indicator into measures (value, and 95% limits if given) ready to add to the engine, for
/// the areas of area set `area_set` (the frame's, whose codes the file was matched to).
pub fn measures(ind: &ImportedIndicator, id: &str, source: usize, area_set: usize) -> Vec<Measure> {
    let m = |suffix: &str, values: Vec<Vec<Option<f64>>>, england: Option<Vec<Option<f64>>>| Measure {
        id: format!("{id}{suffix}"),
        name: format!("{}{suffix}", ind.name),
        source,
        period_kind: ind.period_kind,
        periods: ind.periods.clone(),
        values,
        england,
        flags: Vec::<Flag>::new(),
        area_set,
        additive: false,
        estimated: Vec::new(),
    };
    let mut out = vec![m("", ind.values.clone(), ind.england.clone())];
    if let (Some(l), Some(u)) = (&ind.lower, &ind.upper) {
        out.push(m("_lower95", l.clone(), ind.england_lower.clone()));
        out.push(m("_upper95", u.clone(), ind.england_upper.clone()));
    }
    out
}

/// The count and denominator measures of a sub-ICB indicator summed to the ICBs of area set `area_set` (see
/// `SubIcbIndicator::sum`), for a `Formula::Ratio`. Where England is only the ICBs with a value, its flag says so.
pub fn ratio_measures(ind: &SubIcbIndicator, s: &Summed, id: &str, source: usize, area_set: usize) -> [Measure; 2] {
    let flags: Vec<Flag> = s
        .england_partial
        .iter()
        .enumerate()
        .filter(|(_, p)| **p)
        .map(|(p, _)| Flag {
            kind: FlagKind::Incomplete,
            period: p,
            icss: vec![],
            england: true,
            note:
                "England here is the ICBs with a value added up: your file has no England row, and its sub-ICB locations do not cover all of England"
                    .into(),
        })
        .collect();
    let m = |suffix: &str, column: &str, values: &Vec<Vec<Option<f64>>>, england: &Vec<Option<f64>>, flags: Vec<Flag>| Measure {
        id: format!("{id}{suffix}"),
        name: format!("{}: {column}, summed from sub-ICB locations", ind.name),
        source,
        period_kind: ind.period_kind,
        periods: ind.periods.clone(),
        values: values.clone(),
        england: Some(england.clone()),
        flags,
        area_set,
        additive: true,
        estimated: Vec::new(),
    };
    [
        m("_count", &ind.count_column, &s.counts, &s.england_count, flags),
        m("_denominator", &ind.denominator_column, &s.denominators, &s.england_denominator, vec![]),
    ]
}

/// A CSV to fill in: the 42 ICBs (ONS and ODS codes, names, in name order) with empty Time period, Value and
/// 95% limit columns. Filled in, it imports as it is (blank periods mean one period; blank values, no value).
pub fn template(ds: &Frame) -> String {
    use ics_data::export::csv_line;
    let mut out = csv_line(["ICB ONS code", "ICB ODS code", "ICB name", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit"]);
    for i in ics_data::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name)) {
        let ics = &ds.icss[i];
        out.push_str(&csv_line([ics.code.as_str(), ics.ods.as_str(), ics.name.as_str(), "", "", "", ""]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> Frame {
        ics_data::testdata::shipped().frame_for(Some("icb22"), None).unwrap()
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
        assert_eq!(r.warnings[0].message, "Fingertips download: used 5 of 6 rows (3 ICB, 2 England); skipped 1 row: 1 region");
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
            ("code,value\nQOP,1\nqop,2\n", "line 3: a second value for Greater Manchester (the first is on line 2)"),
            ("code,value\nQOP,1\n\"QYG,2\n", "line 3: a quoted field is never closed"),
            ("[{\"code\": \"QOP\", \"value\": 1}", "line 1: the data ends inside a list"),
            ("code,value\n", "no row gave a value"),
            ("code,value\nQOP,\"1,5\"\n", "line 2, column \"value\": \"1,5\" is not a number: write decimals with a point (1.5)"),
            ("code,value\nQOP,(3.1)\n", "write negative numbers with a minus sign"),
            ("code,value\nQOP,#DIV/0!\n", "\"#DIV/0!\" is a spreadsheet error: correct the formula, or leave the cell blank"),
            ("code,value\nQOP,1,2\nQYG,3\n", "line 2: 3 fields, but the header (line 1) has 2"),
            ("code,value,value\nQOP,1,2\n", "line 1: two columns are called \"value\" (columns 2 and 3)"),
            (
                "Name,Value\nAtlantis,1\nLyonesse,2\n",
                "none of the rows is for one of the 42 ICBs (July 2022), so nothing was imported: column \"Name\" should hold",
            ),
            ("Name,Value\nAtlantis,1\nLyonesse,2\n", "line 3, column \"Name\": \"Lyonesse\" is not one of the 42 ICBs"),
            ("code,value,period\nQOP,1,2022\nQYG,2,\n", "line 3, column \"period\": the period is empty"),
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
    fn numbers_as_analysts_write_them() {
        use Reading::*;
        let cases: &[(&str, Reading)] = &[
            ("64.2%", Value(64.2, Some("%"))),
            ("64.2 %", Value(64.2, Some("%"))),
            ("1,234", Value(1234.0, None)),
            ("1,234,567.25", Value(1_234_567.25, None)),
            (" 12.5 ", Value(12.5, None)),
            ("\u{a0}7\u{a0}", Value(7.0, None)),
            ("£1,234", Value(1234.0, Some("£"))),
            ("-£5", Value(-5.0, Some("£"))),
            ("£-5", Value(-5.0, Some("£"))),
            ("−3.1", Value(-3.1, None)),
            ("-3.1", Value(-3.1, None)),
            ("+2", Value(2.0, None)),
            (".5", Value(0.5, None)),
            ("1e3", Value(1000.0, None)),
            ("", Blank),
            ("   ", Blank),
        ];
        for (cell, want) in cases {
            assert_eq!(read_number(cell), Ok(*want), "{cell:?}");
        }
        for cell in ["-", "–", "..", "*", "x", "X", "c", "[c]", "[x]", "n/a", "NA", "#N/A", ":", "."] {
            assert_eq!(read_number(cell), Ok(Suppressed), "{cell:?}");
        }
        let bad: &[(&str, &str)] = &[
            ("1,5", "\"1,5\" is not a number: write decimals with a point (1.5) and use commas only between thousands (1,234)"),
            ("12,34", "commas only between thousands"),
            ("1,234.5,6", "commas only between thousands"),
            ("lots", "\"lots\" is not a number"),
            ("(3.1)", "write negative numbers with a minus sign"),
            ("#DIV/0!", "spreadsheet error"),
            ("--3", "is not a number"),
            ("£5%", "is not a number"),
            ("1.2.3", "is not a number"),
            ("12.5p", "is not a number"),
        ];
        for (cell, want) in bad {
            let e = read_number(cell).unwrap_err();
            assert!(e.contains(want), "{cell:?}: {e}");
        }
    }

    #[test]
    fn a_spreadsheet_table_with_percentages_commas_suppressed_cells_and_notes_imports() {
        let ds = ds();
        let text = "Table 3: Smoking prevalence by ICB, 2022\n,,\nSource: Annual Population Survey,,\nICB name,ICB code,Value\nGreater Manchester,QOP,64.2%\nCheshire and Merseyside,QYG,\" 1,234.5 \"\nDevon,QJK,*\nKent and Medway,QKS,x\nSomerset,QSL,−3.1\n,,\nNotes:,,\n* suppressed: fewer than 10 people,,\n";
        let r = import("table3.csv", text, &ds).unwrap();
        let ind = &r.indicators[0];
        assert_eq!(ind.name, "Table 3: Smoking prevalence by ICB, 2022");
        assert_eq!(ind.unit.as_deref(), Some("%"));
        let v = |c: &str| ind.values[0][ds.ics_index(c).unwrap()];
        assert_eq!([v("QOP"), v("QYG"), v("QJK"), v("QKS"), v("QSL")], [Some(64.2), Some(1234.5), None, None, Some(-3.1)]);
        let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(w[0], "line 4: read as the header row; lines 1 and 3 above it were left out (a title or notes)");
        assert_eq!(w[1], "Lines 11 to 12 below the table were read as notes and left out");
        assert_eq!(w[2], "2 cells marked as suppressed or not available (“*”, “x”) are shown as no data");
        assert!(r.unmatched.is_empty());
        // A header on line 1 is not reported; neither is a file without notes.
        let plain = import("a.csv", "ICB,Value\nQOP,1\n", &ds).unwrap();
        assert!(!plain.warnings.iter().any(|w| w.message.contains("header") || w.message.contains("notes")), "{:?}", plain.warnings);
    }

    #[test]
    fn rows_that_match_no_ics_are_listed_with_suggestions_and_can_be_fixed() {
        let ds = ds();
        let i = |c: &str| ds.ics_index(c).unwrap();
        let text = "ICB,Value\nGreater Manchester,1\nManchester,2\nCheshire & Mersey,3\nAtlantis,4\nE38000001,5\n";
        let r = import("f.csv", text, &ds).unwrap();
        assert_eq!(r.indicators[0].values[0][i("QOP")], Some(1.0));
        let listed: Vec<(usize, &str, &str)> = r.unmatched.iter().map(|u| (u.line, u.written.as_str(), u.value.as_str())).collect();
        assert_eq!(listed, [(3, "Manchester", "2"), (4, "Cheshire & Mersey", "3"), (5, "Atlantis", "4"), (6, "E38000001", "5")]);
        assert_eq!(r.unmatched[0].suggestions.first(), Some(&i("QOP")));
        assert_eq!(r.unmatched[1].suggestions.first(), Some(&i("QYG")));
        assert_eq!(r.unmatched[0].column, "ICB");
        assert_eq!(r.unmatched[3].problem().to_string(), "line 6, column \"ICB\": \"E38000001\" is not one of the 42 ICBs (July 2022) (that is a sub-ICB location; ICS Explorer needs ICB values): expected an E54 or Q.. code, or an ICB name");
        // The user says which ICS (or England) rows are: they are imported; the rest stay listed.
        let fixed = import_with("f.csv", text, &ds, &[(4, Target::Ics(i("QYG"))), (3, Target::England)]).unwrap();
        assert_eq!(fixed.indicators[0].values[0][i("QYG")], Some(3.0));
        assert_eq!(fixed.indicators[0].england, Some(vec![Some(2.0)]));
        assert_eq!(fixed.unmatched.iter().map(|u| u.line).collect::<Vec<_>>(), [5, 6]);
        // A choice that gives an ICS a second value is a problem, naming both lines.
        let e = import_with("f.csv", text, &ds, &[(3, Target::Ics(i("QOP")))]).unwrap_err();
        assert_eq!(e[0].to_string(), "line 3: you chose Greater Manchester for this row, but line 2 already gives a value for Greater Manchester: choose another area or leave the row out");
        // Area types that are not ICBs are still left out without being listed; an index out of range is no fix.
        let ft = import_with("f.csv", "Area Code,Area Type,Value\nQOP,ICBs,1\nE40000010,NHS region,2\nQQQ,ICBs,3\n", &ds, &[(4, Target::Ics(999))])
            .unwrap();
        assert_eq!(ft.unmatched.iter().map(|u| u.line).collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn suggestions_for_names_as_people_write_them() {
        let ds = ds();
        let cases: &[(&str, &str)] = &[
            ("Manchester", "Greater Manchester"),
            ("Greater Manchster", "Greater Manchester"),
            ("Cheshire & Mersey", "Cheshire and Merseyside"),
            ("Bucks, Oxon and Berks West", "Buckinghamshire, Oxfordshire and Berkshire West"),
            ("NW London", "North West London"),
            ("BNSSG", "Bristol, North Somerset and South Gloucestershire"),
            ("Notts", "Nottingham and Nottinghamshire"),
            ("NHS Birmingham & Solihul ICB", "Birmingham and Solihull"),
            ("Q0P", "Greater Manchester"),
            ("E5400057", "Greater Manchester"),
        ];
        for (written, want) in cases {
            let got: Vec<&str> = closest(&ds, written).iter().map(|&i| ds.icss[i].short_name.as_str()).collect();
            assert_eq!(got.first(), Some(want), "{written:?}: {got:?}");
            assert!(got.len() <= 3);
        }
        for nothing in ["Atlantis", "", "Total", "E38000001"] {
            assert_eq!(closest(&ds, nothing), Vec::<usize>::new(), "{nothing:?}");
        }
    }

    #[test]
    fn the_template_filled_in_imports_cleanly() {
        let ds = ds();
        let t = template(&ds);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 43);
        assert_eq!(lines[0], "ICB ONS code,ICB ODS code,ICB name,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit");
        assert!(lines.contains(&"E54000040,QOX,\"NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board\",,,,"), "{t}");
        // Empty, it imports nothing, and says so.
        assert!(import("ics-explorer-template.csv", &t, &ds).unwrap_err()[0].message.contains("no row gave a value"));
        // Filled in (as a spreadsheet would, with the BOM of our download), every ICB has its value and limits.
        let fill = |period: &str| -> String {
            let rows = lines[1..].iter().enumerate().map(|(k, l)| format!("{},{period},{k}.5,{k},{}\r\n", l.trim_end_matches(",,,,"), k + 1));
            std::iter::once(format!("\u{feff}{}\r\n", lines[0])).chain(rows).collect()
        };
        let r = import("ics-explorer-template.csv", &fill(""), &ds).unwrap();
        assert_eq!(r.warnings, vec![]);
        assert!(r.unmatched.is_empty());
        let ind = &r.indicators[0];
        assert_eq!((ind.name.as_str(), ind.periods.clone()), ("ics-explorer-template", vec!["as supplied".to_string()]));
        assert!(ind.values[0].iter().all(Option::is_some));
        assert!(ind.lower.as_ref().unwrap()[0].iter().all(Option::is_some));
        // A time period on every row is used.
        let dated = import("t.csv", &fill("2023/24"), &ds).unwrap();
        assert_eq!((dated.indicators[0].period_kind, dated.indicators[0].periods.clone()), (PeriodKind::FinancialYear, vec!["2023/24".to_string()]));
    }

    #[test]
    fn periods_sort_by_time_when_they_are_dates() {
        assert_eq!(order_periods(&["2023-02", "2022-12", "2023-02"]), (PeriodKind::Month, vec!["2022-12".to_string(), "2023-02".to_string()]));
        assert_eq!(order_periods(&["2022/23", "2021/22"]).1, vec!["2021/22", "2022/23"]);
        assert_eq!(order_periods(&["2019 - 21", "2016 - 18"]), (PeriodKind::Label, vec!["2019 - 21".to_string(), "2016 - 18".to_string()]));
    }

    // Sub-ICB files, and ICB files of the other area set.

    /// The shipped dataset's places (both area sets, three years of sub-ICB codes) and a frame of each set.
    fn world() -> (Places, Frame, Frame) {
        let ds = ics_data::testdata::shipped();
        (Places::new(ds), ds.default_frame(0).unwrap(), ds.default_frame(1).unwrap())
    }

    /// A Fingertips-style download at sub-ICB level: England, a parent ICB row, and three sub-ICB locations whose
    /// values are Count ÷ Denominator × 100.
    const SUB_ICB: &str = "Indicator Name,Area Code,Area Name,Area Type,Time period,Value,Count,Denominator
Flu vaccine uptake,E92000001,England,England,2024/25,40,400000,1000000
Flu vaccine uptake,E54000027,NHS North West London Integrated Care Board,ICBs,2024/25,12.5,250,2000
Flu vaccine uptake,E38000256,NHS North West London ICB - W2U3Z,Sub-ICBs,2024/25,12.5,250,2000
Flu vaccine uptake,E38000240,NHS North Central London ICB - 93C,Sub-ICBs,2024/25,10,150,1500
Flu vaccine uptake,E38000252,NHS Frimley ICB - D4U1Y,Sub-ICBs,2024/25,5,50,1000
";

    /// ICB `code`'s summed count and denominator in the latest period.
    fn summed(ind: &SubIcbIndicator, places: &Places, f: &Frame, code: &str) -> (Option<f64>, Option<f64>) {
        let s = ind.sum(places, f.area_set);
        let i = f.ics_index(code).unwrap_or_else(|| panic!("{code}"));
        (s.counts.last().unwrap()[i], s.denominators.last().unwrap()[i])
    }

    #[test]
    fn sub_icb_counts_are_summed_exactly_to_the_icbs_of_either_set() {
        let (places, f22, f26) = world();
        for f in [&f22, &f26] {
            let r = import_in("flu.csv", SUB_ICB, f, &places, &[]).unwrap_or_else(|e| panic!("{e:?}"));
            assert!(r.indicators.is_empty() && r.unmatched.is_empty());
            let ind = &r.sub_icb[0];
            assert_eq!((ind.name.as_str(), ind.periods.clone(), ind.multiplier), ("Flu vaccine uptake", vec!["2024/25".to_string()], 100.0));
            assert_eq!(ind.multiplier_from, subicb::Multiplier::Values("Value".into()), "every row's value is Count ÷ Denominator × 100");
            assert_eq!(ind.england, vec![Some((400_000.0, 1_000_000.0))]);
            let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
            assert!(w.contains(&"column \"Area Type\": 1 rows for other kinds of area were left out (ICBs)".to_string()), "{w:?}");
            assert!(
                w.iter().any(|x| x.starts_with("Read as sub-ICB locations (July 2022 and April 2024 codes)")),
                "D4U1Y is July 2022's and April 2024's: {w:?}"
            );
        }
        let ind = import_in("flu.csv", SUB_ICB, &f26, &places, &[]).unwrap().sub_icb.remove(0);
        // April 2026: West and North London is North West London (W2U3Z) and North Central London (93C):
        // 250 + 150 = 400 of 2,000 + 1,500 = 3,500.
        assert_eq!(summed(&ind, &places, &f26, "Z9B2Z"), (Some(400.0), Some(3500.0)));
        // Frimley (D4U1Y) was split between three boards in April 2026: none of them has a value.
        for code in ["QRL", "S9B9J", "S0E4D"] {
            assert_eq!(summed(&ind, &places, &f26, code), (None, None), "{code}");
        }
        let s = ind.sum(&places, 1);
        assert_eq!(s.notes[0], "NHS Frimley ICB - D4U1Y (line 6) is split between Hampshire and Isle of Wight, Surrey and Sussex and Thames Valley on April 2026 boundaries, so its counts cannot be added to any one of them exactly: it was left out, and they have no value");
        assert!(
            s.notes[1].starts_with(
                "No value for 32 of the 36 ICBs (April 2026) in 2024/25: the file has no count and denominator for the sub-ICB locations in brackets"
            ),
            "{:?}",
            s.notes
        );
        assert!(s.notes[1].contains(": Cheshire and Merseyside (01F, 01J, 99A, 01T, 01V, 01X, 02E, 12F, 27D); Staffordshire"), "{}", s.notes[1]);
        assert!(s.notes[1].ends_with(" and 27 more"), "{}", s.notes[1]);
        assert_eq!((s.england_count[0], s.england_denominator[0], s.england_partial[0]), (Some(400_000.0), Some(1_000_000.0), false));
        // July 2022: each location is wholly in one ICS, Frimley's own included.
        assert_eq!(summed(&ind, &places, &f22, "QRV"), (Some(250.0), Some(2000.0)));
        assert_eq!(summed(&ind, &places, &f22, "QMJ"), (Some(150.0), Some(1500.0)));
        assert_eq!(summed(&ind, &places, &f22, "QNQ"), (Some(50.0), Some(1000.0)));
        assert_eq!(summed(&ind, &places, &f22, "QOP"), (None, None));
        // The engine divides: 400 ÷ 3,500 × 100, with Wilson limits (a percentage of people).
        let mut e = crate::Engine::new(f26.clone());
        let k = e.add_sub_icb("user_1", "flu.csv", &ind, &places);
        let ind26 = e.catalogue().indicators[k].clone();
        assert_eq!((ind26.unit.as_str(), ind26.value_type), ("%", ics_data::dataset::ValueType::Proportion));
        let v = e.values_at(&ind26, 0);
        let wnl = &v.icss[f26.ics_index("Z9B2Z").unwrap()];
        assert_eq!(wnl.value, Some(400.0 / 3500.0 * 100.0));
        assert!(wnl.ci95.is_some());
        assert_eq!(v.england.value, Some(40.0));
        assert!(ind26.caveats.iter().any(|c| c.contains("NHS Frimley ICB - D4U1Y (line 6) is split")), "{:?}", ind26.caveats);
    }

    /// The raw lookups' sub-ICB locations: (ONS code, NHS code, name, ICB ONS code), for one year's codes.
    fn lookup(year: &str) -> Vec<[String; 4]> {
        let read = |f: &str| std::fs::read_to_string(format!("{}/../../data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let rows = |text: &str| ics_data::csv::records(text).unwrap().into_iter().skip(1).map(|r| r.fields).collect::<Vec<_>>();
        match year {
            "2022" => rows(&read("lookup_sicbl22_icb22_nhser22.csv"))
                .into_iter()
                .map(|f| [f[0].clone(), f[1].clone(), f[2].clone(), f[3].clone()])
                .collect(),
            y => rows(&read("2026/sicbl24_sicbl26.csv"))
                .into_iter()
                .filter(|f| f[0] == y)
                .map(|f| [f[1].clone(), f[2].clone(), f[3].clone(), f[4].clone()])
                .collect(),
        }
    }

    /// A file of every sub-ICB location of one year's codes, each with its own count (its place in the lookup, plus
    /// one) over a denominator of 1,000.
    fn every_location(rows: &[[String; 4]], key: usize) -> String {
        let mut out = "Sub ICB Location Code,Numerator,Denominator\n".to_string();
        for (k, r) in rows.iter().enumerate() {
            out.push_str(&format!("\"{}\",{},1000\n", r[key], k + 1));
        }
        out
    }

    /// Each ICB's count and denominator from the raw lookup, for the ICBs every location of which is wholly in one.
    fn by_hand(rows: &[[String; 4]]) -> Vec<(String, f64, f64)> {
        let mut out: Vec<(String, f64, f64)> = Vec::new();
        for (k, r) in rows.iter().enumerate() {
            match out.iter_mut().find(|(c, _, _)| *c == r[3]) {
                Some(x) => (x.1, x.2) = (x.1 + (k + 1) as f64, x.2 + 1000.0),
                None => out.push((r[3].clone(), (k + 1) as f64, 1000.0)),
            }
        }
        out
    }

    #[test]
    fn every_july_2022_location_gives_all_42_icss_and_all_but_frimleys_three_boards_of_april_2026() {
        let (places, f22, f26) = world();
        let rows = lookup("2022");
        assert_eq!(rows.len(), 106);
        for key in [0, 1, 2] {
            // By ONS code, NHS code and name: the same sums.
            let text = every_location(&rows, key);
            let r = import_in("all.csv", &text, &f22, &places, &[]).unwrap_or_else(|e| panic!("{key}: {e:?}"));
            let ind = &r.sub_icb[0];
            // NHS codes and names do not tell July 2022's 92A and 70F from April 2024's (four neighbourhoods
            // moved between them in 2023), and the other rows say "either": those two are left out, saying why.
            let unsure = if key == 0 { vec![] } else { vec!["E54000052", "E54000053"] };
            assert_eq!(ind.rows.len(), 106 - unsure.len(), "{key}: every row placed");
            if key > 0 {
                let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
                assert_eq!(
                    w.iter()
                        .filter(|w| w.contains("was a different area in July 2022 and April 2024 (E38000246, E38000264)")
                            || w.contains("(E38000248, E38000265)"))
                        .count(),
                    2,
                    "{w:?}"
                );
            }
            let s = ind.sum(&places, 0);
            for (icb, c, d) in by_hand(&rows) {
                let i = f22.ics_index(&icb).unwrap();
                let want = if unsure.contains(&icb.as_str()) { (None, None) } else { (Some(c), Some(d)) };
                assert_eq!((s.counts[0][i], s.denominators[0][i]), want, "{key}: {icb}");
            }
            if key > 0 {
                continue;
            }
            // England: every location, so the file's total (1 + … + 106 = 5,671).
            assert_eq!((s.england_count[0], s.england_denominator[0], s.england_partial[0]), (Some(5671.0), Some(106_000.0), false));
            let s = ind.sum(&places, 1);
            let missing: Vec<&str> = (0..36).filter(|&i| s.counts[0][i].is_none()).map(|i| f26.icss[i].ods.as_str()).collect();
            assert_eq!(missing, ["QRL", "S9B9J", "S0E4D"], "{key}: Frimley's three");
            // The others, by hand from the April 2026 lookup (the 103 codes both years share).
            let y26 = lookup("2026");
            for (i, icb) in f26.icss.iter().enumerate().filter(|(_, i)| !missing.contains(&i.ods.as_str())) {
                let subs: Vec<&str> = y26.iter().filter(|r| r[3] == icb.code).map(|r| r[0].as_str()).collect();
                let c: f64 = rows.iter().enumerate().filter(|(_, r)| subs.contains(&r[0].as_str())).map(|(k, _)| (k + 1) as f64).sum();
                assert_eq!((s.counts[0][i], s.denominators[0][i]), (Some(c), Some(1000.0 * subs.len() as f64)), "{key}: {}", icb.short_name);
            }
            assert_eq!(s.england_count[0], Some(5671.0), "England includes Frimley");
        }
    }

    #[test]
    fn april_2026_codes_give_all_36_boards_and_the_july_2022_icss_no_split_location_touches() {
        let (places, f22, f26) = world();
        let rows = lookup("2026");
        let ind = import_in("all.csv", &every_location(&rows, 0), &f26, &places, &[]).unwrap().sub_icb.remove(0);
        assert_eq!(places.years(ind.vintages), "April 2026");
        let s = ind.sum(&places, 1);
        for (icb, c, d) in by_hand(&rows) {
            assert_eq!((s.counts[0][f26.ics_index(&icb).unwrap()], s.denominators[0][f26.ics_index(&icb).unwrap()]), (Some(c), Some(d)), "{icb}");
        }
        assert!(s.notes.is_empty(), "{:?}", s.notes);
        // On July 2022 boundaries: D9Y0V and 92A took parts of Frimley, and 70F four neighbourhoods of Surrey
        // Heartlands, so they are split; U2G6B is wholly Frimley's, but Frimley's other parts are in the split two.
        let s = ind.sum(&places, 0);
        let missing: Vec<&str> = (0..42).filter(|&i| s.counts[0][i].is_none()).map(|i| f22.icss[i].short_name.as_str()).collect();
        assert_eq!(missing, ["Frimley", "Hampshire and Isle of Wight", "Surrey Heartlands", "Sussex"]);
        let split: Vec<&str> = s.notes.iter().filter(|n| n.contains("is split between")).map(|n| n.split(" (line").next().unwrap()).collect();
        assert_eq!(split, ["NHS Surrey and Sussex ICB - 70F", "NHS Hampshire and Isle of Wight ICB - D9Y0V", "NHS Surrey and Sussex ICB - 92A"]);
        let gm = f22.ics_index("QOP").unwrap();
        let want: f64 = rows.iter().enumerate().filter(|(_, r)| r[3] == "E54000057").map(|(k, _)| (k + 1) as f64).sum();
        assert_eq!(s.counts[0][gm], Some(want), "an unchanged ICS is exact");
    }

    #[test]
    fn april_2024_codes_are_read_as_april_2024_locations() {
        let (places, f22, f26) = world();
        let rows = lookup("2024");
        let ind = import_in("all.csv", &every_location(&rows, 0), &f22, &places, &[]).unwrap().sub_icb.remove(0);
        assert_eq!(places.years(ind.vintages), "April 2024", "E38000264 is April 2024's alone");
        // The April 2024 locations are the raw lookup's, neighbourhood by neighbourhood (LSOA 2021 counts).
        let raw = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/2026/lookup_lsoa21_icb22_icb24_icb26.csv")).unwrap();
        for r in &rows {
            let n = raw.lines().filter(|l| l.split(',').nth(3) == Some(r[0].as_str())).count() as u32;
            let k = places.find(&r[0], ind.vintages).unwrap_or_else(|| panic!("{}", r[0]));
            assert_eq!((places.locations[k].lsoas, places.locations[k].ods.as_str()), (n, r[1].as_str()), "{}", r[0]);
            assert!(places.locations[k].names.iter().any(|(name, _)| *name == r[2]), "{}", r[0]);
        }
        // July 2022: 70F of April 2024 has four neighbourhoods of Surrey Heartlands, so neither has a value.
        let s = ind.sum(&places, 0);
        let missing: Vec<&str> = (0..42).filter(|&i| s.counts[0][i].is_none()).map(|i| f22.icss[i].ods.as_str()).collect();
        assert_eq!(missing, ["QXU", "QNX"]);
        // April 2026: Frimley's split.
        let s = ind.sum(&places, 1);
        assert_eq!((0..36).filter(|&i| s.counts[0][i].is_none()).map(|i| f26.icss[i].ods.as_str()).collect::<Vec<_>>(), ["QRL", "S9B9J", "S0E4D"]);
    }

    #[test]
    fn nhs_codes_and_names_are_read_in_the_year_the_other_rows_say() {
        let (places, _, f26) = world();
        let f = |text: &str| import_in("f.csv", text, &f26, &places, &[]);
        // U2G6B is April 2026's alone, so 92A is April 2026's (E38000267, with part of Frimley).
        let r = f("Code,Count,Denominator\nU2G6B,1,10\n92A,2,10\n").unwrap();
        assert_eq!(r.sub_icb[0].rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["E38000268", "E38000267"]);
        // A name says the year too.
        let r = f("Name,Count,Denominator\nNHS Surrey and Sussex ICB - 92A,2,10\nNHS Birmingham and Solihull ICB - 15E,1,10\n").unwrap();
        assert_eq!(r.sub_icb[0].rows[0].code, "E38000267");
        // Nothing says: 92A is left out, saying why; 15E is used.
        let r = f("Code,Count,Denominator\n92A,2,10\n15E,1,10\n").unwrap();
        assert_eq!(r.sub_icb[0].rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["E38000258"]);
        let w: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
        assert!(w.contains(&"line 2, column \"Code\": \"92A\" was a different area in July 2022, April 2024 and April 2026 (E38000246, E38000267, E38000264), and nothing else in the file says which year its codes are from: give the row its ONS code (E38…) to use it".to_string()), "{w:?}");
        // NHS Digital's columns: the sub-ICB location's, beside its ICB's.
        let r = f("ICB_CODE,SUB_ICB_LOC_ODS_CODE,SUB_ICB_LOC_NAME,NUMERATOR,DENOMINATOR\nQRV,W2U3Z,NHS North West London ICB - W2U3Z,250,2000\nQMJ,93C,NHS North Central London ICB - 93C,150,1500\n").unwrap();
        assert_eq!(summed(&r.sub_icb[0], &places, &f26, "Z9B2Z"), (Some(400.0), Some(3500.0)));
        // Names as people write them; codes in any case.
        let r = f("Area,Count,Denominator\nnhs birmingham & solihull icb - 15e,1,10\nBirmingham and Solihull (15E),1,10\nw2u3z,1,10\n");
        let e = r.unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("line 3, column \"Area\": a second row for NHS Birmingham and Solihull ICB - 15E (E38000258) (the first is on line 2)"),
            "{e:?}"
        );
    }

    #[test]
    fn sub_icb_files_that_cannot_be_summed_are_explained() {
        let (places, f22, f26) = world();
        let cases: &[(&str, &str)] = &[
            // Rates alone.
            ("Area Code,Value\nE38000256,12.5\nE38000240,10\n", "line 1: the rows are sub-ICB locations, and sub-ICB rates cannot be added up into ICB rates: the file needs a Count (or Numerator) column and a Denominator column"),
            ("Sub ICB Location Code,Rate\nW2U3Z,1\n", "sub-ICB rates cannot be added up"),
            // Values that are not Count ÷ Denominator × anything (age-standardised rates).
            ("Area Code,Value,Count,Denominator\nE38000256,55.2,250,2000\nE38000240,10,150,1500\n", "line 2, column \"Value\": the value 55.2 is not Count ÷ Denominator × 100: 250 ÷ 2,000 × 100 = 12.5"),
            ("Area Code,Value,Count,Denominator\nE38000256,55.2,250,2000\nE38000240,10,150,1500\n", "so they may be age-standardised or otherwise adjusted rates, which cannot be added up across sub-ICB locations: to show each ICB's Count ÷ Denominator instead, delete the Value column"),
            // Codes of two years, whose areas overlap.
            ("Area Code,Count,Denominator\nE38000268,1,10\nE38000252,2,10\nE38000253,3,10\nE38000256,3,10\n", "line 2, column \"Area Code\": \"E38000268\" is a sub-ICB location of April 2026, but the file's other rows are locations of July 2022 and April 2024"),
            ("Area Code,Count,Denominator\nE38000268,1,10\nE38000252,2,10\n", "the file mixes sub-ICB codes of different years, whose areas overlap, so nothing was imported"),
            // Numbers that cannot be counts.
            ("Area Code,Count,Denominator\nE38000256,-1,10\n", "line 2, column \"Count\": a count cannot be negative"),
            ("Area Code,Count,Denominator\nE38000256,1,0\n", "line 2, column \"Denominator\": the denominator is 0 but the count is 1: correct one of them"),
            ("Area Code,Count,Denominator\nE38000256,1e300,1\n", "line 2, column \"Count\": the number is too large to add up exactly"),
            ("Area Code,Count,Denominator\nE38000256,lots,1\n", "line 2, column \"Count\": \"lots\" is not a number"),
            ("Area Code,Count,Denominator\nE38000256,,\nE38000240,*,5\n", "no sub-ICB row has both a count (column \"Count\") and a denominator (column \"Denominator\")"),
            ("Area Code,Count,Denominator\nE38000256,1,2\nE38000256,1,2\n", "line 3, column \"Area Code\": a second row for NHS West and North London ICB - W2U3Z (E38000256) (the first is on line 2)"),
        ];
        for f in [&f22, &f26] {
            for (text, want) in cases {
                let e = import_in("f.csv", text, f, &places, &[]).unwrap_err();
                let all: Vec<String> = e.iter().map(|p| p.to_string()).collect();
                assert!(all.iter().any(|p| p.contains(want)), "{text:?}: expected {want:?} in {all:?}");
            }
        }
    }

    #[test]
    fn the_multiplier_comes_from_the_values_then_the_words_then_the_counts() {
        let (places, _, f26) = world();
        let m = |text: &str| {
            let r = import_in("rates.csv", text, &f26, &places, &[]).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            (r.sub_icb[0].multiplier, r.sub_icb[0].multiplier_from.clone())
        };
        assert_eq!(m("Area Code,Value,Count,Denominator\nE38000256,125,250,2000\n").0, 1000.0);
        assert_eq!(m("Area Code,Value,Count,Denominator\nE38000256,\"12,500\",250,2000\n").0, 100_000.0);
        assert_eq!(m("Area Code,Value,Count,Denominator\nE38000256,12.5%,250,2000\n").0, 100.0);
        // Rounded as published: 1/3 × 100 to one decimal.
        assert_eq!(m("Area Code,Value,Count,Denominator\nE38000256,33.3,1,3\n").0, 100.0);
        assert_eq!(
            m("Indicator Name,Area Code,Count,Denominator\n\"Emergency admissions per 100,000 people\",E38000256,250,2000\n"),
            (100_000.0, subicb::Multiplier::Text("Emergency admissions per 100,000 people".into()))
        );
        assert_eq!(m("Admissions (rate per 1000)\nArea Code,Count,Denominator\nE38000256,250,2000\n").0, 1000.0);
        assert_eq!(m("Area Code,Count,Denominator\nE38000256,250,2000\n"), (100.0, subicb::Multiplier::Guessed));
        assert_eq!(m("Area Code,Count,Denominator\nE38000256,2500,2000\n"), (1000.0, subicb::Multiplier::Guessed));
        for (text, want) in [
            ("per 1,000 people", Some(1000.0)),
            ("Rate per 100 000", Some(100_000.0)),
            ("% of patients", Some(100.0)),
            ("per cent", Some(100.0)),
            ("per person", None),
            ("per 7", None),
        ] {
            assert_eq!(subicb::multiplier_in(text), want, "{text}");
        }
    }

    #[test]
    fn an_icb_file_of_the_other_set_is_refused_saying_which_boundaries_to_show() {
        let (places, f22, f26) = world();
        // April 2026 boards on the July 2022 map: one message, not a failure per row.
        let e = import_in("f.csv", "ICB code,Value\nD7T5G,1\nE54000066,2\nQOP,3\nQRL,4\n", &f22, &places, &[]).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].to_string(), "this file is for the 36 ICBs of April 2026 (line 2: \"D7T5G\" is Essex, an ICB of April 2026 only), but the page shows the 42 ICBs (July 2022): switch the boundaries to the 36 ICBs of April 2026 and import the file again");
        // And July 2022's on today's map: E54000042 is Hampshire and Isle of Wight before it took part of Frimley.
        let e = import_in("f.csv", "Area Code,Area Name,Value\nE54000042,NHS Hampshire and Isle of Wight Integrated Care Board,1\nE54000057,NHS Greater Manchester Integrated Care Board,2\n", &f26, &places, &[]).unwrap_err();
        assert!(e[0].to_string().starts_with("this file is for the 42 ICBs of July 2022 (line 2: \"E54000042\" is Hampshire and Isle of Wight, an ICB of July 2022 only), but the page shows the 36 ICBs (April 2026)"), "{e:?}");
        // Its own set's codes import, July 2022's and April 2026's alike.
        let r = import_in("f.csv", "ICB code,Value\nD7T5G,1\nQRL,4\nQOP,3\n", &f26, &places, &[]).unwrap();
        assert_eq!(r.indicators[0].values[0][f26.ics_index("D7T5G").unwrap()], Some(1.0));
        assert!(r.warnings.iter().all(|w| !w.message.contains("area changed")), "D7T5G says the file is April 2026's: {:?}", r.warnings);
        // An NHS code kept by a board whose area changed, and nothing else to say which year: a warning.
        let r = import_in("f.csv", "ICB code,Value\nQRL,4\nQOP,3\n", &f26, &places, &[]).unwrap();
        assert_eq!(r.warnings[0].to_string(), "line 2: \"QRL\" is Hampshire and Isle of Wight on both April 2026 and July 2022 boundaries, but its area changed between them: the value is shown for April 2026's board, so check that the file is for the 36 ICBs (April 2026) (ONS codes, E54…, say which)");
        // Rows of both sets: the other set's are listed, saying what they are.
        let r = import_in("f.csv", "ICB code,Value\nQOP,3\nQNQ,1\nS9B9J,2\n", &f26, &places, &[]).unwrap();
        assert_eq!(r.unmatched.len(), 1);
        assert_eq!(r.unmatched[0].problem().to_string(), "line 3, column \"ICB code\": \"QNQ\" is not one of the 36 ICBs (April 2026) (that is Frimley, an ICB of July 2022): expected an E54 or NHS (such as S1Y5D) code, or an ICB name");
    }

    #[test]
    fn the_template_lists_the_icbs_of_the_frame_shown() {
        let (_, _, f26) = world();
        let t = template(&f26);
        assert_eq!(t.lines().count(), 37);
        assert!(t.contains("E54000066,D7T5G,NHS Essex Integrated Care Board,,,,"), "{t}");
        let filled: String =
            t.lines().enumerate().map(|(k, l)| if k == 0 { format!("{l}\n") } else { format!("{},,{k},,\n", l.trim_end_matches(",,,,")) }).collect();
        let r = import("t.csv", &filled, &f26).unwrap();
        assert!(r.indicators[0].values[0].iter().all(Option::is_some));
    }
}
