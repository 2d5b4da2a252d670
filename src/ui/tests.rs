//! The page logic, natively: every view renders from the real dataset, messages change the state as a user
//! expects, the URL hash round-trips, and hostile hashes leave a valid state with notices.

use super::*;
use crate::engine::query::View;

/// The page on the shipped dataset with every edition loaded, on today's map (the 36 ICBs of April 2026).
pub fn today() -> State {
    let read = |f: &str| std::fs::read_to_string(format!("{}/www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut ds = crate::dataset::load(&read("dataset.json")).unwrap();
    ds.load_edition(&read("imd2019.json")).unwrap();
    State::new(ds, Options::default()).unwrap()
}

/// The page on the July 2022 map with IMD 2019: the 42 ICSs (and the figures) most of these tests check.
pub fn july_2022() -> State {
    let mut st = today();
    update(&mut st, Msg::SetGeography("icb22".into()));
    st
}

pub fn state() -> State {
    july_2022()
}

#[test]
fn every_view_renders_with_and_without_a_selection() {
    let mut st = state();
    for selected in ["", "QOP"] {
        update(&mut st, Msg::SelectIcs(selected.into()));
        for v in View::ALL {
            update(&mut st, Msg::SetView(v));
            let html = view(&st).to_markup();
            assert!(html.contains("ics-view__title"), "{v:?}");
            assert!(!html.contains("This view cannot be shown"), "{v:?}: {html:.300}");
        }
    }
}

#[test]
fn hostile_hashes_leave_a_valid_state_with_notices() {
    let hashes = [
        "#v=nope&i=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&s=ZZZ&p=1999-99&k=999&zzz=1",
        "#%%%&&&===&v&i=&s=%ff",
        "#k=0&k=16&k=-1&rmin=abc&ri=nope&b=x&dq=3&di=zzz",
        "#ri=population&rmin=1e999&rmax=--1",
        "#p=2024-03&i=population",
    ];
    for h in hashes {
        let mut st = state();
        update(&mut st, Msg::HashChanged(h.to_string()));
        assert!(st.result.is_ok(), "{h}: {:?}", st.result.as_ref().err());
        let html = view(&st).to_markup();
        assert!(!html.contains("<img"), "{h}");
        update(&mut st, Msg::DismissNotices);
        let _ = view(&st).to_markup();
    }
    let mut st = state();
    update(&mut st, Msg::HashChanged(hashes[0].into()));
    assert_eq!(st.notices.len(), 6, "{:?}", st.notices);
    assert!(st.notices[1].contains("indicator \"<img src=x onerror=alert(1)>\""));
}

#[test]
fn an_import_shows_progress_then_adds_the_indicator() {
    let mut st = state();
    update(&mut st, Msg::ImportStart("big.csv".into(), 12.0e6));
    update(&mut st, Msg::ImportProgress(0.42));
    let html = view(&st).to_markup();
    assert!(html.contains("Reading big.csv: 42%"), "{html:.200}");
    assert!(html.contains("<progress id=\"ics-import-progress\" max=\"100\" value=\"42\">"));
    update(&mut st, Msg::ImportLoaded("big.csv".into(), "ICS,Value\nDevon,3\nQOP,4.5\n".into()));
    let ind = &st.engine.frame().indicators[st.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str(), ind.domain), ("user_1", "big", crate::dataset::Domain::User));
    let r = st.result.as_ref().unwrap();
    assert_eq!(r.comparison.rows[st.engine.ics("QOP").unwrap()].value.value, Some(4.5));
    match &st.import {
        ImportStatus::Done(d) => {
            assert_eq!(d.added, vec![("big".to_string(), st.indicator)]);
            assert!(d.warnings[0].contains("no value for 40 of 42 ICSs"), "{:?}", d.warnings);
        }
        other => panic!("{other:?}"),
    }
    // A second import gets its own id; a file too large is refused before reading.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"QOP\": 1}".into()));
    assert_eq!(st.engine.frame().indicators[st.indicator].id, "user_2");
    update(&mut st, Msg::ImportStart("huge.csv".into(), 1.0e9));
    assert!(matches!(&st.import, ImportStatus::Failed { problems, .. } if problems[0].contains("larger than 30 MB")));
}

/// Every chart as a file: the same drawing from a phone as from a desktop, at the export width, with the title
/// and subtitle above the chart and the source and licence below it, none of them overlapping it.
#[test]
fn chart_files_have_their_own_layout_and_nothing_overlaps() {
    use super::node::Node;
    for hash in ["", "v=trends&s=QHM&i=ae_4hr_pct", "v=scatter&s=QHM", "v=deprivation", "v=map&i=gp_fte_per_100k", "v=profile&s=QHL", "v=deprivation&dc=1&s=QHL", "v=map&ol=1&s=QHL"] {
        let mut st = state();
        update(&mut st, Msg::HashChanged(hash.into()));
        update(&mut st, Msg::Hover(Some(3)));
        let files: Vec<String> = [390.0, 1280.0]
            .iter()
            .map(|&w| {
                update(&mut st, Msg::Resize(w));
                let (_, doc) = view::chart_file(&st).unwrap_or_else(|| panic!("{hash}: no chart"));
                assert!(doc.width <= view::EXPORT_WIDTH + 32.0, "{hash}");
                let (top, bottom) = doc.chart_y;
                let mut inner = None;
                for child in &doc.svg.children {
                    let Node::Element(e) = child else { continue };
                    let text = child.text_content();
                    let num = |k: &str| e.get_attr(k).and_then(crate::format::parse_number).unwrap_or(f64::NAN);
                    match e.tag {
                        "text" => {
                            let (y, size) = (num("y"), num("font-size"));
                            assert!(y + 0.25 * size <= top || y - size >= bottom, "{hash}: text at {y} overlaps the chart ({top}–{bottom}): {text}");
                            assert!(y + 0.25 * size <= doc.height, "{hash}: text below the image");
                            assert!(crate::ui::chart::text_width(&text, size) <= doc.width, "{hash}: a line wider than the image");
                        }
                        "svg" => inner = Some((num("y"), num("height"), num("width"))),
                        _ => {}
                    }
                }
                let (y, h, w) = inner.expect("the chart");
                assert!((y - top).abs() < 0.1 && (h - (bottom - top)).abs() < 0.1, "{hash}: the chart is drawn at its own size: {y} {h}");
                assert!(w <= view::EXPORT_WIDTH, "{hash}");
                let markup = Node::from(doc.svg).to_markup();
                assert!(!markup.contains("ics-tooltip"), "{hash}: no tooltip in a file");
                assert!(markup.contains("Open Government Licence"));
                markup
            })
            .collect();
        assert_eq!(files[0], files[1], "{hash}: a phone's file differs from a desktop's");
    }
}

/// A filtered view says which ICSs it shows in its title, table caption and text alternative, ranks them among
/// themselves beside their national rank, and names the lowest and highest of those shown.
#[test]
fn filtered_views_say_what_they_show_and_rank_within_it() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=gp_fte_per_100k&r=Y60".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Fully qualified GPs per 100,000 patients, Midlands ICSs, FY 2023/24"), "{:.600}", html);
    let r = st.result.as_ref().unwrap();
    let f = r.comparison.filtered.as_ref().expect("ranks within the filter");
    assert_eq!((f.shown, f.summary.n), (11, 11));
    let mut within: Vec<usize> = f.ranks.iter().flatten().copied().collect();
    within.sort_unstable();
    assert_eq!(within, (1..=11).collect::<Vec<_>>(), "1 to 11 among the Midlands ICSs");
    // The best of the Midlands is ranked 1 there and by its national rank in England.
    let best = (0..42).find(|&i| f.ranks[i] == Some(1)).unwrap();
    assert!(r.comparison.rows[best].rank.unwrap() >= 1);
    assert!(html.contains("Rank among those shown (of 11)") && html.contains("Rank in England (of 42)"));
    let (lo, hi) = (f.summary.min.unwrap(), f.summary.max.unwrap());
    let name = |i: usize| st.engine.frame().icss[i].short_name.clone();
    assert!(html.contains(&format!("for 11 Midlands ICSs. Values run from")), "{}", html.split("Bar chart of").nth(1).unwrap_or("")[..200].to_string());
    assert!(html.contains(&format!("({})", name(lo.0))) && html.contains(&format!("({})", name(hi.0))));
    // Unfiltered: national ranks only, and the title names no subset.
    update(&mut st, Msg::ResetFilters);
    let html = view(&st).to_markup();
    assert!(st.result.as_ref().unwrap().comparison.filtered.is_none());
    assert!(html.contains("Rank in England (of 42)") && !html.contains("Rank among those shown"));
    assert!(html.contains("Bar chart of Fully qualified GPs per 100,000 patients for all 42 ICSs"));
}

/// "Peers only" keeps the selected ICS and its peers; without a selection it changes nothing; it is in the link.
#[test]
fn the_peers_only_filter() {
    let mut st = state();
    update(&mut st, Msg::TogglePeersOnly);
    assert!(st.result.as_ref().unwrap().included.iter().all(|&x| x), "no selection: every ICS");
    update(&mut st, Msg::SelectIcs("QHL".into()));
    let r = st.result.as_ref().unwrap();
    let shown: Vec<usize> = (0..42).filter(|&i| r.included[i]).collect();
    let mut want: Vec<usize> = r.peers.as_ref().unwrap().peers.iter().map(|p| p.ics).chain([st.selected.unwrap()]).collect();
    want.sort_unstable();
    assert_eq!(shown, want);
    assert!(url::to_hash(&st).contains("po=1"));
    assert!(view(&st).to_markup().contains("Birmingham and Solihull and its peers"));
    let hash = url::to_hash(&st);
    let mut again = state();
    update(&mut again, Msg::HashChanged(hash));
    assert_eq!(again.result.as_ref().unwrap().included, st.result.as_ref().unwrap().included);
}

#[test]
fn copying_a_link_and_the_local_folder_warning() {
    let mut st = state();
    st.options.base = "file:///home/me/ics-explorer/".into();
    update(&mut st, Msg::SelectIcs("QOP".into()));
    assert_eq!(update(&mut st, Msg::CopyLink), Some(Effect::Copy("file:///home/me/ics-explorer/index.html#g=icb22&s=QOP".into())));
    let html = view(&st).to_markup();
    assert!(html.contains("opens only on this computer"), "file:// links are local");
    update(&mut st, Msg::LinkCopied(true));
    assert!(view(&st).to_markup().contains("Link copied."));
    update(&mut st, Msg::LinkCopied(false));
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-link\"") && html.contains("value=\"file:///home/me/ics-explorer/index.html#g=icb22&amp;s=QOP\""));
    // Another view: the old status goes.
    update(&mut st, Msg::SetView(View::Map));
    assert_eq!(st.copy, CopyStatus::Idle);
    st.options.base = "https://intranet.example.nhs.uk/ics/".into();
    assert!(!view(&st).to_markup().contains("opens only on this computer"));
}

/// The source line names the dataset and the period of the figures; the fitted line reads as a formula.
#[test]
fn source_lines_and_formulas_read_properly() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=rtt_over_52w_pct".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Source: NHS England, Consultant-led Referral to Treatment Waiting Times"), "{html:.300}");
    assert!(html.contains("Figures for Mar 2026"));
    update(&mut st, Msg::HashChanged("g=icb22&v=scatter&i=rtt_waiting_list_per_1000".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Fitted line: value = ") && !html.contains("+ −") && !html.contains("+ -"), "{}", html.split("Fitted line").nth(1).unwrap_or("")[..80].to_string());
}

/// The profile opens with the peers, their values of the indicator in view, and who is just outside; its
/// local authority table sorts, and sub-ICB locations carry place names.
#[test]
fn profile_peers_first_and_areas_sortable_with_names() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=rtt_over_52w_pct&v=profile&s=QHL".into()));
    let html = view(&st).to_markup();
    let (peers, spine) = (html.find("ics-table-peers").unwrap(), html.find("ics-spine").unwrap());
    assert!(peers < spine, "peers before the spine chart");
    let r = st.result.as_ref().unwrap();
    let names: Vec<&str> = r.peers.as_ref().unwrap().peers.iter().map(|p| st.engine.frame().icss[p.ics].short_name.as_str()).collect();
    assert_eq!(names[0], "Black Country", "Core20 share and IMD score: the Black Country is the nearest");
    assert!(html.contains("Waiting over 52 weeks, Mar 2026 (Birmingham and Solihull: 0.43%)"), "the indicator in view, beside the distances");
    // On the full decile profile the Black Country is sixth, and the page says what keeps it out.
    update(&mut st, Msg::SetPeerBasis("deciles".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Just outside the 5: Black Country (similarity 61), set apart by % of residents in IMD decile 2"), "{}", &html[html.find("Just outside").unwrap_or(0)..][..200]);
    assert!(html.contains("Birmingham and Solihull (15E)"));
    // Sorting the areas table leaves the other tables alone.
    let areas_col = |html: &str| -> Vec<String> {
        let t = &html[html.find("id=\"ics-table-areas\"").unwrap()..];
        let t = &t[..t.find("</table>").unwrap()];
        t.split("<th scope=\"row\">").skip(1).map(|c| c[..c.find('<').unwrap()].to_string()).collect()
    };
    let before = areas_col(&html);
    update(&mut st, Msg::Sort("ics-table-areas", 2));
    let after = areas_col(&view(&st).to_markup());
    assert_ne!(before, after);
    assert_eq!(after[0], "Solihull", "fewest residents first");
    assert_eq!(st.sort, Some(("ics-table-areas", 2, true)));
}
/// A table as saved from a spreadsheet: a title row, percentages, a suppressed cell and a misspelt ICS.
const SPREADSHEET: &str = "Smoking prevalence by ICB\nICB,Value\nGreater Manchester,14.3%\nCheshire and Merseyside,*\nManchster,9.9%\n";

fn imported() -> State {
    let mut st = state();
    update(&mut st, Msg::ImportLoaded("smoking.csv".into(), SPREADSHEET.into()));
    assert!(matches!(st.import, ImportStatus::Done(_)), "{:?}", st.import);
    st
}

/// The "Add your own data" panel of a rendered page.
fn panel(html: &str) -> &str {
    let start = html.find("<details class=\"ics-import\"").unwrap_or(0);
    let end = html[start..].find("</details>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

fn value_of(st: &State, code: &str) -> Option<f64> {
    st.result.as_ref().unwrap().comparison.rows[st.engine.ics(code).unwrap()].value.value
}

#[test]
fn unmatched_rows_are_listed_and_can_be_assigned_or_left_out() {
    let mut st = imported();
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<legend class=\"ics-label\">1 row did not match an ICS and was left out</legend>"), "{html}");
    assert!(html.contains("<label class=\"ics-label\" for=\"ics-fix-5\">Line 5: “Manchster” (value 9.9%)</label>"));
    assert!(html.contains("<optgroup label=\"Closest matches\"><option value=\"5:QOP\">Greater Manchester</option></optgroup><optgroup label=\"Other ICSs\">"));
    assert!(html.contains("<option value=\"5:england\">England (the comparator)</option>"));
    // Choices for lines that are not listed, or not choices at all, change nothing.
    for bogus in ["abc", "99:QOP", ":QOP", "5"] {
        update(&mut st, Msg::ChooseImportFix(bogus.into()));
    }
    assert!(matches!(&st.import, ImportStatus::Done(d) if d.choices.is_empty()));
    // A choice that gives an ICS a second value is refused with the reason; the indicator is unchanged.
    update(&mut st, Msg::ChooseImportFix("5:QOP".into()));
    assert!(view(&st).to_markup().contains("Select “Update the indicator” to use your choices."));
    update(&mut st, Msg::ApplyImportFixes);
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<li>line 5: you chose Greater Manchester for this row, but line 3 already gives a value for Greater Manchester: choose another area or leave the row out</li>"), "{html}");
    assert_eq!((value_of(&st, "QOP"), value_of(&st, "QJK")), (Some(14.3), None));
    // Another ICS: the row is imported into the same indicator.
    let k = st.indicator;
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!((st.indicator, value_of(&st, "QJK")), (k, Some(9.9)));
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("Updated: 1 row is now included; any others are left out."), "{html}");
    assert!(html.contains("<option value=\"5:QJK\" selected=\"selected\">Devon</option>"));
    assert!(!html.contains("could not be used"));
    // Left out again.
    update(&mut st, Msg::ChooseImportFix("5:".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!(value_of(&st, "QJK"), None);
    assert_eq!(st.engine.frame().indicators.len(), k + 1, "updated, not added");
}

#[test]
fn a_file_where_nothing_matches_is_refused_with_the_reason() {
    let mut st = state();
    update(&mut st, Msg::ImportLoaded("places.csv".into(), "ICB,Value\nAtlantis,1\nLyonesse,2\n".into()));
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<h3>places.csv could not be imported</h3>"), "{html}");
    assert!(html.contains("<li>none of the rows is for one of the 42 ICBs (July 2022), so nothing was imported"), "{html}");
    assert!(!html.contains("ics-import__unmatched"));
}

#[test]
fn no_data_bars_can_be_hidden_and_the_table_says_how_many() {
    let mut st = state();
    assert!(!view(&st).to_markup().contains("Hide ICSs with no data"), "no toggle when every ICS has a value");
    let mut st2 = imported();
    let html = view(&st2).to_markup();
    assert!(html.contains("<button type=\"button\" class=\"ics-toggle\" id=\"ics-hide-missing\" aria-pressed=\"false\">Hide ICSs with no data</button>"));
    assert_eq!(html.matches("data-item=\"\"").count(), 42);
    update(&mut st2, Msg::SetHideMissing(true));
    let html = view(&st2).to_markup();
    assert_eq!(html.matches("data-item=\"\"").count(), 1);
    assert!(html.contains("<caption>Smoking prevalence by ICB (%), as supplied, by ICS. 41 ICSs with no data are hidden</caption>"), "{html}");
    assert!(html.contains("<button type=\"button\" class=\"ics-toggle\" id=\"ics-hide-missing\" aria-pressed=\"true\">Hide ICSs with no data</button>"));
    // A view setting: it is in the link.
    assert_eq!(url::to_hash(&st2), "g=icb22&i=user_1&nd=hide");
    update(&mut st, Msg::HashChanged("#nd=hide".into()));
    assert!(st.hide_missing && st.notices.is_empty());
    assert_eq!(url::to_hash(&st), "nd=hide");
}

#[test]
fn the_imported_indicator_is_renamed_and_given_a_unit_in_every_view_and_download() {
    let mut st = imported();
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-user-unit\" type=\"text\" maxlength=\"60\" spellcheck=\"true\" value=\"%\""), "the % signs suggest the unit: {html}");
    update(&mut st, Msg::SetUserName("Adults who smoke".into()));
    update(&mut st, Msg::SetUserUnit("% of adults".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("<option value=\"user_1\" selected=\"selected\">Adults who smoke</option>"));
    assert!(html.contains("<h2 id=\"ics-view-title\" class=\"ics-view__title\">Adults who smoke, as supplied</h2>"), "{html}");
    assert!(html.contains("<caption>Adults who smoke (% of adults), as supplied, by ICS</caption>"));
    assert!(html.contains("<dt>Unit</dt><dd>% of adults</dd>"));
    for v in [View::Map, View::Scatter, View::Trends] {
        update(&mut st, Msg::SetView(v));
        assert!(view(&st).to_markup().contains("Adults who smoke"), "{v:?}");
    }
    update(&mut st, Msg::SetView(View::Rankings));
    match update(&mut st, Msg::Download(Download::Csv)) {
        Some(Effect::Save { content, .. }) => assert!(content.starts_with("ICS,NHS region,Value (% of adults),"), "{content:.100}"),
        other => panic!("{other:?}"),
    }
    match update(&mut st, Msg::Download(Download::Svg)) {
        Some(Effect::Save { content, .. }) => assert!(content.contains(">Adults who smoke, as supplied</text>"), "{content:.300}"),
        other => panic!("{other:?}"),
    }
    // Cleared while typing: the field says what to do, and everything else keeps the last name.
    update(&mut st, Msg::SetUserName(" ".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("<span class=\"ics-field__error\" id=\"ics-user-name-error\">Enter a name for the indicator</span>"));
    assert!(html.contains("value=\" \" aria-describedby=\"ics-user-name-hint ics-user-name-error\""));
    assert!(html.contains("<h2 id=\"ics-view-title\" class=\"ics-view__title\">Adults who smoke, as supplied</h2>"));
    // Long or odd text is tidied; shipped indicators cannot be renamed.
    update(&mut st, Msg::SetUserName(format!("a\u{0}{}", "b".repeat(500))));
    assert_eq!(st.engine.frame().indicators[st.indicator].name.chars().count(), 120);
    update(&mut st, Msg::SetIndicator("population".into()));
    update(&mut st, Msg::SetUserName("Mine".into()));
    assert_eq!(st.engine.frame().indicators[st.indicator].name, "Population (projected 2022/23)");
    // Fixing rows later keeps the name and unit.
    update(&mut st, Msg::SetIndicator("user_1".into()));
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    let ind = &st.engine.frame().indicators[st.indicator];
    assert_eq!((ind.name.starts_with("ab"), ind.unit.as_str()), (true, "% of adults"));
}

#[test]
fn the_template_downloads_from_the_import_panel() {
    let mut st = state();
    assert!(view(&st).to_markup().contains(">Download a template (CSV)</button>"));
    match update(&mut st, Msg::DownloadTemplate) {
        Some(Effect::Save { filename, mime, content }) => {
            assert_eq!((filename.as_str(), mime), ("ics-explorer-template.csv", "text/csv;charset=utf-8"));
            assert_eq!(content.lines().count(), 43);
        }
        other => panic!("{other:?}"),
    }
}
#[test]
fn the_profile_gradients_use_local_deciles_and_say_why_an_index_is_missing() {
    let mut st = state();
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    // With national deciles the income RII was 3,258.57 (a fitted end of 0.01%).
    assert!(!html.contains("3,258.57"), "{html:.300}");
    assert!(html.contains("Most deprived tenth (local decile 1)") && html.contains("cut into ten groups with equal numbers of neighbourhoods"));
    assert!(html.contains("No relative index: the fitted line&#39;s value at the least deprived end, 0.2 (95% interval −1.6 to 2.0)"), "{}", &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>());
    update(&mut st, Msg::SelectIcs("QE1".into()));
    let html = view(&st).to_markup();
    assert!(!html.contains("−14.00") && !html.contains("−139.00"));
    assert!(html.contains("No relative index: the fitted line reaches −2.4 at the least deprived end"), "{}", &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>());
}

#[test]
fn the_deprivation_fit_leaves_flagged_values_out_unless_asked_and_the_link_keeps_the_choice() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("rtt_waiting_list_per_1000".into()));
    update(&mut st, Msg::SetView(View::Scatter));
    let sy = st.engine.ics("QF7").unwrap();
    let fit = st.result.as_ref().unwrap().fit.clone().unwrap();
    // March 2026: South Yorkshire's list is on the level a −40% step in July 2025 put it on (a break), so it is
    // left out of the fit and of the call-outs, and the chart says so.
    assert!(fit.points.iter().all(|p| p.ics != sy));
    assert_eq!(fit.left_out.iter().map(|l| l.ics).collect::<Vec<_>>(), [sy]);
    let html = view(&st).to_markup();
    let better = |html: &str| -> String {
        let from = &html[html.find("Better than deprivation predicts: ").unwrap()..];
        from[..from.find("</p>").unwrap()].to_string()
    };
    assert!(!better(&html).contains("South Yorkshire"), "{}", better(&html));
    assert!(html.contains("Left out of the fit: South Yorkshire (break in the series)"), "{html:.300}");
    // Ticking the option puts it back, where its drop made it "better than deprivation predicts".
    update(&mut st, Msg::ToggleIncludeFlagged);
    let fit = st.result.as_ref().unwrap().fit.clone().unwrap();
    assert!(fit.points.iter().any(|p| p.ics == sy) && fit.left_out.is_empty());
    let html = view(&st).to_markup();
    assert!(better(&html).contains("South Yorkshire"), "{}", better(&html));
    assert!(html.contains("Flagged values are included in the fit, as you asked."));
    let hash = url::to_hash(&st);
    assert!(hash.contains("fl=1"), "{hash}");
    let mut other = state();
    update(&mut other, Msg::HashChanged(format!("#{hash}")));
    assert!(other.include_flagged && other.notices.is_empty(), "{:?}", other.notices);
    assert_eq!(url::to_hash(&other), hash);
}

#[test]
fn caveats_name_only_the_icss_they_affect_and_only_for_the_periods_shown() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let html = view(&st).to_markup();
    // The RTT note about Frimley and Manchester trusts is on England's line for Oct–Dec 2022: it names the ICSs the
    // source says it affects, not the selected one, and its months.
    assert!(!html.contains("Affects: Birmingham and Solihull"), "{html:.300}");
    assert!(html.contains("Data quality notes for the periods shown"));
    assert!(html.contains("(mainly affects QNQ Frimley and QOP Greater Manchester) Affects: Frimley, Greater Manchester and England. Periods: Oct 2022 to Nov 2022."), "{}", notes_box(&html));
    // A single-period view lists only that period's notes: March 2026 has South Yorkshire's break, not 2022's notes.
    update(&mut st, Msg::SetView(View::Rankings));
    let html = view(&st).to_markup();
    let notes = notes_box(&html);
    assert!(notes.contains("Data quality notes for Mar 2026") && notes.contains("Break in the series: South Yorkshire") && notes.contains("Affects: South Yorkshire."), "{notes}");
    assert!(!notes.contains("2022"), "{notes}");
    // The profile lists the caveats on its ICS's values: South Yorkshire's waiting list figures are after its break.
    update(&mut st, Msg::SelectIcs("QF7".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let notes = notes_box(&view(&st).to_markup());
    assert!(notes.contains("Data quality notes for this ICS&#39;s values") && notes.contains("Break in the series: South Yorkshire"), "{notes}");
    // About the data states the rule and lists every break the build found.
    update(&mut st, Msg::SetView(View::About));
    let html = view(&st).to_markup();
    assert!(html.contains("a move more than 25% up or 20% down beyond it is a break") && html.contains("Breaks found (5):"), "{html:.300}");
    assert!(html.contains("South Yorkshire&#39;s waiting list went from 194,616 in Jun 2025 to 116,534 in Jul 2025"));
}

fn notes_box(html: &str) -> String {
    html.find("ics-flags").map(|k| html[k..].chars().take(4000).collect()).unwrap_or_default()
}

#[test]
fn the_default_period_is_the_latest_with_all_but_two_icss_and_says_who_has_no_data() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("discharged_same_day_pct".into()));
    let html = view(&st).to_markup();
    assert!(html.contains(">Default: Aug 2025 (latest with unflagged values for 41 of 42 ICSs)</option>"), "{html:.2000}");
    assert!(html.contains("No data for Cambridgeshire and Peterborough in Aug 2025"));
    assert!(!html.contains("Latest complete"));
    update(&mut st, Msg::SetIndicator("ae_4hr_pct".into()));
    assert!(view(&st).to_markup().contains(">Default: Jul 2025 (latest, all 42 ICSs)</option>"));
}

#[test]
fn changes_in_percentages_are_in_percentage_points_and_the_profile_explains_its_two_populations() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("ae_4hr_pct".into()));
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let html = view(&st).to_markup();
    assert!(html.contains(" percentage points, or "), "{}", &html[html.find("ics-callout").unwrap_or(0)..].chars().take(600).collect::<String>());
    // "Change since" starts after South Yorkshire's break, and says so.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("QF7".into()));
    let html = view(&st).to_markup();
    assert!(html.contains(">First comparable period (Jul 2025)</option>"));
    assert!(html.contains("From Jul 2025 to Mar 2026, South Yorkshire went from 116,534 to 104,678: a change of −11,856 pathways, or −10.2% of the Jul 2025 value. The series breaks in Jul 2025"), "{html:.200}");
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    // Birmingham and Solihull: 1,358,012 residents (ONS mid-2020) and 1,577,949 projected for 2022/23 (NHS England
    // allocations): 16.2% more (England: 61,498,822 against 56,550,138, 8.8%).
    for part in ["Two population figures", "1,358,012 residents (mid-2020)", "1,577,949 people, projected for 2022/23", "The projection is 16.2% higher than the resident estimate (England: 8.8%)"] {
        assert!(html.contains(part), "{part}");
    }
}


/// Every mark a chart draws has a legend entry (and the chart's axis says what it measures).
#[test]
fn legends_name_every_mark() {
    let cases: [(&str, &[&str]); 5] = [
        ("g=icb22&i=rtt_over_52w_pct&s=QOP&p=2022-10", &["Your ICS", "Peer of your ICS", "Data-quality note (listed below the chart)", "95% confidence interval", "England", "% of waiting list"]),
        ("g=icb22&v=scatter&s=QHL&i=rtt_waiting_list_per_1000", &["Your ICS (ringed)", "Peer of your ICS", "Flagged value, left out of the fit", "Fitted line", "95% prediction band", "99.8% prediction band", "than deprivation predicts"]),
        ("g=icb22&v=trends&s=QHM&i=ae_4hr_pct", &["North East and North Cumbria", "England", "Mean of your ICS's peers", "Middle half of ICSs", "Range of ICSs", "Value with a data-quality note (marked !)", "The vertical axis does not start at zero", "% of attendances"]),
        ("g=icb22&v=map&s=QHM&r=Y63", &["No data, or not among the ICSs shown", "Your ICS (outlined)"]),
        ("g=icb22&v=profile&s=QHM", &["Range of the 42 ICSs", "Middle half", "England (or the median ICS)", "Better than England"]),
    ];
    for (hash, want) in cases {
        let mut st = state();
        update(&mut st, Msg::HashChanged(hash.into()));
        let (_, doc) = view::chart_file(&st).unwrap();
        let text = super::node::Node::from(doc.svg).text_content();
        for w in want {
            assert!(text.contains(w), "{hash}: no \"{w}\" in the chart");
        }
    }
}

/// A raw CSV of `data/` as a map from its first column to a column by name (test helper).
fn raw_column(file: &str, column: &str) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let t = crate::csv::Table::parse(&text).unwrap();
    let k = t.headers.iter().position(|h| h == column).unwrap_or_else(|| panic!("{file}: no {column}"));
    t.rows.into_iter().map(|r| (r.fields[0].clone(), r.fields[k].clone())).collect()
}

/// The profile of a board of April 2026 lists its predecessors with the share of each one's residents (Census
/// 2021) and neighbourhoods it took, as the raw lookup and census give them; a July 2022 ICS lists what it
/// became; unchanged and re-coded boards say so; each name shows that board on its own map.
#[test]
fn a_profile_says_how_the_board_was_formed_or_what_it_became() {
    // The raw files: each LSOA 2021's July 2022 and April 2026 ICB, and its residents (the sum of the census
    // age bands, as the build takes them).
    let icb22 = raw_column("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb22cd");
    let icb26 = raw_column("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb26cd");
    let residents = raw_column("2026/population_lsoa21_census2021.csv", "age_bands_sum");
    let share = |from: &str, to: &str| -> (f64, u32) {
        let (mut piece, mut all, mut n) = (0.0, 0.0, 0);
        for (lsoa, b) in icb22.iter().filter(|(_, b)| *b == from) {
            let r: f64 = residents[lsoa].parse().unwrap();
            all += r;
            if icb26[lsoa] == to {
                piece += r;
                n += 1;
            }
            let _ = b;
        }
        (piece / all, n)
    };
    let mut st = today();
    update(&mut st, Msg::HashChanged("v=profile&s=D7T5G".into()));
    let essex = st.engine.frame().ics_index("E54000066").unwrap();
    let links = &st.engine.frame().links[essex];
    // data/2026/icb26_predecessors.csv: Essex took 206 of Suffolk and North East Essex's LSOAs, 185 of
    // Hertfordshire and West Essex's and all 720 of Mid and South Essex's.
    for (code, lsoas) in [("E54000023", 206), ("E54000025", 185), ("E54000026", 720)] {
        let l = links.iter().find(|l| l.code == code).unwrap_or_else(|| panic!("{code}"));
        let (raw, n) = share(code, "E54000066");
        assert_eq!((l.lsoas, n), (lsoas, lsoas), "{code}");
        assert!((l.share - raw).abs() < 1e-9 && l.predecessor, "{code}: {} vs {raw}", l.share);
    }
    let html = view(&st).to_markup();
    for want in [
        "How this board was formed",
        "Formed in April 2026 from 3 July 2022 ICBs:",
        "Suffolk and North East Essex</button>: 35% of its residents (206 neighbourhoods)",
        "Hertfordshire and West Essex</button>: 21% of its residents (185 neighbourhoods)",
        "Mid and South Essex</button>: all of it (720 neighbourhoods)",
        "residents at Census 2021 and its neighbourhoods (LSOA 2021)",
        "its figures published for July 2022 boards (waiting lists, A&amp;E, workforce and others) are estimates",
        "id=\"ics-table-transition\"",
        "<td data-label=\"Share of that ICB&#39;s residents (%)\" class=\"num\">34.6</td>",
    ] {
        assert!(html.contains(want), "no \"{want}\" in Essex's profile");
    }
    // Hampshire and Isle of Wight: a new ONS code, the same NHS code, and part of Frimley.
    update(&mut st, Msg::SelectIcs("QRL".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Re-coded in April 2026: its ONS code changed from E54000042 to E54000067; its NHS code, QRL, did not. It was also enlarged with part of Frimley."), "{}", &html[html.find("ics-transition").unwrap()..][..400]);
    let (raw, _) = share("E54000034", "E54000067");
    assert!(html.contains(&format!("Frimley</button>: {}% of its residents (105 neighbourhoods)", crate::format::number(100.0 * raw, 0))));
    // Unchanged boards say so, with no list or table.
    update(&mut st, Msg::SelectIcs("QYG".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Unchanged since July 2022: the same area, ONS code (E54000008) and NHS code (QYG).") && !html.contains("ics-table-transition"));
    // A predecessor's name shows it on the July 2022 map, selected, without a note about the old selection.
    update(&mut st, Msg::SelectIcs("D7T5G".into()));
    update(&mut st, Msg::ShowArea("icb22".into(), "E54000023".into()));
    assert_eq!((st.engine.frame().set.id.as_str(), st.ics_code(st.selected.unwrap())), ("icb22", "QJG"));
    assert!(st.frame_notes.is_empty(), "{:?}", st.frame_notes);
    assert_eq!(st.view, View::Profile);
    let html = view(&st).to_markup();
    assert!(html.contains("What this ICS became") && html.contains("In April 2026 it was divided between 2 ICBs:"));
    assert!(html.contains("Essex</button>: 35% of its residents (206 neighbourhoods), with part of Hertfordshire and West Essex and all of Mid and South Essex"));
    assert!(html.contains("Norfolk and Suffolk</button>: 65% of its residents (377 neighbourhoods), with all of Norfolk and Waveney"));
    // And back: a successor's name shows it on today's map.
    update(&mut st, Msg::ShowArea("icb26".into(), "E54000068".into()));
    assert_eq!((st.engine.frame().set.id.as_str(), st.engine.frame().icss[st.selected.unwrap()].short_name.as_str()), ("icb26", "Norfolk and Suffolk"));
    // From July 2022: Hampshire and Isle of Wight was re-coded; North West London merged whole.
    let mut st = july_2022();
    update(&mut st, Msg::HashChanged("g=icb22&v=profile&s=QRL".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Re-coded in April 2026: its ONS code changed from E54000042 to E54000067; its NHS code, QRL, did not."));
    assert!(html.contains("Hampshire and Isle of Wight</button>: all of it (1,126 neighbourhoods), with part of Frimley"));
    update(&mut st, Msg::SelectIcs("QRV".into()));
    assert!(view(&st).to_markup().contains("West and North London</button>: all of it (1,183 neighbourhoods), with all of North Central London"));
}

/// Following a predecessor's name when IMD 2019 is not loaded yet: the page asks for it, then shows the
/// predecessor selected on the July 2022 map.
#[test]
fn showing_a_predecessor_loads_its_edition_first() {
    let read = |f: &str| std::fs::read_to_string(format!("{}/www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut st = State::new(crate::dataset::load(&read("dataset.json")).unwrap(), Options::default()).unwrap();
    update(&mut st, Msg::HashChanged("v=profile&s=S0E4D".into()));
    assert_eq!(update(&mut st, Msg::ShowArea("icb22".into(), "E54000034".into())), Some(Effect::LoadEdition("imd2019".into())));
    assert_eq!(st.engine.frame().set.id, "icb26", "nothing changes until it has loaded");
    update(&mut st, Msg::EditionLoaded("imd2019".into(), read("imd2019.json")));
    assert_eq!((st.engine.frame().set.id.as_str(), st.ics_code(st.selected.unwrap())), ("icb22", "QNQ"));
    assert!(st.frame_notes.is_empty(), "{:?}", st.frame_notes);
}

/// The map can draw the other set's boundaries over its fills: the 42 of July 2022 over today's 36 (and the
/// reverse), not interactive, with a legend entry, in the page and in the chart files; `ol=1` in the link.
#[test]
fn the_map_draws_the_other_boundaries_as_outlines() {
    // Elements whose class list ends with, or has next, `class`.
    let count = |html: &str, class: &str| html.matches(&format!("{class}\"")).count() + html.matches(&format!("{class} ")).count();
    let mut st = today();
    update(&mut st, Msg::SetView(View::Map));
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-map-outlines\"") && html.contains("Show July 2022 boundaries as outlines"));
    assert_eq!(count(&html, "ics-outline"), 0, "off by default");
    update(&mut st, Msg::ToggleOutlines);
    let html = view(&st).to_markup();
    assert_eq!(count(&html, "ics-area"), 36);
    assert_eq!(count(&html, "ics-outline"), 42, "the 42 July 2022 areas drawn over the 36");
    let outlines = &html[html.find("<g class=\"ics-outlines\"").unwrap()..];
    let outlines = &outlines[..outlines.find('>').unwrap()];
    assert!(outlines.contains("aria-hidden=\"true\"") && outlines.contains("pointer-events=\"none\"") && outlines.contains("fill=\"none\""), "{outlines}");
    assert!(html.find("ics-outlines").unwrap() > html.rfind("ics-area").unwrap(), "drawn over the fills");
    assert!(html.contains("Boundaries of the 42 ICSs (July 2022)") && html.contains("Dashed dark lines over it: the boundaries of the 42 ICSs (July 2022)"));
    // In the chart files too.
    let (_, doc) = view::chart_file(&st).unwrap();
    let file = super::node::Node::from(doc.svg).to_markup();
    assert_eq!(count(&file, "ics-outline"), 42);
    assert!(file.contains("Boundaries of the 42 ICSs (July 2022)"));
    // The link keeps it.
    let hash = url::to_hash(&st);
    assert_eq!(hash, "v=map&ol=1");
    let mut again = today();
    update(&mut again, Msg::HashChanged(hash.clone()));
    assert!(again.outlines && again.notices.is_empty());
    assert_eq!(url::to_hash(&again), hash);
    // The July 2022 map draws today's 36 over its 42.
    let mut st = july_2022();
    update(&mut st, Msg::HashChanged("g=icb22&v=map&ol=1".into()));
    let html = view(&st).to_markup();
    assert_eq!((count(&html, "ics-area"), count(&html, "ics-outline")), (42, 36));
    assert!(html.contains("Show April 2026 boundaries as outlines") && html.contains("Boundaries of the 36 ICBs (April 2026)"));
    // Hostile values leave it off, with a notice each.
    for h in ["v=map&ol=2", "v=map&ol=%ff", "v=map&ol=<svg>", "v=map&dc=yes"] {
        let mut st = today();
        update(&mut st, Msg::HashChanged(h.into()));
        assert!(!st.outlines && !st.dep_compare && st.result.is_ok(), "{h}");
        assert_eq!(st.notices.len(), 1, "{h}: {:?}", st.notices);
        assert!(!view(&st).to_markup().contains("<svg>"), "{h}");
    }
}

/// Each ICS's Core20 share and rank among the 42 (July 2022 boundaries) from the raw IMD 2019 and IMD 2025
/// files, their populations and lookups: (share 2019, share 2025) by ICB code, and ranks (1 = largest share).
fn raw_core20() -> std::collections::HashMap<String, ([f64; 2], [usize; 2])> {
    use std::collections::HashMap;
    let mut shares: [HashMap<String, (f64, f64)>; 2] = Default::default();
    let editions = [
        ("lookup_lsoa11_icb22.csv", "icb22_code", "imd2019_lsoa11.csv", "population_lsoa11_mid2020.csv", "pop_total"),
        ("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb22cd", "2026/imd2025_lsoa21.csv", "2026/population_lsoa21_census2021.csv", "age_bands_sum"),
    ];
    for (k, (lookup, icb, imd, pop, total)) in editions.into_iter().enumerate() {
        let (icb, decile, pop) = (raw_column(lookup, icb), raw_column(imd, "imd_decile"), raw_column(pop, total));
        for (lsoa, code) in icb.iter().filter(|(_, c)| c.starts_with("E54")) {
            let p: f64 = pop[lsoa].parse().unwrap();
            let e = shares[k].entry(code.clone()).or_default();
            e.1 += p;
            if decile[lsoa].parse::<u8>().unwrap() <= 2 {
                e.0 += p;
            }
        }
    }
    let pct = |k: usize, c: &str| 100.0 * shares[k][c].0 / shares[k][c].1;
    let rank = |k: usize, c: &str| 1 + shares[k].keys().filter(|o| pct(k, o) > pct(k, c)).count();
    shares[1].keys().map(|c| (c.clone(), ([pct(0, c), pct(1, c)], [rank(0, c), rank(1, c)]))).collect()
}

/// The deprivation view's "IMD 2019 vs IMD 2025": the 42 ICSs of July 2022 in both editions, from the engine,
/// equal to the raw files' figures; a dumbbell chart with a legend and a text alternative, a table twin,
/// MHCLG's caution; still the 42 on today's map; `dc=1` in the link.
#[test]
fn imd_2019_and_imd_2025_compare_the_42_as_relative_positions() {
    let raw = raw_core20();
    assert_eq!(raw.len(), 42);
    let mut st = july_2022();
    update(&mut st, Msg::SetView(View::Deprivation));
    assert!(st.edition_change.is_none(), "made only when asked for");
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), None, "both editions are loaded");
    let Some(editions::Compared::Ready(change)) = &st.edition_change else { panic!("{:?}", st.edition_change) };
    assert_eq!(change.rows.len(), 42);
    for r in &change.rows {
        let (share, rank) = raw[&r.code];
        for k in 0..2 {
            assert!((r.share[k].unwrap() - share[k]).abs() < 1e-9, "{} edition {k}: {:?} vs {}", r.name, r.share[k], share[k]);
            assert_eq!(r.rank[k], Some(rank[k]), "{} edition {k}", r.name);
        }
        assert_eq!(r.places, Some(rank[0] as i64 - rank[1] as i64), "{}", r.name);
    }
    // South East London fell from 16th to 30th; Leicester, Leicestershire and Rutland rose from 27th to 14th.
    let sel = change.row("QKK").unwrap();
    assert_eq!((sel.rank, sel.places), ([Some(16), Some(30)], Some(-14)));
    assert_eq!(change.row("QK1").unwrap().rank, [Some(27), Some(14)]);
    assert_eq!(change.rows[0].name, "Birmingham and Solihull", "most deprived in 2025 first");
    let html = view(&st).to_markup();
    for want in [
        "IMD 2019 vs IMD 2025 (42 ICSs)</button>",
        "Residents in England&#39;s most deprived fifth of neighbourhoods: IMD 2019 and IMD 2025, 42 ICSs (July 2022)",
        "IMD 2019 (mid-2020 residents, LSOA 2011)",
        "IMD 2025 (Census 2021 residents, LSOA 2021)",
        "compare between editions as relative positions (ranks and deciles), not as changes in absolute deprivation",
        "different neighbourhoods (LSOA 2011 for IMD 2019, LSOA 2021 for IMD 2025) and populations (mid-2020 estimates, Census 2021)",
        "Furthest up the ranking (a larger share relative to other ICSs): Leicester, Leicestershire and Rutland (27 → 14)",
        "Furthest down: South East London (16 → 30)",
        "id=\"ics-table-imd-change\"",
        "aria-label=\"South East London: IMD 2019 16.5% (rank 16), IMD 2025 11.1% (rank 30); down 14 places\"",
    ] {
        assert!(html.contains(want), "no \"{want}\"");
    }
    let table = &html[html.find("id=\"ics-table-imd-change\"").unwrap()..];
    assert_eq!(table[..table.find("</table>").unwrap()].matches("<tr").count(), 1 + 42 + 1, "header, 42 ICSs, England");
    // The chart file is the comparison, and so is the CSV.
    let (name, doc) = view::chart_file(&st).unwrap();
    assert_eq!(name, "ics-explorer-deprivation-imd2019-vs-imd2025");
    assert!(super::node::Node::from(doc.svg).text_content().contains("IMD 2019 (mid-2020 residents, LSOA 2011)"));
    let Some(Effect::Save { content, .. }) = update(&mut st, Msg::Download(Download::Csv)) else { panic!() };
    assert!(content.lines().nth(1).unwrap().starts_with("Birmingham and Solihull,E54000055,51.4,1,50.3,1,0,"), "{}", content.lines().nth(1).unwrap());
    // Selecting an ICS in the chart selects it on the page.
    let sel_index = st.engine.frame().ics_index("QKK").unwrap();
    update(&mut st, Msg::Pick(sel_index));
    assert!(view(&st).to_markup().contains("▶ South East London"));
    // The link keeps the comparison.
    let hash = url::to_hash(&st);
    assert!(hash.contains("dc=1"), "{hash}");
    let mut again = july_2022();
    update(&mut again, Msg::HashChanged(hash));
    assert!(again.dep_compare && matches!(again.edition_change, Some(editions::Compared::Ready(_))));
    // On today's map it is still the 42, and says so, marking your ICB's predecessors.
    let mut st = today();
    update(&mut st, Msg::HashChanged("v=deprivation&dc=1&s=D7T5G".into()));
    let html = view(&st).to_markup();
    assert_eq!(st.engine.frame().icss.len(), 36);
    assert!(html.contains("This comparison is of the 42 ICSs (July 2022), not today&#39;s 36 ICBs"));
    assert!(html.contains("◆ marks the predecessors of Essex") && html.contains("◆ Mid and South Essex") && html.contains("Predecessor of your ICB"));
    let table = &html[html.find("id=\"ics-table-imd-change\"").unwrap()..];
    assert_eq!(table[..table.find("</table>").unwrap()].matches("<tr").count(), 1 + 42 + 1, "the 42, not the 36");
}

/// IMD 2019 ships apart: the comparison asks for it once and says it is loading until it arrives; a failure
/// is said, and asking again tries again.
#[test]
fn the_comparison_waits_for_imd_2019() {
    let read = |f: &str| std::fs::read_to_string(format!("{}/www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut st = State::new(crate::dataset::load(&read("dataset.json")).unwrap(), Options::default()).unwrap();
    update(&mut st, Msg::SetView(View::Deprivation));
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), Some(Effect::LoadEdition("imd2019".into())));
    assert!(view(&st).to_markup().contains("Loading IMD 2019…"));
    assert_eq!(update(&mut st, Msg::Resize(800.0)), None, "asked once");
    update(&mut st, Msg::EditionFailed("imd2019".into(), "not found".into()));
    assert!(view(&st).to_markup().contains("The comparison cannot be shown: the imd2019 file could not be loaded (not found)."));
    update(&mut st, Msg::SetDepCompare(false));
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), Some(Effect::LoadEdition("imd2019".into())), "tried again");
    update(&mut st, Msg::EditionLoaded("imd2019".into(), read("imd2019.json")));
    assert!(matches!(st.edition_change, Some(editions::Compared::Ready(_))));
    assert_eq!(st.engine.frame().set.id, "icb26", "the page stays on today's map");
    assert!(view(&st).to_markup().contains("id=\"ics-table-imd-change\""));
    // A link to the comparison asks for the edition too.
    let mut st = State::new(crate::dataset::load(&read("dataset.json")).unwrap(), Options::default()).unwrap();
    assert_eq!(update(&mut st, Msg::HashChanged("v=deprivation&dc=1".into())), Some(Effect::LoadEdition("imd2019".into())));
}

/// A link to a view on the July 2022 map, opened before IMD 2019 has loaded, shows that view once it has: the
/// engine is asked for it, not for the default view.
#[test]
fn a_link_to_july_2022_shows_its_view_once_imd_2019_has_loaded() {
    let read = |f: &str| std::fs::read_to_string(format!("{}/www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut st = State::new(crate::dataset::load(&read("dataset.json")).unwrap(), Options::default()).unwrap();
    assert_eq!(update(&mut st, Msg::HashChanged("g=icb22&v=profile&s=QNQ".into())), Some(Effect::LoadEdition("imd2019".into())));
    update(&mut st, Msg::EditionLoaded("imd2019".into(), read("imd2019.json")));
    assert_eq!((st.engine.frame().set.id.as_str(), st.view, st.ics_code(st.selected.unwrap())), ("icb22", View::Profile, "QNQ"));
    assert!(st.result.as_ref().unwrap().profile.is_some(), "the profile was asked for");
    assert!(view(&st).to_markup().contains("Frimley: all indicators"));
}
