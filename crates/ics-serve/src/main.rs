//! `ics-serve [--port N] [--root DIR]`: serves the explorer folder on 127.0.0.1 (default port 8000, root `.`).
//! The same server as `ics-explorer serve`, built alone so that `scripts/serve.sh` needs seconds, not minutes.

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut port, mut root) = (8000u16, std::path::PathBuf::from("."));
    while let Some(a) = args.next() {
        let value = args.next();
        let ok = match (a.as_str(), value) {
            ("--port", Some(p)) => p.parse().map(|p| port = p).is_ok(),
            ("--root", Some(r)) => {
                root = r.into();
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("usage: ics-serve [--port N] [--root DIR]  (N from 0 to 65535)");
            std::process::exit(2);
        }
    }
    if let Err(e) = ics_serve::serve(&root, port) {
        eprintln!("ics-serve: {e}");
        std::process::exit(1);
    }
}
