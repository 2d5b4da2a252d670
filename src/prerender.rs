//! Native only: the first view of `index.html` and `embed.html`, rendered at build time into the pages
//! themselves, so the browser paints real figures on its first frame, before any script runs.
//!
//! It runs the page's own code on the page's own dataset (`www/data/dataset.json`): `ics_ui::State` with the
//! options the page's `<ics-explorer>` gives, and `ics_ui::view`, numbered as the web layer numbers it. The
//! markup goes into a declarative shadow root (`<template shadowrootmode="open">`) between two markers, with
//! the width it was drawn at and its fingerprint, which the web layer checks before taking the DOM over
//! (`Dom::hydrate`). It must never compute or write a figure itself, nor touch the page outside the markers.
//! `--check` (CI) fails when a page is stale.

use ics_data::dataset::Dataset;
use ics_ui::{node, url, Options, State};
use std::path::{Path, PathBuf};

/// What stands between the markers is written by this module.
const START: &str = "<!-- prerendered: written by `cargo run --release -- prerender` (scripts/build.sh); do not edit -->";
const END: &str = "<!-- /prerendered -->";

/// The width the first view is drawn at: `index.html`'s column (`.ics-width`, at most 1,200 px), which every
/// window 1,232 px or wider gives. The page redraws at its own width once it has taken the DOM over.
pub const WIDTH: f64 = 1200.0;

/// The prerendered pages and the `ics_ui::Options` their `<ics-explorer>` element gives (`hash`, and `compact`
/// for the embed).
fn pages() -> [(&'static str, Options); 2] {
    [("index.html", Options::default()), ("embed.html", Options { compact: true, ..Options::default() })]
}

/// The shadow root's markup for a page with `options`: the stylesheet; a slot showing the element's own
/// content (the page's "Loading…", what to do if the folder is incomplete, and its message for browsers without
/// JavaScript) until the loader runs and removes it; and the first view in the root the loader mounts into
/// (exposed as `::part(prerender)`, which app.css hides while a link to another view loads).
pub fn markup(dataset: &Dataset, options: Options) -> Result<String, String> {
    let mut state = State::new(dataset.clone(), options)?;
    state.width = WIDTH;
    state.home = url::to_hash(&state);
    let mut tree = ics_ui::view(&state);
    node::number_handlers(&mut tree);
    let view = tree.to_markup();
    Ok(format!(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"www/app.css\"><slot></slot><div class=\"ics-root\" part=\"prerender\" \
         data-prerender=\"{}:{}\">{view}</div></template>",
        WIDTH,
        node::fingerprint(&view)
    ))
}

/// Writes (or with `check`, compares) the prerendered pages under `root`. Returns the pages that changed.
pub fn write(dataset: &Dataset, root: &Path, check: bool) -> Result<Vec<PathBuf>, String> {
    let mut changed = Vec::new();
    for (file, options) in pages() {
        let path = root.join(file);
        let page = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (Some(a), Some(b)) = (page.find(START), page.find(END)) else {
            return Err(format!("{} has no prerender markers (`{START}` … `{END}` inside its <ics-explorer>)", path.display()));
        };
        let (a, b) = (a + START.len(), b);
        if a > b {
            return Err(format!("{}: the prerender's end marker comes before its start", path.display()));
        }
        let fresh = format!("{}\n{}\n{}", &page[..a], markup(dataset, options)?, &page[b..]);
        if fresh != page {
            changed.push(path.clone());
            if !check {
                std::fs::write(&path, fresh).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markup_carries_the_view_its_width_and_its_fingerprint() {
        let m = markup(ics_data::testdata::core(), Options::default()).unwrap();
        let (head, rest) = m.split_once("data-prerender=\"").unwrap();
        assert_eq!(head, "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"www/app.css\"><slot></slot><div class=\"ics-root\" part=\"prerender\" ");
        let (attr, rest) = rest.split_once("\">").unwrap();
        let view = rest.strip_suffix("</div></template>").unwrap();
        assert_eq!(attr, format!("1200:{}", node::fingerprint(view)));
        // Today's 36 ICBs ranked on the default indicator, with their handlers numbered for the web layer.
        assert_eq!(view.matches("class=\"ics-item\"").count(), 36);
        assert!(view.contains("<select class=\"ics-select\" id=\"ics-indicator\" value=\"core20_pop_share\" data-h=\"0\">"));
        // The embed's compact layout is another tree.
        assert_ne!(markup(ics_data::testdata::core(), Options { compact: true, ..Options::default() }).unwrap(), m);
    }

    #[test]
    fn a_page_without_markers_is_an_error_not_a_guess() {
        let dir = std::env::temp_dir().join(format!("ics-prerender-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in [("index.html", "<ics-explorer></ics-explorer>"), ("embed.html", "")] {
            std::fs::write(dir.join(file), text).unwrap();
        }
        let err = write(ics_data::testdata::core(), &dir, true).unwrap_err();
        assert!(err.contains("index.html has no prerender markers"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
