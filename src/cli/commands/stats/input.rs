//! Inputs shared by the `stats` subcommands: number files, the alternative hypothesis, counts.

use std::path::Path;

use anyhow::Context as _;
use clap::ValueEnum;
use promptctl::stats::Alternative;

use crate::cli::error::CliError;

/// `--alternative` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum AlternativeArg {
    /// The two differ
    #[default]
    TwoSided,
    /// A is smaller than B
    Less,
    /// A is larger than B
    Greater,
}

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

/// Parses `MEAN,SD,N` for `--summary-a` / `--summary-b`.
pub(crate) fn parse_summary(text: &str) -> Result<(f64, f64, f64), String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [mean, sd, n] = parts.as_slice() else {
        return Err("expected MEAN,SD,N (for example `0.62,0.21,400`)".to_owned());
    };
    let number = |s: &str| {
        s.parse::<f64>()
            .map_err(|_| format!("`{s}` is not a number"))
    };
    Ok((number(mean)?, number(sd)?, number(n)?))
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
        assert!(parse_summary("0.5,0.1").is_err());
    }
}
