//! Secret detectors: vendor API keys and tokens, keys recognised by context (AWS secret keys,
//! Azure keys), PEM private keys, JWTs and generic high-entropy `key = value` assignments.
//!
//! Vendor keys are found by their public prefix: one Aho-Corasick automaton over every prefix
//! finds candidates, then only that vendor's pattern runs, anchored at the candidate. Matches
//! that look like placeholders (`EXAMPLE`, `xxxx`, `your-key-here`, sequences like `abcdef…`, or
//! too little entropy) are decoys. Nothing here stores or returns a secret except as a byte
//! range; the engine masks it before it leaves the scanner.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use crate::finding::Severity;
use crate::scan::checksum;
use crate::scan::prefilter::{Pattern, Piece, ScanText, Topic, every_start};
use crate::scan::{Confidence, Detector, Family, Match, RuleInfo};

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

const fn secret_rule(
    id: &'static str,
    confidence: Confidence,
    summary: &'static str,
    why: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        family: Family::Secret,
        severity: Severity::Error,
        confidence,
        summary,
        why,
        hint: "revoke the credential now (it is in git history), then load it from an environment variable or a secret store",
    }
}

/// Vendor-prefixed keys; the patterns below index into this table.
pub static VENDOR_RULES: [RuleInfo; 9] = [
    secret_rule(
        "secret/anthropic-api-key",
        Confidence::High,
        "An Anthropic API key.",
        "Anyone with the key can run models on your account and read its usage.",
    ),
    secret_rule(
        "secret/openai-api-key",
        Confidence::High,
        "An OpenAI API key.",
        "Anyone with the key can run models billed to your organization.",
    ),
    secret_rule(
        "secret/aws-access-key-id",
        Confidence::High,
        "An AWS access key id.",
        "An access key id is half of an AWS credential and names the account; the secret key is usually nearby.",
    ),
    secret_rule(
        "secret/github-token",
        Confidence::High,
        "A GitHub token (personal, OAuth, app or fine-grained).",
        "A GitHub token can read or push code, including private repositories.",
    ),
    secret_rule(
        "secret/gitlab-token",
        Confidence::High,
        "A GitLab token: personal, deploy, runner, CI job, trigger, feed, mail, agent, SCIM or OAuth application secret.",
        "A GitLab token can read or push code and run pipelines.",
    ),
    secret_rule(
        "secret/slack-token",
        Confidence::High,
        "A Slack token or incoming-webhook URL.",
        "A Slack token or webhook can read or post messages in your workspace.",
    ),
    secret_rule(
        "secret/stripe-live-key",
        Confidence::High,
        "A Stripe live secret or restricted key.",
        "A live Stripe key can move money and read customer payment data.",
    ),
    secret_rule(
        "secret/google-api-key",
        Confidence::High,
        "A Google API key.",
        "A Google API key bills usage of Maps, Gemini and other APIs to your project.",
    ),
    secret_rule(
        "secret/npm-token",
        Confidence::High,
        "An npm access token (`npm_` with a CRC-32 checksum).",
        "An npm token can publish packages under your name: a supply-chain attack on everyone who installs them.",
    ),
];

/// `(prefix, anchored pattern, index into VENDOR_RULES)`.
const VENDOR_PATTERNS: &[(&str, &str, usize)] = &[
    // Anthropic keys: a kind and version (`api03`, `admin01`), then the secret. Issued keys
    // have 93 characters and `AA`, but the prefix alone is specific: a truncated key is still
    // reported (and masked wherever promptctl writes text).
    (
        "sk-ant-",
        r"^sk-ant-[a-z]{3,8}[0-9]{2}-[A-Za-z0-9_\-]{32,200}",
        0,
    ),
    (
        "sk-",
        r"^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,250}|^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|^sk-[A-Za-z0-9]{48}",
        1,
    ),
    ("AKIA", r"^AKIA[A-Z2-7]{16}", 2),
    ("ASIA", r"^ASIA[A-Z2-7]{16}", 2),
    ("ghp_", r"^ghp_[A-Za-z0-9]{36}", 3),
    ("gho_", r"^gho_[A-Za-z0-9]{36}", 3),
    ("ghu_", r"^ghu_[A-Za-z0-9]{36}", 3),
    ("ghs_", r"^ghs_[A-Za-z0-9]{36}", 3),
    ("ghr_", r"^ghr_[A-Za-z0-9]{36}", 3),
    (
        "github_pat_",
        r"^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
        3,
    ),
    // GitLab's token prefixes and the lengths GitLab issues.
    ("glpat-", r"^glpat-[A-Za-z0-9_\-]{20,64}", 4),
    ("gldt-", r"^gldt-[A-Za-z0-9_\-]{20,64}", 4),
    ("glrt-", r"^glrt-[A-Za-z0-9_\-]{20,64}", 4),
    (
        "glcbt-",
        r"^glcbt-(?:[0-9a-fA-F]{1,5}_)?[A-Za-z0-9_\-]{20,64}",
        4,
    ),
    ("glft-", r"^glft-[A-Za-z0-9_\-]{20,64}", 4),
    ("glsoat-", r"^glsoat-[A-Za-z0-9_\-]{20,64}", 4),
    ("glffct-", r"^glffct-[A-Za-z0-9_\-]{20,64}", 4),
    ("glimt-", r"^glimt-[A-Za-z0-9_\-]{25}", 4),
    ("glptt-", r"^glptt-[A-Za-z0-9_\-]{40}", 4),
    ("gloas-", r"^gloas-[A-Za-z0-9_\-]{64}", 4),
    ("glagent-", r"^glagent-[A-Za-z0-9_\-]{50,1024}", 4),
    ("GR1348941", r"^GR1348941[A-Za-z0-9_\-]{20,64}", 4),
    ("npm_", r"^npm_[A-Za-z0-9]{36}", 8),
    (
        "xox",
        r"^xox[baprs]-[0-9]{8,13}-[0-9]{8,13}(?:-[0-9]{8,13})?-[A-Za-z0-9]{24,34}",
        5,
    ),
    (
        "hooks.slack.com/services/",
        r"^hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{24}",
        5,
    ),
    // Workflow Builder webhooks: team, app, trigger id, then the secret.
    (
        "hooks.slack.com/workflows/",
        r"^hooks\.slack\.com/workflows/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/[0-9]{15,20}/[A-Za-z0-9]{24}",
        5,
    ),
    (
        "hooks.slack.com/triggers/",
        r"^hooks\.slack\.com/triggers/T[A-Z0-9]{6,12}/[0-9]{10,20}/[A-Za-z0-9]{32}",
        5,
    ),
    ("sk_live_", r"^sk_live_[A-Za-z0-9]{24,99}", 6),
    ("rk_live_", r"^rk_live_[A-Za-z0-9]{24,99}", 6),
    ("AIza", r"^AIza[0-9A-Za-z_\-]{35}", 7),
];

/// The vendor prefixes, searched leftmost-first (see [`every_start`]).
static VENDOR_PREFIXES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(VENDOR_PATTERNS.iter().map(|(p, _, _)| *p))
        .expect("built-in prefixes compile")
});
/// Pattern indexes by prefix length, shortest first: the order candidates starting at one
/// offset are tried in.
static VENDOR_BY_LENGTH: LazyLock<Vec<usize>> = LazyLock::new(|| {
    let mut order: Vec<usize> = (0..VENDOR_PATTERNS.len()).collect();
    order.sort_by_key(|i| VENDOR_PATTERNS[*i].0.len());
    order
});
static VENDOR_REGEXES: LazyLock<Vec<Regex>> =
    LazyLock::new(|| VENDOR_PATTERNS.iter().map(|(_, p, _)| regex(p)).collect());

/// Shannon entropy in bits per character.
pub fn entropy(text: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut total = 0u32;
    for b in text.bytes() {
        counts[usize::from(b)] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = f64::from(*c) / total;
            -p * p.log2()
        })
        .sum()
}

/// Substrings that mark a value as a placeholder rather than a credential.
const MARKERS: &[&str] = &[
    "example",
    "xxxx",
    "your",
    "placeholder",
    "redacted",
    "dummy",
    "sample",
    "changeme",
    "change_me",
    "replace",
    "insert",
    "fake",
    "test1234",
    "****",
    "...",
    "<",
    ">",
    "${",
    "{{",
    "%s",
    "todo",
    "0000000000",
];

/// Whether a secret body is a placeholder: documentation markers, masks, or a typed sequence.
pub fn placeholder(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // Typed runs: `abcdefgh`, `12345678`, or one character repeated.
    let bytes = body.as_bytes();
    let mut run = 1;
    for w in bytes.windows(2) {
        if w[1] == w[0].wrapping_add(1) || w[1] == w[0] {
            run += 1;
            if run >= 8 {
                return true;
            }
        } else {
            run = 1;
        }
    }
    false
}

/// API keys and tokens recognised by a vendor prefix.
#[derive(Debug)]
pub struct VendorKeys;

impl Detector for VendorKeys {
    fn rules(&self) -> &'static [RuleInfo] {
        &VENDOR_RULES
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        let mut last_end = 0;
        // Every offset where some prefix starts, then every prefix that starts there, shortest
        // first.
        for hit in every_start(&VENDOR_PREFIXES, text.as_bytes()) {
            let start = hit.start();
            if start < last_end {
                continue;
            }
            for &index in VENDOR_BY_LENGTH.iter() {
                if !text[start..].starts_with(VENDOR_PATTERNS[index].0) {
                    continue;
                }
                if let Some(end) = vendor_key_at(text, start, index) {
                    out.push(Match {
                        rule: &VENDOR_RULES[VENDOR_PATTERNS[index].2],
                        start,
                        end,
                    });
                    last_end = end;
                    break;
                }
            }
        }
    }
}

/// The end of a key of vendor pattern `index` starting at `start`, if one is there.
fn vendor_key_at(text: &str, start: usize, index: usize) -> Option<usize> {
    let (prefix, _, rule) = VENDOR_PATTERNS[index];
    let glued = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    // Slack webhooks follow `https://`; everything else must start a token.
    if glued && !prefix.starts_with("hooks.") {
        return None;
    }
    let mut window_end = text.len().min(start + 400);
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let m = VENDOR_REGEXES[index].find(&text[start..window_end])?;
    let end = start + m.end();
    let token = m.as_str();
    let tail_glued = text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let body = &token[prefix.len().min(token.len())..];
    // Placeholders are caught by `placeholder`; the prefix and shape carry the rest, so the
    // entropy bar only removes typed-in filler (a 16-character AWS id can be 2.8).
    // A GitLab token of a fixed length goes on with `_` or `-` when it is longer than that.
    let tail_glued = tail_glued || rule == 4 && text[end..].starts_with(['_', '-']);
    if tail_glued && rule != 1 && rule != 0 || placeholder(body) || entropy(body) < 2.5 {
        return None;
    }
    // Classic GitHub tokens end in a CRC-32 of their body; fine-grained ones (`github_pat_`)
    // have no published checksum and keep the shape check alone.
    // npm's tokens use the same scheme.
    if (prefix == "npm_" || prefix.len() == 4 && prefix.starts_with("gh"))
        && !checksum::github_token(body)
    {
        return None;
    }
    Some(end)
}

// ---------------------------------------------------------------------------------------------

/// Keys that have no prefix and are only recognisable next to their vendor's name.
pub static CONTEXT_RULES: [RuleInfo; 2] = [
    secret_rule(
        "secret/aws-secret-access-key",
        Confidence::Medium,
        "An AWS secret access key (40 characters assigned to an AWS secret name).",
        "With the access key id, this is a full AWS credential.",
    ),
    secret_rule(
        "secret/azure-key",
        Confidence::Medium,
        "An Azure key (storage account key, or a key assigned to an Azure setting).",
        "Azure keys grant access to storage accounts, Cognitive Services and Azure OpenAI deployments.",
    ),
];

/// AWS secret access keys and Azure keys, found by the name they are assigned to.
#[derive(Debug)]
pub struct ContextKeys;

/// The words the context patterns start with ([`Topic::CloudKey`]).
pub const CLOUD_WORDS: &[&str] = &["aws", "azure", "accountkey"];
static AWS_SECRET_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)aws[a-z0-9_\-. ]{0,20}?(?:secret|sk)[a-z0-9_\-. ]{0,20}?["']?\s*(?:=|:|=>)\s*["']?([A-Za-z0-9/+]{40})(?:["'\s,;]|$)"#,
    )
});
static AZURE_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r#"(?i)(?:accountkey=([A-Za-z0-9+/]{86}==)|azure[a-z0-9_\-. ]{0,30}?(?:key|secret|token)[a-z0-9_\-]{0,10}["']?\s*(?:=|:|=>)\s*["']?([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==|[a-f0-9]{32}|[A-Za-z0-9]{84}))"#,
    )
});

impl Detector for ContextKeys {
    fn rules(&self) -> &'static [RuleInfo] {
        &CONTEXT_RULES
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        if !scan.mentions(Topic::CloudKey) {
            return;
        }
        // Both patterns start with their vendor's name: try them where the names are.
        let anchors = scan.anchors(Topic::CloudKey);
        let mut push = |m: Piece<'_>, rule: &'static RuleInfo| {
            let value = m.as_str();
            let threshold = if value.bytes().all(|b| b.is_ascii_hexdigit()) {
                3.0
            } else {
                3.5
            };
            if !placeholder(value) && entropy(value) >= threshold {
                out.push(Match {
                    rule,
                    start: m.start(),
                    end: m.end(),
                });
            }
        };
        for caps in AWS_SECRET_RE.captures_at(text, &anchors) {
            if let Some(value) = caps.get(1) {
                push(value, &CONTEXT_RULES[0]);
            }
        }
        for caps in AZURE_RE.captures_at(text, &anchors) {
            if let Some(value) = caps.get(1).or_else(|| caps.get(2)) {
                push(value, &CONTEXT_RULES[1]);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `secret/private-key`.
pub static PRIVATE_KEY: RuleInfo = secret_rule(
    "secret/private-key",
    Confidence::High,
    "A PEM private key block.",
    "A private key lets anyone impersonate the server, user or signer it belongs to.",
);

/// PEM private key blocks with a real body.
#[derive(Debug)]
pub struct PrivateKey;

static PEM_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----")
});

impl Detector for PrivateKey {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&PRIVATE_KEY)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        if !text.contains("-----BEGIN ") {
            return;
        }
        for caps in PEM_RE.captures_iter(text) {
            let (Some(header), Some(label)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let footer = format!("-----END {}-----", label.as_str());
            let rest = &text[header.end()..];
            // Without its footer (a key cut short, or quoted in part), the key is the run of
            // base64 lines after the header: the match covers it so masking removes it all.
            let (body, end) = if let Some(i) = rest.find(&footer) {
                (&rest[..i], header.end() + i + footer.len())
            } else {
                let run = rest
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric()
                            || c.is_whitespace()
                            || matches!(c, '+' | '/' | '=' | '\\'))
                    })
                    .unwrap_or(rest.len());
                let body = &rest[..run];
                (body, header.end() + body.trim_end().len())
            };
            let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            if body.len() < 40 || placeholder(&body) {
                continue;
            }
            out.push(Match {
                rule: &PRIVATE_KEY,
                start: header.start(),
                end,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `secret/jwt`.
pub static JWT: RuleInfo = secret_rule(
    "secret/jwt",
    Confidence::Medium,
    "A JSON Web Token (header decodes to JSON with `alg`).",
    "A JWT is a bearer credential: until it expires, whoever holds it is the user it names.",
);

/// JSON Web Tokens whose header decodes to a JSON object naming an algorithm.
#[derive(Debug)]
pub struct Jwt;

static JWT_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}"));

/// The signature of the example token on jwt.io and in countless tutorials.
const JWT_IO_EXAMPLE_SIGNATURE: &str = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/// Decodes unpadded base64url; `None` on any invalid character.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for b in text.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).unwrap_or(0));
        }
    }
    Some(out)
}

impl Detector for Jwt {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&JWT)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        if !text.contains("eyJ") {
            return;
        }
        for m in JWT_RE.find_iter(text) {
            let mut parts = m.as_str().split('.');
            let header = parts.next().and_then(base64url_decode);
            let signature = m.as_str().rsplit('.').next().unwrap_or("");
            let is_jwt = header
                .and_then(|h| serde_json::from_slice::<serde_json::Value>(&h).ok())
                .is_some_and(|h| h.get("alg").is_some());
            if is_jwt && signature != JWT_IO_EXAMPLE_SIGNATURE && !placeholder(signature) {
                out.push(Match {
                    rule: &JWT,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `secret/generic-assignment`.
pub static GENERIC: RuleInfo = secret_rule(
    "secret/generic-assignment",
    Confidence::Medium,
    "A high-entropy value assigned to a name like `key`, `token`, `secret` or `password`.",
    "Unrecognised credentials are still credentials; high-entropy values under these names almost always are.",
);

/// The entropy (bits per character) a generic value must reach to be reported.
pub const GENERIC_ENTROPY_THRESHOLD: f64 = 3.5;

/// High-entropy values assigned to key-like names.
#[derive(Debug)]
pub struct GenericAssignment;

/// Words one of which every credential name the pattern accepts contains ([`Topic::Credential`]).
pub const CREDENTIAL_WORDS: &[&str] = &[
    "key",
    "token",
    "secret",
    "passw",
    "pwd",
    "auth",
    "credential",
];
static GENERIC_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)(?-u:\b)[a-z0-9_.\-]*(?:api[_\-]?key|apikey|secret|token|passwd|password|pwd|access[_\-]?key|private[_\-]?key|auth[_\-]?key|credential)s?[a-z0-9_\-]*\\?["']?\s*(?:=|:|=>)\s*\\?["']?([^\s"'`,;{}()\[\]<>\\]{12,200})"#,
    )
});

impl Detector for GenericAssignment {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&GENERIC)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        for line in scan.keyword_lines(Topic::Credential) {
            if assigns_long_value(&text.as_bytes()[line.clone()]) {
                generic_in_line(text, line.start, line.end, out);
            }
        }
    }
}

/// Whether a line has an `=` or `:` followed (after spaces, a backslash and a quote) by at least
/// 12 bytes that can be a value: the cheapest necessary condition for the assignment pattern,
/// checked before running it.
fn assigns_long_value(line: &[u8]) -> bool {
    let value_byte = |b: &u8| {
        !b.is_ascii_whitespace()
            && !matches!(
                b,
                b'"' | b'\''
                    | b'`'
                    | b','
                    | b';'
                    | b'{'
                    | b'}'
                    | b'('
                    | b')'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'\\'
            )
    };
    memchr::memchr2_iter(b'=', b':', line).any(|at| {
        let mut rest = &line[at + 1..];
        // `=>`, then the spaces, backslash and quote the pattern allows. A value may contain
        // non-ASCII whitespace the pattern treats as a space; such values are rare, so any
        // byte of 0x80 and above counts as a value byte here, which only errs towards running
        // the pattern.
        if rest.first() == Some(&b'>') {
            rest = &rest[1..];
        }
        let skip = rest
            .iter()
            .position(|b| !(b.is_ascii_whitespace() || matches!(b, b'\\' | b'"' | b'\'')))
            .unwrap_or(rest.len());
        rest[skip..].iter().take_while(|b| value_byte(b)).count() >= 12
    })
}

/// Runs the assignment pattern over one line that contains a keyword.
fn generic_in_line(text: &str, line_start: usize, line_end: usize, out: &mut Vec<Match>) {
    {
        let line = &text[line_start..line_end];
        for caps in GENERIC_RE.captures_iter(line) {
            let (Some(whole), Some(value)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if names_a_reference(&line[whole.start()..value.start()]) {
                continue;
            }
            let v = value.as_str();
            let has_digit = v.bytes().any(|b| b.is_ascii_digit());
            let has_alpha = v.bytes().any(|b| b.is_ascii_alphabetic());
            let is_hex = v.bytes().all(|b| b.is_ascii_hexdigit());
            let threshold = if is_hex {
                3.0
            } else {
                GENERIC_ENTROPY_THRESHOLD
            };
            // `secret_length = X25519.secret_length`: a member of something else, by name.
            let member_access = v.contains('.')
                && v.split('.')
                    .all(|part| part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
                && v.rsplit('.').next().is_some_and(|last| {
                    last.len() >= 3 && last.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                });
            let looks_like_code = member_access
                || v.contains("://")
                || v.starts_with('/')
                || v.starts_with('$')
                || v.contains("process.env")
                || v.contains("environ")
                || std::path::Path::new(v).extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("yaml")
                });
            let mixed_case = v.bytes().any(|b| b.is_ascii_uppercase())
                && v.bytes().any(|b| b.is_ascii_lowercase())
                && v.len() >= 16;
            // A GitHub token whose checksum fails was judged by the vendor rule: a look-alike.
            let failed_checksum = v.len() == 40
                && ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
                    .iter()
                    .any(|p| v.starts_with(p))
                && !checksum::github_token(&v[4..]);
            if (has_digit || mixed_case)
                && has_alpha
                && !looks_like_code
                && !failed_checksum
                && !placeholder(v)
                && entropy(v) >= threshold
            {
                out.push(Match {
                    rule: &GENERIC,
                    start: line_start + whole.start(),
                    end: line_start + value.end(),
                });
            }
        }
    }
}

/// Words that, as the last word of an assignment's name, say the value is about a credential,
/// not the credential: its id (a Jenkins credential, a vault entry), its file, its length.
const REFERENCE_WORDS: &[&str] = &[
    "id", "ids", "name", "names", "file", "files", "path", "paths", "url", "uri", "length", "size",
    "type", "count",
];

/// Whether an assignment's name (`credentialsId: `, `token_file = `, `secretLength:`) ends in a
/// word of [`REFERENCE_WORDS`], starts with `public`/`publishable` (a key meant to be
/// published, such as a client-side token), or names a CSRF token (a per-session nonce a page
/// carries, not a credential). A word counts only as its own word: after `_`,
/// `-` or `.`, or capitalised in camelCase (`credentialId`, `tokenID`), never as the end of a
/// longer word (`paid`, `rename`).
fn names_a_reference(name_and_separator: &str) -> bool {
    let name = name_and_separator.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '=' | ':' | '>' | '"' | '\'' | '\\')
    });
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("public")
        || lower.starts_with("publishable")
        || lower.contains("csrf")
        || lower.contains("xsrf")
    {
        return true;
    }
    REFERENCE_WORDS.iter().any(|word| {
        let Some(rest) = lower.strip_suffix(word) else {
            return false;
        };
        let own_word = rest.is_empty() || rest.ends_with(['_', '-', '.']);
        // camelCase: the word starts with a capital in the original (`tokenFile`, `keyID`).
        let camel =
            !rest.is_empty() && name[rest.len()..].starts_with(|c: char| c.is_ascii_uppercase());
        own_word || camel
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(detector: &dyn Detector, text: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        detector.detect(&ScanText::new(text), &mut out);
        out.into_iter()
            .map(|m| (text[m.start..m.end].to_owned(), m.rule.id))
            .collect()
    }

    fn rules(detector: &dyn Detector, text: &str) -> Vec<&'static str> {
        found(detector, text).into_iter().map(|(_, r)| r).collect()
    }

    #[test]
    fn vendor_keys_true_cases() {
        let cases = [
            (
                "sk-ant-api03-Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7Fh9Gj2Kl4Zx6Cv8Bn0Mq-Vw_Rt3Yu7Io1Pa5Sd9Fg2HAA",
                "secret/anthropic-api-key",
            ),
            (
                "sk-proj-Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7",
                "secret/openai-api-key",
            ),
            ("AKIAZ7Q3LMN4RT5VWX2Y", "secret/aws-access-key-id"),
            (
                "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",
                "secret/github-token",
            ),
            (
                "ghs_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx",
                "secret/github-token",
            ),
            ("glpat-Xq8vLr2mZt5Kp9Wn3Yb7", "secret/gitlab-token"),
            (
                "xoxb-2837465019-4829371056-Xq8vLr2mZt5Kp9Wn3Yb7Hc1J",
                "secret/slack-token",
            ),
            (
                "sk_live_Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4",
                "secret/stripe-live-key",
            ),
            (
                "AIzaSyXq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Q",
                "secret/google-api-key",
            ),
        ];
        for (key, rule) in cases {
            let text = format!("config: key={key} end");
            assert_eq!(found(&VendorKeys, &text), [(key.to_owned(), rule)], "{key}");
        }
    }

    #[test]
    fn npm_tokens_are_found_only_with_their_checksum() {
        let good = "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";
        let text = format!("//registry.npmjs.org/:_authToken={good}\n");
        assert_eq!(rules(&VendorKeys, &text), ["secret/npm-token"]);
        assert!(
            rules(
                &VendorKeys,
                "token npm_Qm7Tz2Kp9Wn3Yb7Hc1Jd4Fg6Ls0QeRAoQ0pe here"
            )
            .is_empty()
        );
    }

    #[test]
    fn anthropic_keys_need_a_kind_and_version() {
        let body = "Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7";
        for key in [
            format!("sk-ant-api03-{body}"),
            format!("sk-ant-admin01-{body}"),
        ] {
            assert_eq!(
                rules(&VendorKeys, &key),
                ["secret/anthropic-api-key"],
                "{key}"
            );
        }
        assert!(rules(&VendorKeys, &format!("sk-ant-{body}")).is_empty());
    }

    #[test]
    fn gitlab_token_types_are_found_at_their_lengths() {
        for token in [
            "gldt-Hq7wLr2mZt5Kp9Wn3Yb7",
            "glrt-Hq7wLr2mZt5Kp9Wn3Yb7Hc",
            "glcbt-64_Hq7wLr2mZt5Kp9Wn3Yb7Hc",
            "glimt-Hq7wLr2mZt5Kp9Wn3Yb7Hc1Jd",
            "glptt-Hq7wLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Tz",
            "GR1348941Hq7wLr2mZt5Kp9Wn3Yb7",
        ] {
            assert_eq!(
                rules(&VendorKeys, &format!("t = {token}\n")),
                ["secret/gitlab-token"],
                "{token}"
            );
        }
        for token in [
            "glimt-Hq7wLr2mZt5Kp9Wn3Yb7Hc1Jd_28",
            "glptt-Hq7wLr2mZt5Kp9Wn3Yb7",
            "gldt-Hq7wLr2mZt5Kp",
        ] {
            assert!(
                rules(&VendorKeys, &format!("t = {token}\n")).is_empty(),
                "{token}"
            );
        }
    }

    #[test]
    fn slack_workflow_and_trigger_webhooks_are_found() {
        for url in [
            "https://hooks.slack.com/workflows/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",
            "https://hooks.slack.com/services/T024TTTTT/BBB72BBL/Xq8vLr2mZt5Kp9Wn3Yb7Hc1J",
        ] {
            assert_eq!(rules(&VendorKeys, url), ["secret/slack-token"], "{url}");
        }
        assert!(
            rules(
                &VendorKeys,
                "https://hooks.slack.com/workflows/T016M3G1GHZ/"
            )
            .is_empty()
        );
    }

    #[test]
    fn vendor_key_decoys() {
        for decoy in [
            "AKIAIOSFODNN7EXAMPLE",
            "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            // Right shape, wrong checksum: a look-alike, not an issued token.
            "ghp_R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r",
            "gho_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUy",
            "sk_test_Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4",
            "sk-your-key-here",
            "task-ant-api03",
            "AIzaYOUR_API_KEY_HERE_0000000000000000000",
            "glpat-REDACTEDREDACTEDREDA",
        ] {
            assert!(found(&VendorKeys, decoy).is_empty(), "{decoy}");
        }
    }

    #[test]
    fn context_keys() {
        assert_eq!(
            rules(
                &ContextKeys,
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8vLr2mZt"
            ),
            ["secret/aws-secret-access-key"]
        );
        assert_eq!(
            rules(
                &ContextKeys,
                "AZURE_OPENAI_KEY=3f9a1c7e5b2d4f8a6c0e9b1d3f5a7c9e"
            ),
            ["secret/azure-key"]
        );
        assert!(
            rules(
                &ContextKeys,
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            )
            .is_empty()
        );
        assert!(
            rules(
                &ContextKeys,
                "the secret is 3f9a1c7e5b2d4f8a6c0e9b1d3f5a7c9e"
            )
            .is_empty()
        );
    }

    #[test]
    fn private_keys() {
        let body = "MIIEowIBAAKCAQEAx8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7Fh9G";
        let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----");
        assert_eq!(rules(&PrivateKey, &pem), ["secret/private-key"]);
        assert!(
            rules(
                &PrivateKey,
                "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"
            )
            .is_empty()
        );
        assert!(
            rules(
                &PrivateKey,
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn jwts() {
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQ4MjkiLCJleHAiOjE5MDAwMDAwMDB9.c2lnbmF0dXJlLXZhbHVlLTQ4Mjk3MzE";
        assert_eq!(rules(&Jwt, &format!("Bearer {token}")), ["secret/jwt"]);
        let example = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assert!(rules(&Jwt, example).is_empty());
        assert!(
            rules(
                &Jwt,
                "eyJub3Rqc29u.eyJhbGciOiJIUzI1NiJ9.c2lnbmF0dXJlLXZhbHVl"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_github_token_with_a_wrong_checksum_is_no_secret_under_any_rule() {
        let text = "token: ghp_R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r\n";
        assert!(found(&VendorKeys, text).is_empty());
        assert!(found(&GenericAssignment, text).is_empty());
        let valid = "token: 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\n";
        assert_eq!(rules(&VendorKeys, valid), ["secret/github-token"]);
    }

    #[test]
    fn names_of_references_and_public_keys_hold_no_secret() {
        for text in [
            "credentialsId: 'ff083f76-7804-4ef1-80e4-fe975bb9141b'",
            "  \"credentialId\": \"B9mTcFSck2LzJO2S3ols63\",",
            "secret_ids = Xq8vLr2mZt5Kp9Wn3Yb7",
            "tokenID=Xq8vLr2mZt5Kp9Wn3Yb7",
            "publicToken = \"9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit\"",
            "<SourceFile TokenFile=\"RTL_INST_CODE_2024.cer\">",
            "secret_length = X25519.secret_length",
            "csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7",
        ] {
            assert!(rules(&GenericAssignment, text).is_empty(), "{text}");
        }
        for text in [
            "paid_token = Xq8vLr2mZt5Kp9Wn3Yb7",
            "api_key_paid = Xq8vLr2mZt5Kp9Wn3Yb7",
            "token_rename = Xq8vLr2mZt5Kp9Wn3Yb7",
            "SECRET_KEY = Xq8vLr2mZt5.Kp9Wn3Yb7",
        ] {
            assert_eq!(
                rules(&GenericAssignment, text),
                ["secret/generic-assignment"],
                "{text}"
            );
        }
    }

    #[test]
    fn generic_assignments() {
        assert_eq!(
            rules(&GenericAssignment, "db_password = \"Zq7#vLr2mZt5Kp9W\""),
            ["secret/generic-assignment"]
        );
        assert_eq!(
            rules(&GenericAssignment, "api_token: 9fK2xQ7LmZ4tR8vW1nB6"),
            ["secret/generic-assignment"]
        );
        for decoy in [
            "password: {{password}}",
            "token = process.env.API_TOKEN_VALUE",
            "secret_key = your-secret-key-here",
            "api_key: aaaaaaaaaaaaaaaaaaaa",
            "token_count: 12345678901234",
            "password = correcthorsebatterystaple",
            "auth_url: https://login.example.com/oauth2",
        ] {
            assert!(rules(&GenericAssignment, decoy).is_empty(), "{decoy}");
        }
    }

    #[test]
    fn entropy_and_placeholders() {
        assert!(entropy("aaaaaaaa") < 0.01);
        assert!(entropy("9fK2xQ7LmZ4tR8vW1nB6") > 4.0);
        assert!(placeholder("abcdefghij"));
        assert!(placeholder("AKIAIOSFODNN7EXAMPLE"));
        assert!(!placeholder("9fK2xQ7LmZ4tR8vW1nB6"));
    }

    #[test]
    fn base64url() {
        assert_eq!(base64url_decode("eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
        assert!(base64url_decode("e$").is_none());
    }
}
