//! Inputs shared by the `stats` subcommands: number files, the alternative hypothesis, counts,
//! and the checks on probabilities and summaries that clap runs before anything is computed.
//!
//! One sign convention holds for every subcommand: a difference is B − A, so a positive value
//! means B is higher than A, and `--alternative greater` means B is greater than A. The
//! commands get it by handing the engine arm B as its first sample and arm A as its second
//! (the engine, like SciPy and statsmodels, reports the first minus the second).

use std::path::Path;

use anyhow::Context as _;
use clap::ValueEnum;
use promptctl::stats::Alternative;

use crate::cli::error::CliError;

/// `--alternative` values: the direction of B − A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum AlternativeArg {
    /// The two differ
    #[default]
    TwoSided,
    /// B is smaller than A
    Less,
    /// B is larger than A
    Greater,
}

/// The engine's alternative when arm B is its first sample (see the module docs).
impl From<AlternativeArg> for Alternative {
    fn from(value: AlternativeArg) -> Alternative {
        match value {
            AlternativeArg::TwoSided => Alternative::TwoSided,
            AlternativeArg::Less => Alternative::Less,
            AlternativeArg::Greater => Alternative::Greater,
        }
    }
}

/// Reads numbers from a file (`-` for stdin): one number per line, or a single CSV column with
/// an optional header line. Blank lines are skipped.
pub(crate) fn read_numbers(path: &Path) -> anyhow::Result<Vec<f64>> {
    let (label, text) = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .context("cannot read numbers from stdin")?;
        ("<stdin>".to_owned(), text)
    } else {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        (path.display().to_string(), text)
    };
    parse_numbers(&label, &text)
}

/// Parses the contents of a number file (see [`read_numbers`]).
pub(crate) fn parse_numbers(label: &str, text: &str) -> anyhow::Result<Vec<f64>> {
    let mut values = Vec::new();
    let mut seen_line = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_matches('"').trim();
        if line.is_empty() {
            continue;
        }
        let first = !seen_line;
        seen_line = true;
        if line.contains(',') || line.contains('\t') || line.contains(';') {
            return Err(CliError::invalid(
                format!(
                    "{label}:{}: expected one number per line, found `{line}`",
                    index + 1
                ),
                Some("pass one column: `cut -d, -f3 results.csv > a.csv`".to_owned()),
            )
            .into());
        }
        match line.parse::<f64>() {
            Ok(value) if value.is_finite() => values.push(value),
            Ok(_) => {
                return Err(CliError::invalid(
                    format!("{label}:{}: `{line}` is not a finite number", index + 1),
                    None,
                )
                .into());
            }
            // A non-numeric first line is a header.
            Err(_) if first => {}
            Err(_) => {
                return Err(CliError::invalid(
                    format!("{label}:{}: `{line}` is not a number", index + 1),
                    None,
                )
                .into());
            }
        }
    }
    if values.is_empty() {
        return Err(CliError::invalid(format!("{label}: no numbers found"), None).into());
    }
    Ok(values)
}

/// Parses `MEAN,SD,N` for `--summary-a` / `--summary-b`: a finite mean, a finite standard
/// deviation of at least 0, and a whole number of observations of at least 1.
pub(crate) fn parse_summary(text: &str) -> Result<(f64, f64, f64), String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [mean, sd, n] = parts.as_slice() else {
        return Err("expected MEAN,SD,N (for example `0.62,0.21,400`)".to_owned());
    };
    let number = |s: &str| match s.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("`{s}` is not a finite number")),
    };
    let (mean, sd, n) = (number(mean)?, number(sd)?, number(n)?);
    if sd < 0.0 {
        return Err(format!(
            "the standard deviation `{sd}` is negative; it must be 0 or more"
        ));
    }
    if n < 1.0 || n.fract() != 0.0 {
        return Err(format!(
            "the number of observations `{n}` must be a whole number of at least 1"
        ));
    }
    Ok((mean, sd, n))
}

/// Parses a significance level, confidence level or power: a number strictly between 0 and 1.
pub(crate) fn probability(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if p > 0.0 && p < 1.0 => Ok(p),
        Ok(_) => Err("must be between 0 and 1, exclusive (for example 0.95)".to_owned()),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}

/// Parses a quantile: a number from 0 to 1 (0.5 is the median).
pub(crate) fn quantile(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(q) if (0.0..=1.0).contains(&q) => Ok(q),
        Ok(_) => Err("must be from 0 to 1 (0.5 is the median, 0.95 the p95)".to_owned()),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_blank_lines_are_skipped() {
        let values = parse_numbers("a.csv", "latency_ms\n12.5\n\n13\n").unwrap();
        assert_eq!(values, vec![12.5, 13.0]);
    }

    #[test]
    fn a_bad_line_names_file_and_line() {
        let err = parse_numbers("a.csv", "1\n2\nthree\n").unwrap_err();
        assert!(err.to_string().contains("a.csv:3"), "{err}");
        let err = parse_numbers("a.csv", "1,2\n").unwrap_err();
        assert!(err.to_string().contains("one number per line"), "{err}");
        assert!(parse_numbers("a.csv", "header\n").is_err());
        assert!(parse_numbers("a.csv", "1\nNaN\n").is_err());
    }

    #[test]
    fn summaries_parse() {
        assert_eq!(parse_summary("0.5, 0.1, 40"), Ok((0.5, 0.1, 40.0)));
        assert_eq!(parse_summary("-3,0,2"), Ok((-3.0, 0.0, 2.0)));
        assert!(parse_summary("0.5,0.1").is_err());
    }

    #[test]
    fn summaries_with_a_negative_sd_or_a_bad_count_are_refused() {
        let err = parse_summary("0.5,-0.1,40").unwrap_err();
        assert!(err.contains("negative"), "{err}");
        assert!(parse_summary("0.5,0.1,0").is_err());
        assert!(parse_summary("0.5,0.1,2.5").is_err());
        assert!(parse_summary("NaN,0.1,4").is_err());
        assert!(parse_summary("0.5,inf,4").is_err());
    }

    #[test]
    fn probabilities_lie_strictly_between_0_and_1() {
        assert_eq!(probability("0.95"), Ok(0.95));
        for bad in ["1.5", "1", "0", "-0.5", "NaN", "x"] {
            assert!(probability(bad).is_err(), "{bad}");
        }
        assert_eq!(quantile("1"), Ok(1.0));
        assert!(quantile("1.01").is_err());
    }
}
