//! Deterministic assignment: which arm a case goes to in a split design, and which shard of a
//! CI matrix runs it.
//!
//! Both depend only on the case id (and the seed, for arms), never on the dataset's order or
//! size, so adding cases does not move existing ones between arms, a rerun assigns the same
//! way, and the shards of `--shard K/N` partition the work exactly: together they are the
//! unsharded run. Sharding is by case, so every arm of a paired case lands on the same runner.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// A 64-bit hash of a case id under a seed and a purpose.
pub fn case_hash(seed: u64, purpose: &str, case_id: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(purpose.as_bytes());
    h.update([0]);
    h.update(case_id.as_bytes());
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first)
}

/// The arm a case goes to in a split design, from percentage weights in arm order.
///
/// The case's hash is mapped to a point in [0, 100) and the arm is the one whose cumulative
/// share covers it.
pub fn split_arm(seed: u64, case_id: &str, weights: &[f64]) -> usize {
    // 53 bits are exactly representable in an f64.
    #[allow(clippy::cast_precision_loss)]
    let point = (case_hash(seed, "split", case_id) >> 11) as f64 / (1u64 << 53) as f64 * 100.0;
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w;
        if point < cumulative {
            return i;
        }
    }
    weights.len().saturating_sub(1)
}

/// One slice of a run: shard `index` of `count` (1-based, as written: `--shard 2/4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

impl Shard {
    /// The whole run.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Whether this shard runs a case.
    pub fn contains(self, case_id: &str) -> bool {
        self.count <= 1
            || case_hash(0, "shard", case_id) % u64::from(self.count) == u64::from(self.index - 1)
    }

    /// Whether this is the whole run.
    pub fn is_all(self) -> bool {
        self.count <= 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Why `--shard` did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 2/4")]
pub struct ShardParseError(pub String);

impl FromStr for Shard {
    type Err = ShardParseError;

    fn from_str(s: &str) -> Result<Shard, ShardParseError> {
        let err = || ShardParseError(s.to_owned());
        let (k, n) = s.split_once('/').ok_or_else(err)?;
        let index: u32 = k.trim().parse().map_err(|_| err())?;
        let count: u32 = n.trim().parse().map_err(|_| err())?;
        if index == 0 || count == 0 || index > count {
            return Err(err());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::cast_possible_wrap)] // counts below 20,000
    fn split_is_stable_and_close_to_the_weights() {
        let weights = [50.0, 30.0, 20.0];
        let mut counts = [0usize; 3];
        for i in 0..20_000 {
            let id = format!("case-{i}");
            let arm = split_arm(7, &id, &weights);
            assert_eq!(arm, split_arm(7, &id, &weights), "same seed, same arm");
            counts[arm] += 1;
        }
        // Binomial sd at n=20000, p=0.5 is ~71; allow 5 sd.
        assert!((counts[0] as i64 - 10_000).abs() < 360, "{counts:?}");
        assert!((counts[1] as i64 - 6_000).abs() < 330, "{counts:?}");
        assert!((counts[2] as i64 - 4_000).abs() < 290, "{counts:?}");
    }

    #[test]
    fn seed_changes_the_assignment() {
        let differ = (0..100)
            .filter(|i| {
                let id = format!("c{i}");
                split_arm(1, &id, &[50.0, 50.0]) != split_arm(2, &id, &[50.0, 50.0])
            })
            .count();
        assert!(differ > 20, "{differ}");
    }

    #[test]
    fn shards_partition_the_cases() {
        let shards: Vec<Shard> = (1..=4).map(|k| format!("{k}/4").parse().unwrap()).collect();
        for i in 0..1000 {
            let id = format!("x{i}");
            let owners = shards.iter().filter(|s| s.contains(&id)).count();
            assert_eq!(owners, 1, "case {id} in {owners} shards");
            assert!(Shard::ALL.contains(&id));
        }
    }

    #[test]
    fn shard_parsing() {
        assert_eq!(
            "2/4".parse::<Shard>().unwrap(),
            Shard { index: 2, count: 4 }
        );
        assert_eq!(Shard { index: 2, count: 4 }.to_string(), "2/4");
        for bad in ["0/4", "5/4", "x/2", "3", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
