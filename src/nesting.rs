//! One limit on how deeply user YAML and JSON may nest, checked before any parser sees the text.
//!
//! The YAML scanner rescans its open flow levels at every token, so `[[[[…]]]]` 100,000 levels
//! deep (200 KB) takes minutes; the YAML deserializer and the recursive walkers over parsed
//! values go one stack frame per level. No front matter, dataset, spec, config or variables file
//! needs more than a few levels, so every read of user YAML (through [`crate::yaml::from_str`])
//! and of user JSON (variables files, datasets, bundles) calls [`check`] first: one linear pass
//! that refuses deeper text at the line and column where it crosses the limit. The limit is
//! below `serde_json`'s own recursion limit (128), so JSON gets the same message as YAML.

/// The deepest nesting accepted: block and flow collections together.
pub const MAX_DEPTH: usize = 100;

/// Text that nests deeper than [`MAX_DEPTH`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nesting deeper than {limit} levels")]
pub struct NestingError {
    /// 1-based line where the limit is crossed.
    pub line: usize,
    /// 1-based column (in characters) where the limit is crossed.
    pub column: usize,
    /// The limit.
    pub limit: usize,
}

/// Checks that YAML or JSON text nests at most [`MAX_DEPTH`] levels.
///
/// This follows YAML's structure closely enough to count, not to validate: block levels by
/// indentation and `- `/`? ` indicators, flow levels by brackets outside quoted scalars and
/// comments, and block scalars (`|`, `>`) as text. Malformed text is left to the parser.
pub fn check(text: &str) -> Result<(), NestingError> {
    check_with_limit(text, MAX_DEPTH)
}

fn check_with_limit(text: &str, limit: usize) -> Result<(), NestingError> {
    let mut blocks: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    let mut block_scalar: Option<usize> = None;
    let mut value_start = true;
    for (index, line) in text.split('\n').enumerate() {
        let b = line.as_bytes();
        let mut i = 0;
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let blank = b[indent..].iter().all(u8::is_ascii_whitespace);
        if quote.is_none() && flow == 0 {
            if let Some(parent) = block_scalar {
                if blank || indent > parent {
                    continue;
                }
                block_scalar = None;
            }
            if blank || b[indent] == b'#' {
                continue;
            }
            if line.starts_with("---") || line.starts_with("...") {
                blocks.clear();
                continue;
            }
            while blocks.last().is_some_and(|&open| open >= indent) {
                blocks.pop();
            }
            blocks.push(indent);
            i = indent;
            value_start = true;
        }
        let too_deep = |depth: usize, at: usize| {
            (depth > limit).then(|| NestingError {
                line: index + 1,
                column: line[..at].chars().count() + 1,
                limit,
            })
        };
        if let Some(error) = too_deep(blocks.len() + flow, i) {
            return Err(error);
        }
        while i < b.len() {
            let c = b[i];
            if let Some(q) = quote {
                if q == b'"' && c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                    value_start = false;
                }
                i += 1;
                continue;
            }
            let spaced = |at: usize| b.get(at).is_none_or(u8::is_ascii_whitespace);
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
                break;
            }
            if flow > 0 {
                match c {
                    b'[' | b'{' => {
                        flow += 1;
                        value_start = true;
                        if let Some(error) = too_deep(blocks.len() + flow, i) {
                            return Err(error);
                        }
                    }
                    b']' | b'}' => {
                        flow -= 1;
                        value_start = false;
                    }
                    b',' | b':' => value_start = true,
                    b'"' | b'\'' if value_start => quote = Some(c),
                    b'?' if value_start => {}
                    _ => value_start = false,
                }
                i += 1;
                continue;
            }
            if value_start {
                match c {
                    b'-' | b'?' if spaced(i + 1) => {
                        blocks.push(i + 1);
                        if let Some(error) = too_deep(blocks.len(), i) {
                            return Err(error);
                        }
                    }
                    b'[' | b'{' => {
                        flow = 1;
                        if let Some(error) = too_deep(blocks.len() + flow, i) {
                            return Err(error);
                        }
                    }
                    b'"' | b'\'' => quote = Some(c),
                    b'|' | b'>' => {
                        block_scalar = Some(indent);
                        break;
                    }
                    // Anchors, aliases and tags come before the value they name.
                    b'&' | b'*' | b'!' => {
                        while b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                            i += 1;
                        }
                        continue;
                    }
                    b':' if spaced(i + 1) => {}
                    _ => value_start = false,
                }
            } else if c == b':' && spaced(i + 1) {
                value_start = true;
            }
            i += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str, limit: usize) -> Option<(usize, usize)> {
        check_with_limit(text, limit)
            .err()
            .map(|e| (e.line, e.column))
    }

    #[test]
    fn flow_nesting_past_the_limit_is_refused_where_it_crosses() {
        assert_eq!(depth_error("x: [[[1]]]\n", 4), None);
        assert_eq!(depth_error("x: [[[[1]]]]\n", 4), Some((1, 7)));
        assert_eq!(
            depth_error("a: 1\nx: {a: {a: {a: {a: 1}}}}\n", 4),
            Some((2, 16))
        );
        let json = format!("{{\"x\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let err = check(&json).unwrap_err();
        assert_eq!((err.line, err.limit), (1, MAX_DEPTH));
        assert_eq!(err.to_string(), "nesting deeper than 100 levels");
    }

    #[test]
    fn block_nesting_counts_indentation_and_dash_indicators() {
        assert_eq!(depth_error("a:\n  b:\n    c: 1\n  d: 2\n", 3), None);
        assert_eq!(
            depth_error("a:\n  b:\n    c:\n      d: 1\n", 3),
            Some((4, 7))
        );
        assert_eq!(depth_error("- - - x\n", 3), Some((1, 5)));
        assert!(check(&format!("{}x\n", "- ".repeat(100_000))).is_err());
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let text = "a: \"[[[[\"\nb: '{{{{'\nc: it's [[[[ plain\n# [[[[\nd: |\n  [[[[\n    {{{{\ne: [\"]]]]\", 1]\n";
        assert_eq!(depth_error(text, 2), None);
        assert_eq!(depth_error("k: [\"a\", [[1]]]\n", 2), Some((1, 10)));
    }
}
