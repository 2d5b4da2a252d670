//! The fuzz targets, briefly, in the default test run: each on its seeds (`fuzz/seeds/<target>/`), on every input
//! a fuzzing run found to crash (`fuzz/crashes/<target>/`, kept once fixed), and on inputs from a fixed-seed
//! generator (`FUZZ_SHORT_RUNS` each, default 200; `FUZZ_ONLY=<target>` for one). Long runs are `scripts/fuzz.sh`.

use std::path::Path;
use std::time::Instant;

/// SplitMix64: a fixed sequence, so a failure here fails the same way again.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Up to 256 bytes, mostly short.
    fn input(&mut self) -> Vec<u8> {
        let n = (self.next() % 257) as usize >> (self.next() % 3);
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()))))
        .collect();
    out.sort();
    out
}

#[test]
fn every_target_survives_its_seeds_its_old_crashes_and_random_inputs() {
    let runs: usize = std::env::var("FUZZ_SHORT_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut gen = Gen(17);
    let only = std::env::var("FUZZ_ONLY").unwrap_or_default();
    for (name, target) in ics_fuzz::TARGETS.into_iter().filter(|(name, _)| only.is_empty() || only == *name) {
        let kept: Vec<(String, Vec<u8>)> = [fuzz.join("seeds").join(name), fuzz.join("crashes").join(name)].iter().flat_map(|d| files(d)).collect();
        for (file, data) in &kept {
            eprintln!("{name}: {file}");
            target(data);
        }
        let t = Instant::now();
        for _ in 0..runs {
            let input = gen.input();
            if std::panic::catch_unwind(|| target(&input)).is_err() {
                let hex: String = input.iter().map(|b| format!("{b:02x}")).collect();
                panic!("{name} failed on a generated input; keep it as fuzz/crashes/{name}/<name> once fixed: xxd -r -p <<< {hex}");
            }
        }
        eprintln!("{name}: {} kept inputs and {runs} generated ones, {:.0} µs each", kept.len(), t.elapsed().as_micros() as f64 / runs as f64);
    }
}

#[test]
fn the_wire_table_seeds_are_tables_the_loader_accepts() {
    // So the fuzzer starts from each reader's success path, not only from its first error.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/wire_tables");
    let seeds = files(&dir);
    assert_eq!(seeds.len(), 3);
    for (file, data) in seeds {
        let table = ["measure", "boundary"][usize::from(data[0]) % 2];
        let text = std::str::from_utf8(&data[1..]).unwrap_or_else(|e| panic!("{file}: {e}"));
        let tree = ics_data::json::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        ics_data::testdata::core().read_wire_table(table, &tree).unwrap_or_else(|p| panic!("{file} ({table}): {p}"));
    }
    assert!(ics_data::testdata::core().read_wire_table("nope", &ics_data::json::Json::Null).is_err());
}
