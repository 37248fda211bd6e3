//! Suppressions that keep control: inline allows with reasons, config allowlists, and a baseline.
//!
//! - **Inline**: `{{!-- promptctl:allow secret/jwt test fixture for the auth prompt --}}` (or the
//!   same text in any comment syntax) silences the named rule on its own line and the next one.
//!   An allow without a rule or a reason suppresses nothing and is itself a finding, so every
//!   exception in the repository explains itself.
//! - **Allowlists** (`scan.allow` in `promptctl.yaml`): path globs that are not scanned, and
//!   regular expressions over the matched text that are not reported.
//! - **Baseline** (`scan --baseline FILE`): fingerprints of findings that already existed when
//!   the baseline was written. They are counted but do not fail the run; new findings do. The
//!   file holds rule, path, line and a hash, never the matched text.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::finding::{Location, Severity};
use crate::scan::{Confidence, Family, LineIndex, Origin, RuleInfo, ScanFinding, ScanInput};

/// `scan/allow-without-reason`.
pub static ALLOW_WITHOUT_REASON: RuleInfo = RuleInfo {
    id: "scan/allow-without-reason",
    family: Family::Scan,
    severity: Severity::Warning,
    confidence: Confidence::High,
    summary: "An inline `promptctl:allow` names no rule or gives no reason.",
    why: "An exception nobody can explain is an exception nobody can review; it suppresses nothing until it says which rule and why.",
    hint: "write `{{!-- promptctl:allow <rule-id> <why this is safe> --}}`",
};

/// Errors loading suppressions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An allowlist pattern is not a valid regular expression.
    #[error("invalid `scan.allow.patterns` entry `{pattern}`: {message}")]
    Pattern {
        /// The pattern.
        pattern: String,
        /// What the regex parser said.
        message: String,
    },
    /// The baseline file could not be read.
    #[error("cannot read the baseline `{}`", path.display())]
    ReadBaseline {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The baseline file is not a promptctl baseline.
    #[error("`{}` is not a promptctl scan baseline: {message}", path.display())]
    InvalidBaseline {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

// ---------------------------------------------------------------------------------------------

/// One inline `promptctl:allow` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineAllow {
    /// 1-based line of the comment.
    pub line: usize,
    /// 1-based column of `promptctl:allow`.
    pub column: usize,
    /// Byte offset of `promptctl:allow`.
    pub offset: usize,
    /// The rule id or pattern (`secret/*`, `pii`), if given.
    pub rule: Option<String>,
    /// The reason, if given.
    pub reason: Option<String>,
}

static ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"promptctl:allow(?:[ \t]+([A-Za-z0-9*][A-Za-z0-9_/*.\-]*))?(?:[ \t]+([^\n]*?))?[ \t]*(?:--\}\}|\}\}|-->|\*/|\n|$)")
        .expect("built-in pattern compiles")
});

/// Finds every inline allow in a text.
pub fn inline_allows(text: &str) -> Vec<InlineAllow> {
    if !text.contains("promptctl:allow") {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    ALLOW_RE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let (line, column) = lines.position(text, whole.start());
            let reason = caps
                .get(2)
                .map(|m| m.as_str().trim().to_owned())
                .filter(|r| !r.is_empty());
            Some(InlineAllow {
                line,
                column,
                offset: whole.start(),
                rule: caps.get(1).map(|m| m.as_str().to_owned()),
                reason,
            })
        })
        .collect()
}

/// Whether a rule id matches an allow or config pattern: exact, `family`, `family/*` or `*`.
pub fn rule_matches(pattern: &str, rule: &str) -> bool {
    pattern == "*"
        || pattern == rule
        || pattern
            .strip_suffix("/*")
            .or(Some(pattern))
            .is_some_and(|family| rule.split('/').next() == Some(family) && !family.contains('/'))
}

impl InlineAllow {
    /// Whether this allow silences `finding` (same or next line, matching rule, with a reason).
    pub fn covers(&self, finding: &ScanFinding) -> bool {
        let (Some(rule), Some(_)) = (&self.rule, &self.reason) else {
            return false;
        };
        let line = finding.finding.location.line;
        finding.finding.rule != ALLOW_WITHOUT_REASON.id
            && (line == self.line || line == self.line + 1)
            && rule_matches(rule, &finding.finding.rule)
    }

    /// The finding this allow is itself, when it lacks a rule or a reason.
    pub fn problem(&self, input: &ScanInput, _lines: &LineIndex) -> Option<ScanFinding> {
        if self.rule.is_some() && self.reason.is_some() {
            return None;
        }
        let mut f = crate::scan::build_finding(
            input,
            &ALLOW_WITHOUT_REASON,
            Location::at(&input.path, self.line, self.column),
            &format!("promptctl:allow@{}", self.offset),
            Origin::Source,
        );
        f.excerpt = match &self.rule {
            Some(rule) => format!("promptctl:allow {rule}"),
            None => "promptctl:allow".to_owned(),
        };
        f.finding.message = if self.rule.is_none() {
            "inline allow names no rule".to_owned()
        } else {
            "inline allow gives no reason".to_owned()
        };
        Some(f)
    }
}

/// The inline allows of a text by line, so a finding looks at the allows of its own line and
/// the one before, not at every allow in the text (which made a line with many findings and
/// many allows quadratic).
#[derive(Debug, Default)]
pub struct AllowIndex<'a> {
    /// Line -> the rule patterns of the allows on it that have a reason, each once.
    by_line: HashMap<usize, Vec<&'a str>>,
}

impl<'a> AllowIndex<'a> {
    /// Indexes `allows`; an allow without a rule or a reason suppresses nothing and is left out.
    pub fn new(allows: &'a [InlineAllow]) -> AllowIndex<'a> {
        let mut by_line: HashMap<usize, Vec<&'a str>> = HashMap::new();
        for allow in allows {
            if let (Some(rule), Some(_)) = (&allow.rule, &allow.reason) {
                let rules = by_line.entry(allow.line).or_default();
                if !rules.contains(&rule.as_str()) {
                    rules.push(rule);
                }
            }
        }
        AllowIndex { by_line }
    }

    /// Whether an allow silences `finding` (see [`InlineAllow::covers`]).
    pub fn covers(&self, finding: &ScanFinding) -> bool {
        let line = finding.finding.location.line;
        finding.finding.rule != ALLOW_WITHOUT_REASON.id
            && [Some(line), line.checked_sub(1)]
                .into_iter()
                .flatten()
                .filter_map(|l| self.by_line.get(&l))
                .flatten()
                .any(|rule| {
                    crate::work::add(1);
                    rule_matches(rule, &finding.finding.rule)
                })
    }
}

// ---------------------------------------------------------------------------------------------

/// Paths that are not scanned and matched texts that are not reported.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    paths: Vec<Regex>,
    patterns: Vec<Regex>,
}

impl Allowlist {
    /// Builds an allowlist from path globs and regular expressions over matched text.
    pub fn new(paths: &[String], patterns: &[String]) -> Result<Allowlist, Error> {
        let paths = paths
            .iter()
            .filter_map(|g| Regex::new(&glob_to_regex(g)).ok())
            .collect();
        let patterns = patterns
            .iter()
            .map(|p| {
                Regex::new(p).map_err(|e| Error::Pattern {
                    pattern: p.clone(),
                    message: e.to_string().lines().last().unwrap_or("").trim().to_owned(),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Allowlist { paths, patterns })
    }

    /// Whether a `/`-separated path is allowlisted (and so not scanned).
    pub fn path_allowed(&self, path: &str) -> bool {
        self.paths.iter().any(|r| r.is_match(path))
    }

    /// Whether a finding's matched text is allowlisted.
    pub fn excerpt_allowed(&self, finding: &ScanFinding) -> bool {
        !self.patterns.is_empty()
            && self
                .patterns
                .iter()
                .any(|r| r.is_match(finding.matched.expose()))
    }
}

/// Translates a gitignore-style glob (`*`, `**`, `?`; no slash means any folder) to a regex.
pub fn glob_to_regex(glob: &str) -> String {
    let mut glob = glob.trim().trim_start_matches("./").to_owned();
    if glob.ends_with('/') {
        glob.push_str("**");
    }
    let anchored = glob.contains('/');
    let glob = glob.trim_start_matches('/');
    let mut out = String::from("^");
    if !anchored {
        out.push_str("(?:.*/)?");
    }
    let chars: Vec<char> = glob.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                if chars.get(i + 2) == Some(&'/') {
                    out.push_str("(?:.*/)?");
                    i += 3;
                } else {
                    out.push_str(".*");
                    i += 2;
                }
                continue;
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    // A folder name also matches everything under it.
    out.push_str("(?:/.*)?$");
    out
}

/// Text that must never be printed: `Debug` shows `***`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redacted(String);

impl Redacted {
    /// Wraps text.
    pub fn new(text: &str) -> Redacted {
        Redacted(text.to_owned())
    }

    /// The text, for matching only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

// ---------------------------------------------------------------------------------------------

/// Accepted findings: the fingerprints in a baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

/// The baseline file format (`schema_version` 1).
#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    generated_by: Option<String>,
    findings: Vec<BaselineEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct BaselineEntry {
    path: String,
    line: usize,
    rule: String,
    fingerprint: String,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ReadBaseline {
            path: path.to_path_buf(),
            source,
        })?;
        Baseline::parse(&text).map_err(|message| Error::InvalidBaseline {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses a baseline read from somewhere other than the file system (the git index);
    /// `path` names it in errors.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Baseline, Error> {
        let text = String::from_utf8_lossy(bytes);
        Baseline::parse(&text).map_err(|message| Error::InvalidBaseline {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses baseline text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.schema_version != 1 {
            return Err(format!(
                "unsupported schema_version {} (expected 1)",
                file.schema_version
            ));
        }
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Whether a fingerprint is accepted.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// How many findings the baseline accepts.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// Whether the baseline accepts nothing.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// The baseline file text for a set of findings, sorted, ending with a newline.
    pub fn render(findings: &[ScanFinding], generated_by: &str) -> String {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                path: crate::scan::slash_path(&f.finding.location.path),
                line: f.finding.location.line,
                rule: f.finding.rule.clone(),
                fingerprint: f.fingerprint.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        let file = BaselineFile {
            schema_version: 1,
            generated_by: Some(generated_by.to_owned()),
            findings: entries,
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inline_allows_in_any_comment_style() {
        let text = "a\n{{!-- promptctl:allow secret/jwt fixture token for tests --}}\n# promptctl:allow pii/email\n<!-- promptctl:allow -->\n";
        let allows = inline_allows(text);
        assert_eq!(allows.len(), 3);
        assert_eq!(allows[0].line, 2);
        assert_eq!(allows[0].rule.as_deref(), Some("secret/jwt"));
        assert_eq!(allows[0].reason.as_deref(), Some("fixture token for tests"));
        assert_eq!(allows[1].rule.as_deref(), Some("pii/email"));
        assert_eq!(allows[1].reason, None);
        assert_eq!(allows[2].rule, None);
    }

    #[test]
    fn rule_patterns() {
        assert!(rule_matches("secret/jwt", "secret/jwt"));
        assert!(rule_matches("secret/*", "secret/jwt"));
        assert!(rule_matches("secret", "secret/jwt"));
        assert!(rule_matches("*", "pii/email"));
        assert!(!rule_matches("secret/*", "pii/email"));
        assert!(!rule_matches("secret/jw", "secret/jwt"));
    }

    #[test]
    fn globs() {
        let re = |g: &str| Regex::new(&glob_to_regex(g)).unwrap();
        assert!(re("tests/fixtures/**").is_match("tests/fixtures/a/b.txt"));
        assert!(re("tests/fixtures/").is_match("tests/fixtures/a.txt"));
        assert!(re("*.lock").is_match("deep/Cargo.lock"));
        assert!(!re("*.lock").is_match("deep/Cargo.locks"));
        assert!(re("prompts/*.prompt").is_match("prompts/a.prompt"));
        assert!(!re("prompts/*.prompt").is_match("prompts/x/a.prompt"));
        assert!(re("**/secret?.txt").is_match("a/b/secret1.txt"));
        assert!(re("docs").is_match("docs/guide.md"));
    }

    #[test]
    fn bad_pattern_is_an_error() {
        let err = Allowlist::new(&[], &["(".to_owned()]).unwrap_err();
        assert!(err.to_string().contains("`(`"), "{err}");
    }

    #[test]
    fn baseline_round_trip_and_errors() {
        assert!(Baseline::parse("{").is_err());
        assert!(Baseline::parse(r#"{"schema_version": 2, "findings": []}"#).is_err());
        let b = Baseline::parse(
            r#"{"schema_version": 1, "findings": [{"path": "a", "line": 1, "rule": "r", "fingerprint": "ff"}]}"#,
        )
        .unwrap();
        assert!(b.contains("ff"));
        assert_eq!(b.len(), 1);
        assert!(!b.is_empty());
    }

    #[test]
    fn redacted_debug_hides_text() {
        assert_eq!(format!("{:?}", Redacted::new("sk-live")), "***");
    }
}
