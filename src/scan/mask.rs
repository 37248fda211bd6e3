//! Masking matched text so a finding can be printed, logged and uploaded safely.
//!
//! Every output of `scan` (human, JSON, SARIF, annotations, the baseline) shows only the masked
//! excerpt. Secrets keep at most their public vendor prefix (`ghp_`, `AKIA`, `sk-ant-`), never a
//! character of the secret part, and the excerpt length does not reveal the secret's length
//! beyond a rough bucket. PII keeps a little shape (the first character, separators, the last
//! two or four digits of a number) so a reader can find it in the file.

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
    format!("{prefix}****")
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
}
