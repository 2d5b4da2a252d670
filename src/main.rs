//! The `ics-explorer` command: builds the dataset, serves the page, and answers questions from the terminal.

fn main() {
    std::process::exit(ics_explorer::cli::main(std::env::args().skip(1).collect()));
}
