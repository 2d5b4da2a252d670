//! Native only: the `ics-explorer` command line. Parses arguments, calls the build or the engine, prints.
//!
//! It holds no logic of its own beyond formatting: every figure it prints comes from the engine, so the
//! terminal and the page always agree.

use crate::build;
use std::path::PathBuf;

const USAGE: &str = "\
ics-explorer: compare England's 42 Integrated Care Systems

USAGE:
  ics-explorer build-data [--check] [--data DIR] [--root DIR]
      Build www/data/dataset.json and dataset.js from the raw extracts in data/.
      --check: change nothing; exit 1 if the shipped files are stale.
  ics-explorer serve [--port N] [--root DIR]
      Serve the explorer folder on http://127.0.0.1:N/ (default 8000).

Options common to all commands:
  --root DIR   the repository folder (default: the current directory)
";

pub fn main(args: Vec<String>) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            if e.contains("USAGE") {
                2
            } else {
                1
            }
        }
    }
}

struct Args {
    rest: Vec<String>,
}

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() != before
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(i) = self.rest.iter().position(|a| a == name) else { return Ok(None) };
        if i + 1 >= self.rest.len() {
            return Err(format!("{name} needs a value\n\n{USAGE}"));
        }
        let v = self.rest.remove(i + 1);
        self.rest.remove(i);
        Ok(Some(v))
    }

    fn done(self) -> Result<(), String> {
        match self.rest.first() {
            None => Ok(()),
            Some(a) => Err(format!("unexpected argument \"{a}\"\n\n{USAGE}")),
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else { return Err(format!("no command given\n\n{USAGE}")) };
    let mut a = Args { rest: rest.to_vec() };
    let root = PathBuf::from(a.value("--root")?.unwrap_or_else(|| ".".into()));
    match cmd.as_str() {
        "build-data" => {
            let check = a.flag("--check");
            let data = a.value("--data")?.map(PathBuf::from).unwrap_or_else(|| root.join("data"));
            a.done()?;
            let ds = build::build(&data)?;
            let stale = build::write(&ds, &root, check)?;
            if check && !stale.is_empty() {
                let list: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
                return Err(format!(
                    "the shipped dataset is stale against data/: {} differ. Run `cargo run --release -- build-data` and commit the result.",
                    list.join(", ")
                ));
            }
            let verb = if check { "up to date" } else if stale.is_empty() { "unchanged" } else { "written" };
            println!("dataset {verb}: {} ICSs, {} indicators, {} measures", ds.icss.len(), ds.indicators.len(), ds.measures.len());
            Ok(())
        }
        "serve" => {
            let port = match a.value("--port")? {
                Some(p) => p.parse::<u16>().map_err(|_| format!("--port must be a number from 0 to 65535, not \"{p}\""))?,
                None => 8000,
            };
            a.done()?;
            crate::serve::serve(&root, port)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
    }
}
