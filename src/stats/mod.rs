//! Statistics for experiment analysis: tests, intervals, effect sizes, corrections, power,
//! sequential monitoring and sample-ratio checks.
//!
//! **Architecture Invariant:** this module is pure numeric code. It takes slices of `f64` and
//! counts, returns plain structs, and knows nothing about runs, providers, files or serde. The
//! `ab analyze` and `stats` commands turn records and flags into these calls.
//!
//! Conventions, shared by every routine and matched against SciPy/statsmodels reference vectors:
//! two-sided unless an [`Alternative`] says otherwise; sample variances use `n - 1`; p-values
//! come from survival functions (never `1 - cdf`), so tiny p-values keep their digits.
//!
//! Degenerate but valid data (no discordant pairs, zero variance, every value tied, an empty row
//! of a table) is not an error: the result carries a [`NotTestable`] reason next to whatever
//! numbers the reference libraries would print, and presenters show the reason instead of a
//! p-value. Invalid input (empty samples, NaN, negative counts, an `alpha` outside (0, 1)) is an
//! [`Error`].
//!
//! Families: [`proportions`] (McNemar, chi-square, Fisher, z-test, effect sizes), [`ttest`]
//! (paired, Student, Welch, from summary statistics), [`rank`] (Wilcoxon signed-rank,
//! Mann-Whitney U), [`intervals`], [`noninferiority`] (a declared-margin test), [`bootstrap`],
//! [`corrections`], [`power`], [`sequential`], [`srm`]; [`distributions`] holds the distribution
//! functions they share and [`descriptive`] the sums, means and quantiles.

pub mod bootstrap;
pub mod corrections;
pub mod descriptive;
pub mod distributions;
pub mod intervals;
pub mod noninferiority;
pub mod power;
pub mod proportions;
pub mod rank;
pub mod sequential;
pub mod srm;
pub mod ttest;

/// What went wrong with the input of a statistics routine.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A sample that must hold data is empty.
    #[error("{what} is empty")]
    Empty {
        /// Which input.
        what: &'static str,
    },
    /// A sample holds fewer values than the routine needs.
    #[error("{what} needs at least {needed} values, got {got}")]
    TooFew {
        /// Which input.
        what: &'static str,
        /// The minimum.
        needed: usize,
        /// What was given.
        got: usize,
    },
    /// A value is NaN or infinite.
    #[error("{what}: value #{index} is not a finite number ({value})")]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// 1-based position of the value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// Paired samples of different lengths.
    #[error("paired samples must have the same length, got {left} and {right}")]
    LengthMismatch {
        /// Length of the first sample.
        left: usize,
        /// Length of the second sample.
        right: usize,
    },
    /// A parameter outside its domain.
    #[error("{name} must be {expected}, got {value}")]
    InvalidParameter {
        /// The parameter name.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What it must be.
        expected: &'static str,
    },
    /// The exact distribution would be too large to enumerate.
    #[error(
        "the exact {test} distribution is not available for samples this large ({size}); use the asymptotic method"
    )]
    ExactTooLarge {
        /// Which test.
        test: &'static str,
        /// The size that was too large.
        size: usize,
    },
}

/// The direction of the alternative hypothesis, for the first sample (or arm) against the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alternative {
    /// The two differ (the default).
    #[default]
    TwoSided,
    /// The first is smaller.
    Less,
    /// The first is larger.
    Greater,
}

/// Why the data, although valid, carries no information a test could use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotTestable {
    /// Paired pass/fail data where no pair disagrees.
    NoDiscordantPairs,
    /// Both samples (or all differences) are constant, so there is no variance to scale by.
    ZeroVariance,
    /// A row or column of the table sums to zero (an empty arm, or no passes or no fails at all).
    EmptyRowOrColumn,
    /// Every observation passed, or every observation failed.
    PooledRateDegenerate,
    /// Every paired difference is zero.
    AllDifferencesZero,
    /// Every value is tied, so ranks carry no information.
    AllValuesTied,
    /// Too few observations for the variance or degrees of freedom to exist.
    TooFewObservations,
}

impl NotTestable {
    /// A short human-readable reason.
    pub fn reason(self) -> &'static str {
        match self {
            NotTestable::NoDiscordantPairs => "no discordant pairs: the variants never disagree",
            NotTestable::ZeroVariance => "zero variance: the values are constant",
            NotTestable::EmptyRowOrColumn => "a row or column of the table is empty",
            NotTestable::PooledRateDegenerate => "every observation passed, or every one failed",
            NotTestable::AllDifferencesZero => "every paired difference is zero",
            NotTestable::AllValuesTied => "every value is tied",
            NotTestable::TooFewObservations => "too few observations",
        }
    }

    /// A stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            NotTestable::NoDiscordantPairs => "no_discordant_pairs",
            NotTestable::ZeroVariance => "zero_variance",
            NotTestable::EmptyRowOrColumn => "empty_row_or_column",
            NotTestable::PooledRateDegenerate => "pooled_rate_degenerate",
            NotTestable::AllDifferencesZero => "all_differences_zero",
            NotTestable::AllValuesTied => "all_values_tied",
            NotTestable::TooFewObservations => "too_few_observations",
        }
    }
}

/// Checks that `alpha` is a probability strictly between 0 and 1.
pub(crate) fn check_alpha(alpha: f64) -> Result<(), Error> {
    check_open_unit("alpha", alpha)
}

/// Checks that a named parameter lies strictly between 0 and 1.
pub(crate) fn check_open_unit(name: &'static str, value: f64) -> Result<(), Error> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name,
            value,
            expected: "strictly between 0 and 1",
        })
    }
}

/// Checks a sample: not empty, every value finite.
pub(crate) fn check_sample(what: &'static str, values: &[f64]) -> Result<(), Error> {
    if values.is_empty() {
        return Err(Error::Empty { what });
    }
    if let Some((index, &value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(Error::NonFinite {
            what,
            index: index + 1,
            value,
        });
    }
    Ok(())
}

/// Checks two paired samples: each valid, same length.
pub(crate) fn check_paired(a: &[f64], b: &[f64]) -> Result<(), Error> {
    check_sample("first sample", a)?;
    check_sample("second sample", b)?;
    if a.len() == b.len() {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            left: a.len(),
            right: b.len(),
        })
    }
}

/// Converts a count to `f64` (counts beyond 2^53 lose their last digits, as in every library).
#[allow(clippy::cast_precision_loss)]
pub(crate) fn count_f64(n: u64) -> f64 {
    n as f64
}

/// Converts a length to `f64`.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn len_f64(n: usize) -> f64 {
    n as f64
}
