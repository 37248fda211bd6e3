//! [`Secret`]: an API key or other credential that cannot be printed by accident.
//!
//! `Debug` and `Display` print `***`, it is not `Serialize`, and the only way to the text is
//! [`Secret::expose`], which the request builders call at the moment a header is set. Errors,
//! logs, run records and dry-run output therefore cannot carry a key unless someone writes
//! `expose` next to them, which review can see.

use std::fmt;

/// A credential whose text is only reachable through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The credential's text, for putting into a request header and nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Number of characters, for `auth get` to show that a key is set without showing it.
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether the credential is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A short one-way fingerprint (first 8 hex digits of SHA-256), to tell two keys apart.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.0.as_bytes());
        crate::provider::sigv4::hex(&digest[..4])
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Replaces every occurrence of each secret in `text` with `***`.
///
/// A last line of defence for text that came from outside (a provider's error body may echo
/// the key it rejected).
pub fn redact(text: &str, secrets: &[&Secret]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if secret.0.len() >= 4 {
            out = out.replace(&secret.0, "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_key() {
        let key = Secret::new("sk-test-abcdef");
        assert_eq!(format!("{key}"), "***");
        assert_eq!(format!("{key:?}"), "***");
        assert_eq!(format!("{:?}", Some(&key)), "Some(***)");
        assert_eq!(key.expose(), "sk-test-abcdef");
        assert_eq!(key.len(), 14);
    }

    #[test]
    fn redact_replaces_echoed_keys() {
        let key = Secret::new("sk-test-abcdef");
        assert_eq!(
            redact("Incorrect API key provided: sk-test-abcdef.", &[&key]),
            "Incorrect API key provided: ***."
        );
    }

    #[test]
    fn fingerprint_is_stable_and_short() {
        let key = Secret::new("abc");
        assert_eq!(key.fingerprint(), "ba7816bf");
    }
}
