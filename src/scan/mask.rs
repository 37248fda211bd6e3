//! Masking matched text so a finding can be printed, logged and uploaded safely.
//!
//! Every output of `scan` (human, JSON, SARIF, annotations, the baseline) shows only the masked
//! excerpt. Secrets keep at most their public vendor prefix (`ghp_`, `AKIA`, `sk-ant-`), never a
//! character of the secret part, and the excerpt length does not reveal the secret's length
//! beyond a rough bucket. PII keeps a little shape (the first character, separators, the last
//! two or four digits of a number) so a reader can find it in the file.
//!
//! [`mask_secrets`] is the same masking for text that is not a finding: everything promptctl
//! writes that may carry a prompt's, a dataset's or a provider's text (cassettes, redacted run
//! records, errors, `--dry-run`, `providers list`) goes through it, so a key planted anywhere
//! is found by the scanner's own detectors and leaves with its vendor prefix at most.
//! [`mask_url_password`] masks the password of a URL's userinfo, which is never shown.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::scan::Family;

/// Public prefixes that identify a credential's vendor without revealing any of it.
const PUBLIC_PREFIXES: &[&str] = &[
    "sk-ant-api03-",
    "sk-ant-",
    "sk-proj-",
    "sk-svcacct-",
    "sk-",
    "AKIA",
    "ASIA",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxr-",
    "xoxs-",
    "sk_live_",
    "rk_live_",
    "sk_test_",
    "AIza",
    "eyJ",
    "-----BEGIN",
];

/// Masks `matched` according to the family of the rule that found it.
pub fn mask(family: Family, matched: &str) -> String {
    match family {
        Family::Secret => mask_secret(matched),
        Family::Pii => mask_pii(matched),
        Family::Injection | Family::Policy | Family::Scan => shorten(matched, 80),
    }
}

/// Keeps only a known public prefix; the rest becomes `****`.
pub fn mask_secret(matched: &str) -> String {
    // Assignments (`password = "…"`): keep the name, mask the value.
    if let Some(cut) = matched.find(['=', ':']) {
        let (name, _) = matched.split_at(cut);
        if !name.is_empty()
            && name
                .trim()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
        {
            return format!("{} ****", &matched[..=cut]);
        }
    }
    let prefix = PUBLIC_PREFIXES
        .iter()
        .find(|p| matched.starts_with(*p))
        .copied()
        .unwrap_or("");
    if prefix == "-----BEGIN" {
        let label = matched
            .lines()
            .next()
            .unwrap_or("-----BEGIN PRIVATE KEY-----");
        return format!("{label} ****");
    }
    format!("{prefix}{MASK}")
}

/// What a masked secret is replaced with after its public prefix.
const MASK: &str = "****";

/// Replaces every secret the scanner's detectors find in `text`, and every URL userinfo
/// password, with its mask (see [`mask_secret`]); text without one is returned as is.
pub fn mask_secrets(text: &str) -> Cow<'_, str> {
    let text = mask_url_password(text);
    let matches: Vec<crate::scan::Match> = crate::scan::detect_all(&text)
        .into_iter()
        .filter(|m| m.rule.family == Family::Secret)
        .collect();
    if matches.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for m in matches {
        if m.start < done {
            // Overlaps a match already masked (a generic assignment around a vendor key).
            if m.end > done {
                done = m.end;
            }
            continue;
        }
        out.push_str(&text[done..m.start]);
        out.push_str(&mask_secret(&text[m.start..m.end]));
        done = m.end;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// Masks secrets in every string of a JSON value (keys and values), leaving its structure
/// valid: a request body or a record can be shown or written with no secret in it.
pub fn mask_json_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let Cow::Owned(masked) = mask_secrets(text) {
                *text = masked;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_json_strings),
        serde_json::Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                mask_json_strings(&mut item);
                map.insert(mask_secrets(&key).into_owned(), item);
            }
        }
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}

/// `scheme://user:password@`: the userinfo of a URL, password in group 2.
static URL_USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/?#@\s:]*):([^/?#@\s]*)@")
        .expect("built-in pattern compiles")
});

/// Masks the password in every URL's userinfo (`https://user:****@host`); the user name, host
/// and path stay, so the URL can still be recognised.
pub fn mask_url_password(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    URL_USERINFO.replace_all(text, |caps: &regex::Captures<'_>| {
        if caps[2].is_empty() {
            caps[0].to_owned()
        } else {
            format!("{}:{MASK}@", &caps[1])
        }
    })
}

/// Keeps the first character, separators and the last digits of numbers; stars the rest.
pub fn mask_pii(matched: &str) -> String {
    let chars: Vec<char> = matched.chars().collect();
    let alnum: usize = chars.iter().filter(|c| c.is_alphanumeric()).count();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    // Long numbers (cards, accounts) keep their last four, short ones their last two.
    let keep_tail = if digits >= 12 {
        4
    } else if alnum >= 8 {
        2
    } else {
        0
    };
    let mut seen = 0;
    let mut out = String::with_capacity(matched.len());
    for c in &chars {
        if c.is_alphanumeric() {
            seen += 1;
            let keep = seen == 1 && digits * 2 < alnum || seen > alnum - keep_tail;
            out.push(if keep { *c } else { '*' });
        } else {
            out.push(*c);
        }
    }
    shorten(&out, 80)
}

/// Cuts text to `max` characters with an ellipsis, and puts it on one line.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut out: String = one_line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_keep_only_the_vendor_prefix() {
        let key = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        let masked = mask(Family::Secret, key);
        assert_eq!(masked, "ghp_****");
        assert_eq!(mask_secret("zzzzzzzzzzzzzzzzzzzzzzzz"), "****");
    }

    #[test]
    fn assignments_keep_the_name() {
        assert_eq!(
            mask_secret("api_token = \"abcd1234efgh\""),
            "api_token = ****"
        );
        assert_eq!(mask_secret("password: hunter2hunter2"), "password: ****");
    }

    #[test]
    fn pem_keys_keep_the_header_only() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        assert_eq!(mask_secret(pem), "-----BEGIN RSA PRIVATE KEY----- ****");
    }

    #[test]
    fn pii_keeps_shape() {
        assert_eq!(mask_pii("4539 5787 6362 1486"), "**** **** **** 1486");
        assert_eq!(mask_pii("jane.doe@acme.io"), "j***.***@****.io");
        assert_eq!(mask_pii("536-22-1234"), "***-**-**34");
    }

    #[test]
    fn masked_text_never_contains_the_secret_body() {
        for secret in [
            "AKIAIOSFODNN7EXAMPLQ",
            "sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
        ] {
            let masked = mask_secret(secret);
            assert!(!masked.contains(&secret[secret.len() - 6..]), "{masked}");
        }
    }

    #[test]
    fn shorten_is_one_line() {
        assert_eq!(shorten("a\nb", 10), "a b");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    /// Fake keys of every shape the secret detectors know, built from pieces.
    fn planted() -> Vec<String> {
        let body = "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4rS6tU8vW0xY2z";
        vec![
            ["sk-ant-", "api03-", body].concat(),
            ["sk-", "proj-", body].concat(),
            ["AK", "IA", "R5ST2VW4XY6ZA7BC"].concat(),
            ["gh", "p_", &body[..30], "0vL2Ci"].concat(),
            ["gl", "pat-", &body[..20]].concat(),
            ["sk_", "live_", &body[..24]].concat(),
            ["AI", "za", &body[..35]].concat(),
        ]
    }

    #[test]
    fn mask_secrets_masks_every_detected_key_and_keeps_the_rest() {
        for key in planted() {
            let text = format!("Use {key} to call the API.\nThanks");
            let masked = mask_secrets(&text);
            assert!(!masked.contains(&key[key.len() - 12..]), "{masked}");
            assert!(masked.starts_with("Use ") && masked.ends_with("to call the API.\nThanks"));
            assert!(masked.contains(MASK), "{masked}");
        }
        assert!(matches!(mask_secrets("nothing to see"), Cow::Borrowed(_)));
    }

    #[test]
    fn pem_keys_cut_short_are_masked_whole() {
        let body = "MIIEowIBAAKCAQEAx8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7";
        let cut = format!(
            "expected `-----BEGIN RSA PRIVATE KEY-----\n{body}\n{}…`",
            &body[..9]
        );
        assert_eq!(
            mask_secrets(&cut),
            "expected `-----BEGIN RSA PRIVATE KEY----- ****…`"
        );
    }

    #[test]
    fn url_passwords_are_masked_and_the_rest_of_the_url_kept() {
        let password = ["hunter", "2-", "Zq9"].concat();
        let url = format!("https://svc:{password}@llm.internal:8443/v1?x=1");
        let masked = mask_url_password(&url);
        assert_eq!(masked, "https://svc:****@llm.internal:8443/v1?x=1");
        assert_eq!(
            mask_secrets(&format!("failed at {url}: refused")),
            "failed at https://svc:****@llm.internal:8443/v1?x=1: refused"
        );
        assert_eq!(mask_url_password("https://tok@host/"), "https://tok@host/");
        assert_eq!(mask_url_password("mail a@b.c: hi"), "mail a@b.c: hi");
    }
}
