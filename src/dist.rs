//! Native only: `ics-explorer dist`, a ZIP of exactly what a visitor needs to use ICS Explorer offline: the two
//! pages, `www/` (without the duplicate `.json` data files and the test suite's fixtures), the built `pkg/`
//! scripts, the embedding guide, the licences and a short README. Every reference in a shipped page, script or
//! guide resolves inside the ZIP (tested). The archive is deterministic (sorted entries, fixed timestamps), so
//! the same inputs give the same bytes.

use std::path::{Path, PathBuf};

const TOP: &str = "ics-explorer";

/// Files of the repository's `www/` that are not for visitors: pages the end-to-end tests attack.
const FIXTURES: [&str; 2] = ["www/examples/hostile-css.html", "www/examples/hostile.css"];

const README: &str = "ICS Explorer: compare England's 42 Integrated Care Systems
===========================================================

Extract all the files before opening: in Windows, right-click the ZIP file and choose
Extract All; on a Mac, double-click the ZIP file. Opening index.html from inside the ZIP
without extracting it does not work, because the page needs the other files beside it.

Then open index.html in a web browser (double-click it). Nothing needs installing, no
network connection is needed, and nothing you do is sent anywhere: every figure is
computed on your computer.

- index.html   the explorer
- embed.html   the compact view used in iframes
- docs/embedding.md   how to put ICS Explorer in other web pages, intranets and CMSs
- www/         styles, scripts, the dataset (www/data/dataset.js) and embedding examples
- pkg/         the comparison engine (WebAssembly, as a script)

To embed it in other pages, put this folder on a web server or intranet site first (see
docs/embedding.md): pages opened from your computer cannot be embedded elsewhere.

Data: Crown copyright and NHS England / ONS / MHCLG material under the Open Government
Licence v3.0 (LICENCE-DATA.txt); the explorer's provenance page lists every source.
Code: MIT licence (LICENSE).
";

/// The files that go into the archive, relative to `root`, sorted.
pub fn files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = ["index.html", "embed.html", "LICENSE", "LICENCE-DATA.txt", "docs/embedding.md"].map(PathBuf::from).to_vec();
    for dir in ["www", "pkg"] {
        walk(root, Path::new(dir), &mut out)?;
    }
    out.retain(|p| {
        let s = p.to_string_lossy();
        // The page reads www/data/*.js; the .json beside them are the same text, for servers and the CLI.
        let duplicate_data = s.starts_with("www/data/") && s.ends_with(".json");
        !(duplicate_data || s.ends_with("inputs.sha256") || FIXTURES.contains(&s.as_ref()))
    });
    for p in &out {
        if !root.join(p).is_file() {
            return Err(format!("{} is missing: build first (scripts/build.sh, build-data)", p.display()));
        }
    }
    out.sort();
    Ok(out)
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(root.join(rel)).map_err(|e| format!("cannot read {}: {e}", rel.display()))?;
    for e in entries.flatten() {
        let p = rel.join(e.file_name());
        if e.path().is_dir() {
            walk(root, &p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Writes the ZIP to `out` and returns (files, bytes).
pub fn write(root: &Path, out: &Path) -> Result<(usize, usize), String> {
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for p in files(root)? {
        let data = std::fs::read(root.join(&p)).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        entries.push((format!("{TOP}/{}", p.to_string_lossy()), data));
    }
    entries.push((format!("{TOP}/README.txt"), README.as_bytes().to_vec()));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let zip = zip(&entries);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(out, &zip).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok((entries.len(), zip.len()))
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *t = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A ZIP archive (deflate, or stored when that is smaller) with a fixed timestamp (2026-01-01 00:00).
pub fn zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    const DOS_TIME: u16 = 0;
    const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 9);
        let (method, body): (u16, &[u8]) = if deflated.len() < data.len() { (8, &deflated) } else { (0, data) };
        let crc = crc32(data);
        let offset = out.len() as u32;
        let header = |sig: u32, central_dir: bool| -> Vec<u8> {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&DOS_TIME.to_le_bytes());
            h.extend_from_slice(&DOS_DATE.to_le_bytes());
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central_dir {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // external: a regular file
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(body);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_archive_lists_what_a_visitor_needs_and_nothing_else() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let f: Vec<String> = files(root).unwrap().iter().map(|p| p.to_string_lossy().into_owned()).collect();
        for need in [
            "index.html",
            "embed.html",
            "LICENSE",
            "LICENCE-DATA.txt",
            "www/ics-explorer.js",
            "www/link-guard.js",
            "www/app.css",
            "www/data/dataset.js",
            "www/data/imd2019.js",
            "pkg/ics_explorer.js",
            "pkg/ics_explorer_wasm.js",
        ] {
            assert!(f.contains(&need.to_string()), "{need} missing from {f:?}");
        }
        assert!(f.contains(&"docs/embedding.md".to_string()), "the embedding guide");
        assert!(!f.iter().any(|p| p.ends_with(".json") || p.starts_with("data/") || p.starts_with("src/") || p.ends_with(".sha256")), "{f:?}");
        assert!(!f.iter().any(|p| p.contains("hostile")), "test fixtures stay out: {f:?}");
        let z1 = zip(&[("a.txt".into(), b"hello hello hello hello".to_vec())]);
        let z2 = zip(&[("a.txt".into(), b"hello hello hello hello".to_vec())]);
        assert_eq!(z1, z2, "deterministic");
        assert_eq!(&z1[0..4], b"PK\x03\x04");
    }

    /// The text between each `open` and the next `close` after it.
    fn between<'a>(text: &'a str, open: &str, close: char) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            rest = &rest[i + open.len()..];
            if let Some(j) = rest.find(close) {
                out.push(&rest[..j]);
                rest = &rest[j + 1..];
            }
        }
        out
    }

    /// `reference` resolved against the folder `dir` (relative to the ZIP's top), without its query or
    /// fragment; None for what is not a relative reference (another origin, an absolute path, a fragment).
    fn resolve(dir: &Path, reference: &str) -> Option<String> {
        let r = reference.split(['#', '?']).next().unwrap_or("");
        if r.is_empty() || r.starts_with('/') || r.contains("://") || r.contains(':') || r.contains(char::is_whitespace) {
            return None;
        }
        let mut parts: Vec<String> = dir.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        for c in r.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                c => parts.push(c.to_string()),
            }
        }
        Some(parts.join("/"))
    }

    #[test]
    fn every_reference_in_a_shipped_file_resolves_inside_the_zip() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<String> = files(root).unwrap().iter().map(|p| p.to_string_lossy().into_owned()).collect();
        let exists = |p: &str| files.iter().any(|f| f == p.trim_end_matches('/') || f.starts_with(&format!("{}/", p.trim_end_matches('/'))));
        let mut texts: Vec<(String, String)> = files
            .iter()
            .filter(|f| [".html", ".md", ".js", ".css"].iter().any(|e| f.ends_with(e)) && !f.starts_with("pkg/") && !f.starts_with("www/data/"))
            .map(|f| (f.clone(), std::fs::read_to_string(root.join(f)).unwrap()))
            .collect();
        texts.push(("README.txt".into(), README.into()));
        let mut checked = 0;
        let mut missing = Vec::new();
        for (file, text) in &texts {
            let dir = Path::new(file).parent().unwrap_or(Path::new(""));
            let mut refs: Vec<(String, Option<String>)> = Vec::new();
            // Links and sources, relative to the file: href="…", src="…", url(…) and Markdown's [text](…).
            for open in ["href=\"", "src=\""] {
                refs.extend(between(text, open, '"').into_iter().map(|r| (r.to_string(), resolve(dir, r))));
            }
            refs.extend(between(text, "](", ')').into_iter().map(|r| (r.to_string(), resolve(dir, r))));
            refs.extend(between(text, "url(", ')').into_iter().map(|r| (r.to_string(), resolve(dir, r.trim_matches(['"', '\''])))));
            // Paths named in the folder's own terms, from its top: `www/…` in a guide, 'pkg/…' in the loader,
            // the README's list.
            let named: Vec<&str> = match file.rsplit('.').next() {
                Some("md") => between(text, "`", '`')
                    .into_iter()
                    .filter(|t| {
                        !t.contains(char::is_whitespace)
                            && (t.ends_with('/') || [".html", ".js", ".css", ".md", ".txt", ".zip"].iter().any(|e| t.ends_with(e)))
                    })
                    .collect(),
                Some("js") => between(text, "'", '\'').into_iter().filter(|t| ["www/", "pkg/", "docs/"].iter().any(|p| t.starts_with(p))).collect(),
                Some("txt") => text
                    .lines()
                    .filter_map(|l| l.strip_prefix("- "))
                    .filter_map(|l| l.split_whitespace().next())
                    .chain(text.split_whitespace().filter(|w| w.starts_with("docs/") || w.ends_with(".html")))
                    .map(|w| w.trim_end_matches(['.', ',', ')', ':']))
                    .collect(),
                _ => vec![],
            };
            refs.extend(named.into_iter().map(|r| (r.to_string(), resolve(Path::new(""), r))));
            for (r, path) in refs {
                let Some(path) = path else { continue };
                checked += 1;
                if !exists(&path) {
                    missing.push(format!("{file}: {r} ({path})"));
                }
            }
        }
        assert!(missing.is_empty(), "references to files that are not in the ZIP:\n{}", missing.join("\n"));
        assert!(checked > 30, "only {checked} references found: is the scan still reading the files?");
    }
}
