//! Scans real Swedish news text (`tests/data/news/`: Språkbanken's Webbnyheter 2012, one
//! sentence per line) and prints every passage that the default policy would stop, with what
//! stopped it. News is public text that staff paste into AI services to
//! summarise; what sluss stops in it is either a named person's sensitive data (a court report)
//! or a false stop, and which it is must be judged by reading.
//!
//! `cargo run --release --example news_scan -- tests/data/news/tuning.txt [SENTENCES_PER_PASSAGE]`
//! (`-` for FILE reads standard input; 0 sentences per passage reads the file as one passage.)

use std::process::ExitCode;

use sluss::detect::{Confidence, Date, Detectors};
use sluss::policy::{ServicePolicy, Verdict, decide};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: news_scan FILE [SENTENCES_PER_PASSAGE]");
        return ExitCode::FAILURE;
    };
    // 0 reads the whole file as one passage (a document rather than a list of sentences).
    let per: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    // "-" reads standard input (one passage per line), for trying a sentence by hand.
    let read = if path == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    };
    let corpus = match read {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let detectors = match Detectors::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let policy = ServicePolicy::default();
    let today = Date {
        year: 2026,
        month: 12,
        day: 4,
    };
    let all: Vec<&str> = if per == 0 {
        vec![corpus.as_str()]
    } else {
        corpus.lines().collect()
    };
    let per = per.max(1);
    let (mut passages, mut stopped) = (0usize, 0usize);
    for chunk in all.chunks(per) {
        let text = chunk.join(" ");
        passages += 1;
        let findings = detectors.scan_on(&text, today);
        if !matches!(decide(&policy, &findings), Verdict::Block { .. }) {
            continue;
        }
        stopped += 1;
        println!("#{passages} {text}");
        for f in findings
            .iter()
            .filter(|f| f.confidence >= Confidence::Medium)
        {
            // Whom linkage tied the finding to (the start of that person's mention).
            let about = f
                .person
                .and_then(|p| text.get(p..))
                .map(|rest| rest.chars().take(24).collect::<String>());
            println!(
                "    {} {} {} {:?}{}",
                f.kind,
                f.rule,
                f.confidence.as_str(),
                text.get(f.span.clone()).unwrap_or("?"),
                about.map_or(String::new(), |a| format!(" → about {a:?}"))
            );
        }
    }
    println!(
        "stopped {stopped} of {passages} passages ({:.2} %)",
        100.0 * stopped as f64 / passages.max(1) as f64
    );
    ExitCode::SUCCESS
}
