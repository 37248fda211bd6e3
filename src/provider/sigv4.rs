//! AWS Signature Version 4, as Bedrock needs it: canonical request, string to sign, signing key
//! and the `Authorization` header.
//!
//! Hand-written (HMAC-SHA256 over `sha2`) because the signing itself is small and the AWS SDK
//! crates are large. Verified against the official SigV4 test suite vectors kept in
//! `tests/fixtures/providers/bedrock/sigv4-testsuite`. The time is an input: the caller passes
//! the `X-Amz-Date` it will send.

use sha2::{Digest, Sha256};

use crate::provider::Secret;

/// The algorithm name in the string to sign and the header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Credentials and scope for signing.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    /// Access key id.
    pub access_key_id: &'a str,
    /// Secret access key.
    pub secret_access_key: &'a Secret,
    /// Region, e.g. `us-east-1`.
    pub region: &'a str,
    /// Signing name of the service (`bedrock` for Bedrock Runtime).
    pub service: &'a str,
}

/// The pieces of one signature, kept for tests and debugging (none is secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// One request to sign. `path` is the URL path as sent (already percent-encoded), `query` the
/// raw query string without `?`, `headers` every header to sign (must include `host` and
/// `x-amz-date`).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// URL path as sent.
    pub path: &'a str,
    /// Query string without `?`.
    pub query: &'a str,
    /// Headers to sign, any case, in any order.
    pub headers: &'a [(String, String)],
    /// The body.
    pub payload: &'a [u8],
    /// `YYYYMMDD'T'HHMMSS'Z'`.
    pub amz_date: &'a str,
}

impl Signer<'_> {
    /// Signs a request.
    pub fn sign(&self, request: &Request<'_>) -> Signature {
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), collapse_spaces(v)))
            .collect();
        headers.sort();
        let mut canonical_headers = String::new();
        for (n, v) in &headers {
            canonical_headers.push_str(n);
            canonical_headers.push(':');
            canonical_headers.push_str(v);
            canonical_headers.push('\n');
        }
        let signed_headers = headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let canonical_request = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            request.method,
            canonical_uri(request.path),
            canonical_query(request.query),
            canonical_headers,
            signed_headers,
            hex(&Sha256::digest(request.payload)),
        );
        let date = &request.amz_date[..8.min(request.amz_date.len())];
        let scope = format!("{date}/{}/{}/aws4_request", self.region, self.service);
        let string_to_sign = format!(
            "{ALGORITHM}\n{}\n{scope}\n{}",
            request.amz_date,
            hex(&Sha256::digest(canonical_request.as_bytes()))
        );
        let key = signing_key(self.secret_access_key, date, self.region, self.service);
        let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
        Signature {
            authorization: format!(
                "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
                self.access_key_id
            ),
            canonical_request,
            string_to_sign,
        }
    }
}

/// The derived signing key: HMAC chain over `"AWS4" + secret`, date, region, service.
fn signing_key(secret: &Secret, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac_sha256(
        format!("AWS4{}", secret.expose()).as_bytes(),
        date.as_bytes(),
    );
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, b"aws4_request")
}

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// Trims and collapses runs of spaces, as the canonical header form requires.
fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 3986 encoding of everything but unreserved characters (and `/` when `keep_slash`).
pub fn uri_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char);
            }
            b'/' if keep_slash => out.push('/'),
            _ => {
                const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(DIGITS[usize::from(byte >> 4)]));
                out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
            }
        }
    }
    out
}

/// The canonical URI: the path as sent, encoded once more (every service but S3).
fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        "/".to_owned()
    } else {
        uri_encode(path, true)
    }
}

/// The canonical query: parameters sorted by name then value, each encoded.
fn canonical_query(query: &str) -> String {
    if query.is_empty() {
        return String::new();
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (uri_encode(k, false), uri_encode(v, false))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// `YYYYMMDD'T'HHMMSS'Z'` for Unix seconds.
pub fn amz_date(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs = unix_secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUITE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/providers/bedrock/sigv4-testsuite"
    );

    struct Case {
        method: String,
        path: String,
        query: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    fn read_case(dir: &str, name: &str) -> (Case, String, String, String) {
        let base = format!("{SUITE}/{dir}/{name}");
        let req = std::fs::read_to_string(format!("{base}.req")).unwrap();
        let (head, body) = req.split_once("\n\n").unwrap_or((&req, ""));
        let mut lines = head.lines();
        let request_line: Vec<&str> = lines.next().unwrap().split(' ').collect();
        let (path, query) = request_line[1]
            .split_once('?')
            .unwrap_or((request_line[1], ""));
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.to_owned(), v.to_owned())
            })
            .collect();
        let read = |ext: &str| std::fs::read_to_string(format!("{base}.{ext}")).unwrap();
        (
            Case {
                method: request_line[0].to_owned(),
                path: path.to_owned(),
                query: query.to_owned(),
                headers,
                body: body.as_bytes().to_vec(),
            },
            read("creq"),
            read("sts"),
            read("authz"),
        )
    }

    #[test]
    fn matches_the_aws_test_suite() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        let signer = Signer {
            access_key_id: "AKIDEXAMPLE",
            secret_access_key: &secret,
            region: "us-east-1",
            service: "service",
        };
        let cases = [
            ("get-vanilla", "get-vanilla"),
            ("post-vanilla", "post-vanilla"),
            ("post-vanilla-query", "post-vanilla-query"),
            ("post-header-key-sort", "post-header-key-sort"),
            ("post-x-www-form-urlencoded", "post-x-www-form-urlencoded"),
            (
                "get-vanilla-with-session-token",
                "get-vanilla-with-session-token",
            ),
            (
                "post-sts-token/post-sts-header-before",
                "post-sts-header-before",
            ),
            (
                "post-sts-token/post-sts-header-after",
                "post-sts-header-after",
            ),
        ];
        for (dir, name) in cases {
            let (mut case, creq, sts, authz) = read_case(dir, name);
            if name == "get-vanilla-with-session-token" {
                // This vector signs a session token that its `.req` leaves out.
                case.headers.push((
                    "X-Amz-Security-Token".into(),
                    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267".into(),
                ));
            }
            let amz_date = case
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("x-amz-date"))
                .unwrap()
                .1
                .clone();
            let signature = signer.sign(&Request {
                method: &case.method,
                path: &case.path,
                query: &case.query,
                headers: &case.headers,
                payload: &case.body,
                amz_date: &amz_date,
            });
            assert_eq!(signature.canonical_request, creq.trim_end(), "{name}: creq");
            assert_eq!(signature.string_to_sign, sts.trim_end(), "{name}: sts");
            assert_eq!(signature.authorization, authz.trim_end(), "{name}: authz");
        }
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn amz_date_formats_unix_seconds() {
        assert_eq!(amz_date(1_440_938_160), "20150830T123600Z");
        assert_eq!(amz_date(0), "19700101T000000Z");
    }

    #[test]
    fn path_is_encoded_again() {
        assert_eq!(
            canonical_uri("/model/anthropic.claude-v2%3A1/converse"),
            "/model/anthropic.claude-v2%253A1/converse"
        );
    }
}
