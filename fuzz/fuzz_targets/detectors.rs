//! Every detector, the inline-allow parser and the whole scan of a prompt file, over arbitrary
//! input: nothing may panic, every match must be a char-aligned range of the input, and the
//! shared prefilters must find exactly what the detectors find on the whole text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptctl::scan::{self, ScanInput, ScanOptions, ScanText};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in scan::detect_all(&text) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    assert_eq!(
        scan::detect_prepared(&ScanText::new(&text)),
        scan::detect_prepared(&ScanText::exhaustive(&text)),
        "prefilters changed what was found"
    );
    let _ = scan::suppress::inline_allows(&text);
    let input = ScanInput {
        path: "prompts/fuzz.prompt".into(),
        text: text.into_owned(),
        commit: None,
    };
    let options = ScanOptions {
        prompts_dir: "prompts".to_owned(),
        ..ScanOptions::default()
    };
    let _ = scan::scan(&[input], &options, None);
});
