//! Native only: `ics-explorer dist`, a ZIP of exactly what a visitor needs to use ICS Explorer offline: the two
//! pages, `www/` (without the duplicate `dataset.json`), the built `pkg/` scripts, the licences and a short
//! README. The archive is deterministic (sorted entries, fixed timestamps), so the same inputs give the same
//! bytes.

use std::path::{Path, PathBuf};

const TOP: &str = "ics-explorer";

const README: &str = "ICS Explorer: compare England's 42 Integrated Care Systems
===========================================================

To use it, open index.html in a web browser (double-click it). Nothing needs installing,
no network connection is needed, and nothing you do is sent anywhere: every figure is
computed on your computer.

- index.html   the explorer
- embed.html   the compact view used in iframes (see docs in the source repository)
- www/         styles, scripts, the dataset (www/data/dataset.js) and embedding examples
- pkg/         the comparison engine (WebAssembly, as a script)

Data: Crown copyright and NHS England / ONS / MHCLG material under the Open Government
Licence v3.0 (LICENCE-DATA.txt); the explorer's provenance page lists every source.
Code: MIT licence (LICENSE).
";

/// The files that go into the archive, relative to `root`, sorted.
pub fn files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = vec![PathBuf::from("index.html"), PathBuf::from("embed.html"), PathBuf::from("LICENSE"), PathBuf::from("LICENCE-DATA.txt")];
    for dir in ["www", "pkg"] {
        walk(root, Path::new(dir), &mut out)?;
    }
    out.retain(|p| {
        let s = p.to_string_lossy();
        s != "www/data/dataset.json" && s != "pkg/inputs.sha256"
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
        for need in ["index.html", "embed.html", "LICENSE", "LICENCE-DATA.txt", "www/ics-explorer.js", "www/app.css", "www/data/dataset.js", "pkg/ics_explorer.js", "pkg/ics_explorer_wasm.js"] {
            assert!(f.contains(&need.to_string()), "{need} missing from {f:?}");
        }
        assert!(!f.iter().any(|p| p.ends_with(".json") || p.starts_with("data/") || p.starts_with("src/") || p.ends_with(".sha256")), "{f:?}");
        let z1 = zip(&[("a.txt".into(), b"hello hello hello hello".to_vec())]);
        let z2 = zip(&[("a.txt".into(), b"hello hello hello hello".to_vec())]);
        assert_eq!(z1, z2, "deterministic");
        assert_eq!(&z1[0..4], b"PK\x03\x04");
    }
}
