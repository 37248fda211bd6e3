//! Every detector, the inline-allow parser and the whole scan of a prompt file, over arbitrary
//! input: nothing may panic, and every match must be a char-aligned range of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use promptctl::scan::{self, ScanInput, ScanOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in scan::detect_all(&text) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
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
