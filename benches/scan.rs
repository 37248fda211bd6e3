//! Throughput of the scanner's detectors (run by hand: `cargo bench --bench scan`).
//!
//! Reads every file of a corpus folder into memory, then times [`detect_all`] over all of it
//! (single thread, so the figure is per core), the shared prefilter pass alone, and each
//! detector alone on prepared texts, in MB/s. The corpus is
//! `SCAN_CORPUS=<dir>` or, by default, one made with `bench/scan_corpus.py` under
//! `target/scan-corpus/` (2,000 files × 1,000 lines, about 100 MB). Not a test: nothing here
//! asserts on time.
//!
//! `cargo bench --bench scan -- long-lines` times instead a whole scan (detectors, findings,
//! columns, suppressions) of one file that is a single 10 MB line (`LONG_LINE_MB` to change it)
//! of each shape that used to be quadratic: `GB82 ` repeated, street addresses, and keys.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use promptctl::scan::{DETECTORS, ScanInput, ScanOptions, ScanText, detect_all, scan};

fn corpus_dir() -> PathBuf {
    // A benchmark's knob, not the product's configuration.
    #[allow(clippy::disallowed_methods)]
    let chosen = std::env::var_os("SCAN_CORPUS");
    if let Some(dir) = chosen {
        return PathBuf::from(dir).join("corpus");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/scan-corpus");
    if !out.join("corpus").is_dir() {
        println!("generating the corpus with bench/scan_corpus.py ...");
        let status = Command::new("python3")
            .arg(root.join("bench/scan_corpus.py"))
            .arg(&out)
            .args(["--files", "2000", "--lines", "1000"])
            .args(["--plant-rate", "0.01", "--decoy-rate", "0.01"])
            .status()
            .expect("python3 runs");
        assert!(status.success(), "the corpus generator failed");
    }
    out.join("corpus")
}

fn read_all(dir: &Path, texts: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus folder is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_all(&path, texts);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            texts.push(text);
        }
    }
}

/// The single-line texts of `bench --bench scan -- long-lines`, `mb` megabytes each.
fn long_lines(mb: usize) -> Vec<(&'static str, String)> {
    let len = mb * 1_000_000;
    let fill = |piece: &dyn Fn(usize) -> String| {
        let mut text = String::with_capacity(len + 100);
        let mut i = 0;
        while text.len() < len {
            text.push_str(&piece(i));
            i += 1;
        }
        text
    };
    // Varied, deterministic base-62 text for key bodies.
    let token = |seed: usize, n: usize| -> String {
        const B62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut state = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from(B62[(state % 62) as usize])
            })
            .collect()
    };
    let streets = ["Maple Grove Road", "Elm Street", "Kingsway Ave", "Oak Lane"];
    vec![
        ("GB82 repeated", fill(&|_| "GB82 ".to_owned())),
        (
            "street addresses",
            fill(&|i| format!("lives at {} {} and ", 10 + i % 9000, streets[i % 4])),
        ),
        (
            "keys",
            fill(&|i| {
                format!(
                    "token = ghp_{}; api_key={} ",
                    token(i, 36),
                    token(i + 1, 24)
                )
            }),
        ),
    ]
}

/// Times a whole scan of each long single-line text.
fn bench_long_lines() {
    // A benchmark's knob, not the product's configuration.
    #[allow(clippy::disallowed_methods)]
    let mb = std::env::var("LONG_LINE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let options = ScanOptions::default();
    for (label, text) in long_lines(mb) {
        let input = ScanInput {
            path: PathBuf::from("long.txt"),
            text,
            commit: None,
        };
        let start = Instant::now();
        let report = scan(black_box(std::slice::from_ref(&input)), &options, None);
        let seconds = start.elapsed().as_secs_f64();
        #[allow(clippy::cast_precision_loss)]
        let megabytes = input.text.len() as f64 / 1e6;
        println!(
            "{label:<20} {megabytes:>6.1} MB on one line {:>9.2} s {:>8.1} MB/s {:>8} findings",
            seconds,
            megabytes / seconds,
            report.findings.len()
        );
    }
}

fn main() {
    if std::env::args().any(|a| a == "long-lines") {
        bench_long_lines();
        return;
    }
    let dir = corpus_dir();
    let mut texts = Vec::new();
    read_all(&dir, &mut texts);
    let bytes: usize = texts.iter().map(String::len).sum();
    #[allow(clippy::cast_precision_loss)]
    let megabytes = bytes as f64 / 1e6;
    println!(
        "{} files, {megabytes:.1} MB from {}",
        texts.len(),
        dir.display()
    );

    let rate = |label: &str, f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let mut found = 0;
        for text in &texts {
            found += f(black_box(text));
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{label:<28} {:>8.1} MB/s {:>9.1} ms {found:>8} matches",
            megabytes / seconds,
            seconds * 1e3
        );
    };
    // Warm the lazily compiled patterns outside the timings.
    let _ = detect_all("warm up 4111 1111 1111 1111 jane@example.org");
    rate("detect_all (prepare + detect)", &|t| detect_all(t).len());
    let start = Instant::now();
    let prepared: Vec<ScanText<'_>> = texts.iter().map(|t| ScanText::new(t)).collect();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{:<28} {:>8.1} MB/s {:>9.1} ms",
        "prepare (digits, keywords)",
        megabytes / seconds,
        seconds * 1e3
    );
    for detector in DETECTORS {
        let start = Instant::now();
        let mut found = 0;
        for text in &prepared {
            let mut out = Vec::new();
            detector.detect(black_box(text), &mut out);
            found += out.len();
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "  {:<26} {:>8.1} MB/s {:>9.1} ms {found:>8} matches",
            detector.rules()[0].id,
            megabytes / seconds,
            seconds * 1e3
        );
    }
}
