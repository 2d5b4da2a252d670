//! The page logic, natively: every view renders from the real dataset, messages change the state as a user
//! expects, the URL hash round-trips, and hostile hashes leave a valid state with notices.

use super::*;
use crate::engine::query::View;

fn state() -> State {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/dataset.json")).unwrap();
    State::new(Engine::new(crate::dataset::load(&json).unwrap()), Options::default())
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
    let ind = &st.engine.dataset().indicators[st.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str(), ind.domain), ("user_1", "big", crate::dataset::Domain::User));
    let r = st.result.as_ref().unwrap();
    assert_eq!(r.comparison.rows[st.engine.ics("QOP").unwrap()].value.value, Some(4.5));
    match &st.import {
        ImportStatus::Done { added, warnings, .. } => {
            assert_eq!(added, &vec![st.indicator]);
            assert!(warnings[0].contains("no value for 40 of 42 ICSs"), "{warnings:?}");
        }
        other => panic!("{other:?}"),
    }
    // A second import gets its own id; a file too large is refused before reading.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"QOP\": 1}".into()));
    assert_eq!(st.engine.dataset().indicators[st.indicator].id, "user_2");
    update(&mut st, Msg::ImportStart("huge.csv".into(), 1.0e9));
    assert!(matches!(&st.import, ImportStatus::Failed { problems, .. } if problems[0].contains("larger than 30 MB")));
}

/// Every chart as a file: the same drawing from a phone as from a desktop, at the export width, with the title
/// and subtitle above the chart and the source and licence below it, none of them overlapping it.
#[test]
fn chart_files_have_their_own_layout_and_nothing_overlaps() {
    use super::node::Node;
    for hash in ["", "v=trends&s=QHM&i=ae_4hr_pct", "v=scatter&s=QHM", "v=deprivation", "v=map&i=gp_fte_per_100k", "v=profile&s=QHL"] {
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
    update(&mut st, Msg::HashChanged("i=gp_fte_per_100k&r=Y60".into()));
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
    let name = |i: usize| st.engine.dataset().icss[i].short_name.clone();
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
    assert_eq!(update(&mut st, Msg::CopyLink), Some(Effect::Copy("file:///home/me/ics-explorer/index.html#s=QOP".into())));
    let html = view(&st).to_markup();
    assert!(html.contains("opens only on this computer"), "file:// links are local");
    update(&mut st, Msg::LinkCopied(true));
    assert!(view(&st).to_markup().contains("Link copied."));
    update(&mut st, Msg::LinkCopied(false));
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-link\"") && html.contains("value=\"file:///home/me/ics-explorer/index.html#s=QOP\""));
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
    let html = view(&st).to_markup();
    assert!(html.contains("Source: NHS England, Consultant-led Referral to Treatment Waiting Times"), "{html:.300}");
    assert!(html.contains("Figures for Mar 2026"));
    update(&mut st, Msg::HashChanged("v=scatter&i=rtt_waiting_list_per_1000".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Fitted line: value = ") && !html.contains("+ −") && !html.contains("+ -"), "{}", html.split("Fitted line").nth(1).unwrap_or("")[..80].to_string());
}

/// The profile opens with the peers, their values of the indicator in view, and who is just outside; its
/// local authority table sorts, and sub-ICB locations carry place names.
#[test]
fn profile_peers_first_and_areas_sortable_with_names() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("v=profile&s=QHL".into()));
    let html = view(&st).to_markup();
    let (peers, spine) = (html.find("ics-table-peers").unwrap(), html.find("ics-spine").unwrap());
    assert!(peers < spine, "peers before the spine chart");
    let r = st.result.as_ref().unwrap();
    let names: Vec<&str> = r.peers.as_ref().unwrap().peers.iter().map(|p| st.engine.dataset().icss[p.ics].short_name.as_str()).collect();
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
