//! Times one fuzz target over a folder of inputs (a corpus): how long an input takes on average, at the median,
//! at the 99th percentile, and which inputs are slowest. What to look at before making a target faster.
//!   cargo run --release -p ics-fuzz --example replay -- <target> <folder> [limit]

use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target, folder, rest @ ..] = args.as_slice() else {
        eprintln!("usage: replay <target> <folder> [limit]; targets: {}", ics_fuzz::TARGETS.map(|t| t.0).join(", "));
        std::process::exit(2);
    };
    let Some(&(_, run)) = ics_fuzz::TARGETS.iter().find(|t| t.0 == target) else {
        eprintln!("no target \"{target}\": use one of {}", ics_fuzz::TARGETS.map(|t| t.0).join(", "));
        std::process::exit(2);
    };
    let limit: usize = rest.first().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let mut files: Vec<_> = match std::fs::read_dir(folder) {
        Ok(dir) => dir.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{folder}: {e}");
            std::process::exit(2);
        }
    };
    files.sort();
    files.truncate(limit);
    // The set-up of most targets (the shipped dataset read once) is not an input's time; a target that returns
    // early on no input (wire_tables) counts it in its first.
    run(&[]);
    let mut times: Vec<(f64, u64, String)> = Vec::new();
    for path in files {
        let Ok(data) = std::fs::read(&path) else { continue };
        let t = Instant::now();
        run(&data);
        times.push((t.elapsed().as_secs_f64() * 1e6, data.len() as u64, path.display().to_string()));
    }
    if times.is_empty() {
        eprintln!("{folder}: no inputs");
        std::process::exit(2);
    }
    let total: f64 = times.iter().map(|t| t.0).sum();
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].0;
    // Written, not printed: a closed pipe (`| head -1`) ends the output, not the program with a panic.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{target}: {} inputs, mean {:.0} µs, median {:.0} µs, p99 {:.0} µs, max {:.0} µs ({:.0} inputs/s)",
        times.len(),
        total / times.len() as f64,
        at(0.5),
        at(0.99),
        at(1.0),
        times.len() as f64 / (total / 1e6)
    );
    for (us, len, path) in times.iter().rev().take(5) {
        let _ = writeln!(out, "  {us:>9.0} µs  {len:>8} B  {path}");
    }
}
