//! Suggest: static, deterministic advice on how to make a prompt work better.
//!
//! Lint says what is *broken*; suggest says what is *weak*: a structured output nobody asked for
//! in words, user input pasted without delimiters, "a few" where a number fits, an instruction
//! buried in the middle of a long prompt. Each piece of advice is a [`Suggestion`]: a
//! [`Finding`] (rule id, `file:line:col` evidence, message, hint) plus, where the change is
//! mechanical, a [`Fix`] of byte-range edits that `suggest --fix` applies.
//!
//! Rules live one per file in [`rules`] and are listed in [`RULES`]; each can be switched off
//! under `suggest.rules` in `promptctl.yaml`. Fixes are applied by [`apply_fixes`], which keeps
//! a fixed file only when it still parses and lint finds no new errors in it, so a fix can never
//! make a prompt worse than lint allows.
//!
//! Token counts ([`tokens`]) use the model's real tokenizer where one is bundled (OpenAI
//! encodings) and an estimate, labelled as such, otherwise.

pub mod rules;
pub mod tokens;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use regex::Regex;
use serde_json::Value;

use crate::config::SuggestConfig;
use crate::finding::{Finding, Location, Severity, sort_findings};
use crate::library::{Entry, Library};
use crate::lint::{self, LintOptions};
use crate::project::Project;
use crate::prompt::{FileKind, PromptDocument, PromptName, schema};

pub use rules::RULES;
pub use tokens::TokenCount;

/// The token budget used when `suggest.token_budget` is not set.
pub const DEFAULT_TOKEN_BUDGET: usize = 4000;

/// A piece of advice.
pub trait SuggestRule: Sync {
    /// The stable id used in output and in `suggest.rules`, e.g. `vague-quantifier`.
    fn id(&self) -> &'static str;
    /// One line on what the rule looks for.
    fn summary(&self) -> &'static str;
    /// Why it matters, with a before/after example (Markdown).
    fn explanation(&self) -> &'static str;
    /// Checks one prompt.
    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion>;
}

/// Finds a rule by id.
pub fn rule(id: &str) -> Option<&'static dyn SuggestRule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// One replacement of a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced (equal to `start` for an insertion).
    pub end: usize,
    /// The new text.
    pub replacement: String,
}

/// A mechanical change that follows the advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words ("wrap `body` in `<body>` tags").
    pub description: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
}

/// Advice about one place in one prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Rule, location, message and hint (severity is always info: advice never fails a build).
    pub finding: Finding,
    /// The mechanical fix, when there is one.
    pub fix: Option<Fix>,
}

/// Errors that stop `suggest` before it starts.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `suggest.rules` names a rule that does not exist.
    #[error("`suggest.rules` in promptctl.yaml names `{rule}`, which is not a suggest rule")]
    UnknownRule {
        /// The name as written.
        rule: String,
        /// Closest rule ids, for a hint.
        suggestions: Vec<String>,
    },
    /// `suggest.rules.<rule>` is neither `on` nor `off`.
    #[error("`suggest.rules.{rule}` in promptctl.yaml is `{value}`; use on or off")]
    InvalidSwitch {
        /// The rule.
        rule: String,
        /// The value as written.
        value: String,
    },
    /// Linting the fixed files could not run.
    #[error(transparent)]
    Lint(#[from] lint::Error),
}

/// What `suggest` found for one prompt.
#[derive(Debug, Clone)]
pub struct PromptAdvice {
    /// The prompt's id (`folder/name` or `folder/name.variant`).
    pub name: String,
    /// Its path relative to the project root.
    pub path: PathBuf,
    /// Its model, when it names one or the project has a default.
    pub model: Option<String>,
    /// Tokens in the template and the partials it includes.
    pub tokens: TokenCount,
    /// The advice, sorted by location then rule.
    pub suggestions: Vec<Suggestion>,
}

/// The prompt being checked and what rules need to know about it.
pub struct SuggestContext<'a> {
    /// The file.
    pub entry: &'a Entry,
    /// Its parsed document.
    pub document: &'a PromptDocument,
    /// The model the prompt runs on (`provider/model`), if known.
    pub model: Option<&'a str>,
    /// Token budget for the prompt.
    pub token_budget: usize,
    /// Tokens in the template and its partials.
    pub tokens: &'a TokenCount,
    /// Text of the partials the template includes (one level), for "is it said somewhere" checks.
    pub partial_text: String,
    /// Declared input variables and their JSON Schema, when the schema converts.
    pub input_properties: BTreeMap<String, Value>,
    body_start: usize,
}

impl<'a> SuggestContext<'a> {
    /// Builds the context for a prompt; `None` when the file did not parse.
    pub fn new(
        entry: &'a Entry,
        library: &Library,
        model: Option<&'a str>,
        token_budget: usize,
        tokens: &'a TokenCount,
    ) -> Option<SuggestContext<'a>> {
        let document = entry.document.as_ref().ok()?;
        let body_start = if entry.text.ends_with(document.body.as_str()) {
            entry.text.len() - document.body.len()
        } else {
            return None;
        };
        let input_properties = document
            .front_matter
            .input
            .schema
            .as_ref()
            .and_then(|s| schema::to_json_schema(s).ok())
            .and_then(|s| s.get("properties").and_then(Value::as_object).cloned())
            .map(|m| m.into_iter().collect())
            .unwrap_or_default();
        Some(SuggestContext {
            entry,
            document,
            model,
            token_budget,
            tokens,
            partial_text: partial_text(&document.body, library),
            input_properties,
            body_start,
        })
    }

    /// The whole file.
    pub fn text(&self) -> &'a str {
        &self.entry.text
    }

    /// The body (everything after the front matter), as written in the file.
    pub fn body(&self) -> &'a str {
        &self.entry.text[self.body_start..]
    }

    /// Byte offset of the body in the file.
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    /// The 1-based line and column of a byte offset in the file.
    pub fn at_offset(&self, offset: usize) -> Location {
        let before = &self.entry.text[..offset.min(self.entry.text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location::at(&self.entry.path, line, column)
    }

    /// Where a front-matter key is, or the start of the file.
    pub fn at_key(&self, path: &[&str]) -> Location {
        self.document.locate(path).map_or_else(
            || Location::at(&self.entry.path, 1, 1),
            |(l, c)| Location::at(&self.entry.path, l, c),
        )
    }

    /// Whether the prompt promises structured output: `output.format: json` or an output schema.
    pub fn expects_structure(&self) -> bool {
        let output = &self.document.front_matter.output;
        output.format.as_deref() == Some("json") || output.schema.is_some()
    }

    /// The top-level fields of the output schema, in order.
    pub fn output_fields(&self) -> Vec<String> {
        self.document
            .front_matter
            .output
            .schema
            .as_ref()
            .and_then(|s| schema::to_json_schema(s).ok())
            .map(|s| schema::declared_variables(&s))
            .unwrap_or_default()
    }

    /// Body plus included partials, lowercased: for "is this said anywhere" checks.
    pub fn all_text_lower(&self) -> String {
        format!("{}\n{}", self.body(), self.partial_text).to_lowercase()
    }

    /// Plain variable insertions (`{{name}}`, `{{{name}}}`) in the body: name and file byte range.
    pub fn variable_uses(&self) -> Vec<(String, usize, usize)> {
        let re = variable_regex();
        re.captures_iter(self.body())
            .filter_map(|c| {
                let whole = c.get(0)?;
                let name = c.get(1)?.as_str();
                let top = name.split('.').next().unwrap_or(name);
                if top == "this"
                    || top.starts_with('@')
                    || crate::prompt::analysis::required_arguments(top).is_some()
                {
                    return None;
                }
                Some((
                    top.to_owned(),
                    self.body_start + whole.start(),
                    self.body_start + whole.end(),
                ))
            })
            .collect()
    }

    /// The provider part of the model (`openai` in `openai/gpt-4o`).
    pub fn provider(&self) -> Option<&'a str> {
        self.model.and_then(|m| m.split_once('/')).map(|(p, _)| p)
    }

    /// The model part of the model (`gpt-4o` in `openai/gpt-4o`).
    pub fn model_id(&self) -> Option<&'a str> {
        self.model
            .map(|m| m.split_once('/').map_or(m, |(_, id)| id))
    }

    /// An edit that adds `child` (e.g. `format: json`) under the top-level front-matter `key`,
    /// creating the key before the closing `---` when it is missing. `None` without front matter.
    pub fn insert_under_key(&self, key: &str, child: &str) -> Option<Edit> {
        if !self.document.has_front_matter {
            return None;
        }
        let text = self.text();
        let head = &text[..self.body_start];
        let closing = head
            .trim_end_matches(['\n', '\r'])
            .rfind('\n')
            .map(|i| i + 1)?;
        let mut offset = text.find('\n')? + 1;
        while offset < closing {
            let line_end = text[offset..]
                .find('\n')
                .map_or(text.len(), |i| offset + i + 1);
            let line = text[offset..line_end].trim_end();
            if line == format!("{key}:") {
                let next = &text[line_end..];
                let indent: String = next.chars().take_while(|c| *c == ' ').collect();
                let indent = if indent.is_empty() {
                    "  ".to_owned()
                } else {
                    indent
                };
                return Some(Edit {
                    start: line_end,
                    end: line_end,
                    replacement: format!("{indent}{child}\n"),
                });
            }
            if line.starts_with(&format!("{key}:")) {
                // `key: {…}` written inline: not mechanical.
                return None;
            }
            offset = line_end;
        }
        Some(Edit {
            start: closing,
            end: closing,
            replacement: format!("{key}:\n  {child}\n"),
        })
    }

    /// A suggestion from `rule` at `location`.
    pub fn suggest(
        &self,
        rule: &dyn SuggestRule,
        location: Location,
        message: impl Into<String>,
        hint: Option<String>,
        fix: Option<Fix>,
    ) -> Suggestion {
        Suggestion {
            finding: Finding {
                rule: rule.id().to_owned(),
                severity: Severity::Info,
                location,
                message: message.into(),
                hint,
            },
            fix,
        }
    }
}

fn variable_regex() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\{\{\{?~?\s*([A-Za-z_@][A-Za-z0-9_.\-]*)\s*~?\}?\}\}").expect("valid regex")
    })
}

/// The text of the partials a body includes (one level deep).
fn partial_text(body: &str, library: &Library) -> String {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\{\{#?>\s*([A-Za-z0-9_./\-]+)").expect("valid regex"));
    re.captures_iter(body)
        .filter_map(|c| library.get(&PromptName::partial(c.get(1)?.as_str())))
        .map(|e| e.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which rules are on after `suggest.rules`.
pub fn enabled_rules(config: &SuggestConfig) -> Result<Vec<&'static dyn SuggestRule>, Error> {
    let mut off: HashMap<&str, bool> = HashMap::new();
    for (id, value) in &config.rules {
        if rule(id).is_none() {
            return Err(Error::UnknownRule {
                rule: id.clone(),
                suggestions: lint::closest(id, RULES.iter().map(|r| r.id()), 2),
            });
        }
        match value.as_str() {
            "off" => off.insert(id.as_str(), true),
            "on" => off.insert(id.as_str(), false),
            _ => {
                return Err(Error::InvalidSwitch {
                    rule: id.clone(),
                    value: value.clone(),
                });
            }
        };
    }
    Ok(RULES
        .iter()
        .copied()
        .filter(|r| !off.get(r.id()).copied().unwrap_or(false))
        .collect())
}

/// The model a prompt runs on: its own first model, else the project default.
pub fn model_of(project: &Project, document: &PromptDocument) -> Option<String> {
    document
        .front_matter
        .model
        .as_ref()
        .and_then(|m| m.models().first().map(|s| (*s).to_owned()))
        .or_else(|| project.config.defaults.model.clone())
}

/// Advice for the prompts `selected` (positions in `library.entries`; partials are skipped).
pub fn suggest(
    project: &Project,
    library: &Library,
    selected: &[usize],
) -> Result<Vec<PromptAdvice>, Error> {
    let rules = enabled_rules(&project.config.suggest)?;
    let budget = project
        .config
        .suggest
        .token_budget
        .unwrap_or(DEFAULT_TOKEN_BUDGET);
    let mut out = Vec::new();
    for &position in selected {
        let entry = &library.entries[position];
        if entry.name.kind != FileKind::Prompt {
            continue;
        }
        let Ok(document) = &entry.document else {
            continue;
        };
        let model = model_of(project, document);
        let partials = partial_text(&document.body, library);
        let tokens = tokens::count(
            model.as_deref(),
            &format!("{}\n{partials}", document.template()),
        );
        let mut suggestions = Vec::new();
        if let Some(ctx) = SuggestContext::new(entry, library, model.as_deref(), budget, &tokens) {
            for rule in &rules {
                suggestions.extend(rule.check(&ctx));
            }
        }
        sort_suggestions(&mut suggestions);
        out.push(PromptAdvice {
            name: crate::library::display_id(&entry.name),
            path: entry.path.clone(),
            model,
            tokens,
            suggestions,
        });
    }
    Ok(out)
}

fn sort_suggestions(suggestions: &mut [Suggestion]) {
    let mut findings: Vec<(Finding, usize)> = suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.finding.clone(), i))
        .collect();
    findings.sort_by(|a, b| {
        let mut pair = [a.0.clone(), b.0.clone()];
        sort_findings(&mut pair);
        if pair[0] == a.0 && a.0 != b.0 {
            std::cmp::Ordering::Less
        } else if a.0 == b.0 {
            std::cmp::Ordering::Equal
        } else {
            std::cmp::Ordering::Greater
        }
    });
    let order: Vec<Suggestion> = findings
        .iter()
        .map(|(_, i)| suggestions[*i].clone())
        .collect();
    suggestions.clone_from_slice(&order);
}

/// Applies `edits` to `text`; overlapping edits after the first are dropped.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        if edit.start < cursor || edit.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..edit.start]);
        out.push_str(&edit.replacement);
        cursor = edit.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// What `--fix` did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// The new text, when the fixes were kept.
    pub fixed_text: Option<String>,
    /// How many fixes were applied.
    pub applied: usize,
    /// Why the fixes were refused, when they were.
    pub refused: Option<String>,
}

/// Computes the fixed text of each file with fixable advice, keeping a file's fixes only when
/// the result parses and lint reports no more errors in it than before. Writes nothing: the
/// caller writes [`FixOutcome::fixed_text`].
pub fn apply_fixes(
    project: &Project,
    library: &Library,
    advice: &[PromptAdvice],
) -> Result<Vec<FixOutcome>, Error> {
    let mut outcomes = Vec::new();
    let mut fixed = library.clone();
    let mut changed = Vec::new();
    for prompt in advice {
        let edits: Vec<&Edit> = prompt
            .suggestions
            .iter()
            .filter_map(|s| s.fix.as_ref())
            .flat_map(|f| f.edits.iter())
            .collect();
        if edits.is_empty() {
            continue;
        }
        let Some(position) = library.entries.iter().position(|e| e.path == prompt.path) else {
            continue;
        };
        let text = apply_edits(&library.entries[position].text, &edits);
        let applied = prompt
            .suggestions
            .iter()
            .filter(|s| s.fix.is_some())
            .count();
        match PromptDocument::parse(&text) {
            Ok(doc) => {
                fixed.entries[position].text.clone_from(&text);
                fixed.entries[position].document = Ok(doc);
                changed.push((position, outcomes.len()));
                outcomes.push(FixOutcome {
                    path: prompt.path.clone(),
                    fixed_text: Some(text),
                    applied,
                    refused: None,
                });
            }
            Err(e) => outcomes.push(FixOutcome {
                path: prompt.path.clone(),
                fixed_text: None,
                applied: 0,
                refused: Some(format!("the fixed file would not parse: {}", e.message)),
            }),
        }
    }
    if changed.is_empty() {
        return Ok(outcomes);
    }
    let options = LintOptions {
        paths: changed
            .iter()
            .map(|(p, _)| library.entries[*p].path.clone())
            .collect(),
    };
    let before = lint::lint_library(project, library, &options)?;
    let after = lint::lint_library(project, &fixed, &options)?;
    let errors = |report: &lint::LintReport, path: &PathBuf| {
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && &f.location.path == path)
            .count()
    };
    for (position, outcome) in changed {
        let path = &library.entries[position].path;
        let (was, now) = (errors(&before, path), errors(&after, path));
        if now > was {
            let outcome = &mut outcomes[outcome];
            outcome.fixed_text = None;
            outcome.applied = 0;
            outcome.refused = Some(format!(
                "lint would report {now} error(s) in the fixed file, {was} before"
            ));
        }
    }
    Ok(outcomes)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs one rule over one in-memory prompt.

    use super::{SuggestContext, SuggestRule, Suggestion, tokens};
    use crate::lint::test_support::library;

    /// The suggestions of `rule` for `prompts/a.prompt` with text `text`, model `model`.
    pub(crate) fn run(rule: &dyn SuggestRule, text: &str, model: Option<&str>) -> Vec<Suggestion> {
        run_with(
            rule,
            &[("a.prompt", text)],
            model,
            super::DEFAULT_TOKEN_BUDGET,
        )
    }

    /// Like [`run`], with extra files and a budget; checks `a.prompt`.
    pub(crate) fn run_with(
        rule: &dyn SuggestRule,
        files: &[(&str, &str)],
        model: Option<&str>,
        budget: usize,
    ) -> Vec<Suggestion> {
        let library = library(files);
        let entry = library
            .entries
            .iter()
            .find(|e| e.path.ends_with("a.prompt"))
            .expect("a.prompt");
        let doc = entry.document.as_ref().expect("parses");
        let count = tokens::count(model, doc.template());
        let ctx = SuggestContext::new(entry, &library, model, budget, &count).expect("context");
        let found = rule.check(&ctx);
        for s in &found {
            assert_eq!(s.finding.rule, rule.id());
        }
        found
    }

    /// `line:col message` of each suggestion.
    pub(crate) fn lines(found: &[Suggestion]) -> Vec<String> {
        found
            .iter()
            .map(|s| {
                format!(
                    "{}:{} {}",
                    s.finding.location.line, s.finding.location.column, s.finding.message
                )
            })
            .collect()
    }

    /// The file after applying every fix.
    pub(crate) fn fixed(text: &str, found: &[Suggestion]) -> String {
        let edits: Vec<_> = found
            .iter()
            .filter_map(|s| s.fix.as_ref())
            .flat_map(|f| f.edits.iter())
            .collect();
        super::apply_edits(text, &edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_sorted_and_documented_with_before_and_after() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        assert!(RULES.len() >= 10);
        for r in RULES {
            assert!(
                r.explanation().contains("Before:") && r.explanation().contains("After:"),
                "{}",
                r.id()
            );
            assert!(!r.summary().ends_with('.'), "{}", r.id());
        }
    }

    #[test]
    fn the_improve_guide_documents_every_rule() {
        let guide = include_str!("../../docs/improve.md");
        for r in RULES {
            assert!(
                guide.contains(&format!("### `{}`", r.id())) && guide.contains(r.explanation()),
                "docs/improve.md is out of date for `{}`: its section is `promptctl suggest --explain {0}`",
                r.id()
            );
        }
    }

    #[test]
    fn rules_switched_off_in_config_do_not_run_and_unknown_ones_are_refused() {
        let mut config = SuggestConfig::default();
        config.rules.insert("vague-quantifier".into(), "off".into());
        let on = enabled_rules(&config).unwrap();
        assert!(!on.iter().any(|r| r.id() == "vague-quantifier"));
        assert_eq!(on.len(), RULES.len() - 1);
        config.rules.insert("vague-quantifer".into(), "off".into());
        match enabled_rules(&config) {
            Err(Error::UnknownRule { suggestions, .. }) => {
                assert_eq!(suggestions, ["vague-quantifier"]);
            }
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("an unknown rule was accepted"),
        }
        let mut config = SuggestConfig::default();
        config
            .rules
            .insert("vague-quantifier".into(), "loud".into());
        assert!(matches!(
            enabled_rules(&config),
            Err(Error::InvalidSwitch { .. })
        ));
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        let a = Edit {
            start: 0,
            end: 3,
            replacement: "X".into(),
        };
        let b = Edit {
            start: 2,
            end: 4,
            replacement: "Y".into(),
        };
        let c = Edit {
            start: 5,
            end: 5,
            replacement: "!".into(),
        };
        assert_eq!(apply_edits("abcdef", &[&b, &a, &c]), "Xde!f");
    }

    #[test]
    fn a_fix_that_adds_lint_errors_is_refused() {
        use crate::lint::test_support::{library, project};
        // A fix that inserts an undeclared variable would add an `undefined-variable` error.
        let library = library(&[(
            "a.prompt",
            "---\ninput:\n  schema:\n    x: string\n---\nHello {{x}}",
        )]);
        let advice = vec![PromptAdvice {
            name: "a".into(),
            path: library.entries[0].path.clone(),
            model: None,
            tokens: TokenCount::Estimated { count: 3 },
            suggestions: vec![Suggestion {
                finding: Finding {
                    rule: "vague-quantifier".into(),
                    severity: Severity::Info,
                    location: Location::file("prompts/a.prompt"),
                    message: String::new(),
                    hint: None,
                },
                fix: Some(Fix {
                    description: "bad".into(),
                    edits: vec![Edit {
                        start: 50,
                        end: 50,
                        replacement: " {{y}}".into(),
                    }],
                }),
            }],
        }];
        let outcomes = apply_fixes(&project(), &library, &advice).unwrap();
        assert_eq!(outcomes.len(), 1);
        assert!(outcomes[0].fixed_text.is_none());
        assert!(
            outcomes[0]
                .refused
                .as_deref()
                .unwrap()
                .contains("lint would report"),
            "{outcomes:?}"
        );
    }
}
