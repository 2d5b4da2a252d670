//! Fingertips data downloads (fingertips.phe.org.uk, a profile's "Export table" or "Data download" CSV), imported
//! as they come: recognised by their header (Indicator ID, Area Code, Area Type, and Category Type, Sex or Time
//! period Sortable), each row classed (England, NHS region, ICB, sub-ICB location, another kind of area, a
//! category breakdown, another sex or age, a duplicate), and the rows to use handed to the importer's ICB and
//! sub-ICB readers, which check every value as for any file (so problems still name their line and column).
//!
//! The rows used: the ICB rows of the boundaries shown with no category (or, if the user chooses one, those of one
//! breakdown, an indicator per category); for each indicator one Sex and Age (Persons and its most common age,
//! unless the user chooses another); England's rows for the same periods; and, for a period with no ICB rows,
//! the sub-ICB rows with counts and denominators, summed exactly by [`super::subicb`]. Codes written `nE54…`
//! (Fingertips' prefix) are read without the `n`. The same area, period, sex, age and category twice: the first
//! row is kept. Periods of different lengths in one indicator (`2022/23` beside `2019/20 - 21/22`) make separate
//! indicators; periods sort by Time period Sortable. What was skipped is counted in one [`Summary`].
//!
//! It never changes a value, never merges periods of different lengths, never reports row by row what a count
//! can say, and never panics: like the rest of the importer, it is pure and total.

use super::subicb::{sub_type, Places};
use super::{find, icb_matches, icb_path, norm, problem, read_number, sub_path, ImportProblem, Imported, Reading, Rows, Target, COUNT, DENOMINATOR, INDICATOR};
use crate::dataset::Frame;

/// The user's choice of a download's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    /// The Sex and Age to import, for the indicators that have them; None: Persons and each indicator's most
    /// common age.
    pub sex_age: Option<(String, String)>,
    /// A Category Type to import instead of the rows with no category: one indicator per category.
    pub breakdown: Option<String>,
}

/// What was skipped, by kind, in the order the summary lists them.
pub const KINDS: [&str; 8] = ["sub-ICB", "region", "other area type", "ICB of other boundaries", "category breakdown", "no breakdown", "other sex or age", "England only"];
const SUB: usize = 0;
const REGION: usize = 1;
const OTHER: usize = 2;
const OTHER_SET: usize = 3;
const BREAKDOWN: usize = 4;
const PLAIN: usize = 5;
const SEX_AGE: usize = 6;
const ENGLAND_ONLY: usize = 7;

/// What a download gave: the rows used and skipped, and the choices it offers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The table's rows.
    pub rows: usize,
    /// Rows used: ICB values, sub-ICB counts and denominators (summed), England's.
    pub icb: usize,
    pub sub_icb: usize,
    pub england: usize,
    /// Rows skipped, by kind (`KINDS` order).
    pub skipped: [usize; 8],
    /// Rows repeating an earlier one's area, period, sex, age and category (the first is kept).
    pub duplicates: usize,
    /// The Sex and Age pairs of the ICB and sub-ICB rows imported from (with their number of rows), in file order,
    /// and the pair imported (the first indicator's).
    pub sex_ages: Vec<(String, String, usize)>,
    pub sex_age: Option<(String, String)>,
    /// The category breakdowns of ICB or sub-ICB rows: (Category Type, categories, rows), in file order, and the one
    /// imported, if any.
    pub breakdowns: Vec<(String, usize, usize)>,
    pub breakdown: Option<String>,
    /// What the user may want to know about the skipped rows.
    pub notes: Vec<String>,
}

impl Summary {
    /// "Fingertips download: used 84 of 428 rows (72 ICB, 12 England); skipped 342 rows: 212 sub-ICB, 14 region,
    /// 96 category breakdown; 2 duplicates kept the first"
    pub fn line(&self) -> String {
        let parts = |xs: &[(usize, &str)]| xs.iter().filter(|(n, _)| *n > 0).map(|(n, w)| format!("{n} {w}")).collect::<Vec<_>>().join(", ");
        let used = self.icb + self.sub_icb + self.england;
        let mut s = format!("Fingertips download: used {used} of {} rows", self.rows);
        if used > 0 {
            s += &format!(" ({})", parts(&[(self.icb, "ICB"), (self.sub_icb, "sub-ICB, summed"), (self.england, "England")]));
        }
        let skipped: usize = self.skipped.iter().sum();
        if skipped > 0 {
            let kinds: Vec<(usize, &str)> = self.skipped.iter().zip(KINDS).map(|(n, k)| (*n, k)).collect();
            s += &format!("; skipped {skipped} {}: {}", rows_word(skipped), parts(&kinds));
        }
        if self.duplicates > 0 {
            s += &format!("; {} {} kept the first", self.duplicates, if self.duplicates == 1 { "duplicate" } else { "duplicates" });
        }
        s
    }
}

fn rows_word(n: usize) -> &'static str {
    if n == 1 {
        "row"
    } else {
        "rows"
    }
}

/// Whether a header is a Fingertips download's.
pub fn is_fingertips(h: &[String]) -> bool {
    let has = |n: &str| h.iter().any(|x| norm(x) == n);
    has("indicatorid") && has("areacode") && has("areatype") && (has("categorytype") || has("sex") || has("timeperiodsortable"))
}

/// A code as Fingertips sometimes writes it, `nE54000055`, without its `n`.
pub fn strip_n(code: &str) -> &str {
    match code.strip_prefix('n') {
        Some(r) if r.len() == 9 && r.starts_with('E') && r.as_bytes()[1..].iter().all(u8::is_ascii_digit) => r,
        _ => code,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    England,
    Region,
    Icb,
    OtherSet,
    Sub,
    Other,
}

/// One row, classed.
struct Info {
    k: usize,
    area: Area,
    code: String,
    ind: String,
    ctype: String,
    cat: String,
    sex: String,
    age: String,
    period: String,
    range: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Icb,
    Sub,
    England,
    Skip(usize),
}

/// The rows to read: ICB values (and England's), sub-ICB counts (and England's), and the summary.
struct Selected {
    icb: Rows,
    sub: Rows,
    summary: Summary,
}

/// Imports a Fingertips download's `rows` (see the module's comment); `warnings` are the reader's so far.
pub(super) fn import(rows: &Rows, ds: &Frame, places: &Places, fixes: &[(usize, Target)], choice: &Choice, default_name: &str, mut warnings: Vec<ImportProblem>) -> Result<Imported, Vec<ImportProblem>> {
    let h = &rows.headers;
    let col = |n: &str| h.iter().position(|x| norm(x) == n);
    let (code, name) = (col("areacode"), col("areaname"));
    let Selected { icb, sub, mut summary } = select(rows, ds, places, choice);
    let icb = (!icb.rows.is_empty()).then(|| {
        let mut w = Vec::new();
        icb_path(&icb, ds, places, fixes, default_name, &mut w).map(|r| (r, w))
    });
    let sub = (!sub.rows.is_empty()).then(|| sub_path(&sub, code, name, places, default_name));
    let (indicators, unmatched, unmatched_more, icb_warnings) = match icb {
        Some(Err(e)) => return Err(e),
        Some(Ok(((i, u, m), w))) => (i, u, m, w),
        None => (vec![], vec![], 0, vec![]),
    };
    let (sub_icb, sub_warnings) = match sub {
        Some(Ok(read)) => (read.indicators, read.warnings),
        Some(Err(e)) if indicators.is_empty() => return Err(e),
        Some(Err(e)) => {
            // The ICB rows stand; the sub-ICB rows of other periods could not be summed.
            summary.skipped[SUB] += summary.sub_icb;
            summary.sub_icb = 0;
            let why = e.first().map(|p| p.to_string()).unwrap_or_default();
            (vec![], vec![problem(None, None, format!("the sub-ICB rows for periods without ICB rows were not summed: {why}"))])
        }
        None => (vec![], vec![]),
    };
    if indicators.is_empty() && sub_icb.is_empty() {
        return Err(vec![problem(None, None, format!(
            "{}: no ICB rows for the {} ICBs ({}), and no sub-ICB rows with Count and Denominator to add up, so nothing was imported; download the data for the ICB area type",
            summary.line(),
            ds.icss.len(),
            ds.set.period
        ))]);
    }
    let mut all = vec![problem(None, None, summary.line())];
    all.extend(summary.notes.iter().map(|n| problem(None, None, n.clone())));
    all.append(&mut warnings);
    all.extend(icb_warnings);
    all.extend(sub_warnings);
    Ok(Imported { indicators, sub_icb, warnings: all, unmatched, unmatched_more, fingertips: Some(summary) })
}

/// The most common of `xs` (the first of equals).
fn most_common<'a>(xs: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for x in xs {
        match counts.iter_mut().find(|(y, _)| *y == x) {
            Some(c) => c.1 += 1,
            None => counts.push((x, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (x, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x)
}

/// "3-year periods", "quarterly periods": a Time period range ("3y", "1q") in words.
fn range_words(r: &str) -> String {
    let (n, unit) = r.split_at(r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len()));
    let unit = match unit {
        "y" => "year",
        "q" => "quarter",
        "m" => "month",
        _ => return format!("periods of {r}"),
    };
    match n {
        "" | "1" => format!("{}ly periods", if unit == "month" { "month" } else { unit }),
        n => format!("{n}-{unit} periods"),
    }
}

fn select(rows: &Rows, ds: &Frame, places: &Places, choice: &Choice) -> Selected {
    let h = &rows.headers;
    let col = |n: &str| h.iter().position(|x| norm(x) == n);
    let (code_col, name_col, type_col) = (col("areacode"), col("areaname"), col("areatype"));
    let (sex_col, age_col, ctype_col, cat_col) = (col("sex"), col("age"), col("categorytype"), col("category"));
    let (period_col, sortable_col, range_col, id_col) = (col("timeperiod"), col("timeperiodsortable"), col("timeperiodrange"), col("indicatorid"));
    let ind_col = find(h, &INDICATOR);
    let (count_col, den_col) = (find(h, &COUNT), find(h, &DENOMINATOR));
    let cell = |r: &[String], c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    let mut summary = Summary { rows: rows.rows.len(), ..Summary::default() };

    // Each row classed; repeats of an earlier row left out.
    let mut seen = std::collections::HashSet::new();
    let mut infos: Vec<Info> = Vec::with_capacity(rows.rows.len());
    for (k, (_, r)) in rows.rows.iter().enumerate() {
        let code = strip_n(&cell(r, code_col)).to_string();
        let name = cell(r, name_col);
        let ind = match cell(r, ind_col) {
            n if n.is_empty() => cell(r, id_col),
            n => n,
        };
        let (ctype, cat, sex, age, period) = (cell(r, ctype_col), cell(r, cat_col), cell(r, sex_col), cell(r, age_col), cell(r, period_col));
        let area_key = if code.is_empty() { name.to_ascii_lowercase() } else { code.to_ascii_uppercase() };
        if !seen.insert([cell(r, id_col), ind.clone(), area_key, period.clone(), sex.clone(), age.clone(), ctype.clone(), cat.clone()].join("\u{1f}")) {
            summary.duplicates += 1;
            continue;
        }
        let t = norm(&cell(r, type_col));
        let prefix = |p: &str| code.len() == 9 && code.get(..3).is_some_and(|x| x.eq_ignore_ascii_case(p));
        let area = if code.eq_ignore_ascii_case("E92000001") || (code.is_empty() && (t == "england" || name.eq_ignore_ascii_case("england"))) {
            Area::England
        } else if prefix("E40") || prefix("E39") || t.contains("region") {
            Area::Region
        } else if prefix("E38") {
            Area::Sub
        } else {
            match icb_matches(ds, places, &code, &name) {
                (Some(_), _) => Area::Icb,
                (None, Some(_)) => Area::OtherSet,
                _ if !places.locate(&code, &name).is_empty() || sub_type(&t) => Area::Sub,
                _ if prefix("E54") || (t.contains("icb") || t.contains("integratedcare")) => Area::Icb,
                _ => Area::Other,
            }
        };
        infos.push(Info { k, area, code, ind, ctype, cat, sex, age, period, range: cell(r, range_col) });
    }
    // A file of another set's ICBs alone: its rows go on, to be refused saying which boundaries to show.
    if !infos.iter().any(|i| i.area == Area::Icb) {
        infos.iter_mut().filter(|i| i.area == Area::OtherSet).for_each(|i| i.area = Area::Icb);
    }
    let local = |i: &Info| matches!(i.area, Area::Icb | Area::Sub);

    // The breakdowns offered, and the one chosen.
    for i in infos.iter().filter(|i| local(i) && !i.ctype.is_empty()) {
        match summary.breakdowns.iter_mut().find(|b| b.0 == i.ctype) {
            Some(b) => b.2 += 1,
            None => summary.breakdowns.push((i.ctype.clone(), 0, 1)),
        }
    }
    for b in &mut summary.breakdowns {
        let mut cats: Vec<&str> = infos.iter().filter(|i| local(i) && i.ctype == b.0).map(|i| i.cat.as_str()).collect();
        cats.sort_unstable();
        cats.dedup();
        b.1 = cats.len();
    }
    // (More than 20 indicators cannot be imported from one file.)
    let n_inds = { let mut v: Vec<&str> = infos.iter().filter(|i| local(i)).map(|i| i.ind.as_str()).collect(); v.sort_unstable(); v.dedup(); v.len().max(1) };
    summary.breakdowns.retain(|b| b.1 * n_inds <= 20);
    summary.breakdown = choice.breakdown.clone().filter(|c| summary.breakdowns.iter().any(|b| b.0 == *c));
    let want = summary.breakdown.clone().unwrap_or_default();
    let in_scope = |i: &Info| i.ctype == want;

    // The Sex and Age pairs, and each indicator's.
    for i in infos.iter().filter(|i| local(i) && in_scope(i)) {
        match summary.sex_ages.iter_mut().find(|p| p.0 == i.sex && p.1 == i.age) {
            Some(p) => p.2 += 1,
            None => summary.sex_ages.push((i.sex.clone(), i.age.clone(), 1)),
        }
    }
    let chosen = choice.sex_age.clone().filter(|(s, a)| summary.sex_ages.iter().any(|p| p.0 == *s && p.1 == *a));
    let mut per_ind: Vec<(String, (String, String))> = Vec::new();
    for i in infos.iter().filter(|i| local(i) && in_scope(i)) {
        if per_ind.iter().any(|(n, _)| *n == i.ind) {
            continue;
        }
        let mine = || infos.iter().filter(|j| local(j) && in_scope(j) && j.ind == i.ind);
        let pair = match &chosen {
            Some((s, a)) if mine().any(|j| j.sex == *s && j.age == *a) => (s.clone(), a.clone()),
            _ => {
                let persons = mine().find(|j| j.sex.eq_ignore_ascii_case("persons")).map(|j| j.sex.as_str());
                let sex = persons.or_else(|| most_common(mine().map(|j| j.sex.as_str()))).unwrap_or_default().to_string();
                let age = most_common(mine().filter(|j| j.sex == sex).map(|j| j.age.as_str())).unwrap_or_default().to_string();
                (sex, age)
            }
        };
        per_ind.push((i.ind.clone(), pair));
    }
    summary.sex_age = per_ind.first().map(|(_, p)| p.clone());

    // What each row is used for, and the name of the indicator it joins.
    let mut uses: Vec<Use> = Vec::with_capacity(infos.len());
    let mut names: Vec<String> = Vec::with_capacity(infos.len());
    for i in &infos {
        let u = match i.area {
            Area::Region => Use::Skip(REGION),
            Area::Other => Use::Skip(OTHER),
            Area::OtherSet => Use::Skip(OTHER_SET),
            _ if !in_scope(i) => Use::Skip(if i.ctype.is_empty() { PLAIN } else { BREAKDOWN }),
            _ if per_ind.iter().any(|(n, (s, a))| *n == i.ind && (*s != i.sex || *a != i.age)) => Use::Skip(SEX_AGE),
            Area::England => Use::England,
            Area::Icb => Use::Icb,
            Area::Sub => Use::Sub,
        };
        uses.push(u);
        names.push(if want.is_empty() { i.ind.clone() } else { format!("{}: {}", i.ind, i.cat) });
    }
    // Periods of different lengths: an indicator each.
    let used = |u: Use| !matches!(u, Use::Skip(_));
    let mut ranges: Vec<(String, Vec<String>)> = Vec::new();
    for (x, i) in infos.iter().enumerate().filter(|(x, _)| used(uses[*x])) {
        match ranges.iter_mut().find(|(n, _)| *n == names[x]) {
            Some((_, rs)) if !rs.contains(&i.range) => rs.push(i.range.clone()),
            Some(_) => {}
            None => ranges.push((names[x].clone(), vec![i.range.clone()])),
        }
    }
    for (x, i) in infos.iter().enumerate() {
        if ranges.iter().any(|(n, rs)| *n == names[x] && rs.len() > 1) && !i.range.is_empty() {
            names[x] = format!("{} ({})", names[x], range_words(&i.range));
        }
    }
    // Sub-ICB rows count only for a period with no ICB rows, and only with counts and denominators.
    let key = |x: usize| format!("{}\u{1f}{}", names[x], infos[x].period);
    let icb_periods: std::collections::HashSet<String> = (0..infos.len()).filter(|&x| uses[x] == Use::Icb).map(key).collect();
    let counted = |x: usize| {
        let r = &rows.rows[infos[x].k].1;
        let num = |c: Option<usize>| matches!(read_number(&cell(r, c)), Ok(Reading::Value(..)));
        num(count_col) && num(den_col)
    };
    let sub_periods: std::collections::HashSet<String> = (0..infos.len()).filter(|&x| uses[x] == Use::Sub && !icb_periods.contains(&key(x)) && counted(x)).map(key).collect();
    let (mut with_icb, mut uncounted) = (0usize, Vec::<String>::new());
    for x in 0..infos.len() {
        let k = key(x);
        uses[x] = match uses[x] {
            Use::Sub if icb_periods.contains(&k) => {
                with_icb += 1;
                Use::Skip(SUB)
            }
            Use::Sub if !sub_periods.contains(&k) => {
                if !uncounted.contains(&infos[x].period) {
                    uncounted.push(infos[x].period.clone());
                }
                Use::Skip(SUB)
            }
            Use::England if !icb_periods.contains(&k) && !sub_periods.contains(&k) => Use::Skip(ENGLAND_ONLY),
            u => u,
        };
    }

    // The rows handed on: codes without their `n`, and indicators named as above, sorted by period.
    let sortable = |x: usize| cell(&rows.rows[infos[x].k].1, sortable_col).parse::<u64>().ok();
    let sorted = sortable_col.is_some() && (0..infos.len()).filter(|&x| used(uses[x])).all(|x| sortable(x).is_some());
    let (mut icb, mut sub) = (rows.clone_empty(), rows.clone_empty());
    let mut order: Vec<usize> = (0..infos.len()).collect();
    if sorted {
        let keys: Vec<(u64, usize)> = order.iter().map(|&x| (sortable(x).unwrap_or(0), x)).collect();
        order = crate::sort::apply(&order, &crate::sort::order(keys.len(), &|a, b| keys[a].cmp(&keys[b])));
    }
    for x in order {
        let (line, r) = &rows.rows[infos[x].k];
        let mut r = r.clone();
        if let Some(c) = code_col.filter(|&c| c < r.len()) {
            r[c] = infos[x].code.clone();
        }
        if let Some(c) = ind_col.filter(|&c| c < r.len()) {
            r[c] = names[x].clone();
        }
        match uses[x] {
            Use::Icb => {
                summary.icb += 1;
                icb.rows.push((*line, r));
            }
            Use::Sub => {
                summary.sub_icb += 1;
                sub.rows.push((*line, r));
            }
            Use::England => {
                summary.england += 1;
                if icb_periods.contains(&key(x)) {
                    icb.rows.push((*line, r));
                } else {
                    sub.rows.push((*line, r));
                }
            }
            Use::Skip(kind) => summary.skipped[kind] += 1,
        }
    }

    // Notes, where the user can do something about what was skipped.
    if summary.sex_ages.len() > 1 {
        let others: Vec<String> = summary.sex_ages.iter().filter(|p| summary.sex_age.as_ref().is_none_or(|(s, a)| p.0 != *s || p.1 != *a)).take(6).map(|p| pair_words(&p.0, &p.1)).collect();
        let shown = summary.sex_age.as_ref().map(|(s, a)| pair_words(s, a)).unwrap_or_default();
        summary.notes.push(format!("Rows for {shown} were imported; the file also has {}: choose below to import those instead", others.join("; ")));
    }
    if let Some(b) = &summary.breakdown {
        summary.notes.push(format!("Imported the breakdown by {b}: an indicator for each category"));
    } else if !summary.breakdowns.is_empty() {
        let list: Vec<String> = summary.breakdowns.iter().map(|b| format!("{} ({} categories)", b.0, b.1)).collect();
        summary.notes.push(format!("The file also breaks the ICB values down by {}: choose a breakdown below to import it instead", list.join(", ")));
    }
    if !uncounted.is_empty() {
        let n = summary.skipped[SUB] - with_icb;
        summary.notes.push(format!(
            "{n} sub-ICB {} for {} with no ICB rows {} no Count and Denominator, so {} cannot be added up to ICBs",
            rows_word(n),
            uncounted.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if n == 1 { "has" } else { "have" },
            if n == 1 { "it" } else { "they" }
        ));
    }
    Selected { icb, sub, summary }
}

/// "Persons, 18+ yrs"
fn pair_words(sex: &str, age: &str) -> String {
    match (sex.is_empty(), age.is_empty()) {
        (false, false) => format!("{sex}, {age}"),
        (true, true) => "no sex or age".into(),
        _ => format!("{sex}{age}"),
    }
}

impl Rows {
    /// The same header, no rows.
    fn clone_empty(&self) -> Rows {
        Rows { headers: self.headers.clone(), rows: vec![], header_line: self.header_line, above: vec![], below: vec![], title: self.title.clone() }
    }
}
