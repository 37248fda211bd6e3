//! PII detectors: emails, phone numbers, payment cards, US SSNs, IBANs, IP addresses, national
//! ids (UK NINO, Spanish DNI/NIE, Indian Aadhaar), dates of birth in context and street addresses.
//!
//! Precision comes from validation, not from the pattern: cards pass Luhn and an issuer's
//! prefix and length, IBANs pass ISO 13616 mod 97 at their country's length, SSNs and NINOs skip
//! ranges that are never issued, DNIs and Aadhaar numbers pass their check letter or digit.
//! Numbers published for testing or fiction (Stripe test cards, 555-01xx, Ofcom drama ranges,
//! RFC 5737/3849 documentation addresses, reserved example domains) are decoys and not reported:
//! a prompt that uses them has done the right thing.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Severity;
use crate::scan::checksum;
use crate::scan::prefilter::{Lead, NumberShape, Pattern, ScanText, Topic, Trail};
use crate::scan::{Confidence, Detector, Family, Match, RuleInfo, Spans};

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

/// Whether the byte before `at` is an ASCII upper-case letter.
fn upper_before(bytes: &[u8], at: usize) -> bool {
    at.checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(u8::is_ascii_uppercase)
}

/// The character before byte `at`, if any.
fn before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`, if any.
fn after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whether a number at `start..end` stands alone: not glued to letters, digits or more number
/// punctuation (so `v1.2.3.4`, `12-34-5678-9` and `A1234` don't count).
fn isolated(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    if glued(before(text, start)) || glued(after(text, end)) {
        return false;
    }
    // A separator followed by more digits means we matched part of a longer number.
    let continues = |sep: Option<char>, next: Option<char>| {
        matches!(sep, Some('-' | '.' | '/' | ',')) && next.is_some_and(|c| c.is_ascii_digit())
    };
    let prev_sep = before(text, start);
    let prev_prev = prev_sep.and_then(|c| before(text, start - c.len_utf8()));
    let next_sep = after(text, end);
    let next_next = next_sep.and_then(|c| after(text, end + c.len_utf8()));
    !continues(prev_sep, prev_prev) && !continues(next_sep, next_next)
}

fn digits_of(text: &str) -> Vec<u8> {
    text.bytes().filter(u8::is_ascii_digit).collect()
}

// ---------------------------------------------------------------------------------------------

/// `pii/email`.
pub static EMAIL: RuleInfo = RuleInfo {
    id: "pii/email",
    family: Family::Pii,
    severity: Severity::Warning,
    confidence: Confidence::High,
    summary: "An email address.",
    why: "Email addresses identify people; in a prompt they usually come from a pasted customer message or example and end up in provider logs.",
    hint: "replace it with a placeholder such as `jane@example.com`, or a variable",
};

/// Email addresses outside the reserved example domains.
#[derive(Debug)]
pub struct Email;

static EMAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i-u)(?-u:\b)[a-z0-9][a-z0-9._%+\-]{0,63}@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?-u:\b)",
    )
});

/// Domains reserved for documentation (RFC 2606, RFC 6761) and the like.
fn reserved_email_domain(domain: &str) -> bool {
    let domain = domain.to_ascii_lowercase();
    let reserved = ["example.com", "example.org", "example.net", "example.edu"];
    let reserved_tlds = [".example", ".test", ".invalid", ".localhost", ".local"];
    reserved
        .iter()
        .any(|r| domain == *r || domain.ends_with(&format!(".{r}")))
        || reserved_tlds.iter().any(|t| domain.ends_with(t))
        || domain == "example"
}

impl Detector for Email {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&EMAIL)
    }

    fn detect(&self, text: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = text.text();
        if !text.contains('@') {
            return;
        }
        for m in EMAIL_RE.find_iter(text) {
            let domain = m.as_str().rsplit('@').next().unwrap_or("");
            // `user@host` after `://` is URL credentials (reported by the secret rules if a
            // token), not an email address.
            if reserved_email_domain(domain)
                || matches!(before(text, m.start()), Some('@' | '/' | ':'))
            {
                continue;
            }
            out.push(Match {
                rule: &EMAIL,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/phone-number`.
pub static PHONE: RuleInfo = RuleInfo {
    id: "pii/phone-number",
    family: Family::Pii,
    severity: Severity::Warning,
    confidence: Confidence::Medium,
    summary: "A phone number.",
    why: "Phone numbers identify people and are often copied into few-shot examples from real conversations.",
    hint: "use a number from a fictional range (US 555-0100..0199, UK 07700 900xxx) or a variable",
};

/// Phone numbers: international numbers (`+` and a country code) of every country, and US and
/// UK national formats. The patterns only find candidates; libphonenumber's metadata (the
/// `phonenumber` crate) decides whether a candidate is a number its country assigns: the right
/// length and leading digits for a fixed-line, mobile or other number type. A run of digits cut
/// short, or with a prefix no operator uses, is not reported.
#[derive(Debug)]
pub struct Phone;

/// Loads libphonenumber's metadata now rather than when the first number is validated (see
/// [`crate::scan::start_warming`]): about half of a one-file scan's work.
pub(crate) fn load_phone_metadata() {
    let _ = phonenumber::metadata::DATABASE.by_code(&1);
}

/// Whether libphonenumber's metadata accepts the candidate as a valid number; `region` reads a
/// national number (no `+`) as that country's.
fn valid_number(candidate: &str, region: Option<phonenumber::country::Id>) -> bool {
    phonenumber::parse(region, candidate).is_ok_and(|number| phonenumber::is_valid(&number))
}

static PHONE_INTL_RE: LazyLock<Pattern> = LazyLock::new(|| {
    // Any grouping: a country's own way of writing its numbers is left to the validation. A
    // parenthesis is taken only as a pair around a group, so a `)` closing the sentence around
    // a number is not part of it.
    Pattern::new(r"\+[1-9][0-9]*(?:[ .\-]?(?:\([0-9]+\)|[0-9]+))*")
});
/// Digits after a `+`, in groups parted by up to three of `) .-(`.
const PHONE_INTL_SHAPE: NumberShape = NumberShape {
    lead: Lead::Bytes(1),
    around: |bytes, group| group.start.checked_sub(1).and_then(|i| bytes.get(i)) == Some(&b'+'),
    ..NumberShape::digits(b") .-(", 3, 8)
};
/// Ten or more digits in groups parted by `) `, `-`, `.` or a space, maybe after a `(`.
const PHONE_NATIONAL_SHAPE: NumberShape = NumberShape {
    lead: Lead::Bytes(1),
    ..NumberShape::digits(b") -.", 2, 10)
};
static PHONE_NATIONAL_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(concat!(
        r"(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[\-.])[2-9][0-9]{2}[\-.][0-9]{4}",
        r"|0[1-9][0-9]{2,3} ?[0-9]{3} ?[0-9]{3,4}|0[1-9][0-9] ?[0-9]{4} ?[0-9]{4}",
    ))
});

/// Ofcom's drama ranges, as national-number prefixes.
const UK_DRAMA: &[&str] = &[
    "07700900", "02079460", "01134960", "01144960", "01154960", "01164960", "01174960", "01184960",
    "01214960", "01314960", "01414960", "01514960", "01614960", "02890180", "02920180", "01632960",
    "03069990", "08081570", "09098790",
];

/// Ranges set aside for drama and documentation: US 555-0100..0199, Ofcom's UK drama ranges.
fn fictional_phone(digits: &[u8]) -> bool {
    let text = String::from_utf8_lossy(digits);
    let national = if let Some(rest) = text.strip_prefix("44") {
        format!("0{rest}")
    } else if text.len() == 11 && text.starts_with('1') {
        text[1..].to_owned()
    } else {
        text.into_owned()
    };
    if national.len() == 10 && !national.starts_with('0') {
        return &national[3..6] == "555" && national[6..].starts_with("01");
    }
    UK_DRAMA.iter().any(|p| national.starts_with(p))
}

impl Detector for Phone {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&PHONE)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        // A phone number is not reported where another match already is (an earlier detector's,
        // or an international number the national pattern matches part of). Looked up in
        // indexes, not by comparing with every match so far: that was quadratic on a long line.
        let earlier = Spans::new(out.iter().map(|m| (m.start, m.end)));
        // Phone numbers found so far, by start; they never overlap one another.
        let mut phones: BTreeMap<usize, usize> = BTreeMap::new();
        let mut push = |start: usize, end: usize, min: usize, max: usize| {
            use phonenumber::country::Id;
            let digits = digits_of(&text[start..end]);
            let candidate = &text[start..end];
            if (min..=max).contains(&digits.len())
                && isolated(text, start, end)
                && !fictional_phone(&digits)
                && !earlier.overlaps(start, end)
                && phones
                    .range(..end)
                    .next_back()
                    .is_none_or(|(_, found_end)| *found_end <= start)
                && if candidate.starts_with('+') {
                    valid_number(candidate, None)
                } else {
                    valid_number(candidate, Some(Id::US)) || valid_number(candidate, Some(Id::GB))
                }
            {
                phones.insert(start, end);
                out.push(Match {
                    rule: &PHONE,
                    start,
                    end,
                });
            }
        };
        if text.contains('+') {
            let windows = scan.number_windows(&PHONE_INTL_SHAPE);
            for m in PHONE_INTL_RE.find_in(text, &windows) {
                push(m.start(), m.end(), 8, 15);
            }
        }
        let windows = scan.number_windows(&PHONE_NATIONAL_SHAPE);
        for m in PHONE_NATIONAL_RE.find_in(text, &windows) {
            // A national number right after `+44 ` was part of an international one.
            if before(text, m.start()).is_some_and(|c| c == '+') {
                continue;
            }
            push(m.start(), m.end(), 10, 11);
        }
    }
}

/// The region of an ISO 3166 code (`IN`, `de`) that libphonenumber has metadata for.
pub fn phone_region(code: &str) -> Option<phonenumber::country::Id> {
    let id: phonenumber::country::Id = code.trim().to_ascii_uppercase().parse().ok()?;
    phonenumber::metadata::DATABASE.by_id(id.as_ref())?;
    Some(id)
}

/// A run of digit groups that may be a national number: an optional area code in parentheses,
/// then groups parted by a space, dash, dot or slash.
static PHONE_REGIONAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\(0?[0-9]{1,5}\)[ \-./]?)?[0-9]{2,}(?:[ \-./][0-9]{2,})*")
        .expect("built-in pattern compiles")
});

/// National phone numbers (no `+`) of the configured regions (`scan.phone_regions`): every
/// run of digit groups of a plausible length that libphonenumber validates as a number of one
/// of the regions, where no match of `earlier` already is. The built-in detector reads national
/// numbers as US or UK ones only; an Indian `98765 43210` or a German `030 1234567` needs the
/// region named.
pub fn regional_phones(
    text: &str,
    regions: &[phonenumber::country::Id],
    earlier: &[Match],
) -> Vec<Match> {
    if regions.is_empty() {
        return Vec::new();
    }
    let earlier = Spans::new(earlier.iter().map(|m| (m.start, m.end)));
    let mut out = Vec::new();
    for m in PHONE_REGIONAL_RE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let digits = digits_of(m.as_str());
        if !(6..=13).contains(&digits.len())
            || !isolated(text, start, end)
            || before(text, start) == Some('+')
            || fictional_phone(&digits)
            || earlier.overlaps(start, end)
        {
            continue;
        }
        if regions.iter().any(|r| valid_number(m.as_str(), Some(*r))) {
            out.push(Match {
                rule: &PHONE,
                start,
                end,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------

/// `pii/payment-card`.
pub static CARD: RuleInfo = RuleInfo {
    id: "pii/payment-card",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "A payment card number (Luhn-valid, known issuer prefix and length).",
    why: "Card numbers are regulated (PCI DSS): storing one in a repository or sending it to a model provider puts the whole pipeline in scope.",
    hint: "use a documented test number (e.g. 4242 4242 4242 4242) or a variable",
};

/// Payment card numbers: 13–19 digits, Luhn-valid, with a known issuer prefix and length.
#[derive(Debug)]
pub struct PaymentCard;

static CARD_RE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"[0-9](?:[ \-]?[0-9]){12,18}"));
/// Thirteen or more digits, in groups parted by one space or dash.
const CARD_SHAPE: NumberShape = NumberShape::digits(b" -", 1, 13);

/// Published test card numbers (from the Stripe, Adyen, Braintree and `PayPal` documentation).
const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "4000000000000002",
    "4000000000000077",
    "4000000000003220",
    "4222222222222",
    "4917610000000000",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "6011111111111117",
    "6011000990139424",
    "6011981111111113",
    "3056930009020004",
    "30569309025904",
    "38520000023237",
    "36227206271667",
    "3566002020360505",
    "3530111333300000",
    "6200000000000005",
    "5019717010103742",
];

/// Whether the digits have an issuer prefix that issues numbers of this length.
fn card_issuer_ok(d: &[u8]) -> bool {
    let prefix = |n: usize| -> u32 {
        d.iter()
            .take(n)
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    let len = d.len();
    let p1 = prefix(1);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    match p1 {
        4 => matches!(len, 13 | 16 | 19),
        5 => (51..=55).contains(&p2) && len == 16,
        2 => (2221..=2720).contains(&p4) && len == 16,
        3 => {
            (matches!(p2, 34 | 37) && len == 15)
                || ((3528..=3589).contains(&p4) && (16..=19).contains(&len))
                || ((300..=305).contains(&p3) || matches!(p2, 36 | 38 | 39))
                    && (14..=19).contains(&len)
        }
        6 => {
            (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || p2 == 62)
                && (16..=19).contains(&len)
        }
        _ => false,
    }
}

/// Whether separators group the number the way cards are printed (none, 4-4-4-4, 4-6-5, ...).
fn card_grouping_ok(raw: &str) -> bool {
    let groups: Vec<usize> = raw.split([' ', '-']).map(str::len).collect();
    if groups.len() == 1 {
        return true;
    }
    let separators: Vec<char> = raw.chars().filter(|c| matches!(c, ' ' | '-')).collect();
    if separators.windows(2).any(|w| w[0] != w[1]) {
        return false;
    }
    let n = groups.len();
    let total: usize = groups.iter().sum();
    // Printed formats: 4-4-4-4(-3) and 4-4-4-1 for Visa, 4-6-5 Amex, 4-6-4 Diners, 4-4-4-3.
    (groups[..n - 1].iter().all(|g| *g == 4) && matches!(total, 13 | 15 | 16 | 19))
        || groups == [4, 6, 5]
        || groups == [4, 6, 4]
}

/// Whether a grouped number continues a longer grouped identifier (an IBAN's `GB82 WEST 1234…`):
/// the groups of capitals and digits just before it, or the one just after, include a digit.
fn part_of_grouped_identifier(text: &str, start: usize, end: usize) -> bool {
    let is_group = |token: &str| {
        (2..=4).contains(&token.len())
            && token
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    let has_digit = |token: &str| token.bytes().any(|b| b.is_ascii_digit());
    let before_groups = text[..start].strip_suffix(' ').is_some_and(|head| {
        head.rsplit(' ')
            .take(3)
            .take_while(|t| is_group(t))
            .any(has_digit)
    });
    let after_group = text[end..].strip_prefix(' ').is_some_and(|tail| {
        let next = tail.split(' ').next().unwrap_or("");
        let next = next.trim_end_matches(['.', ',', ')']);
        is_group(next) && has_digit(next)
    });
    before_groups || after_group
}

/// Whether a number is a published test card, or so repetitive it can only be a placeholder.
fn test_card(d: &[u8]) -> bool {
    let text = std::str::from_utf8(d).unwrap_or("");
    if TEST_CARDS.contains(&text) {
        return true;
    }
    let mut distinct = d.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() <= 2
}

impl Detector for PaymentCard {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&CARD)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        let windows = scan.number_windows(&CARD_SHAPE);
        for m in CARD_RE.find_in(text, &windows) {
            let raw = m.as_str();
            let digits = digits_of(raw);
            if isolated(text, m.start(), m.end())
                && card_grouping_ok(raw)
                && !(raw.contains(' ') && part_of_grouped_identifier(text, m.start(), m.end()))
                && card_issuer_ok(&digits)
                && checksum::luhn(&digits)
                && !test_card(&digits)
            {
                out.push(Match {
                    rule: &CARD,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/us-ssn`.
pub static SSN: RuleInfo = RuleInfo {
    id: "pii/us-ssn",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "A US Social Security number in an issued range.",
    why: "An SSN is enough to open accounts in someone's name; it must never be in a prompt or its examples.",
    hint: "remove it; for examples use an unissued number such as 000-12-3456 (area 000 is never issued)",
};

/// US Social Security numbers written `AAA-GG-SSSS`, or as nine digits after `SSN`.
#[derive(Debug)]
pub struct UsSsn;

static SSN_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"([0-9]{3})-([0-9]{2})-([0-9]{4})|([0-9]{3}) ([0-9]{2}) ([0-9]{4})")
});
/// Nine or more digits in three or more groups parted by one space or dash.
const SSN_SHAPE: NumberShape = NumberShape {
    min_runs: 3,
    ..NumberShape::digits(b" -", 1, 9)
};
static SSN_CONTEXT_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:ssn|social security (?:number|no\.?))\s*[:#]?\s*([0-9]{9})(?-u:\b)",
    )
});
/// Nine digits alone, after `SSN`, `number` or `no.` and maybe spaces, `:` or `#`; the window
/// reaches back over those to the label.
const SSN_CONTEXT_SHAPE: NumberShape = NumberShape {
    max_digits: 9,
    lead: Lead::Custom(|text, start| {
        let label_end = text[..start]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_whitespace() || matches!(c, ':' | '#')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        label_end.saturating_sub("social security number".len())
    }),
    around: |bytes, group| {
        let head = &bytes[..group.start];
        let label = head
            .iter()
            .rposition(|b| !(b.is_ascii_whitespace() || matches!(b, b':' | b'#')))
            .map_or(&[][..], |i| &head[..=i]);
        // Non-ASCII before the digits may be Unicode whitespace: let the pattern decide.
        label.last().is_some_and(|b| *b >= 0x80)
            || [&b"ssn"[..], b"number", b"no", b"no."].iter().any(|word| {
                label.len() >= word.len()
                    && label[label.len() - word.len()..].eq_ignore_ascii_case(word)
            })
    },
    ..NumberShape::digits(b"", 0, 9)
};

fn ssn_match(area: &str, group: &str, serial: &str) -> bool {
    match (area.parse(), group.parse(), serial.parse()) {
        (Ok(a), Ok(g), Ok(s)) => {
            checksum::ssn_valid(a, g, s) && !(a == 987 && g == 65 && (4320..=4329).contains(&s))
        }
        _ => false,
    }
}

impl Detector for UsSsn {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&SSN)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        let windows = scan.number_windows(&SSN_SHAPE);
        for caps in SSN_RE.captures_in(text, &windows) {
            let Some(whole) = caps.get(0) else { continue };
            let part = |i: usize, j: usize| {
                caps.get(i)
                    .or_else(|| caps.get(j))
                    .map_or("", |m| m.as_str())
            };
            if isolated(text, whole.start(), whole.end())
                && !before(text, whole.start())
                    .is_some_and(|c| c == ' ' && has_digit_group_before(text, whole.start()))
                && ssn_match(part(1, 4), part(2, 5), part(3, 6))
            {
                // Space-separated nine digits only count when nothing else groups them.
                if caps.get(4).is_some()
                    && after(text, whole.end()).is_some_and(|c| c == ' ')
                    && has_digit_group_after(text, whole.end())
                {
                    continue;
                }
                out.push(Match {
                    rule: &SSN,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
        let windows = scan.number_windows(&SSN_CONTEXT_SHAPE);
        for caps in SSN_CONTEXT_RE.captures_in(text, &windows) {
            let Some(number) = caps.get(1) else { continue };
            let n = number.as_str();
            if ssn_match(&n[..3], &n[3..5], &n[5..]) {
                out.push(Match {
                    rule: &SSN,
                    start: number.start(),
                    end: number.end(),
                });
            }
        }
    }
}

/// Whether `text[..at]` ends with a digit group followed by one space (`1234 |`).
fn has_digit_group_before(text: &str, at: usize) -> bool {
    let head = text.as_bytes().get(..at).unwrap_or(&[]);
    head.len() >= 2 && head[head.len() - 1] == b' ' && head[head.len() - 2].is_ascii_digit()
}

/// Whether `text[at..]` starts with one space and a digit (`| 1234`).
fn has_digit_group_after(text: &str, at: usize) -> bool {
    let tail = text.as_bytes().get(at..).unwrap_or(&[]);
    tail.len() >= 2 && tail[0] == b' ' && tail[1].is_ascii_digit()
}

// ---------------------------------------------------------------------------------------------

/// `pii/iban`.
pub static IBAN: RuleInfo = RuleInfo {
    id: "pii/iban",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "An IBAN (ISO 13616 check digits and country length verified).",
    why: "A bank account number is financial PII; with a name it enables fraud and it must not reach model providers.",
    hint: "use a placeholder or a variable; documentation examples such as GB82 WEST 1234 5698 7654 32 are still real-format numbers",
};

/// International bank account numbers, compact or in groups of four.
#[derive(Debug)]
pub struct Iban;

static IBAN_RE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?"));
/// Two or more digits right after two capitals (the country code); an IBAN is at most 34
/// characters, 42 with the spaces of its printed form.
const IBAN_SHAPE: NumberShape = NumberShape {
    lead: Lead::Bytes(2),
    trail: Trail::Bytes(42),
    around: |bytes, group| upper_before(bytes, group.start) && upper_before(bytes, group.start - 1),
    ..NumberShape::digits(b"", 0, 2)
};

impl Detector for Iban {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&IBAN)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        let windows = scan.number_windows(&IBAN_SHAPE);
        for m in IBAN_RE.find_in(text, &windows) {
            if before(text, m.start()).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let raw = m.as_str();
            let Some(expected) = checksum::iban_length(&raw[..2]) else {
                continue;
            };
            // Take exactly the country's length of characters; the pattern may run on into the
            // next upper-case word.
            let mut taken = 0;
            let mut end = m.start();
            for (i, c) in raw.char_indices() {
                if c != ' ' {
                    taken += 1;
                }
                if taken == expected {
                    end = m.start() + i + c.len_utf8();
                    break;
                }
            }
            if taken != expected || after(text, end).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let compact: String = text[m.start()..end].chars().filter(|c| *c != ' ').collect();
            if checksum::iban(&compact) {
                out.push(Match {
                    rule: &IBAN,
                    start: m.start(),
                    end,
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/ip-address`.
pub static IP_PUBLIC: RuleInfo = RuleInfo {
    id: "pii/ip-address",
    family: Family::Pii,
    severity: Severity::Warning,
    confidence: Confidence::Medium,
    summary: "A public IP address.",
    why: "A public IP address can identify a person or reveal infrastructure; under GDPR it is personal data.",
    hint: "use a documentation address (192.0.2.x, 198.51.100.x, 203.0.113.x, 2001:db8::) or a variable",
};

/// `pii/ip-address-internal`.
pub static IP_INTERNAL: RuleInfo = RuleInfo {
    id: "pii/ip-address-internal",
    family: Family::Pii,
    severity: Severity::Info,
    confidence: Confidence::Medium,
    summary: "A private, loopback, link-local, shared or reserved IP address (off unless switched on).",
    why: "Internal addresses reveal network layout but not people: they are not personal data. Switch the rule on (`scan.rules`) to inventory them.",
    hint: "use a documentation address (192.0.2.x, 2001:db8::) if it is an example",
};

/// IPv4 and IPv6 addresses. Only public addresses are personal data (`pii/ip-address`);
/// documentation ranges are not reported, and private, loopback, link-local, shared and reserved
/// ones go to `pii/ip-address-internal`, which is off unless a project switches it on
/// ([`crate::scan::OFF_BY_DEFAULT`]).
#[derive(Debug)]
pub struct IpAddress;

/// Four or more digit groups parted by single dots.
const IPV4_SHAPE: NumberShape = NumberShape {
    min_runs: 4,
    ..NumberShape::digits(b".", 1, 4)
};
static IPV4_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}",
    )
});

fn ipv4_rule(ip: Ipv4Addr) -> Option<&'static RuleInfo> {
    let o = ip.octets();
    let documentation = matches!(o, [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _]);
    if documentation || ip.is_unspecified() || ip.is_broadcast() {
        return None;
    }
    let cgnat = o[0] == 100 && (64..128).contains(&o[1]);
    // IANA special-purpose blocks no person is reached at: "this network" 0/8, IETF protocol
    // assignments 192.0.0/24, benchmarking 198.18/15, reserved 240/4.
    let reserved = o[0] == 0 || o[0] >= 240 || matches!(o, [192, 0, 0, _] | [198, 18 | 19, _, _]);
    if ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || cgnat
        || reserved
    {
        Some(&IP_INTERNAL)
    } else {
        Some(&IP_PUBLIC)
    }
}

fn ipv6_rule(ip: Ipv6Addr) -> Option<&'static RuleInfo> {
    let s = ip.segments();
    if s[0] == 0x2001 && s[1] == 0x0db8 || ip.is_unspecified() {
        return None;
    }
    let internal = ip.is_loopback()
        || (s[0] & 0xfe00) == 0xfc00
        || (s[0] & 0xffc0) == 0xfe80
        || ip.is_multicast()
        || ip.to_ipv4_mapped().is_some();
    Some(if internal { &IP_INTERNAL } else { &IP_PUBLIC })
}

impl Detector for IpAddress {
    fn rules(&self) -> &'static [RuleInfo] {
        &IP_RULES
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        if text.contains('.') {
            let windows = scan.number_windows(&IPV4_SHAPE);
            for m in IPV4_RE.find_in(text, &windows) {
                let prev = before(text, m.start());
                if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
                    || after(text, m.end()).is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || text[m.end()..].starts_with('.')
                        && after(text, m.end() + 1).is_some_and(|c| c.is_ascii_digit())
                    || preceded_by_version_word(text, m.start())
                {
                    continue;
                }
                if let Some(rule) = m.as_str().parse().ok().and_then(ipv4_rule) {
                    out.push(Match {
                        rule,
                        start: m.start(),
                        end: m.end(),
                    });
                }
            }
        }
        detect_ipv6(text, out);
    }
}

static IP_RULES: [RuleInfo; 2] = [IP_PUBLIC, IP_INTERNAL];

fn preceded_by_version_word(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(word.as_str(), "version" | "v" | "ver" | "release" | "build")
}

/// Finds IPv6 addresses by growing a run of hex digits and colons around each `::` or `x:y:`.
fn detect_ipv6(text: &str, out: &mut Vec<Match>) {
    let bytes = text.as_bytes();
    let is_part = |b: u8| b.is_ascii_hexdigit() || b == b':' || b == b'.';
    let mut last_end = 0;
    for colon in memchr::memchr_iter(b':', bytes) {
        if colon < last_end {
            continue;
        }
        let mut start = colon;
        while start > 0 && is_part(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = colon + 1;
        while end < bytes.len() && is_part(bytes[end]) {
            end += 1;
        }
        // Trailing dots and single colons are punctuation, not part of the address.
        while end > start && matches!(bytes[end - 1], b'.') {
            end -= 1;
        }
        while end > start + 1 && bytes[end - 1] == b':' && bytes[end - 2] != b':' {
            end -= 1;
        }
        last_end = end;
        let candidate = &text[start..end];
        if candidate.matches(':').count() < 2 || candidate.len() < 3 {
            continue;
        }
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if glued(before(text, start)) || glued(after(text, end)) {
            continue;
        }
        if let Some(rule) = candidate.parse::<Ipv6Addr>().ok().and_then(ipv6_rule) {
            // `::` alone or `a::b` pairs of short words are too common outside addresses.
            let groups = candidate.split(':').filter(|g| !g.is_empty()).count();
            if groups >= 3
                || candidate.starts_with("::") && groups >= 1
                || !candidate.contains("::")
            {
                out.push(Match { rule, start, end });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/uk-nino`.
pub static NINO: RuleInfo = RuleInfo {
    id: "pii/uk-nino",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "A UK National Insurance number with an issuable prefix.",
    why: "A NINO is a lifelong national identifier used for tax and benefits.",
    hint: "remove it; prefixes such as `QQ` are never issued and are safe in examples",
};

/// UK National Insurance numbers: two letters, six digits, a suffix A–D.
#[derive(Debug)]
pub struct UkNino;

/// Six or more digits in groups parted by single spaces, after two capitals (and a space).
const NINO_SHAPE: NumberShape = NumberShape {
    lead: Lead::Bytes(3),
    trail: Trail::Bytes(2),
    around: |bytes, group| {
        let at = if group.start > 0 && bytes[group.start - 1] == b' ' {
            group.start - 1
        } else {
            group.start
        };
        upper_before(bytes, at) && upper_before(bytes, at - 1)
    },
    ..NumberShape::digits(b" ", 1, 6)
};
static NINO_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?-u)(?-u:\b)([A-Z]{2})( ?)([0-9]{2})( ?)([0-9]{2})( ?)([0-9]{2})( ?)([A-D])(?-u:\b)",
    )
});

impl Detector for UkNino {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&NINO)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let windows = scan.number_windows(&NINO_SHAPE);
        for caps in NINO_RE.captures_in(scan.text(), &windows) {
            let (Some(whole), Some(prefix)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let p = prefix.as_str().as_bytes();
            let spaces: Vec<&str> = [2, 4, 6, 8]
                .iter()
                .filter_map(|i| caps.get(*i).map(|m| m.as_str()))
                .collect();
            let consistent =
                spaces.iter().all(|s| s.is_empty()) || spaces[..3].iter().all(|s| !s.is_empty());
            if consistent && checksum::nino_prefix_valid(p[0], p[1]) {
                out.push(Match {
                    rule: &NINO,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/es-dni`.
pub static DNI: RuleInfo = RuleInfo {
    id: "pii/es-dni",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "A Spanish DNI or NIE with a valid control letter.",
    why: "The DNI/NIE is Spain's national identity number.",
    hint: "remove it; 12345678Z is the conventional example",
};

/// Spanish national identity numbers (DNI: 8 digits + letter; NIE: X/Y/Z + 7 digits + letter).
#[derive(Debug)]
pub struct SpanishDni;

static DNI_RE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?-u)(?-u:\b)([XYZ]?)([0-9]{7,8})-?([A-Z])(?-u:\b)"));
/// Seven or eight digits (one run), then a dash or a capital.
const DNI_SHAPE: NumberShape = NumberShape {
    max_digits: 8,
    lead: Lead::Bytes(1),
    trail: Trail::Bytes(2),
    around: |bytes, group| matches!(bytes.get(group.end), Some(b'-' | b'A'..=b'Z')),
    ..NumberShape::digits(b"", 0, 7)
};

impl Detector for SpanishDni {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&DNI)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let windows = scan.number_windows(&DNI_SHAPE);
        for caps in DNI_RE.captures_in(scan.text(), &windows) {
            let (Some(whole), Some(nie), Some(number), Some(letter)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            let digits = number.as_str();
            let value = match (nie.as_str(), digits.len()) {
                ("", 8) => digits.to_owned(),
                ("X", 7) => format!("0{digits}"),
                ("Y", 7) => format!("1{digits}"),
                ("Z", 7) => format!("2{digits}"),
                _ => continue,
            };
            let Ok(n) = value.parse::<u32>() else {
                continue;
            };
            let compact = format!("{}{digits}{}", nie.as_str(), letter.as_str());
            if checksum::dni_letter(n).to_string() == letter.as_str()
                && !matches!(compact.as_str(), "12345678Z" | "00000000T" | "X1234567L")
                && !digits.bytes().all(|b| b == digits.as_bytes()[0])
            {
                out.push(Match {
                    rule: &DNI,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/in-aadhaar`.
pub static AADHAAR: RuleInfo = RuleInfo {
    id: "pii/in-aadhaar",
    family: Family::Pii,
    severity: Severity::Error,
    confidence: Confidence::High,
    summary: "An Indian Aadhaar number (Verhoeff check digit verified).",
    why: "Aadhaar is India's national identity number; the Aadhaar Act restricts storing and sharing it.",
    hint: "remove it, or mask all but the last four digits as UIDAI's masked Aadhaar does",
};

/// Aadhaar numbers: 12 digits starting 2–9, grouped `XXXX XXXX XXXX` or following the word.
#[derive(Debug)]
pub struct Aadhaar;

static AADHAAR_RE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"[2-9][0-9]{3}([ \-])[0-9]{4}([ \-])[0-9]{4}"));
/// Twelve or more digits in three or more groups parted by one space or dash.
const AADHAAR_SHAPE: NumberShape = NumberShape {
    min_runs: 3,
    ..NumberShape::digits(b" -", 1, 12)
};
/// Twelve digits alone starting 2-9; the window reaches back over the 30 characters the
/// pattern allows between the word and the number (up to 4 bytes each) and the word itself.
const AADHAAR_CONTEXT_SHAPE: NumberShape = NumberShape {
    max_digits: 12,
    lead: Lead::Bytes(30 * 4 + "aadhaar".len()),
    around: |bytes, group| bytes[group.start] >= b'2',
    ..NumberShape::digits(b"", 0, 12)
};
static AADHAAR_CONTEXT_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?-u:\b)(?:aadhaar|aadhar|uidai)(?-u:\b)[^0-9\n]{0,30}([2-9][0-9]{11})(?-u:\b)",
    )
});

impl Detector for Aadhaar {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&AADHAAR)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        let windows = scan.number_windows(&AADHAAR_SHAPE);
        for caps in AADHAAR_RE.captures_in(text, &windows) {
            let (Some(whole), Some(a), Some(b)) = (caps.get(0), caps.get(1), caps.get(2)) else {
                continue;
            };
            if a.as_str() == b.as_str()
                && isolated(text, whole.start(), whole.end())
                && !has_digit_group_before(text, whole.start())
                && !has_digit_group_after(text, whole.end())
                && checksum::verhoeff(&digits_of(whole.as_str()))
            {
                out.push(Match {
                    rule: &AADHAAR,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
        let windows = scan.number_windows(&AADHAAR_CONTEXT_SHAPE);
        for caps in AADHAAR_CONTEXT_RE.captures_in(text, &windows) {
            if let Some(n) = caps
                .get(1)
                .filter(|n| checksum::verhoeff(n.as_str().as_bytes()))
            {
                out.push(Match {
                    rule: &AADHAAR,
                    start: n.start(),
                    end: n.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/date-of-birth`.
pub static DOB: RuleInfo = RuleInfo {
    id: "pii/date-of-birth",
    family: Family::Pii,
    severity: Severity::Warning,
    confidence: Confidence::Medium,
    summary: "A date of birth (a date right after `born`, `DOB`, `date of birth` or `birthday`).",
    why: "A date of birth plus a name or postcode identifies most people uniquely.",
    hint: "use an obviously fictional date or a variable",
};

/// Dates that follow a birth keyword.
#[derive(Debug)]
pub struct DateOfBirth;

/// Words one of which the date-of-birth pattern needs ([`Topic::Birth`]).
pub const BIRTH_WORDS: &[&str] = &["birth", "dob", "d.o.b", "born"];
static DOB_RE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    let year = r"(?:19|20)[0-9]{2}";
    regex(&format!(
        r"(?i)(?-u:\b)(?:date of birth|birth ?date|birthday|d\.?o\.?b\.?|born(?: on)?)\s*(?:is|was)?\s*[:=\-]?\s*(?P<date>(?P<a>[0-9]{{1,2}})[/.\-](?P<b>[0-9]{{1,2}})[/.\-]{year}|{year}-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}})|[0-9]{{1,2}}(?:st|nd|rd|th)? {month},? {year}|{month} [0-9]{{1,2}}(?:st|nd|rd|th)?,? {year})"
    ))
});

impl Detector for DateOfBirth {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&DOB)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let text = scan.text();
        if !scan.mentions(Topic::Birth) {
            return;
        }
        for caps in DOB_RE.captures_iter(text) {
            let Some(date) = caps.name("date") else {
                continue;
            };
            let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
            let plausible = match (num("a"), num("b"), num("m"), num("d")) {
                (Some(a), Some(b), _, _) => {
                    (1..=31).contains(&a) && (1..=31).contains(&b) && (a <= 12 || b <= 12)
                }
                (_, _, Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
                _ => true,
            };
            if plausible {
                out.push(Match {
                    rule: &DOB,
                    start: date.start(),
                    end: date.end(),
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// `pii/street-address`.
pub static ADDRESS: RuleInfo = RuleInfo {
    id: "pii/street-address",
    family: Family::Pii,
    severity: Severity::Info,
    confidence: Confidence::Low,
    summary: "What looks like a street address (a house number, capitalised words and a street type).",
    why: "A home address identifies a person; this heuristic also matches business addresses, so it is informational.",
    hint: "if it is a real person's address, replace it with a placeholder",
};

/// Street addresses, heuristically: `12 Elm Street`, `4700 Kingsway Ave`.
#[derive(Debug)]
pub struct StreetAddress;

const STREET_TYPES: &[&str] = &[
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Blvd",
    "Lane",
    "Ln",
    "Drive",
    "Dr",
    "Court",
    "Ct",
    "Way",
    "Place",
    "Pl",
    "Terrace",
    "Close",
    "Crescent",
    "Highway",
];

/// A house number: one to five digits, not starting with 0, then maybe a letter, a space and a
/// capital; the window runs to the end of the line.
const STREET_SHAPE: NumberShape = NumberShape {
    max_digits: 5,
    trail: Trail::Line,
    around: |bytes, group| {
        let mut at = group.end;
        if bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
        }
        bytes[group.start] != b'0'
            && bytes.get(at) == Some(&b' ')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_uppercase)
    },
    ..NumberShape::digits(b"", 0, 1)
};
static STREET_RE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?-u:\b)[1-9][0-9]{{0,4}}[A-Za-z]? (?:[A-Z][a-z]+ ){{1,3}}(?:{})(?-u:\b)\.?",
        STREET_TYPES.join("|")
    ))
});

impl Detector for StreetAddress {
    fn rules(&self) -> &'static [RuleInfo] {
        std::slice::from_ref(&ADDRESS)
    }

    fn detect(&self, scan: &ScanText<'_>, out: &mut Vec<Match>) {
        let windows = scan.number_windows(&STREET_SHAPE);
        for m in STREET_RE.find_in(scan.text(), &windows) {
            // Fictional addresses everyone recognises.
            let lower = m.as_str().to_ascii_lowercase();
            if lower.contains("baker street") || lower.contains("evergreen terrace") {
                continue;
            }
            out.push(Match {
                rule: &ADDRESS,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(detector: &dyn Detector, text: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        detector.detect(&ScanText::new(text), &mut out);
        out.into_iter()
            .map(|m| (text[m.start..m.end].to_owned(), m.rule.id))
            .collect()
    }

    fn found(detector: &dyn Detector, text: &str) -> Vec<String> {
        hits(detector, text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn email_true_and_decoys() {
        assert_eq!(
            found(&Email, "write to jane.doe@acme-corp.io now"),
            ["jane.doe@acme-corp.io"]
        );
        assert!(found(&Email, "jane@example.com, bob@test.example, x@foo.test").is_empty());
        assert!(found(&Email, "no at sign here").is_empty());
        assert!(found(&Email, "@handle and a@b").is_empty());
    }

    #[test]
    fn phone_true_and_decoys() {
        assert_eq!(
            found(&Phone, "call +44 20 7123 4567."),
            ["+44 20 7123 4567"]
        );
        assert_eq!(
            found(&Phone, "call (415) 867-5309 today"),
            ["(415) 867-5309"]
        );
        assert_eq!(found(&Phone, "tel 212-867-5309"), ["212-867-5309"]);
        assert_eq!(found(&Phone, "mobile 07911 123456"), ["07911 123456"]);
        assert_eq!(found(&Phone, "+1 415 867 5309"), ["+1 415 867 5309"]);
        // Fictional ranges, dates, versions and short numbers.
        assert!(found(&Phone, "call 212-555-0142 or +1 212 555 0199").is_empty());
        assert!(found(&Phone, "07700 900123 and 020 7946 0958").is_empty());
        assert!(found(&Phone, "on 2024-01-15, order 12345, v1.2.3").is_empty());
        assert!(found(&Phone, "+12").is_empty());
    }

    #[test]
    fn phone_numbers_of_countries_without_a_pattern_are_found_and_invalid_ones_are_not() {
        // Indian, Brazilian and Japanese mobiles: no pattern of ours names these countries.
        assert_eq!(found(&Phone, "ring +91 98765 43210"), ["+91 98765 43210"]);
        assert_eq!(
            found(&Phone, "zap +55 11 98456 5666"),
            ["+55 11 98456 5666"]
        );
        assert_eq!(found(&Phone, "tel +81 90 1234 5678."), ["+81 90 1234 5678"]);
        // Cut below the country's length, or a prefix no operator is given.
        assert!(found(&Phone, "ring +91 98765 432").is_empty());
        assert!(found(&Phone, "tel +1 999 867 5309").is_empty());
        assert!(found(&Phone, "tel (999) 867-5309").is_empty());
    }

    #[test]
    fn a_parenthesis_closing_the_sentence_is_not_part_of_an_international_number() {
        assert_eq!(
            found(&Phone, "(call +1 (415) 867-5309)"),
            ["+1 (415) 867-5309"]
        );
        assert_eq!(
            found(&Phone, "+44 (0)20 8123 4567."),
            ["+44 (0)20 8123 4567"]
        );
    }

    #[test]
    fn card_true_and_decoys() {
        assert_eq!(
            found(&PaymentCard, "card 4539 5787 6362 1486 exp"),
            ["4539 5787 6362 1486"]
        );
        assert_eq!(
            found(&PaymentCard, "amex 3714-496353-98431"),
            Vec::<String>::new()
        );
        assert_eq!(
            found(&PaymentCard, "mc 5425233430109903"),
            ["5425233430109903"]
        );
        // Luhn failure, test numbers, bad prefix, odd grouping.
        assert!(found(&PaymentCard, "4539 5787 6362 1487").is_empty());
        assert!(found(&PaymentCard, "4242 4242 4242 4242 and 4111111111111111").is_empty());
        assert!(found(&PaymentCard, "9999 9999 9999 9995").is_empty());
        assert!(found(&PaymentCard, "45395 78763 621486").is_empty());
        assert!(found(&PaymentCard, "id 14539578763621486").is_empty());
        // The digits of an IBAN, and a 14-digit number grouped as no card is printed.
        assert!(found(&PaymentCard, "IBAN GB78 SMPP 4539 5787 6362 1486").is_empty());
        assert!(found(&PaymentCard, "ref 3984 8228 1218 66").is_empty());
        assert_eq!(
            found(&PaymentCard, "VISA 4539 5787 6362 1486 CVV"),
            ["4539 5787 6362 1486"]
        );
    }

    #[test]
    fn amex_grouping_is_accepted() {
        // 3782 822463 10005 is Stripe's test Amex; a valid non-test one:
        assert_eq!(
            found(&PaymentCard, "3400 000000 00009"),
            ["3400 000000 00009"]
        );
    }

    #[test]
    fn ssn_true_and_decoys() {
        assert_eq!(found(&UsSsn, "SSN 536-22-1234."), ["536-22-1234"]);
        assert_eq!(found(&UsSsn, "ssn: 536221234"), ["536221234"]);
        for decoy in [
            "000-12-3456",
            "666-12-3456",
            "912-12-3456",
            "536-00-1234",
            "536-22-0000",
            "078-05-1120",
            "123-45-6789",
            "987-65-4321",
            "1536-22-1234",
            "536-22-12345",
        ] {
            assert!(found(&UsSsn, decoy).is_empty(), "{decoy}");
        }
    }

    #[test]
    fn iban_true_and_decoys() {
        assert_eq!(
            found(&Iban, "pay GB82 WEST 1234 5698 7654 32 today"),
            ["GB82 WEST 1234 5698 7654 32"]
        );
        assert_eq!(
            found(&Iban, "DE89370400440532013000"),
            ["DE89370400440532013000"]
        );
        assert!(found(&Iban, "GB82 WEST 1234 5698 7654 33").is_empty());
        assert!(found(&Iban, "QQ82WEST12345698765432").is_empty());
        assert!(found(&Iban, "ABCD1234EFGH5678").is_empty());
    }

    #[test]
    fn ip_public_private_and_documentation() {
        assert_eq!(
            hits(&IpAddress, "from 8.8.4.4 ok"),
            [("8.8.4.4".to_owned(), "pii/ip-address")]
        );
        assert_eq!(
            hits(&IpAddress, "host 10.1.2.3"),
            [("10.1.2.3".to_owned(), "pii/ip-address-internal")]
        );
        assert!(hits(&IpAddress, "doc 192.0.2.10 and 203.0.113.5 and 2001:db8::1").is_empty());
        assert!(
            hits(
                &IpAddress,
                "version 1.2.3.4, v2.0.0.1, 1.2.3.4.5, 999.1.1.1"
            )
            .is_empty()
        );
        assert_eq!(
            found(&IpAddress, "v6 2606:4700:4700::1111 here"),
            ["2606:4700:4700::1111"]
        );
        assert_eq!(
            hits(&IpAddress, "lo ::1 and fe80::1ff:fe23:4567:890a")[1].1,
            "pii/ip-address-internal"
        );
        assert!(found(&IpAddress, "time 12:30:45 and key: value and a::b").is_empty());
    }

    #[test]
    fn nino_true_and_decoys() {
        assert_eq!(found(&UkNino, "NI AB 12 34 56 C."), ["AB 12 34 56 C"]);
        assert_eq!(found(&UkNino, "JG103759A"), ["JG103759A"]);
        assert!(found(&UkNino, "QQ123456C GB123456A DA123456A AB123456E").is_empty());
        assert!(found(&UkNino, "AB 12 3456C").is_empty());
    }

    #[test]
    fn dni_true_and_decoys() {
        assert_eq!(found(&SpanishDni, "DNI 87654321X"), ["87654321X"]);
        assert_eq!(found(&SpanishDni, "NIE X2345678T"), ["X2345678T"]);
        assert!(found(&SpanishDni, "NIE X2345678A").is_empty());
        assert!(found(&SpanishDni, "87654321A 12345678Z").is_empty());
    }

    #[test]
    fn nie_checks_the_mapped_number() {
        // Y2345678 -> 12345678 -> Z.
        assert_eq!(found(&SpanishDni, "NIE Y2345678Z"), ["Y2345678Z"]);
    }

    #[test]
    fn aadhaar_true_and_decoys() {
        assert_eq!(
            found(&Aadhaar, "aadhaar 4991 1866 5246"),
            ["4991 1866 5246"]
        );
        assert_eq!(
            found(&Aadhaar, "Aadhaar no: 499118665246"),
            ["499118665246"]
        );
        assert!(found(&Aadhaar, "4991 1866 5247").is_empty());
        assert!(found(&Aadhaar, "1991 1866 5246 and 499118665246").is_empty());
        assert!(found(&Aadhaar, "4539 4991 1866 5246").is_empty());
    }

    #[test]
    fn dob_true_and_decoys() {
        assert_eq!(found(&DateOfBirth, "DOB: 14/03/1987"), ["14/03/1987"]);
        assert_eq!(
            found(&DateOfBirth, "she was born on March 3, 1990"),
            ["March 3, 1990"]
        );
        assert_eq!(
            found(&DateOfBirth, "Date of birth 1985-07-21"),
            ["1985-07-21"]
        );
        assert!(found(&DateOfBirth, "the meeting on 14/03/1987").is_empty());
        assert!(found(&DateOfBirth, "born 45/45/1987").is_empty());
    }

    #[test]
    fn address_true_and_decoys() {
        assert_eq!(
            found(&StreetAddress, "lives at 42 Maple Grove Road, Leeds"),
            ["42 Maple Grove Road"]
        );
        assert!(found(&StreetAddress, "221 Baker Street and 742 Evergreen Terrace").is_empty());
        assert!(found(&StreetAddress, "take 3 steps down the road").is_empty());
    }
}
