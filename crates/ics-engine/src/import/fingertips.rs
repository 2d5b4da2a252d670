//! Fingertips data downloads (fingertips.phe.org.uk, a profile's "Export table" or "Data download" CSV), imported
//! as they come: recognised by their header (Indicator ID, Area Code, Area Type, and Category Type, Sex or Time
//! period Sortable), each row classed (England, NHS region, ICB, sub-ICB location, another kind of area, a
//! category breakdown, another sex or age, a duplicate), and the rows to use handed to the importer's ICB and
//! sub-ICB readers, which check every value as for any file (so problems still name their line and column).
//!
//! The rows used: the ICB rows of the boundaries shown with no category (or, if the user chooses one, those of one
//! breakdown, an indicator per category); for each indicator one Sex and Age (Persons and its most common age,
//! unless the user chooses another); England's rows for the same periods; and, for a period with no ICB rows,
//! the sub-ICB rows with counts and denominators, summed exactly by [`super::subicb`]. In a period with ICB rows,
//! an ICB shown with no ICB row (on April 2026 boundaries, a file of July 2022's ICBs leaves the boards whose area
//! changed without one) gets the exact sum of its sub-ICB locations' counts over their denominators, times the
//! multiplier the sub-ICB reader works out, when the file's locations with counts make it up exactly (each wholly
//! inside it, all of it covered); the rule is the same for every ICB and period, so an ICB row is never replaced.
//! Where an ICB has both, they are compared, to the decimals the ICB value is written with: a note says when they
//! differ (the ICB row's value is kept). Notes say which ICBs were summed, from how many locations, and why the
//! others have no value (a location split between ICBs, locations missing, no counts). Codes written `nE54…`
//! (Fingertips' prefix) are read without the `n`. The same area, period, sex, age and category twice: the first
//! row is kept. Periods of different lengths in one indicator (`2022/23` beside `2019/20 - 21/22`) make separate
//! indicators; periods sort by Time period Sortable. What was skipped is counted in one [`Summary`].
//!
//! It never changes a value, never merges periods of different lengths, never reports row by row what a count
//! can say, and never panics: like the rest of the importer, it is pure and total.

use super::subicb::{and_list, sub_type, Places, Read};
use super::{
    find, icb_matches, icb_path, missing_of, missing_warning, norm, problem, read_number, sub_path, ImportProblem, Imported, ImportedIndicator,
    Reading, Rows, Target, COUNT, DENOMINATOR, INDICATOR,
};
use ics_data::dataset::Frame;

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
pub const KINDS: [&str; 8] =
    ["sub-ICB", "region", "other area type", "ICB of other boundaries", "category breakdown", "no breakdown", "other sex or age", "England only"];
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
    /// A sub-ICB row with a count and a denominator, in a period with ICB rows: for the ICBs they leave empty.
    Fill,
    Skip(usize),
}

/// The rows to read: ICB values (and England's), sub-ICB counts (and England's), sub-ICB counts for the ICBs the
/// ICB rows leave empty, and the summary.
struct Selected {
    icb: Rows,
    sub: Rows,
    fill: Rows,
    /// The ICBs (of the frame) with a row, and the periods with ICB rows whose sub-ICB rows have counts, or have none:
    /// by indicator and period.
    has_row: std::collections::BTreeSet<(String, String, usize)>,
    counted: std::collections::BTreeSet<(String, String)>,
    uncounted: std::collections::BTreeSet<(String, String)>,
    summary: Summary,
}

/// Imports a Fingertips download's `rows` (see the module's comment); `warnings` are the reader's so far.
pub(super) fn import(
    rows: &Rows,
    ds: &Frame,
    places: &Places,
    fixes: &[(usize, Target)],
    choice: &Choice,
    default_name: &str,
    mut warnings: Vec<ImportProblem>,
) -> Result<Imported, Vec<ImportProblem>> {
    let h = &rows.headers;
    let col = |n: &str| h.iter().position(|x| norm(x) == n);
    let (code, name) = (col("areacode"), col("areaname"));
    let Selected { icb, sub, fill, has_row, counted, uncounted, mut summary } = select(rows, ds, places, choice, default_name);
    let icb = (!icb.rows.is_empty()).then(|| {
        let mut w = Vec::new();
        icb_path(&icb, ds, places, fixes, default_name, &mut w).map(|r| (r, w))
    });
    let sub = (!sub.rows.is_empty()).then(|| sub_path(&sub, code, name, places, default_name));
    let (mut indicators, unmatched, unmatched_more, mut icb_warnings) = match icb {
        Some(Err(e)) => return Err(e),
        Some(Ok(((i, u, m), w))) => (i, u, m, w),
        None => (vec![], vec![], 0, vec![]),
    };
    if !indicators.is_empty() {
        let read = (!fill.rows.is_empty()).then(|| sub_path(&fill, code, name, places, default_name));
        let gaps = Gaps { ds, places, has_row: &has_row, counted: &counted, uncounted: &uncounted };
        gaps.fill(&mut indicators, read, &mut icb_warnings, &mut summary);
    }
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

/// How many different `xs` there are (few: categories, indicators).
fn distinct<'a>(xs: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for x in xs {
        if !seen.contains(&x) {
            seen.push(x);
        }
    }
    seen.len()
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

fn select(rows: &Rows, ds: &Frame, places: &Places, choice: &Choice, default_name: &str) -> Selected {
    let h = &rows.headers;
    let col = |n: &str| h.iter().position(|x| norm(x) == n);
    let (code_col, name_col, type_col) = (col("areacode"), col("areaname"), col("areatype"));
    let (sex_col, age_col, ctype_col, cat_col) = (col("sex"), col("age"), col("categorytype"), col("category"));
    let (period_col, sortable_col, range_col, id_col) = (col("timeperiod"), col("timeperiodsortable"), col("timeperiodrange"), col("indicatorid"));
    let ind_col = find(h, &INDICATOR);
    let (count_col, den_col) = (find(h, &COUNT), find(h, &DENOMINATOR));
    let cell = |r: &[String], c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    let mut summary = Summary { rows: rows.rows.len(), ..Summary::default() };

    // Each row classed; a repeat of an earlier row left out.
    let mut seen = std::collections::BTreeSet::new();
    let mut infos: Vec<Info> = Vec::with_capacity(rows.rows.len());
    for (k, (_, r)) in rows.rows.iter().enumerate() {
        let code = strip_n(&cell(r, code_col)).to_string();
        let name = cell(r, name_col);
        let ind = match cell(r, ind_col) {
            n if n.is_empty() => cell(r, id_col),
            n => n,
        };
        let (ctype, cat, sex, age, period) = (cell(r, ctype_col), cell(r, cat_col), cell(r, sex_col), cell(r, age_col), cell(r, period_col));
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
        // (A region or another kind of area listed twice, under two area types, is counted as what it is.)
        let area_key = if code.is_empty() { name.to_ascii_lowercase() } else { code.to_ascii_uppercase() };
        if !matches!(area, Area::Region | Area::Other)
            && !seen
                .insert([cell(r, id_col), ind.clone(), area_key, period.clone(), sex.clone(), age.clone(), ctype.clone(), cat.clone()].join("\u{1f}"))
        {
            summary.duplicates += 1;
            continue;
        }
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
        b.1 = distinct(infos.iter().filter(|i| local(i) && i.ctype == b.0).map(|i| i.cat.as_str()));
    }
    // (More than 20 indicators cannot be imported from one file.)
    let n_inds = distinct(infos.iter().filter(|i| local(i)).map(|i| i.ind.as_str())).max(1);
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
    // Sets filled by insert, not collect: collecting into a BTreeSet sorts with a copy of the stable sort of its own
    // (about 4 KB of wasm).
    let mut icb_periods = std::collections::BTreeSet::new();
    (0..infos.len()).filter(|&x| uses[x] == Use::Icb).for_each(|x| {
        icb_periods.insert(key(x));
    });
    let counted = |x: usize| {
        let r = &rows.rows[infos[x].k].1;
        let num = |c: Option<usize>| matches!(read_number(&cell(r, c)), Ok(Reading::Value(..)));
        num(count_col) && num(den_col)
    };
    let mut sub_periods = std::collections::BTreeSet::new();
    (0..infos.len()).filter(|&x| uses[x] == Use::Sub && !icb_periods.contains(&key(x)) && counted(x)).for_each(|x| {
        sub_periods.insert(key(x));
    });
    // In a period with ICB rows, the sub-ICB rows with counts are read for the ICBs those leave empty.
    let shown = |x: usize| if ind_col.is_some() { names[x].clone() } else { default_name.to_string() };
    let (mut has_row, mut counted_with_icb, mut uncounted_with_icb) =
        (std::collections::BTreeSet::new(), std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    let (mut n_uncounted, mut uncounted) = (0usize, Vec::<String>::new());
    for x in 0..infos.len() {
        let k = key(x);
        uses[x] = match uses[x] {
            Use::Icb => {
                let r = &rows.rows[infos[x].k].1;
                if let Some(a) = icb_matches(ds, places, &infos[x].code, &cell(r, name_col)).0 {
                    has_row.insert((shown(x), infos[x].period.clone(), a));
                }
                Use::Icb
            }
            Use::Sub if icb_periods.contains(&k) && counted(x) => {
                counted_with_icb.insert((shown(x), infos[x].period.clone()));
                Use::Fill
            }
            Use::Sub if icb_periods.contains(&k) => {
                uncounted_with_icb.insert((shown(x), infos[x].period.clone()));
                Use::Skip(SUB)
            }
            Use::Sub if !sub_periods.contains(&k) => {
                n_uncounted += 1;
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
    let (mut icb, mut sub, mut fill) = (rows.clone_empty(), rows.clone_empty(), rows.clone_empty());
    let mut order: Vec<usize> = (0..infos.len()).collect();
    if sorted {
        let keys: Vec<(u64, usize)> = order.iter().map(|&x| (sortable(x).unwrap_or(0), x)).collect();
        order = ics_data::sort::apply(&order, &ics_data::sort::order(keys.len(), &|a, b| keys[a].cmp(&keys[b])));
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
            // (Counted as skipped until they give an ICB a value.)
            Use::Fill => {
                summary.skipped[SUB] += 1;
                fill.rows.push((*line, r));
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
        let others: Vec<String> = summary
            .sex_ages
            .iter()
            .filter(|p| summary.sex_age.as_ref().is_none_or(|(s, a)| p.0 != *s || p.1 != *a))
            .take(6)
            .map(|p| pair_words(&p.0, &p.1))
            .collect();
        let shown = summary.sex_age.as_ref().map(|(s, a)| pair_words(s, a)).unwrap_or_default();
        summary.notes.push(format!("Rows for {shown} were imported; the file also has {}: choose below to import those instead", others.join("; ")));
    }
    if let Some(b) = &summary.breakdown {
        summary.notes.push(format!("Imported the breakdown by {b}: an indicator for each category"));
    } else if !summary.breakdowns.is_empty() {
        let list: Vec<String> =
            summary.breakdowns.iter().map(|b| format!("{} ({} {})", b.0, b.1, if b.1 == 1 { "category" } else { "categories" })).collect();
        summary.notes.push(format!("The file also breaks the ICB values down by {}: choose a breakdown below to import it instead", list.join(", ")));
    }
    if summary.skipped[OTHER_SET] > 0 {
        let n = summary.skipped[OTHER_SET];
        let sets: Vec<&str> = places.sets.iter().filter(|s| s.index != ds.area_set).map(|s| s.period.as_str()).collect();
        summary.notes.push(format!(
            "{n} ICB {} for ICBs of other boundaries ({}): switch the boundaries to see them",
            if n == 1 { "row is" } else { "rows are" },
            sets.join(" or ")
        ));
    }
    if !uncounted.is_empty() {
        let n = n_uncounted;
        summary.notes.push(format!(
            "{n} sub-ICB {} for {} with no ICB rows {} no Count and Denominator, so {} cannot be added up to ICBs",
            rows_word(n),
            uncounted.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if n == 1 { "has" } else { "have" },
            if n == 1 { "it" } else { "they" }
        ));
    }
    Selected { icb, sub, fill, has_row, counted: counted_with_icb, uncounted: uncounted_with_icb, summary }
}

/// What the file gives for the ICBs its ICB rows leave without a value (see the module's comment).
struct Gaps<'a> {
    ds: &'a Frame,
    places: &'a Places,
    has_row: &'a std::collections::BTreeSet<(String, String, usize)>,
    counted: &'a std::collections::BTreeSet<(String, String)>,
    uncounted: &'a std::collections::BTreeSet<(String, String)>,
}

impl Gaps<'_> {
    /// Gives each ICB with no ICB row in a period the exact sum of its sub-ICB locations (`read`, the sub-ICB rows
    /// with counts of the periods with ICB rows), where the file's locations make it up exactly; checks that an ICB
    /// with both has an ICB value that agrees with its sum; and says, in `summary`'s notes, what was summed and why
    /// the other ICBs have no value. The `warnings` saying which ICBs have no value are brought up to date.
    fn fill(
        &self,
        indicators: &mut [ImportedIndicator],
        read: Option<Result<Read, Vec<ImportProblem>>>,
        warnings: &mut Vec<ImportProblem>,
        summary: &mut Summary,
    ) {
        let (ds, places) = (self.ds, self.places);
        let set = places.set(ds.area_set);
        let (subs, failed) = match read {
            Some(Ok(r)) => (r.indicators, None),
            Some(Err(e)) => (vec![], Some(e.first().map(|p| p.to_string()).unwrap_or_default())),
            None => (vec![], None),
        };
        let set_words = format!("ICBs of {}", ds.set.period);
        for ind in indicators.iter_mut() {
            let before = missing_warning(ind, ds);
            let si = subs.iter().find(|s| s.name == ind.name);
            let summed = si.zip(set).map(|(si, _)| si.sum(places, ds.area_set));
            // (reason, ICBs, periods): "" for the ICBs summed.
            let mut groups: Vec<(String, Vec<usize>, Vec<usize>)> = Vec::new();
            let mut add = |why: String, a: usize, q: usize| match groups.iter_mut().find(|g| g.0 == why) {
                Some(g) => {
                    if !g.1.contains(&a) {
                        g.1.push(a);
                    }
                    if !g.2.contains(&q) {
                        g.2.push(q);
                    }
                }
                None => groups.push((why, vec![a], vec![q])),
            };
            let (mut used_lines, mut used_locations, mut differ) = (Vec::<usize>::new(), Vec::<usize>::new(), Vec::<(usize, usize, f64, f64)>::new());
            for q in 0..ind.periods.len() {
                let label = ind.periods[q].clone();
                let p = si.and_then(|si| si.periods.iter().position(|x| *x == label));
                for a in 0..ds.icss.len() {
                    let row = self.has_row.contains(&(ind.name.clone(), label.clone(), a));
                    let sum = match (si, &summed, p, set) {
                        (Some(si), Some(s), Some(p), Some(_)) => {
                            let at = |v: &Vec<Vec<Option<f64>>>| v.get(p).and_then(|r| r.get(a)).copied().flatten();
                            at(&s.counts).zip(at(&s.denominators)).map(|(c, d)| (c, d, si.multiplier))
                        }
                        _ => None,
                    };
                    let Some(&now) = ind.values.get(q).and_then(|r| r.get(a)) else { continue };
                    match (now, sum) {
                        (Some(v), Some((c, d, m))) if d > 0.0 => {
                            let exact = c / d * m;
                            if (exact - v).abs() > half_unit(v) {
                                differ.push((q, a, v, exact));
                            }
                        }
                        (None, _) if row => {}
                        (None, Some((c, d, m))) if d > 0.0 => {
                            ind.values[q][a] = Some(c / d * m);
                            add(String::new(), a, q);
                            // The rows summed: those of the locations wholly in this ICB, in this period.
                            let (Some(si), Some(p), Some(s)) = (si, p, set) else { continue };
                            for r in si.rows.iter().filter(|r| r.period == p && r.count.is_some() && r.denominator.is_some()) {
                                let Some(k) = places.find(&r.code, si.vintages) else { continue };
                                if places.locations[k].icbs.get(s).is_some_and(|v| matches!(v.as_slice(), [(b, _)] if *b == a)) {
                                    used_lines.push(r.line);
                                    if !used_locations.contains(&k) {
                                        used_locations.push(k);
                                    }
                                }
                            }
                        }
                        (None, Some(_)) => add("the counts of their sub-ICB locations are 0 of 0".into(), a, q),
                        (None, None) => {
                            let key = (ind.name.clone(), label.clone());
                            let why = if let Some(why) = failed.as_ref().filter(|_| self.counted.contains(&key)) {
                                format!("its sub-ICB rows could not be added up ({why})")
                            } else if set.is_none() && self.counted.contains(&key) {
                                "ICS Explorer does not know where the sub-ICB locations lie on these boundaries".into()
                            } else if let (Some(si), Some(p), Some(s)) = (si, p, set) {
                                // A location split between ICBs, or locations missing.
                                let mut split: Vec<&str> = Vec::new();
                                for r in si.rows.iter().filter(|r| r.period == p && r.count.is_some() && r.denominator.is_some()) {
                                    let Some(l) = places.find(&r.code, si.vintages).map(|k| &places.locations[k]) else { continue };
                                    let name = l.name(si.vintages);
                                    if l.icbs.get(s).is_some_and(|v| v.len() > 1 && v.iter().any(|(b, _)| *b == a)) && !split.contains(&name) {
                                        split.push(name);
                                    }
                                }
                                if split.is_empty() {
                                    "its sub-ICB rows with a Count and a Denominator do not cover the whole of each of them".into()
                                } else {
                                    format!(
                                        "{} {} split between ICBs on these boundaries, so they are not made of whole sub-ICB locations",
                                        and_list(&split),
                                        if split.len() == 1 { "is" } else { "are" }
                                    )
                                }
                            } else if self.uncounted.contains(&key) {
                                "its sub-ICB rows have no Count and Denominator to add up".into()
                            } else {
                                continue;
                            };
                            add(why, a, q);
                        }
                        _ => {}
                    }
                }
            }
            ind.missing = missing_of(&ind.values, ds);
            let after = missing_warning(ind, ds);
            if let Some(old) = before {
                match (warnings.iter().position(|w| *w == old), after) {
                    (Some(at), Some(new)) => warnings[at] = new,
                    (Some(at), None) => {
                        warnings.remove(at);
                    }
                    _ => {}
                }
            }
            let n = used_lines.len();
            summary.sub_icb += n;
            summary.skipped[SUB] -= n.min(summary.skipped[SUB]);
            for (why, icbs, periods) in &groups {
                let list: Vec<&str> = icbs.iter().map(|&a| ds.icss[a].short_name.as_str()).collect();
                let list = if list.len() > 10 { format!("{} and {} more", list[..10].join(", "), list.len() - 10) } else { and_list(&list) };
                let when = periods_words(&ind.periods, periods);
                let k = icbs.len();
                let icbs_words = format!("{k} {}", if k == 1 { set_words.replacen("ICBs", "ICB", 1) } else { set_words.clone() });
                let them = if k == 1 { "it" } else { "them" };
                summary.notes.push(if why.is_empty() {
                    let m = si.map_or(String::new(), |si| super::subicb::multiplier_words(si.multiplier));
                    format!(
                        "{}: {icbs_words} summed exactly from {} sub-ICB {}{when}, as the file has no ICB rows for {them}: {list} (each is its locations' counts added up over their denominators added up, {m})",
                        ind.name,
                        used_locations.len(),
                        if used_locations.len() == 1 { "location" } else { "locations" }
                    )
                } else {
                    format!("{}: no value for {icbs_words}{when}, as the file has no ICB rows for {them} and {why}: {list}", ind.name)
                });
            }
            if let Some(&(q, a, v, exact)) = differ.first() {
                let how = |x: f64| ics_data::format::number(x, 4).trim_end_matches('0').trim_end_matches('.').to_string();
                summary.notes.push(format!(
                    "{}: the ICB rows' values of {} {} differ from the sums of their sub-ICB locations (as {}{}: {} against {}); the ICB rows' values are shown",
                    ind.name,
                    differ.len(),
                    if differ.len() == 1 { "ICB" } else { "ICBs" },
                    ds.icss[a].short_name,
                    super::during(&ind.periods[q]),
                    how(v),
                    how(exact)
                ));
            }
        }
    }
}

/// Half a unit of the last decimal place `v` is written to (at most 6 places): the most a value rounded to it can
/// differ from the exact one.
fn half_unit(v: f64) -> f64 {
    let d = (0..6).find(|&d| {
        let x = v * 10f64.powi(d);
        (x - x.round()).abs() < 1e-6
    });
    0.5 * 10f64.powi(-d.unwrap_or(6)) + 1e-9
}

/// " in 2022/23", " in 3 of 12 periods (2013/14 to 2024/25)": `ps` of `periods` (indexes) in words.
fn periods_words(periods: &[String], ps: &[usize]) -> String {
    let (Some(first), Some(last)) = (ps.iter().min(), ps.iter().max()) else { return String::new() };
    if ps.len() == 1 {
        return super::during(&periods[*first]);
    }
    let of = if ps.len() == periods.len() { String::new() } else { format!(" of {}", periods.len()) };
    format!(" in {}{of} periods ({} to {})", ps.len(), periods[*first], periods[*last])
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

#[cfg(test)]
mod tests {
    //! Files with exactly the layout of a Fingertips data download (its 27 columns, in order, quoted where a field
    //! has a comma, real area codes, names, area types and breakdown names), whose values are made up for the tests:
    //! an ICB's value is its place in `data/lookup_sicbl22_icb22_nhser22.csv`, so every expected figure below can be
    //! worked out by hand.
    use super::*;
    use crate::import::{import_choosing, import_in, SubIcbIndicator};

    const HEADER: &str = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range";

    /// One row of a download, with a physical activity indicator's defaults.
    #[derive(Clone)]
    struct Row {
        id: &'static str,
        ind: &'static str,
        parent: (String, String),
        area: (String, String, String),
        sex: &'static str,
        age: &'static str,
        category: (&'static str, String),
        period: (&'static str, &'static str, &'static str),
        value: String,
        count: String,
        denominator: String,
    }

    fn row(code: &str, name: &str, kind: &str, value: &str) -> Row {
        Row {
            id: "93014",
            ind: "Percentage of physically active adults",
            parent: (String::new(), String::new()),
            area: (code.into(), name.into(), kind.into()),
            sex: "Persons",
            age: "19+ yrs",
            category: ("", String::new()),
            period: ("2022/23", "20220000", "1y"),
            value: value.into(),
            count: String::new(),
            denominator: String::new(),
        }
    }

    fn quote(s: &str) -> String {
        if s.contains([',', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }

    impl Row {
        fn csv(&self) -> String {
            let v = ics_data::format::parse_number(&self.value);
            let ci = |d: f64| v.map_or(String::new(), |v| format!("{:.1}", v + d));
            let compared = if self.area.0 == "E92000001" { "" } else { "Similar" };
            let fields = [
                self.id,
                self.ind,
                &self.parent.0,
                &self.parent.1,
                &self.area.0,
                &self.area.1,
                &self.area.2,
                self.sex,
                self.age,
                self.category.0,
                &self.category.1,
                self.period.0,
                &self.value,
                &ci(-1.0),
                &ci(1.0),
                &ci(-1.5),
                &ci(1.5),
                &self.count,
                &self.denominator,
                "",
                "Cannot be calculated",
                compared,
                "",
                self.period.1,
                "New data",
                "",
                self.period.2,
            ];
            fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",") + "\r\n"
        }
    }

    fn file(rows: &[Row]) -> String {
        format!("{HEADER}\r\n{}", rows.iter().map(Row::csv).collect::<String>())
    }

    fn world() -> (Places, Frame, Frame) {
        let ds = ics_data::testdata::shipped();
        (Places::new(ds), ds.default_frame(0).unwrap(), ds.default_frame(1).unwrap())
    }

    /// The July 2022 lookup: (sub-ICB code, name, ICB code, ICB name, region code, region name), in file order.
    fn lookup() -> Vec<[String; 6]> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lookup_sicbl22_icb22_nhser22.csv")).unwrap();
        ics_data::csv::records(&text).unwrap().into_iter().skip(1).map(|r| [0, 2, 3, 5, 6, 8].map(|k| r.fields[k].clone())).collect()
    }

    /// The ICBs of the lookup, in order of first appearance: (code, name, region code, region name).
    fn icbs() -> Vec<[String; 4]> {
        let mut out: Vec<[String; 4]> = Vec::new();
        for r in lookup() {
            if !out.iter().any(|i| i[0] == r[2]) {
                out.push([r[2].clone(), r[3].clone(), r[4].clone(), r[5].clone()]);
            }
        }
        out
    }

    fn england(value: &str) -> Row {
        row("E92000001", "England", "England", value)
    }

    /// ICB `k` of the lookup, valued k + 10 (`kind` its Area Type), with its region as parent.
    fn icb(k: usize, kind: &str) -> Row {
        let i = &icbs()[k];
        Row { parent: (i[2].clone(), i[3].clone()), ..row(&i[0], &i[1], kind, &format!("{}", k + 10)) }
    }

    fn value(f: &Frame, ind: &crate::import::ImportedIndicator, period: usize, code: &str) -> Option<f64> {
        ind.values[period][f.ics_index(code).unwrap_or_else(|| panic!("{code}"))]
    }

    #[test]
    fn codes_with_fingertips_n_prefix_are_read_without_it() {
        let cases = [
            ("nE54000055", "E54000055"),
            ("nE38000258", "E38000258"),
            ("E54000055", "E54000055"),
            ("n", "n"),
            ("nE5400005", "nE5400005"),
            ("nE54000055x", "nE54000055x"),
            ("nW2U3Z", "nW2U3Z"),
            ("né", "né"),
        ];
        for (written, read) in cases {
            assert_eq!(strip_n(written), read, "{written}");
        }
        // In a file: Birmingham and Solihull by its n-prefixed code, by its name with its NHS code alone, and a
        // sub-ICB location by its n-prefixed code (skipped: the ICB has a row for the period).
        let (places, f22, _) = world();
        let b = |code: &str, name: &str, kind: &str, v: &str| Row {
            id: "92488",
            ind: "Smoking prevalence in adults (18+) - current smokers (APS)",
            age: "18+ yrs",
            ..row(code, name, kind, v)
        };
        let text = file(&[
            b("nE54000055", "NHS Birmingham and Solihull Integrated Care Board - QHL", "ICBs (statutory, from July 2022)", "14.9"),
            b("", "NHS Black Country Integrated Care Board - QUA", "ICBs (statutory, from July 2022)", "17.2"),
            b("nE38000258", "NHS Birmingham and Solihull ICB - 15E", "ICB sub-locations", "14.9"),
            b("E92000001", "England", "England", "12.7"),
        ]);
        let r = import_in("smoking.csv", &text, &f22, &places, &[]).unwrap();
        let ind = &r.indicators[0];
        assert_eq!((value(&f22, ind, 0, "QHL"), value(&f22, ind, 0, "QUA"), ind.england.clone()), (Some(14.9), Some(17.2), Some(vec![Some(12.7)])));
        assert_eq!(r.warnings[0].message, "Fingertips download: used 3 of 4 rows (2 ICB, 1 England); skipped 1 row: 1 sub-ICB");
    }

    #[test]
    fn every_area_type_is_counted_and_only_the_icbs_and_england_used() {
        let (places, f22, _) = world();
        let mut rows = vec![england("66.9")];
        // Regions, old and new, each region under both types (the same codes): counted as regions, not duplicates.
        let regions =
            ["NHS region (statutory, April 2020 - March 2021)", "NHS regions (new due to ICB changes)", "NHS region (statutory, July 2022 onwards)"];
        let mut seen: Vec<String> = Vec::new();
        for i in icbs() {
            if !seen.contains(&i[2]) {
                seen.push(i[2].clone());
                for t in regions {
                    rows.push(Row { parent: ("E92000001".into(), "England".into()), ..row(&i[2], &i[3], t, "65.0") });
                }
            }
        }
        for k in 0..42 {
            rows.push(icb(k, "ICBs (statutory, from July 2022)"));
        }
        // Sub-ICB locations, n-prefixed, with their ICB as parent, and a county with its region.
        for s in lookup() {
            rows.push(Row { parent: (format!("n{}", s[2]), s[3].clone()), ..row(&format!("n{}", s[0]), &s[1], "ICB sub-locations", "60.0") });
        }
        rows.push(Row {
            parent: ("E40000010".into(), "North West".into()),
            ..row("E06000008", "Blackburn with Darwen", "Counties & UAs (from Apr 2023)", "61.0")
        });
        let r = import_in("activity.csv", &file(&rows), &f22, &places, &[]).unwrap();
        assert_eq!(
            r.warnings[0].message,
            "Fingertips download: used 43 of 171 rows (42 ICB, 1 England); skipped 128 rows: 106 sub-ICB, 21 region, 1 other area type"
        );
        assert_eq!(r.fingertips.as_ref().map(|s| (s.skipped, s.duplicates)), Some(([106, 21, 1, 0, 0, 0, 0, 0], 0)));
        let ind = &r.indicators[0];
        assert_eq!(
            (ind.name.as_str(), ind.periods.clone(), ind.england.clone()),
            ("Percentage of physically active adults", vec!["2022/23".to_string()], Some(vec![Some(66.9)]))
        );
        // Every ICB's own value (its place in the lookup + 10), checked through its code.
        for (k, i) in icbs().iter().enumerate() {
            assert_eq!(value(&f22, ind, 0, &i[0]), Some((k + 10) as f64), "{}", i[1]);
        }
        assert!(r.unmatched.is_empty() && r.sub_icb.is_empty());
    }

    #[test]
    fn the_same_area_and_period_twice_keeps_the_first() {
        let (places, f22, _) = world();
        // Greater Manchester (place 39) under two ICB area types, the second with another value; England twice.
        let gm = icbs().iter().position(|i| i[0] == "E54000057").unwrap();
        let rows = [
            england("66.9"),
            icb(gm, "ICB"),
            icb(0, "ICB"),
            Row { value: "99.9".into(), ..icb(gm, "ICBs (statutory, from July 2022)") },
            england("66.9"),
        ];
        let r = import_in("activity.csv", &file(&rows), &f22, &places, &[]).unwrap();
        assert_eq!(r.warnings[0].message, "Fingertips download: used 3 of 5 rows (2 ICB, 1 England); 2 duplicates kept the first");
        assert_eq!(value(&f22, &r.indicators[0], 0, "E54000057"), Some((gm + 10) as f64));
    }

    #[test]
    fn category_breakdowns_are_counted_and_offered_then_imported_as_an_indicator_per_category() {
        let (places, f22, _) = world();
        let ethnic = "Ethnic groups";
        let mut rows = vec![england("66.9")];
        // England's deprivation deciles: a breakdown of England alone, counted, not offered.
        for d in ["Most deprived decile (IMD2019)", "Second most deprived decile (IMD2019)", "Least deprived decile (IMD2019)"] {
            rows.push(Row { category: ("County & UA deprivation deciles in England (IMD2019, 4/21 geography)", d.into()), ..england("60.1") });
        }
        for k in 0..3 {
            rows.push(icb(k, "ICB"));
            for (j, g) in ["Asian", "Black", "White"].iter().enumerate() {
                rows.push(Row { category: (ethnic, (*g).into()), value: format!("{}", 100 * (j + 1) + k), ..icb(k, "ICB") });
            }
        }
        let text = file(&rows);
        let r = import_in("activity.csv", &text, &f22, &places, &[]).unwrap();
        let s = r.fingertips.as_ref().unwrap();
        assert_eq!(r.warnings[0].message, "Fingertips download: used 4 of 16 rows (3 ICB, 1 England); skipped 12 rows: 12 category breakdown");
        assert_eq!(s.breakdowns, vec![(ethnic.to_string(), 3, 9)]);
        assert_eq!(
            r.warnings[1].message,
            "The file also breaks the ICB values down by Ethnic groups (3 categories): choose a breakdown below to import it instead"
        );
        assert_eq!(r.indicators.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["Percentage of physically active adults"]);
        // Chosen: an indicator per category; the rows with no category are skipped (England's too, as it has no
        // ethnic breakdown here).
        let choice = Choice { breakdown: Some(ethnic.into()), ..Choice::default() };
        let r = import_choosing("activity.csv", &text, &f22, &places, &[], &choice).unwrap();
        let names: Vec<&str> = r.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Percentage of physically active adults: Asian",
                "Percentage of physically active adults: Black",
                "Percentage of physically active adults: White"
            ]
        );
        let first = &icbs()[0][0];
        assert_eq!(r.indicators.iter().map(|i| value(&f22, i, 0, first)).collect::<Vec<_>>(), [Some(100.0), Some(200.0), Some(300.0)]);
        assert_eq!(r.warnings[0].message, "Fingertips download: used 9 of 16 rows (9 ICB); skipped 7 rows: 3 category breakdown, 4 no breakdown");
        assert_eq!(r.warnings[1].message, "Imported the breakdown by Ethnic groups: an indicator for each category");
    }

    #[test]
    fn several_sexes_and_ages_import_persons_at_the_usual_age_unless_another_is_chosen() {
        let (places, f22, _) = world();
        let mut rows = vec![england("66.9"), Row { sex: "Male", ..england("68.0") }];
        for k in 0..4 {
            rows.push(icb(k, "ICB"));
            rows.push(Row { sex: "Male", value: format!("{}", k + 50), ..icb(k, "ICB") });
            rows.push(Row { sex: "Female", value: format!("{}", k + 70), ..icb(k, "ICB") });
        }
        // A few rows at another age: Persons, 65+ yrs, fewer than 19+ yrs.
        rows.push(Row { age: "65+ yrs", value: "5".into(), ..icb(0, "ICB") });
        let text = file(&rows);
        let r = import_in("activity.csv", &text, &f22, &places, &[]).unwrap();
        let s = r.fingertips.clone().unwrap();
        let pairs: Vec<(&str, &str, usize)> = s.sex_ages.iter().map(|(a, b, n)| (a.as_str(), b.as_str(), *n)).collect();
        assert_eq!(pairs, [("Persons", "19+ yrs", 4), ("Male", "19+ yrs", 4), ("Female", "19+ yrs", 4), ("Persons", "65+ yrs", 1)]);
        assert_eq!(s.sex_age, Some(("Persons".into(), "19+ yrs".into())));
        assert_eq!(r.warnings[0].message, "Fingertips download: used 5 of 15 rows (4 ICB, 1 England); skipped 10 rows: 10 other sex or age");
        assert_eq!(r.warnings[1].message, "Rows for Persons, 19+ yrs were imported; the file also has Male, 19+ yrs; Female, 19+ yrs; Persons, 65+ yrs: choose below to import those instead");
        let first = icbs()[0][0].clone();
        assert_eq!(value(&f22, &r.indicators[0], 0, &first), Some(10.0));
        // Chosen: Male, with England's Male row; an unknown pair is ignored.
        let pick = |sex: &str| Choice { sex_age: Some((sex.into(), "19+ yrs".into())), ..Choice::default() };
        let r = import_choosing("activity.csv", &text, &f22, &places, &[], &pick("Male")).unwrap();
        assert_eq!((value(&f22, &r.indicators[0], 0, &first), r.indicators[0].england.clone()), (Some(50.0), Some(vec![Some(68.0)])));
        let r = import_choosing("activity.csv", &text, &f22, &places, &[], &pick("Intersex")).unwrap();
        assert_eq!(value(&f22, &r.indicators[0], 0, &first), Some(10.0));
        // Without Persons: the most common sex.
        let only: Vec<Row> = rows.iter().filter(|r| r.sex == "Female").cloned().collect();
        let r = import_in("activity.csv", &file(&only), &f22, &places, &[]).unwrap();
        assert_eq!(value(&f22, &r.indicators[0], 0, &first), Some(70.0));
    }

    #[test]
    fn periods_of_every_kind_sort_by_time_and_periods_of_different_lengths_stay_apart() {
        let (places, f22, _) = world();
        let at = |p: (&'static str, &'static str, &'static str), v: &str| Row { period: p, ..icb(0, "ICB") }.clone_with(v);
        // (rows in file order, the indicators expected: name suffix and periods in order)
        let cases: &[(&[(&str, &str, &str)], &[(&str, &[&str])])] = &[
            (
                &[("2022/23", "20220000", "1y"), ("2020/21", "20200000", "1y"), ("2021/22", "20210000", "1y")],
                &[("", &["2020/21", "2021/22", "2022/23"])],
            ),
            (&[("2023", "20230000", "1y"), ("2021", "20210000", "1y")], &[("", &["2021", "2023"])]),
            (
                &[("2024/25 Q1", "20240001", "1q"), ("2023/24 Q4", "20230004", "1q"), ("2023/24 Q3", "20230003", "1q")],
                &[("", &["2023/24 Q3", "2023/24 Q4", "2024/25 Q1"])],
            ),
            (&[("Jan 2024", "20240100", "1m"), ("Dec 2023", "20231200", "1m")], &[("", &["Dec 2023", "Jan 2024"])]),
            (
                &[
                    ("2022/23", "20220000", "1y"),
                    ("2019/20 - 21/22", "20190000", "3y"),
                    ("2021/22", "20210000", "1y"),
                    ("2018/19 - 20/21", "20180000", "3y"),
                ],
                &[(" (3-year periods)", &["2018/19 - 20/21", "2019/20 - 21/22"]), (" (yearly periods)", &["2021/22", "2022/23"])],
            ),
        ];
        for (periods, want) in cases {
            let rows: Vec<Row> = periods.iter().enumerate().map(|(k, p)| at(*p, &format!("{}", k + 1))).collect();
            let r = import_in("activity.csv", &file(&rows), &f22, &places, &[]).unwrap_or_else(|e| panic!("{periods:?}: {e:?}"));
            let got: Vec<(String, Vec<String>)> = r.indicators.iter().map(|i| (i.name.clone(), i.periods.clone())).collect();
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(s, ps)| (format!("Percentage of physically active adults{s}"), ps.iter().map(|p| p.to_string()).collect()))
                .collect();
            assert_eq!(got, want, "{periods:?}");
            // Each value stays with its own period.
            for i in &r.indicators {
                for (p, label) in i.periods.iter().enumerate() {
                    let k = periods.iter().position(|x| x.0 == label).unwrap();
                    assert_eq!(value(&f22, i, p, &icbs()[0][0]), Some((k + 1) as f64), "{label}");
                }
            }
        }
    }

    impl Row {
        fn clone_with(&self, value: &str) -> Row {
            Row { value: value.into(), ..self.clone() }
        }
    }

    /// ICB `code`'s summed count and denominator in period `p`.
    fn summed(ind: &SubIcbIndicator, places: &Places, f: &Frame, p: usize, code: &str) -> (Option<f64>, Option<f64>) {
        let s = ind.sum(places, f.area_set);
        let i = f.ics_index(code).unwrap_or_else(|| panic!("{code}"));
        (s.counts[p][i], s.denominators[p][i])
    }

    #[test]
    fn sub_icb_rows_with_counts_are_summed_for_periods_without_icb_rows() {
        let (places, f22, f26) = world();
        let subs = lookup();
        let mut rows = Vec::new();
        // 2022/23: ICB rows, and sub-ICB rows (skipped). 2023/24: sub-ICB rows alone, with counts (location k counts
        // k + 1 of 1,000, so its value is (k + 1) ÷ 10 %), and England's. 2024/25: sub-ICB rows without counts.
        for k in 0..42 {
            rows.push(icb(k, "ICBs (statutory, from July 2022)"));
        }
        rows.push(england("66.9"));
        for (p, sortable) in [("2022/23", "20220000"), ("2023/24", "20230000"), ("2024/25", "20240000")] {
            for (k, s) in subs.iter().enumerate() {
                let counted = p == "2023/24";
                rows.push(Row {
                    parent: (format!("n{}", s[2]), s[3].clone()),
                    period: (
                        if p == "2022/23" {
                            "2022/23"
                        } else if counted {
                            "2023/24"
                        } else {
                            "2024/25"
                        },
                        if sortable == "20220000" {
                            "20220000"
                        } else if counted {
                            "20230000"
                        } else {
                            "20240000"
                        },
                        "1y",
                    ),
                    count: if counted { format!("{}", k + 1) } else { String::new() },
                    denominator: if counted { "1000".into() } else { String::new() },
                    value: format!("{:.1}", (k + 1) as f64 / 10.0),
                    ..row(&format!("n{}", s[0]), &s[1], "ICB sub-locations", "")
                });
            }
        }
        rows.push(Row { period: ("2023/24", "20230000", "1y"), count: "5671".into(), denominator: "106000".into(), ..england("5.3") });
        let text = file(&rows);
        for f in [&f22, &f26] {
            let r = import_in("activity.csv", &text, f, &places, &[]).unwrap_or_else(|e| panic!("{e:?}"));
            if f.icss.len() == 36 {
                // On April 2026 boundaries, the 13 ICBs of July 2022 whose areas changed are another set's.
                assert_eq!(r.warnings[0].message, "Fingertips download: used 137 of 362 rows (29 ICB, 106 sub-ICB, summed, 2 England); skipped 225 rows: 212 sub-ICB, 13 ICB of other boundaries");
                assert!(
                    r.warnings
                        .iter()
                        .any(|w| w.message == "13 ICB rows are for ICBs of other boundaries (July 2022): switch the boundaries to see them"),
                    "{:?}",
                    r.warnings
                );
            } else {
                assert_eq!(
                    r.warnings[0].message,
                    "Fingertips download: used 150 of 362 rows (42 ICB, 106 sub-ICB, summed, 2 England); skipped 212 rows: 212 sub-ICB"
                );
            }
            assert!(
                r.warnings.iter().any(|w| w.message
                    == "106 sub-ICB rows for 2024/25 with no ICB rows have no Count and Denominator, so they cannot be added up to ICBs"),
                "{:?}",
                r.warnings
            );
            assert_eq!(r.indicators[0].periods, ["2022/23"]);
            let ind = &r.sub_icb[0];
            assert_eq!(
                (ind.periods.clone(), ind.multiplier, ind.england.clone()),
                (vec!["2023/24".to_string()], 100.0, vec![Some((5671.0, 106_000.0))])
            );
            // Each ICB: its locations' counts added up, by hand from the lookup (on July 2022 boundaries all 42).
            if f.icss.len() == 42 {
                for i in icbs() {
                    let c: usize = subs.iter().enumerate().filter(|(_, s)| s[2] == i[0]).map(|(k, _)| k + 1).sum();
                    let n = subs.iter().filter(|s| s[2] == i[0]).count();
                    assert_eq!(summed(ind, &places, f, 0, &i[0]), (Some(c as f64), Some(1000.0 * n as f64)), "{}", i[1]);
                }
            }
        }
    }

    /// The boards of April 2026 whose area changed: (code, short name), from `data/2026/icb26.csv`; and each 2024
    /// sub-ICB location's April 2026 boards, from the neighbourhoods of `data/2026/lookup_lsoa21_icb22_icb24_icb26.csv`.
    fn changed_2026() -> (Vec<(String, String)>, std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) {
        let read = |f: &str| {
            ics_data::csv::records(&std::fs::read_to_string(format!("{}/../../data/2026/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap()
        };
        let changed = read("icb26.csv")
            .into_iter()
            .skip(1)
            .filter(|r| r.fields[7] != "unchanged")
            .map(|r| (r.fields[0].clone(), r.fields[3].clone()))
            .collect();
        let mut boards: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
        for r in read("lookup_lsoa21_icb22_icb24_icb26.csv").into_iter().skip(1) {
            boards.entry(r.fields[3].clone()).or_default().insert(r.fields[6].clone());
        }
        (changed, boards)
    }

    /// A download of the 42 ICBs of July 2022 and their 106 sub-ICB locations in 2022/23, with England: location j
    /// (in lookup order) counts 300 + 13j of 2,000 + 97j, its value that to one decimal; each ICB's value its
    /// locations' counts over their denominators, to one decimal (as Fingertips works them out), unless `counts` is
    /// false (sub-ICB rows with values alone).
    fn with_sub_icbs(counts: bool) -> Vec<Row> {
        let subs = lookup();
        let (c, d) = (|j: usize| (300 + 13 * j) as f64, |j: usize| (2000 + 97 * j) as f64);
        let mut rows = vec![england("15.9")];
        for (k, i) in icbs().iter().enumerate() {
            let mine: Vec<usize> = (0..subs.len()).filter(|&j| subs[j][2] == i[0]).collect();
            let v = mine.iter().map(|&j| c(j)).sum::<f64>() / mine.iter().map(|&j| d(j)).sum::<f64>() * 100.0;
            rows.push(icb(k, "ICBs (statutory, from July 2022)").clone_with(&format!("{v:.1}")));
        }
        for (j, s) in subs.iter().enumerate() {
            let (count, denominator) = if counts { (format!("{}", c(j)), format!("{}", d(j))) } else { (String::new(), String::new()) };
            let value = format!("{:.1}", c(j) / d(j) * 100.0);
            rows.push(Row {
                parent: (format!("n{}", s[2]), s[3].clone()),
                count,
                denominator,
                value,
                ..row(&format!("n{}", s[0]), &s[1], "ICB sub-locations", "")
            });
        }
        rows
    }

    #[test]
    fn on_april_2026_boundaries_the_changed_boards_get_the_exact_sums_of_their_sub_icb_locations() {
        let (places, f22, f26) = world();
        let subs = lookup();
        let (changed, boards) = changed_2026();
        let rows = with_sub_icbs(true);
        let r = import_in("activity.csv", &file(&rows), &f26, &places, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        let ind = &r.indicators[0];
        // Expected, from the raw lookups: a changed board is summed when each of its locations lies wholly in it and
        // the file has them all (July 2022 codes: Surrey and Sussex's 92A and 70F of April 2024 are not in it).
        let (c, d) = (|j: usize| (300 + 13 * j) as f64, |j: usize| (2000 + 97 * j) as f64);
        let mut summed = Vec::new();
        for (code, short) in &changed {
            let locs: Vec<&String> = boards.iter().filter(|(_, b)| b.contains(code)).map(|(s, _)| s).collect();
            let whole = locs.iter().all(|s| boards[*s].len() == 1 && subs.iter().any(|x| x[0] == **s));
            let js: Vec<usize> = (0..subs.len()).filter(|&j| locs.contains(&&subs[j][0])).collect();
            let want = whole.then(|| js.iter().map(|&j| c(j)).sum::<f64>() / js.iter().map(|&j| d(j)).sum::<f64>() * 100.0);
            assert_eq!(value(&f26, ind, 0, code), want, "{short}");
            if whole {
                summed.push((short.as_str(), js.len()));
            }
        }
        // By hand: Frimley (D4U1Y) is split between three of them, so 4 boards are made of 16 whole locations.
        assert_eq!(summed, [("Central East", 4), ("Essex", 7), ("Norfolk and Suffolk", 3), ("West and North London", 2)]);
        // By hand, West and North London: W2U3Z and 93C, the lookup's first two locations, (300 + 313) ÷ (2,000 + 2,097).
        let (nw, nc) = (subs.iter().position(|s| s[0] == "E38000256").unwrap(), subs.iter().position(|s| s[0] == "E38000240").unwrap());
        assert_eq!((nw, nc), (0, 1));
        assert_eq!(value(&f26, ind, 0, "E54000071"), Some(613.0 / 4097.0 * 100.0));
        assert_eq!(value(&f26, ind, 0, "E54000071").map(|v| format!("{v:.2}")).as_deref(), Some("14.96"));
        // The 29 unchanged boards keep their ICB rows' values.
        for (k, i) in icbs().iter().enumerate() {
            if f26.ics_index(&i[0]).is_some() {
                assert_eq!(value(&f26, ind, 0, &i[0]).map(|v| format!("{v:.1}")), Some(rows[k + 1].value.clone()), "{}", i[1]);
            }
        }
        assert_eq!(r.warnings[0].message, "Fingertips download: used 46 of 149 rows (29 ICB, 16 sub-ICB, summed, 1 England); skipped 103 rows: 90 sub-ICB, 13 ICB of other boundaries");
        let all: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
        let notes = [
            "Percentage of physically active adults: 4 ICBs of April 2026 summed exactly from 16 sub-ICB locations in 2022/23, as the file has no ICB rows for them: Central East, Essex, Norfolk and Suffolk and West and North London (each is its locations' counts added up over their denominators added up, as a percentage (per 100))",
            "Percentage of physically active adults: no value for 3 ICBs of April 2026 in 2022/23, as the file has no ICB rows for them and NHS Frimley ICB - D4U1Y is split between ICBs on these boundaries, so they are not made of whole sub-ICB locations: Hampshire and Isle of Wight, Surrey and Sussex and Thames Valley",
            "Percentage of physically active adults: no value for 3 of 36 ICSs in 2022/23: Hampshire and Isle of Wight, Surrey and Sussex, Thames Valley",
        ];
        for n in notes {
            assert!(all.contains(&n), "{n:?} not in {all:#?}");
        }
        // Consistent ICB rows and sums: nothing said to differ, here or on July 2022 boundaries (all 42 have both).
        assert!(!all.iter().any(|w| w.contains("differ")), "{all:#?}");
        let r22 = import_in("activity.csv", &file(&rows), &f22, &places, &[]).unwrap();
        assert_eq!(r22.warnings[0].message, "Fingertips download: used 43 of 149 rows (42 ICB, 1 England); skipped 106 rows: 106 sub-ICB");
        assert!(!r22.warnings.iter().any(|w| w.message.contains("differ") || w.message.contains("no value")), "{:#?}", r22.warnings);
        // An ICB row that disagrees with its locations' sum is kept, and said to differ.
        let gm = icbs().iter().position(|i| i[0] == "E54000057").unwrap();
        let mut wrong = rows.clone();
        wrong[gm + 1].value = "99.9".into();
        let exact = (0..subs.len()).filter(|&j| subs[j][2] == "E54000057").fold((0.0, 0.0), |a, j| (a.0 + c(j), a.1 + d(j)));
        for f in [&f22, &f26] {
            let r = import_in("activity.csv", &file(&wrong), f, &places, &[]).unwrap();
            assert_eq!(value(f, &r.indicators[0], 0, "E54000057"), Some(99.9));
            let want = format!(
                "Percentage of physically active adults: the ICB rows' values of 1 ICB differ from the sums of their sub-ICB locations (as Greater Manchester in 2022/23: 99.9 against {}); the ICB rows' values are shown",
                ics_data::format::number(exact.0 / exact.1 * 100.0, 4)
            );
            assert!(r.warnings.iter().any(|w| w.message == want), "{want:?} not in {:#?}", r.warnings);
        }
    }

    #[test]
    fn without_counts_the_changed_boards_of_april_2026_have_no_value_and_the_summary_says_why() {
        let (places, _, f26) = world();
        let (changed, _) = changed_2026();
        let r = import_in("activity.csv", &file(&with_sub_icbs(false)), &f26, &places, &[]).unwrap();
        let ind = &r.indicators[0];
        assert_eq!(changed.len(), 7);
        for (code, short) in &changed {
            assert_eq!(value(&f26, ind, 0, code), None, "{short}");
        }
        assert_eq!(
            r.warnings[0].message,
            "Fingertips download: used 30 of 149 rows (29 ICB, 1 England); skipped 119 rows: 106 sub-ICB, 13 ICB of other boundaries"
        );
        let want = "Percentage of physically active adults: no value for 7 ICBs of April 2026 in 2022/23, as the file has no ICB rows for them and its sub-ICB rows have no Count and Denominator to add up: Central East, Essex, Hampshire and Isle of Wight, Norfolk and Suffolk, Surrey and Sussex, Thames Valley and West and North London";
        assert!(r.warnings.iter().any(|w| w.message == want), "{:#?}", r.warnings);
        // Sub-ICB values that are not Count ÷ Denominator × any multiplier (adjusted rates): not summed, saying why.
        let rates: Vec<Row> =
            with_sub_icbs(true).into_iter().map(|r| if r.area.2 == "ICB sub-locations" { r.clone_with("42.0") } else { r }).collect();
        let r = import_in("activity.csv", &file(&rates), &f26, &places, &[]).unwrap();
        assert_eq!(changed.iter().filter(|(code, _)| value(&f26, &r.indicators[0], 0, code).is_some()).count(), 0);
        assert_eq!(
            r.warnings[0].message,
            "Fingertips download: used 30 of 149 rows (29 ICB, 1 England); skipped 119 rows: 106 sub-ICB, 13 ICB of other boundaries"
        );
        // (Line 45: the first sub-ICB row, after the header, England and 42 ICBs.)
        let why = "Percentage of physically active adults: no value for 7 ICBs of April 2026 in 2022/23, as the file has no ICB rows for them and its sub-ICB rows could not be added up (line 45, column \"Value\": the value 42.0 is not Count ÷ Denominator × 1,000,000: 300 ÷ 2,000 × 1,000,000 = 150,000): Central East, Essex, Hampshire and Isle of Wight, Norfolk and Suffolk, Surrey and Sussex, Thames Valley and West and North London";
        assert!(r.warnings.iter().any(|w| w.message == why), "{:#?}", r.warnings);
    }

    #[test]
    fn a_file_that_is_really_wrong_gets_precise_problems() {
        let (places, f22, _) = world();
        let cases: &[(String, &str)] = &[
            (file(&[england("66.9"), icb(0, "ICB"), icb(1, "ICB").clone_with("abc")]), "line 4, column \"Value\": \"abc\" is not a number"),
            (
                file(&[england("66.9"), icb(0, "ICB"), icb(1, "ICB").clone_with("#DIV/0!")]),
                "line 4, column \"Value\": \"#DIV/0!\" is a spreadsheet error",
            ),
            (
                file(&[england("66.9"), icb(0, "ICB"), Row { period: ("", "", "1y"), ..icb(1, "ICB") }]),
                "line 4, column \"Time period\": the period is empty",
            ),
            (
                HEADER.replace("Area Code,Area Name,", "Region,Place,")
                    + "\r\n93014,x,,,E54000057,GM,ICB,Persons,19+ yrs,,,2022/23,1,,,,,,,,,,,20220000,,,1y\r\n",
                "line 1: no column says which ICS a row is for",
            ),
            (
                file(&[england("66.9"), row("E06000008", "Blackburn with Darwen", "Counties & UAs (from Apr 2023)", "1")]),
                "Fingertips download: used 0 of 2 rows; skipped 2 rows: 1 other area type, 1 England only: no ICB rows for the 42 ICBs (July 2022)",
            ),
            (
                file(&[Row {
                    count: "-4".into(),
                    denominator: "10".into(),
                    ..row("nE38000258", "NHS Birmingham and Solihull ICB - 15E", "ICB sub-locations", "")
                }]),
                "line 2, column \"Count\": a count cannot be negative",
            ),
        ];
        for (text, want) in cases {
            let e = import_in("activity.csv", text, &f22, &places, &[]).unwrap_err();
            let all: Vec<String> = e.iter().map(|p| p.to_string()).collect();
            assert!(all.iter().any(|p| p.contains(want)), "expected {want:?} in {all:?}");
        }
    }

    #[test]
    fn a_download_of_thousands_of_rows_imports_whole() {
        let (places, f22, _) = world();
        // 12 years × 3 sexes × (England, 7 regions under 2 types, 42 ICBs, 106 sub-ICB locations), an ethnic
        // breakdown of every ICB in two years, and 3 rows repeated (England's, an ICB's and a sub-ICB location's).
        let subs = lookup();
        let years: Vec<(String, String)> = (2013..2025).map(|y| (format!("{y}/{:02}", (y + 1) % 100), format!("{y}0000"))).collect();
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let mut rows = Vec::new();
        let mut regions: Vec<(String, String)> = Vec::new();
        for i in icbs() {
            if !regions.iter().any(|r| r.0 == i[2]) {
                regions.push((i[2].clone(), i[3].clone()));
            }
        }
        for (y, (label, sortable)) in years.iter().enumerate() {
            let period = (leak(label.clone()), leak(sortable.clone()), "1y");
            for (s, sex) in ["Persons", "Male", "Female"].iter().enumerate() {
                let v = |base: usize| format!("{}", base + 1000 * s + y);
                rows.push(Row { sex, period, ..england(&v(0)) });
                for r in &regions {
                    for t in ["NHS region (statutory, July 2022 onwards)", "NHS regions (new due to ICB changes)"] {
                        rows.push(Row { sex, period, ..row(&r.0, &r.1, t, &v(1)) });
                    }
                }
                for k in 0..42 {
                    rows.push(Row { sex, period, value: v(100 * (k + 1)), ..icb(k, "ICB") });
                }
                for sub in &subs {
                    rows.push(Row {
                        sex,
                        period,
                        count: "5".into(),
                        denominator: "10".into(),
                        ..row(&format!("n{}", sub[0]), &sub[1], "ICB sub-locations", "50.0")
                    });
                }
            }
            if y >= 10 {
                for k in 0..42 {
                    for g in ["Asian", "White"] {
                        rows.push(Row { period, category: ("Ethnic groups", g.into()), ..icb(k, "ICB") });
                    }
                }
            }
        }
        for k in [0, 20, 4000] {
            let again = rows[k].clone();
            rows.push(again);
        }
        let text = file(&rows);
        let n = rows.len();
        assert_eq!(n, 12 * 3 * (1 + 14 + 42 + 106) + 2 * 42 * 2 + 3);
        assert!(n > 6000, "{n}");
        let r = import_in("big.csv", &text, &f22, &places, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        // Used: Persons' 12 × 42 ICB rows and 12 England rows. Skipped: Persons' sub-ICB rows (each year has ICB
        // rows), the regions, the breakdown, and every Male and Female row.
        let skipped_sub = 12 * 106;
        let (used_icb, used_england) = (12 * 42, 12);
        let other_sex = 12 * 2 * (1 + 42 + 106);
        assert_eq!(
            r.warnings[0].message,
            format!(
                "Fingertips download: used {} of {n} rows ({used_icb} ICB, {used_england} England); skipped {} rows: {skipped_sub} sub-ICB, {} region, {} category breakdown, {other_sex} other sex or age; 3 duplicates kept the first",
                used_icb + used_england,
                skipped_sub + 12 * 3 * 14 + 168 + other_sex,
                12 * 3 * 14,
                168
            )
        );
        let ind = &r.indicators[0];
        assert_eq!(ind.periods.len(), 12);
        assert_eq!((ind.periods[0].as_str(), ind.periods[11].as_str()), ("2013/14", "2024/25"));
        // ICB k's Persons value in year y is 100 × (k + 1) + y; England's is y.
        for (k, i) in icbs().iter().enumerate().step_by(7) {
            for y in [0, 5, 11] {
                assert_eq!(value(&f22, ind, y, &i[0]), Some((100 * (k + 1) + y) as f64), "{} {y}", i[1]);
            }
        }
        assert_eq!(ind.england.as_ref().map(|e| e[11]), Some(Some(11.0)));
    }
}
