//! Lint: static checks over a whole prompt library, reported as [`Finding`]s.
//!
//! Each check is a [`Rule`]: a stable id, a default severity, a one-line summary, a longer
//! explanation (shown by `promptctl lint --explain RULE`) and a `check` over one library entry.
//! The rules live one per file in [`rules`], with their tests beside them, and are listed in
//! [`RULES`]; help, docs and `--list-rules` are generated from that slice.
//!
//! [`lint_source`] streams the library (issue 19): a first cheap pass builds the compact
//! [`LibraryIndex`] (names, `extends` values, claimed-name hashes, and the facts of partials and
//! bases, at tens of bytes per file), then every file is read, prepared (compiled template,
//! static analysis, converted input schema), checked and dropped, in parallel with rayon. Memory
//! is the index plus the findings, not the library: a million prompts fit in a laptop's memory.
//! Cross-file rules (missing partials, links and bases, cycles, duplicate names) are lookups in
//! the index, never scans, so linting stays linear. Findings are sorted before they are
//! returned, so output is stable.
//!
//! This module owns what is checked, not how it is shown: presenters live in the CLI.

mod context;
pub(crate) mod index;
pub mod rules;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::LintConfig;
use crate::finding::{Finding, Location, Severity, sort_findings};
use crate::library::{Library, Source};
use crate::project::Project;

pub use context::LintContext;
pub use index::{Declared, Facts, LibraryIndex, Prepared, TemplateFault};
pub use rules::RULES;

/// A lint check.
pub trait Rule: Sync {
    /// The stable id used in output, configuration and `--explain`, e.g. `undefined-variable`.
    fn id(&self) -> &'static str;
    /// The severity findings get unless `lint.rules` in `promptctl.yaml` overrides it.
    fn default_severity(&self) -> Severity;
    /// One line on what the rule checks.
    fn summary(&self) -> &'static str;
    /// Why the rule exists and how to fix what it reports, with an example (Markdown).
    fn explanation(&self) -> &'static str;
    /// Checks one library entry.
    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding>;
}

/// Finds a rule by id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// Errors that stop a lint run before it starts: configuration that cannot be honoured.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `lint.rules` names a rule that does not exist.
    #[error("`lint.rules` in promptctl.yaml names `{rule}`, which is not a lint rule")]
    UnknownRule {
        /// The name as written.
        rule: String,
        /// Closest rule ids, for a hint.
        suggestions: Vec<String>,
    },
    /// `lint.rules.<rule>` is not `off`, `info`, `warning` or `error`.
    #[error("`lint.rules.{rule}` in promptctl.yaml is `{value}`; use off, info, warning or error")]
    InvalidRuleSeverity {
        /// The rule.
        rule: String,
        /// The value as written.
        value: String,
    },
    /// `lint.fail_on` is not a severity.
    #[error("`lint.fail_on` in promptctl.yaml is `{value}`; use info, warning or error")]
    InvalidFailOn {
        /// The value as written.
        value: String,
    },
}

/// What to lint.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Only report on files under these paths (relative to the project root); empty means all.
    /// References are still resolved against the whole library.
    pub paths: Vec<PathBuf>,
}

/// The outcome of a lint run.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// Every finding, sorted by location then rule.
    pub findings: Vec<Finding>,
    /// How many files were checked.
    pub files_checked: usize,
}

impl LintReport {
    /// How many findings have exactly this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// The severity that makes `lint` fail: the command-line value, else `lint.fail_on`, else error.
pub fn fail_threshold(config: &LintConfig, flag: Option<Severity>) -> Result<Severity, Error> {
    if let Some(flag) = flag {
        return Ok(flag);
    }
    match config.fail_on.as_deref() {
        None => Ok(Severity::Error),
        Some(value) => Severity::parse(value).ok_or_else(|| Error::InvalidFailOn {
            value: value.to_owned(),
        }),
    }
}

/// Per-rule severities after `lint.rules` overrides; `None` means the rule is off.
fn effective_severities(
    config: &LintConfig,
) -> Result<HashMap<&'static str, Option<Severity>>, Error> {
    let mut out: HashMap<&'static str, Option<Severity>> = RULES
        .iter()
        .map(|r| (r.id(), Some(r.default_severity())))
        .collect();
    for (id, value) in &config.rules {
        let Some(rule) = rule(id) else {
            let mut suggestions: Vec<(usize, String)> = RULES
                .iter()
                .map(|r| (crate::library::edit_distance(r.id(), id), r.id().to_owned()))
                .filter(|(d, _)| *d <= 3)
                .collect();
            suggestions.sort();
            return Err(Error::UnknownRule {
                rule: id.clone(),
                suggestions: suggestions.into_iter().map(|(_, s)| s).take(2).collect(),
            });
        };
        let severity = config
            .severity_override(id)
            .ok_or_else(|| Error::InvalidRuleSeverity {
                rule: id.clone(),
                value: value.clone(),
            })?;
        out.insert(rule.id(), severity);
    }
    Ok(out)
}

/// Lints a loaded library against the project's configuration.
pub fn lint_library(
    project: &Project,
    library: &Library,
    options: &LintOptions,
) -> Result<LintReport, Error> {
    lint_source(project, library, options)
}

/// Lints a library read one entry at a time (the files on disk, or a loaded library) against
/// the project's configuration: the compact index first, then each file checked and dropped.
pub fn lint_source(
    project: &Project,
    source: &impl Source,
    options: &LintOptions,
) -> Result<LintReport, Error> {
    let severities = effective_severities(&project.config.lint)?;
    let index = LibraryIndex::scan(source);
    let selected: Vec<usize> = if options.paths.is_empty() {
        (0..source.len()).collect()
    } else {
        (0..source.len())
            .filter(|&i| is_selected(&source.path(i), &options.paths))
            .collect()
    };
    let enabled: Vec<(&dyn Rule, Option<Severity>)> = RULES
        .iter()
        .map(|r| (*r, severities.get(r.id()).copied().flatten()))
        .filter(|(_, s)| s.is_some())
        .collect();
    let mut findings: Vec<Finding> = selected
        .par_iter()
        .flat_map_iter(|&position| {
            // The entry and its prepared facts live only while its rules run.
            source.with_entry(position, |entry| {
                let prepared = Prepared::of(entry);
                let ctx = LintContext::new(project, &index, position, entry, &prepared);
                enabled
                    .iter()
                    .flat_map(|(rule, severity)| {
                        let mut found = rule.check(&ctx);
                        // A configured severity replaces whatever the rule chose.
                        if project.config.lint.rules.contains_key(rule.id()) {
                            for f in &mut found {
                                f.severity = severity.unwrap_or(f.severity);
                            }
                        }
                        found
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    sort_findings(&mut findings);
    Ok(LintReport {
        findings,
        files_checked: selected.len(),
    })
}

/// Whether a file (relative to the project root) is under one of the requested paths.
fn is_selected(path: &Path, wanted: &[PathBuf]) -> bool {
    wanted.is_empty()
        || wanted
            .iter()
            .any(|w| w.as_os_str().is_empty() || path.starts_with(w))
}

/// Builds a finding for `rule` at `location` with the rule's default severity.
pub fn finding(
    rule: &dyn Rule,
    location: Location,
    message: impl Into<String>,
    hint: Option<String>,
) -> Finding {
    Finding {
        rule: rule.id().to_owned(),
        severity: rule.default_severity(),
        location,
        message: message.into(),
        hint,
    }
}

/// "did you mean" candidates: the closest of `candidates` to `wanted`, at most `limit`.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let max = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (crate::library::edit_distance(c, wanted), c))
        .filter(|(d, _)| *d <= max)
        .collect();
    scored.sort_unstable();
    scored.dedup();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.to_owned())
        .collect()
}

/// Formats a list of names as "`a`, `b` or `c`".
pub fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod fuzz_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_sorted_and_documented() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be sorted by id and unique");
        for r in RULES {
            assert!(
                !r.summary().is_empty() && !r.summary().ends_with('.'),
                "{}",
                r.id()
            );
            assert!(
                r.explanation().len() > 80,
                "{} needs an explanation",
                r.id()
            );
            assert!(
                r.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id()
            );
        }
    }

    #[test]
    fn config_schema_lists_every_rule() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/config.schema.json")).unwrap();
        let listed: Vec<&str> =
            schema["properties"]["lint"]["properties"]["rules"]["propertyNames"]["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        assert_eq!(listed, ids);
    }

    #[test]
    fn the_user_guide_documents_every_rule() {
        let guide = include_str!("../../docs/linting.md");
        for r in RULES {
            assert!(
                guide.contains(&format!("### `{}`", r.id())) && guide.contains(r.explanation()),
                "docs/linting.md is out of date for `{}`: its section is the output of \
                 `promptctl lint --explain {0}`",
                r.id()
            );
        }
    }

    #[test]
    fn unknown_rule_in_config_is_an_error_with_suggestion() {
        let mut config = LintConfig::default();
        config
            .rules
            .insert("undefined-variabel".into(), "off".into());
        match effective_severities(&config) {
            Err(Error::UnknownRule { suggestions, .. }) => {
                assert_eq!(suggestions, ["undefined-variable"]);
            }
            other => panic!("{other:?}"),
        }
        let mut config = LintConfig::default();
        config.rules.insert("unused-variable".into(), "loud".into());
        assert!(matches!(
            effective_severities(&config),
            Err(Error::InvalidRuleSeverity { .. })
        ));
    }

    #[test]
    fn fail_threshold_prefers_the_flag_then_config() {
        let mut config = LintConfig::default();
        assert_eq!(fail_threshold(&config, None).unwrap(), Severity::Error);
        config.fail_on = Some("warning".into());
        assert_eq!(fail_threshold(&config, None).unwrap(), Severity::Warning);
        assert_eq!(
            fail_threshold(&config, Some(Severity::Info)).unwrap(),
            Severity::Info
        );
        config.fail_on = Some("loud".into());
        assert!(fail_threshold(&config, None).is_err());
    }

    #[test]
    fn paths_select_files_under_them() {
        let wanted = [PathBuf::from("prompts/support")];
        assert!(is_selected(Path::new("prompts/support/a.prompt"), &wanted));
        assert!(!is_selected(
            Path::new("prompts/supportive/a.prompt"),
            &wanted
        ));
        assert!(is_selected(Path::new("x"), &[]));
    }
}
