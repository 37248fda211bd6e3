//! Policy rules: the project's own requirements, written in YAML files under `policies/`.
//!
//! A policy rule has an id, a severity, a scope (folders, tags, categories, statuses,
//! classifications) and exactly one check:
//!
//! - `banned`: terms or regular expressions that must not appear in the prompt file;
//! - `required`: text that must appear in the template (a disclaimer, a safety line);
//! - `max_length`: a limit in characters and/or estimated tokens (characters / 4);
//! - `providers`: which `provider/model` globs prompts in scope may name (`allow`, `deny`);
//! - `regions`: the regions prompts in scope may be served from — data residency. A prompt's own
//!   `regions:` list and the regions of the providers its models run on (from `providers.<name>`
//!   `region` and its deployments' regions in `promptctl.yaml`) must all be allowed; an environment a release
//!   targets is checked with [`PolicySet::check_release`].
//!
//! Findings are reported as `policy/<id>` with the location of the offending key or text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

use crate::finding::{Finding, Location, Severity};
use crate::prompt::{FrontMatter, PromptDocument, PromptName};
use crate::scan::suppress::{Redacted, glob_to_regex};
use crate::scan::{Confidence, LineIndex, Origin, ScanFinding, ScanInput, fingerprint};

/// Errors loading policy files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The policies folder named in the configuration does not exist.
    #[error("the policies folder `{}` does not exist", path.display())]
    MissingDir {
        /// The folder.
        path: PathBuf,
    },
    /// A policy file could not be read.
    #[error("cannot read policy file `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A policy file is not valid.
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line (1 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Who a rule applies to. Empty lists match everything; several lists must all match.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Folders (or globs) of prompt names, e.g. `support` or `support/**`.
    #[serde(default)]
    pub folders: Vec<String>,
    /// Any of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Any of these categories.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Any of these statuses.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Any of these classifications.
    #[serde(default)]
    pub classifications: Vec<String>,
}

/// Terms and patterns a prompt must not contain.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// Plain terms, matched case-insensitively as whole words.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Regular expressions.
    #[serde(default)]
    pub patterns: Vec<String>,
}

/// A length limit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthSpec {
    /// Maximum template characters.
    #[serde(default)]
    pub chars: Option<usize>,
    /// Maximum estimated tokens (characters / 4, rounded up).
    #[serde(default)]
    pub tokens: Option<usize>,
}

/// Allowed and denied `provider/model` globs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSpec {
    /// Models in scope must match one of these (when non-empty).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Models in scope must match none of these.
    #[serde(default)]
    pub deny: Vec<String>,
}

/// Allowed regions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSpec {
    /// Regions prompts in scope may be served from.
    pub allow: Vec<String>,
}

/// One rule as written in a policy file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    banned: Option<TextSpec>,
    #[serde(default)]
    required: Option<TextSpec>,
    #[serde(default)]
    max_length: Option<LengthSpec>,
    #[serde(default)]
    providers: Option<ProviderSpec>,
    #[serde(default)]
    regions: Option<RegionSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    rules: Vec<RuleFile>,
}

/// What a rule checks.
#[derive(Debug, Clone)]
pub enum Check {
    /// Terms and patterns that must not appear.
    Banned {
        /// The terms and patterns as written.
        spec: TextSpec,
        /// Compiled matchers (terms as whole-word, case-insensitive).
        matchers: Vec<Regex>,
    },
    /// Text that must appear in the template.
    Required {
        /// The text and patterns as written.
        spec: TextSpec,
        /// Compiled matchers.
        matchers: Vec<Regex>,
    },
    /// A length limit.
    MaxLength(LengthSpec),
    /// Allowed and denied models.
    Providers(ProviderSpec),
    /// Allowed regions.
    Regions(RegionSpec),
}

/// One loaded policy rule.
#[derive(Debug, Clone)]
pub struct PolicyRule {
    /// The id as written; findings use `policy/<id>`.
    pub id: String,
    /// What the rule is for.
    pub description: Option<String>,
    /// Why it exists.
    pub why: Option<String>,
    /// How to fix a finding.
    pub hint: Option<String>,
    /// Severity of its findings.
    pub severity: Severity,
    /// Who it applies to.
    pub scope: Scope,
    /// What it checks.
    pub check: Check,
    /// The file it came from and the line of its `id`.
    pub source: Location,
}

impl PolicyRule {
    /// The rule id findings carry: `policy/<id>`.
    pub fn finding_id(&self) -> String {
        format!("policy/{}", self.id)
    }

    /// One sentence on what the rule checks, generated from its definition.
    pub fn summary(&self) -> String {
        match &self.check {
            Check::Banned { spec, .. } => {
                format!("Prompts must not contain {}.", describe_text(spec))
            }
            Check::Required { spec, .. } => {
                format!("Prompts must contain {}.", describe_text(spec))
            }
            Check::MaxLength(spec) => {
                let mut parts = Vec::new();
                if let Some(c) = spec.chars {
                    parts.push(format!("{c} characters"));
                }
                if let Some(t) = spec.tokens {
                    parts.push(format!("{t} estimated tokens"));
                }
                format!("Templates must be at most {}.", parts.join(" and "))
            }
            Check::Providers(spec) => {
                let mut parts = Vec::new();
                if !spec.allow.is_empty() {
                    parts.push(format!("only models matching {}", quote_list(&spec.allow)));
                }
                if !spec.deny.is_empty() {
                    parts.push(format!("no models matching {}", quote_list(&spec.deny)));
                }
                format!("Prompts may use {}.", parts.join(" and "))
            }
            Check::Regions(spec) => format!(
                "Prompts may only be served from {} (their `regions:` and their providers' regions).",
                quote_list(&spec.allow)
            ),
        }
    }

    /// The scope in words.
    pub fn scope_text(&self) -> String {
        let s = &self.scope;
        let mut parts = Vec::new();
        let mut add = |label: &str, values: &[String]| {
            if !values.is_empty() {
                parts.push(format!("{label} {}", quote_list(values)));
            }
        };
        add("folders", &s.folders);
        add("tags", &s.tags);
        add("categories", &s.categories);
        add("statuses", &s.statuses);
        add("classifications", &s.classifications);
        if parts.is_empty() {
            "all prompts".to_owned()
        } else {
            format!("prompts with {}", parts.join("; "))
        }
    }
}

fn describe_text(spec: &TextSpec) -> String {
    let mut parts = Vec::new();
    if !spec.terms.is_empty() {
        parts.push(quote_list(&spec.terms));
    }
    if !spec.patterns.is_empty() {
        parts.push(format!("text matching {}", quote_list(&spec.patterns)));
    }
    parts.join(" or ")
}

fn quote_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Regions of providers and environments, read from `promptctl.yaml`.
#[derive(Debug, Clone, Default)]
pub struct PolicyContext {
    /// Provider name to the regions it serves from.
    pub provider_regions: BTreeMap<String, Vec<String>>,
    /// Environment name to its regions.
    pub environment_regions: BTreeMap<String, Vec<String>>,
}

impl PolicyContext {
    /// Reads each provider's `region` (and its deployments' regions) from the typed
    /// `providers:` section, and each environment's regions from
    /// `release.environments.<name>.regions`.
    pub fn from_config(config: &crate::config::Config) -> PolicyContext {
        let provider_regions = config
            .providers
            .iter()
            .filter_map(|(name, provider)| {
                let mut regions: Vec<String> = provider.region.iter().cloned().collect();
                for deployment in &provider.deployments {
                    if let Some(region) = &deployment.region
                        && !regions.contains(region)
                    {
                        regions.push(region.clone());
                    }
                }
                (!regions.is_empty()).then(|| (name.clone(), regions))
            })
            .collect();
        let environment_regions = config
            .release
            .environments
            .iter()
            .filter(|(_, rule)| !rule.regions.is_empty())
            .map(|(name, rule)| (name.clone(), rule.regions.clone()))
            .collect();
        PolicyContext {
            provider_regions,
            environment_regions,
        }
    }
}

/// A residency violation found when releasing a prompt to an environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseViolation {
    /// `policy/<id>`.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// Refuses releases that break the `regions` rules: the release command passes it to the store,
/// so a `confidential` prompt cannot be pinned in an environment served from a forbidden region.
#[derive(Debug, Clone, Copy)]
pub struct ResidencyGuard<'a> {
    /// The project's policies.
    pub policies: &'a PolicySet,
    /// Where environments are served from.
    pub context: &'a PolicyContext,
}

impl crate::store::release::ReleaseGuard for ResidencyGuard<'_> {
    fn refusals(&self, name: &str, front_matter: &FrontMatter, environment: &str) -> Vec<String> {
        let regions = self
            .context
            .environment_regions
            .get(environment)
            .cloned()
            .unwrap_or_default();
        self.policies
            .check_release(
                &PromptName::parse_id(name),
                front_matter,
                environment,
                &regions,
            )
            .into_iter()
            .filter(|v| v.severity == Severity::Error)
            .map(|v| format!("{}: {}", v.rule, v.message))
            .collect()
    }
}

/// Every policy rule of a project.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// The rules, in file and then definition order.
    pub rules: Vec<PolicyRule>,
}

impl PolicySet {
    /// Loads every `.yaml`/`.yml` file in `dir`; paths in errors and findings are shown relative
    /// to `root`. A missing folder is an error only when `required` (named in the config).
    pub fn load_dir(root: &Path, dir: &Path, required: bool) -> Result<PolicySet, Error> {
        if !dir.is_dir() {
            if required {
                return Err(Error::MissingDir {
                    path: dir.to_path_buf(),
                });
            }
            return Ok(PolicySet::default());
        }
        let read = std::fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        let mut set = PolicySet::default();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let shown = path.strip_prefix(root).unwrap_or(&path);
            set.rules.extend(PolicySet::parse(shown, &text)?.rules);
        }
        let mut seen = std::collections::HashSet::new();
        for rule in &set.rules {
            if !seen.insert(rule.id.clone()) {
                return Err(Error::Invalid {
                    path: rule.source.path.clone(),
                    line: rule.source.line,
                    message: format!("policy rule `{}` is defined twice", rule.id),
                });
            }
        }
        Ok(set)
    }

    /// Parses one policy file's text; `path` is used in errors and rule locations.
    pub fn parse(path: &Path, text: &str) -> Result<PolicySet, Error> {
        let invalid = |line: usize, message: String| Error::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        };
        if text.trim().is_empty() {
            return Ok(PolicySet::default());
        }
        let file: PolicyFile = crate::yaml::from_str(text).map_err(|e| {
            invalid(
                e.line.unwrap_or(1),
                format!("invalid policy file: {}", e.message),
            )
        })?;
        let mut rules = Vec::new();
        for raw in file.rules {
            let line = text
                .lines()
                .position(|l| {
                    let t = l.trim_start().trim_start_matches("- ").trim();
                    t.strip_prefix("id:")
                        .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == raw.id)
                })
                .map_or(1, |i| i + 1);
            if raw.id.is_empty()
                || !raw
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                return Err(invalid(
                    line,
                    format!(
                        "policy rule id `{}` must be letters, digits, `-`, `_` or `.`",
                        raw.id
                    ),
                ));
            }
            let severity = match raw.severity.as_deref() {
                None => Severity::Error,
                Some(s) => Severity::parse(s).ok_or_else(|| {
                    invalid(
                        line,
                        format!(
                            "rule `{}`: severity `{s}` is not info, warning or error",
                            raw.id
                        ),
                    )
                })?,
            };
            let compile = |spec: &TextSpec, whole_words: bool| -> Result<Vec<Regex>, Error> {
                let mut out = Vec::new();
                for term in &spec.terms {
                    let escaped = regex::escape(term);
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    let pattern = if whole_words {
                        format!(
                            "(?i){}{escaped}{}",
                            if word(term.chars().next()) { r"\b" } else { "" },
                            if word(term.chars().last()) { r"\b" } else { "" }
                        )
                    } else {
                        format!("(?i){escaped}")
                    };
                    out.push(Regex::new(&pattern).map_err(|e| invalid(line, e.to_string()))?);
                }
                for pattern in &spec.patterns {
                    out.push(Regex::new(pattern).map_err(|e| {
                        invalid(
                            line,
                            format!(
                                "rule `{}`: invalid pattern `{pattern}`: {}",
                                raw.id,
                                e.to_string().lines().last().unwrap_or("").trim()
                            ),
                        )
                    })?);
                }
                Ok(out)
            };
            let mut checks = Vec::new();
            if let Some(spec) = &raw.banned {
                checks.push(Check::Banned {
                    matchers: compile(spec, true)?,
                    spec: spec.clone(),
                });
            }
            if let Some(spec) = &raw.required {
                checks.push(Check::Required {
                    matchers: compile(spec, false)?,
                    spec: spec.clone(),
                });
            }
            if let Some(spec) = &raw.max_length {
                if spec.chars.is_none() && spec.tokens.is_none() {
                    return Err(invalid(
                        line,
                        format!("rule `{}`: `max_length` needs `chars` or `tokens`", raw.id),
                    ));
                }
                checks.push(Check::MaxLength(spec.clone()));
            }
            if let Some(spec) = &raw.providers {
                checks.push(Check::Providers(spec.clone()));
            }
            if let Some(spec) = &raw.regions {
                checks.push(Check::Regions(spec.clone()));
            }
            if checks.len() != 1 {
                return Err(invalid(
                    line,
                    format!(
                        "rule `{}` must have exactly one of `banned`, `required`, `max_length`, `providers` or `regions` (found {})",
                        raw.id,
                        checks.len()
                    ),
                ));
            }
            rules.push(PolicyRule {
                id: raw.id,
                description: raw.description,
                why: raw.why,
                hint: raw.hint,
                severity,
                scope: raw.scope,
                check: checks.remove(0),
                source: Location::at(path, line, 1),
            });
        }
        Ok(PolicySet { rules })
    }

    /// Finds a rule by id (`id` or `policy/id`).
    pub fn get(&self, id: &str) -> Option<&PolicyRule> {
        let id = id.strip_prefix("policy/").unwrap_or(id);
        self.rules.iter().find(|r| r.id == id)
    }

    /// Checks one prompt file against every rule in scope.
    pub fn check_prompt(
        &self,
        input: &ScanInput,
        name: &PromptName,
        document: &PromptDocument,
        lines: &LineIndex,
        context: &PolicyContext,
    ) -> Vec<ScanFinding> {
        let mut out = Vec::new();
        let fm = &document.front_matter;
        for rule in self.rules.iter().filter(|r| in_scope(&r.scope, name, fm)) {
            let mut report = |location: Location, message: String, key: &str| {
                out.push(policy_finding(input, rule, location, message, key));
            };
            let at_key = |key: &str| {
                document.locate(&[key]).map_or_else(
                    || Location::at(&input.path, 1, 1),
                    |(l, c)| Location::at(&input.path, l, c),
                )
            };
            match &rule.check {
                Check::Banned { matchers, .. } => {
                    for matcher in matchers {
                        for m in matcher.find_iter(&input.text) {
                            let (line, column) = lines.position(&input.text, m.start());
                            report(
                                Location::at(&input.path, line, column),
                                "banned text".to_owned(),
                                m.as_str(),
                            );
                        }
                    }
                }
                Check::Required { spec, matchers } => {
                    let template = document.template();
                    if !matchers.iter().any(|m| m.is_match(template)) {
                        report(
                            Location::at(&input.path, document.template_line(), 1),
                            format!("required text is missing: {}", describe_text(spec)),
                            "required",
                        );
                    }
                }
                Check::MaxLength(spec) => {
                    let chars = document.template().chars().count();
                    let tokens = chars.div_ceil(4);
                    let location = Location::at(&input.path, document.template_line(), 1);
                    if let Some(max) = spec.chars.filter(|max| chars > *max) {
                        report(
                            location.clone(),
                            format!("template is {chars} characters, over the limit of {max}"),
                            "chars",
                        );
                    }
                    if let Some(max) = spec.tokens.filter(|max| tokens > *max) {
                        report(
                            location,
                            format!("template is about {tokens} tokens, over the limit of {max}"),
                            "tokens",
                        );
                    }
                }
                Check::Providers(spec) => {
                    for model in fm.model.as_ref().map(|m| m.models()).unwrap_or_default() {
                        if let Some(message) = provider_violation(spec, model) {
                            report(at_key("model"), message, model);
                        }
                    }
                }
                Check::Regions(spec) => {
                    let class = fm.classification.as_deref().unwrap_or("unclassified");
                    for region in &fm.regions {
                        if !spec.allow.contains(region) {
                            report(
                                at_key("regions"),
                                format!(
                                    "region `{region}` is not allowed for {class} prompts (allowed: {})",
                                    spec.allow.join(", ")
                                ),
                                region,
                            );
                        }
                    }
                    for model in fm.model.as_ref().map(|m| m.models()).unwrap_or_default() {
                        let provider = model.split('/').next().unwrap_or(model);
                        match context.provider_regions.get(provider) {
                            Some(regions) => {
                                for region in regions.iter().filter(|r| !spec.allow.contains(r)) {
                                    report(
                                        at_key("model"),
                                        format!(
                                            "provider `{provider}` serves from `{region}`, which is not allowed for {class} prompts (allowed: {})",
                                            spec.allow.join(", ")
                                        ),
                                        &format!("{provider}:{region}"),
                                    );
                                }
                            }
                            None => report(
                                at_key("model"),
                                format!(
                                    "provider `{provider}` has no `region` in promptctl.yaml, so residency for {class} prompts cannot be verified"
                                ),
                                provider,
                            ),
                        }
                    }
                }
            }
        }
        out
    }

    /// Why the error-severity rules in scope forbid `model` (`provider/model`) from serving this
    /// prompt at run time: its `providers` rules, and its `regions` rules against the regions
    /// the provider serves from. Empty when the model may serve.
    ///
    /// `scan` reports the models a prompt names; this guards the ones actually called, which
    /// `--model` or an experiment variant may override.
    pub fn model_refusals(
        &self,
        name: &PromptName,
        front_matter: &FrontMatter,
        model: &str,
        context: &PolicyContext,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for rule in self
            .rules
            .iter()
            .filter(|r| r.severity == Severity::Error && in_scope(&r.scope, name, front_matter))
        {
            match &rule.check {
                Check::Providers(spec) => {
                    if let Some(message) = provider_violation(spec, model) {
                        out.push(format!("{}: {message}", rule.finding_id()));
                    }
                }
                Check::Regions(spec) => {
                    let provider = model.split('/').next().unwrap_or(model);
                    match context.provider_regions.get(provider) {
                        Some(regions) => {
                            for region in regions.iter().filter(|r| !spec.allow.contains(r)) {
                                out.push(format!(
                                    "{}: provider `{provider}` serves from `{region}` (allowed: {})",
                                    rule.finding_id(),
                                    spec.allow.join(", ")
                                ));
                            }
                        }
                        None => out.push(format!(
                            "{}: provider `{provider}` has no `region` in promptctl.yaml, so residency cannot be verified",
                            rule.finding_id()
                        )),
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Checks releasing a prompt to an environment against the region rules in scope.
    ///
    /// The release command calls this with the environment's regions, so a confidential prompt
    /// cannot be pinned in an environment served from a region its classification forbids.
    pub fn check_release(
        &self,
        name: &PromptName,
        front_matter: &FrontMatter,
        environment: &str,
        environment_regions: &[String],
    ) -> Vec<ReleaseViolation> {
        let mut out = Vec::new();
        for rule in self
            .rules
            .iter()
            .filter(|r| in_scope(&r.scope, name, front_matter))
        {
            let Check::Regions(spec) = &rule.check else {
                continue;
            };
            let class = front_matter
                .classification
                .as_deref()
                .unwrap_or("unclassified");
            if environment_regions.is_empty() {
                out.push(ReleaseViolation {
                    rule: rule.finding_id(),
                    severity: rule.severity,
                    message: format!(
                        "environment `{environment}` has no region, so residency for {class} prompt `{name}` cannot be verified"
                    ),
                });
            }
            for region in environment_regions
                .iter()
                .filter(|r| !spec.allow.contains(r))
            {
                out.push(ReleaseViolation {
                    rule: rule.finding_id(),
                    severity: rule.severity,
                    message: format!(
                        "{class} prompt `{name}` may not be released to `{environment}`: region `{region}` is not allowed (allowed: {})",
                        spec.allow.join(", ")
                    ),
                });
            }
        }
        out
    }
}

fn glob_match(glob: &str, text: &str) -> bool {
    Regex::new(&glob_to_regex(glob)).is_ok_and(|r| r.is_match(text))
}

fn provider_violation(spec: &ProviderSpec, model: &str) -> Option<String> {
    if let Some(denied) = spec.deny.iter().find(|g| glob_match(g, model)) {
        return Some(format!("model `{model}` is denied by `{denied}`"));
    }
    if !spec.allow.is_empty() && !spec.allow.iter().any(|g| glob_match(g, model)) {
        return Some(format!(
            "model `{model}` is not allowed here (allowed: {})",
            spec.allow.join(", ")
        ));
    }
    None
}

/// Whether a prompt is in a rule's scope.
pub fn in_scope(scope: &Scope, name: &PromptName, fm: &FrontMatter) -> bool {
    let any = |wanted: &[String], have: Option<&str>| {
        wanted.is_empty() || have.is_some_and(|h| wanted.iter().any(|w| w == h))
    };
    let folder_ok = scope.folders.is_empty()
        || scope.folders.iter().any(|f| {
            let f = f.trim_end_matches('/');
            name.name.starts_with(&format!("{f}/")) || glob_match(f, &name.name)
        });
    let tags_ok = scope.tags.is_empty() || fm.tags.iter().any(|t| scope.tags.contains(t));
    folder_ok
        && tags_ok
        && any(&scope.categories, fm.category.as_deref())
        && any(&scope.statuses, fm.status.as_deref())
        && any(&scope.classifications, fm.classification.as_deref())
}

fn policy_finding(
    input: &ScanInput,
    rule: &PolicyRule,
    location: Location,
    message: String,
    key: &str,
) -> ScanFinding {
    let id = rule.finding_id();
    // Keys like `required` or `chars` name the check, not text in the file.
    let excerpt = if matches!(key, "required" | "chars" | "tokens") {
        String::new()
    } else {
        crate::scan::mask::shorten(key, 60)
    };
    ScanFinding {
        finding: Finding {
            rule: id.clone(),
            severity: rule.severity,
            location,
            message,
            hint: Some(rule.hint.clone().unwrap_or_else(|| {
                format!("`promptctl policy explain {id}` says what the rule checks and why")
            })),
        },
        confidence: Confidence::High,
        excerpt,
        fingerprint: fingerprint(&id, &input.path, key),
        end: None,
        origin: Origin::Source,
        commit: input.commit.clone(),
        matched: Redacted::new(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICIES: &str = r#"
rules:
  - id: no-guarantees
    description: Support must not promise outcomes.
    why: Legal review.
    severity: warning
    scope: { folders: [support] }
    banned:
      terms: [guarantee]
      patterns: ["(?i)100 ?%"]
  - id: medical-disclaimer
    scope: { categories: [medical] }
    required: { terms: ["not medical advice"] }
  - id: short
    max_length: { chars: 20 }
  - id: confidential-models
    scope: { classifications: [confidential] }
    providers: { allow: ["azure/*"], deny: ["*/gpt-3.5*"] }
  - id: eu-only
    scope: { classifications: [confidential] }
    regions: { allow: [eu-west-1] }
"#;

    fn scan(path: &str, text: &str, context: &PolicyContext) -> Vec<(String, usize, String)> {
        let set = PolicySet::parse(Path::new("policies/p.yaml"), POLICIES).unwrap();
        let doc = PromptDocument::parse(text).unwrap();
        let name = PromptName::from_relative_path(path).unwrap();
        let input = ScanInput {
            path: PathBuf::from(format!("prompts/{path}")),
            text: text.to_owned(),
            commit: None,
        };
        let lines = LineIndex::new(text);
        set.check_prompt(&input, &name, &doc, &lines, context)
            .into_iter()
            .map(|f| (f.finding.rule, f.finding.location.line, f.finding.message))
            .collect()
    }

    #[test]
    fn banned_terms_are_scoped_and_located() {
        let found = scan(
            "support/a.prompt",
            "---\ndescription: x\n---\nWe guarantee it.\n",
            &PolicyContext::default(),
        );
        assert_eq!(
            found,
            [(
                "policy/no-guarantees".to_owned(),
                4,
                "banned text".to_owned()
            )]
        );
        assert!(
            scan(
                "sales/a.prompt",
                "We guarantee it",
                &PolicyContext::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn required_text_and_length() {
        let found = scan(
            "a.prompt",
            "---\ncategory: medical\n---\nTake two aspirin and call me in the morning.\n",
            &PolicyContext::default(),
        );
        let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(rules, ["policy/medical-disclaimer", "policy/short"]);
        assert!(found[1].2.contains("over the limit of 20"));
    }

    #[test]
    fn providers_and_regions_for_confidential_prompts() {
        let mut context = PolicyContext::default();
        context
            .provider_regions
            .insert("azure".into(), vec!["eu-west-1".into()]);
        context
            .provider_regions
            .insert("openai".into(), vec!["us-east-1".into()]);
        let text = "---\nclassification: confidential\nmodel: [azure/gpt-4o, openai/gpt-3.5-turbo]\nregions: [eu-west-1, us-east-1]\n---\nHi\n";
        let found = scan("a.prompt", text, &context);
        let summary: Vec<(&str, usize)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            summary,
            [
                ("policy/confidential-models", 3),
                ("policy/eu-only", 4),
                ("policy/eu-only", 3),
            ]
        );
        assert!(found[0].2.contains("denied by `*/gpt-3.5*`"));
        assert!(
            found[2]
                .2
                .contains("provider `openai` serves from `us-east-1`")
        );
        let public =
            "---\nclassification: public\nmodel: openai/gpt-4o\nregions: [us-east-1]\n---\nHi\n";
        assert!(scan("a.prompt", public, &context).is_empty());
    }

    #[test]
    fn release_residency() {
        let set = PolicySet::parse(Path::new("p.yaml"), POLICIES).unwrap();
        let fm = PromptDocument::parse("---\nclassification: confidential\n---\nx")
            .unwrap()
            .front_matter;
        let name = PromptName::parse_id("a");
        assert!(
            set.check_release(&name, &fm, "prod-eu", &["eu-west-1".into()])
                .is_empty()
        );
        let v = set.check_release(&name, &fm, "prod-us", &["us-east-1".into()]);
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message.contains("may not be released to `prod-us`"),
            "{}",
            v[0].message
        );
    }

    #[test]
    fn invalid_files_name_the_line() {
        let err = PolicySet::parse(
            Path::new("p.yaml"),
            "rules:\n  - id: x\n    severity: loud\n    banned: {terms: [a]}\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.yaml:2: rule `x`: severity `loud` is not info, warning or error"
        );
        let err = PolicySet::parse(Path::new("p.yaml"), "rules:\n  - id: x\n").unwrap_err();
        assert!(err.to_string().contains("exactly one of"), "{err}");
        let err = PolicySet::parse(
            Path::new("p.yaml"),
            "rules:\n  - id: x\n    banned: {patterns: ['(']}\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("invalid pattern `(`"), "{err}");
        let err =
            PolicySet::parse(Path::new("p.yaml"), "rules:\n  - id: x\n    bogus: 1\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn context_reads_provider_and_environment_regions() {
        let config = crate::config::Config::parse(
            "providers:\n  azure: {region: eu-west-1}\n  bedrock:\n    region: eu-central-1\n    deployments:\n      - {region: us-east-1}\n  x: {}\nrelease:\n  environments:\n    prod: {regions: [westeurope]}\n",
        )
        .unwrap();
        let ctx = PolicyContext::from_config(&config);
        assert_eq!(ctx.provider_regions["azure"], ["eu-west-1"]);
        assert_eq!(
            ctx.provider_regions["bedrock"],
            ["eu-central-1", "us-east-1"]
        );
        assert!(!ctx.provider_regions.contains_key("x"));
        assert_eq!(ctx.environment_regions["prod"], ["westeurope"]);
    }
}
