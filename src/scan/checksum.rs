//! Check digits for the identifiers the PII and secret detectors validate.
//!
//! A checksum is what lets a detector tell a real card number or IBAN from a run of digits, so
//! these functions decide precision. Each takes digits or characters already stripped of
//! separators and never panics.

/// Luhn (mod 10), used by payment cards and Canadian SINs.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// ISO 13616 IBAN check: the country's length, then mod 97 of the rearranged number equals 1.
pub fn iban(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    if bytes.len() < 5 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let Some(expected) = iban_length(&compact[..2]) else {
        return false;
    };
    if bytes.len() != expected || !bytes[2].is_ascii_digit() || !bytes[3].is_ascii_digit() {
        return false;
    }
    let mut remainder: u32 = 0;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

/// The IBAN length of a country (SWIFT IBAN registry), or `None` for a country without IBANs.
pub fn iban_length(country: &str) -> Option<usize> {
    let length = match country {
        "NO" => 15,
        "BE" => 16,
        "DK" | "FI" | "FO" | "GL" | "NL" => 18,
        "MK" | "SI" => 19,
        "AT" | "BA" | "EE" | "KZ" | "LT" | "LU" | "XK" => 20,
        "CH" | "CR" | "HR" | "LI" | "LV" => 21,
        "BG" | "BH" | "DE" | "GB" | "GE" | "IE" | "ME" | "RS" => 22,
        "AE" | "GI" | "IL" | "TL" => 23,
        "AD" | "CZ" | "ES" | "MD" | "PK" | "RO" | "SA" | "SE" | "SK" | "TN" | "VG" => 24,
        "PT" | "ST" => 25,
        "IS" | "TR" => 26,
        "FR" | "GR" | "IT" | "MC" | "MR" | "SM" => 27,
        "AL" | "AZ" | "BY" | "CY" | "DO" | "GT" | "HU" | "LB" | "PL" | "SV" => 28,
        "BR" | "EG" | "PS" | "QA" | "UA" => 29,
        "JO" | "KW" | "MU" => 30,
        "MT" | "SC" => 31,
        "LC" => 32,
        _ => return None,
    };
    Some(length)
}

/// Verhoeff check, used by Indian Aadhaar numbers.
pub fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut c = 0u8;
    for (i, d) in digits.iter().rev().enumerate() {
        c = D[usize::from(c)][usize::from(P[i % 8][usize::from(d - b'0')])];
    }
    c == 0
}

/// The control letter of a Spanish DNI number (`number mod 23`).
pub fn dni_letter(number: u32) -> char {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    char::from(LETTERS[(number % 23) as usize])
}

/// Whether a US SSN's area, group and serial are in issued ranges.
///
/// Never issued: area 000, 666 and 900–999; group 00; serial 0000. Also rejected: numbers
/// published as examples (078-05-1120 from a wallet insert, 219-09-9999 from an SSA leaflet,
/// 123-45-6789 and the advertising block 987-65-4320..4329).
pub fn ssn_valid(area: u16, group: u16, serial: u16) -> bool {
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return false;
    }
    !matches!(
        (area, group, serial),
        (78, 5, 1120) | (219, 9, 9999) | (123, 45, 6789)
    )
}

/// Whether a UK National Insurance number prefix is one HMRC can issue.
///
/// First letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; and not one of the
/// reserved prefixes BG, GB, KN, NK, NT, TN or ZZ. (NINOs have no check digit: these rules are
/// the validation.)
pub fn nino_prefix_valid(first: u8, second: u8) -> bool {
    let bad_first = b"DFIQUV";
    let bad_second = b"DFIOQUV";
    if !first.is_ascii_uppercase() || !second.is_ascii_uppercase() {
        return false;
    }
    if bad_first.contains(&first) || bad_second.contains(&second) {
        return false;
    }
    !matches!(
        &[first, second],
        b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ"
    )
}

/// CRC-32 (IEEE 802.3, the zlib polynomial), bitwise: the inputs here are a few dozen bytes.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Whether the 36 characters after a GitHub token's `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` prefix
/// carry their checksum: the last 6 are the CRC-32 of the first 30 in base62 (`0-9A-Za-z`),
/// left-padded with `0`. GitHub documents the checksum (2021 token format) and its secret
/// scanning drops tokens that fail it; a random 36-character body passes one time in 56.8
/// billion (62^6), so a failing body is a look-alike, not a leaked token.
pub fn github_token(body: &str) -> bool {
    let bytes = body.as_bytes();
    bytes.len() == 36
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && bytes[30..] == github_checksum(&bytes[..30])
}

/// The 6 base62 characters GitHub appends to a token's random part.
pub fn github_checksum(random: &[u8]) -> [u8; 6] {
    const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut n = crc32(random);
    let mut check = [b'0'; 6];
    for slot in check.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_valid_and_rejects_one_digit_off() {
        assert!(luhn(b"4539578763621486"));
        assert!(!luhn(b"4539578763621487"));
        assert!(luhn(b"046454286"));
        assert!(!luhn(b""));
        assert!(!luhn(b"12a4"));
    }

    #[test]
    fn iban_checks_length_and_mod97() {
        assert!(iban("GB82WEST12345698765432"));
        assert!(iban("DE89370400440532013000"));
        assert!(!iban("GB82WEST12345698765433"));
        assert!(!iban("GB82WEST1234569876543"));
        assert!(!iban("XX82WEST12345698765432"));
        assert!(!iban("GB"));
    }

    #[test]
    fn verhoeff_known_values() {
        assert!(verhoeff(b"2363"));
        assert!(!verhoeff(b"2364"));
        assert!(verhoeff(b"499118665246"));
        assert!(!verhoeff(b"499118665247"));
    }

    #[test]
    fn dni_letters() {
        assert_eq!(dni_letter(12_345_678), 'Z');
        assert_eq!(dni_letter(0), 'T');
    }

    #[test]
    fn ssn_ranges() {
        assert!(ssn_valid(536, 22, 1234));
        assert!(!ssn_valid(0, 22, 1234));
        assert!(!ssn_valid(666, 22, 1234));
        assert!(!ssn_valid(912, 22, 1234));
        assert!(!ssn_valid(536, 0, 1234));
        assert!(!ssn_valid(536, 22, 0));
        assert!(!ssn_valid(78, 5, 1120));
    }

    #[test]
    fn nino_prefixes() {
        assert!(nino_prefix_valid(b'A', b'B'));
        assert!(!nino_prefix_valid(b'D', b'A'));
        assert!(!nino_prefix_valid(b'A', b'O'));
        assert!(!nino_prefix_valid(b'G', b'B'));
        assert!(!nino_prefix_valid(b'a', b'B'));
    }

    #[test]
    fn crc32_matches_the_zlib_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn github_token_checksum_accepts_issued_shape_and_rejects_one_char_off() {
        // The token detect-secrets' tests use, and one whose checksum was computed for it.
        assert!(github_token("wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"));
        assert!(github_token("R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0m0vL2Ci"));
        assert!(!github_token("R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0m0vL2Cj"));
        assert!(!github_token("R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r"));
        assert!(!github_token("short"));
        assert!(!github_token("R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0m0vL2C_"));
    }
}
