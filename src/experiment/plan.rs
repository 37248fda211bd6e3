//! Planning: resolve every arm, load the dataset, check that each case renders, expand the work
//! into (arm, case, repeat) items, and estimate calls, sample size, cost and duration.
//!
//! `ab plan` prints the result; `ab run` uses the same [`Plan`] so that anything `plan` accepts
//! runs, and anything it rejects is rejected before the first paid call.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::experiment::assign::{Shard, split_arm};
use crate::experiment::dataset::{Dataset, DatasetError};
use crate::experiment::exec::hex;
use crate::experiment::locate::Seg;
use crate::experiment::record::{PromptInfo, SampleKey};
use crate::experiment::spec::{Design, MetricKind, Spec};
use crate::experiment::{Problem, Problems};
use crate::finding::Location;
use crate::prompt::render::{self, RenderOptions, ResolvedPrompt};
use crate::prompt::{PromptName, SourceLoader};

/// A prompt loader shared by concurrent tasks.
pub type SharedLoader = Arc<dyn SourceLoader + Send + Sync>;

/// The prompt files an arm needs, read once when the plan is built.
///
/// Freezing the files means a run renders exactly the version it planned, even if someone edits
/// the working tree meanwhile, and it makes a git-backed loader (whose repository handle cannot
/// cross threads) usable by concurrent tasks.
#[derive(Debug, Clone, Default)]
pub struct FrozenLoader {
    files: BTreeMap<PromptName, crate::prompt::SourceFile>,
}

impl SourceLoader for FrozenLoader {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<crate::prompt::SourceFile>> {
        Ok(self.files.get(name).cloned())
    }
}

impl FrozenLoader {
    /// Reads a resolved prompt, its bases and every partial they include (transitively).
    pub fn freeze(loader: &dyn SourceLoader, prompt: &ResolvedPrompt) -> FrozenLoader {
        let mut files = BTreeMap::new();
        let mut queue: Vec<String> = Vec::new();
        files.insert(prompt.name.clone(), prompt.file.clone());
        queue.push(prompt.document.template().to_owned());
        for (name, file, document) in &prompt.bases {
            files.insert(name.clone(), file.clone());
            queue.push(document.template().to_owned());
        }
        while let Some(template) = queue.pop() {
            let Ok(compiled) = crate::prompt::compile::compile(&template) else {
                continue;
            };
            let analysis = crate::prompt::analysis::analyze(&compiled);
            for reference in analysis.partials.iter().chain(&analysis.partial_blocks) {
                let name = PromptName::partial(&reference.name);
                if files.contains_key(&name) {
                    continue;
                }
                // A partial that cannot be read is left out; rendering reports it with its place.
                if let Ok(Some(file)) = loader.load(&name) {
                    if let Ok(document) = crate::prompt::PromptDocument::parse(&file.text) {
                        queue.push(document.template().to_owned());
                    }
                    files.insert(name, file);
                }
            }
        }
        FrozenLoader { files }
    }

    /// A content id of every file held, names included: it changes when the prompt, a base or
    /// any partial it includes changes, and is the same whether the files came from the working
    /// tree or from git.
    pub fn content_id(&self) -> String {
        let mut hash = Sha256::new();
        for (name, file) in &self.files {
            hash.update(name.relative_path().as_bytes());
            hash.update([0]);
            hash.update(file.text.as_bytes());
            hash.update([0]);
        }
        format!("sha256:{}", hex(&hash.finalize()))
    }

    /// The files of the partials held (for messages), sorted.
    pub fn partial_files(&self) -> Vec<&Path> {
        self.files
            .iter()
            .filter(|(name, _)| name.kind == crate::prompt::FileKind::Partial)
            .map(|(_, file)| file.path.as_path())
            .collect()
    }
}

/// Where prompts come from: the working tree, or a version of it in git.
pub trait PromptSource {
    /// A loader for `name` at `revision` (`None`: the working tree).
    fn loader(&self, name: &PromptName, revision: Option<&str>) -> Result<Located, String>;
}

/// A prompt's files at one version, and which version of git they come from.
pub struct Located {
    /// Reads the prompt, its bases and partials.
    pub loader: Box<dyn SourceLoader>,
    /// The git blob id of the prompt file, when the version comes from git.
    pub blob: Option<String>,
    /// The commit the files are read from, when the version comes from git.
    pub commit: Option<String>,
}

impl Located {
    /// Files from the working tree.
    pub fn worktree(loader: Box<dyn SourceLoader>) -> Located {
        Located {
            loader,
            blob: None,
            commit: None,
        }
    }
}

/// What the plan needs to know about providers: whether they can be called, and prices.
pub trait ProviderCatalog {
    /// `Err(why)` when the provider or model cannot be used (unknown, no credentials).
    fn check(&self, provider: &str, model: &str) -> Result<(), String>;
    /// Price in US dollars per million input and output tokens.
    fn price(&self, provider: &str, model: &str) -> Option<(f64, f64)>;
}

/// An arm ready to run.
#[derive(Clone)]
pub struct Arm {
    /// The variant id.
    pub id: String,
    /// The prompt, resolved at its version.
    pub prompt: ResolvedPrompt,
    /// The loader for its partials.
    pub loader: SharedLoader,
    /// The files it renders from, read when the plan was built.
    pub files: Arc<FrozenLoader>,
    /// Provider id.
    pub provider: String,
    /// Model id.
    pub model: String,
    /// The prompt's `config` overlaid with the variant's `params`.
    pub params: Map<String, Value>,
    /// What the record says about the prompt.
    pub info: PromptInfo,
    /// The prompt's `output.schema`, compiled, for `json-schema` assertions.
    pub output_schema: Option<Arc<jsonschema::Validator>>,
    /// The variables the prompt declares, when its schema accepts no others.
    pub declared: Option<Vec<String>>,
}

impl Arm {
    /// Renders the arm's prompt with a case's variables.
    ///
    /// A dataset serves every arm, and variants of a prompt often take different inputs (a
    /// brief summary needs no attendee list). So an arm whose input schema accepts only the
    /// variables it declares is given just those; the others are for the other arms.
    pub fn render(
        &self,
        vars: &Map<String, Value>,
    ) -> Result<crate::prompt::RenderedPrompt, crate::prompt::RenderError> {
        self.render_with(vars, &RenderOptions::default())
    }

    /// Renders the arm's prompt for a case: its variables, and its `history` at `{{history}}`.
    pub fn render_case(
        &self,
        case: &crate::experiment::dataset::Case,
    ) -> Result<crate::prompt::RenderedPrompt, crate::prompt::RenderError> {
        self.render_with(
            &case.vars,
            &RenderOptions {
                history: case.history.clone(),
                ..RenderOptions::default()
            },
        )
    }

    fn render_with(
        &self,
        vars: &Map<String, Value>,
        options: &RenderOptions,
    ) -> Result<crate::prompt::RenderedPrompt, crate::prompt::RenderError> {
        let filtered;
        let vars = match &self.declared {
            Some(names) if vars.keys().any(|k| !names.contains(k)) => {
                filtered = vars
                    .iter()
                    .filter(|(k, _)| names.contains(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<Map<String, Value>>();
                &filtered
            }
            _ => vars,
        };
        render::render_resolved(&*self.loader, &self.prompt, vars, options)
    }
}

/// A grader prompt ready to run.
#[derive(Clone)]
pub struct JudgeTarget {
    /// The grader prompt.
    pub prompt: ResolvedPrompt,
    /// Its loader.
    pub loader: SharedLoader,
    /// Provider id.
    pub provider: String,
    /// Model id.
    pub model: String,
    /// The grader prompt's `config`.
    pub params: Map<String, Value>,
}

/// One sample to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkItem {
    /// Index into the arms.
    pub arm: u32,
    /// Index into the dataset's cases.
    pub case: u32,
    /// Repeat number.
    pub repeat: u32,
}

/// Everything needed to run an experiment.
pub struct Plan {
    /// The spec.
    pub spec: Arc<Spec>,
    /// The dataset.
    pub dataset: Arc<Dataset>,
    /// The arms, in spec order.
    pub arms: Arc<Vec<Arm>>,
    /// Grader prompts by name.
    pub judges: Arc<BTreeMap<PromptName, JudgeTarget>>,
    /// The seed for split assignment.
    pub seed: u64,
}

/// Estimates printed by `ab plan`.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Samples per arm in this shard.
    pub samples_per_arm: Vec<u64>,
    /// Calls to arms.
    pub calls: u64,
    /// Extra calls to graders.
    pub judge_calls: u64,
    /// Estimated cost in US dollars (`None` when a price is missing).
    pub cost_usd: Option<f64>,
    /// Estimated duration in seconds at the configured concurrency and rate limit.
    pub duration_s: f64,
    /// Samples per arm needed to detect the minimum effect on the primary metric.
    pub required_per_arm: Option<u64>,
}

/// Samples per arm needed to detect the spec's `min_detectable_effect` on its primary metric;
/// `ab plan` prints it and `ab analyze` quotes it when a comparison is inconclusive.
///
/// For a rate, the effect is read as a move from 50% (the worst case for variance) to
/// 50% + effect; for a mean, as an absolute difference in units of `sd` (the observed standard
/// deviation when analysis knows it, else 1: Cohen's d, solved exactly with the noncentral t).
/// The level is the spec's [`Spec::comparison_alpha`], the same Bonferroni share of alpha each
/// comparison is tested at. Paired designs usually need fewer; this is the split-traffic bound.
pub fn required_per_arm(spec: &Spec, sd: Option<f64>) -> Option<u64> {
    let mde = spec.stopping.min_detectable_effect?;
    let primary = spec.metrics.first()?;
    let alpha = spec.comparison_alpha();
    let power = spec.stopping.power;
    let n = match primary.kind {
        MetricKind::Binary => {
            crate::stats::power::two_proportions(0.5, (0.5 + mde).min(0.999), alpha, power, 1.0)
                .ok()?
                .nobs1
        }
        MetricKind::Continuous => {
            let sd = sd.filter(|s| s.is_finite() && *s > 0.0).unwrap_or(1.0);
            crate::stats::power::two_means(mde, sd, alpha, power, 1.0)
                .ok()?
                .nobs1_t
        }
    };
    // A sample size is a small positive count; the float is finite and far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = n.ceil().max(2.0) as u64;
    Some(n)
}

/// Assumed latency of one call when estimating duration.
const ASSUMED_LATENCY_S: f64 = 1.5;
/// Assumed output tokens when the parameters do not cap them.
const ASSUMED_OUTPUT_TOKENS: f64 = 256.0;
/// Cases rendered per arm to check variables and estimate input tokens.
const RENDER_CHECK: usize = 500;

impl Plan {
    /// Resolves arms and graders, loads the dataset, and renders cases to check them; every
    /// problem is collected.
    pub fn build(
        spec: Spec,
        root: &Path,
        config: &Config,
        prompts: &dyn PromptSource,
        providers: &dyn ProviderCatalog,
    ) -> Result<Plan, Problems> {
        let mut problems = Vec::new();
        let mut arms = Vec::new();
        for (i, variant) in spec.variants.iter().enumerate() {
            let here = spec.location(&[Seg::Key("variants"), Seg::Index(i), Seg::Key("prompt")]);
            match resolve_arm(&spec, i, prompts, providers, config) {
                Ok(arm) => arms.push(arm),
                Err(message) => problems.push(Problem::new(
                    here,
                    format!("variant `{}`: {message}", variant.id),
                )),
            }
        }
        let mut judges = BTreeMap::new();
        for (i, a) in spec.assertions.iter().enumerate() {
            let Some(judge) = a.judge() else { continue };
            if judges.contains_key(&judge.grader) {
                continue;
            }
            let here = spec.location(&[Seg::Key("assertions"), Seg::Index(i), Seg::Key("grader")]);
            match resolve_judge(judge, prompts, providers, config) {
                Ok(target) => {
                    judges.insert(judge.grader.clone(), target);
                }
                Err(message) => problems.push(Problem::new(here, message)),
            }
        }
        let mut spec = spec;
        let dataset = load_dataset(&spec, root, &arms, &mut problems);
        if let Some(dataset) = &dataset {
            resolve_case_metrics(&mut spec, dataset, &mut problems);
        }
        if let Some(dataset) = &dataset
            && arms.len() == spec.variants.len()
        {
            check_renders(&arms, dataset, &mut problems);
        }
        if !problems.is_empty() {
            return Err(Problems::new(problems));
        }
        let Some(dataset) = dataset else {
            return Err(Problems::new(problems));
        };
        let seed = spec.seed;
        Ok(Plan {
            spec: Arc::new(spec),
            dataset: Arc::new(dataset),
            arms: Arc::new(arms),
            judges: Arc::new(judges),
            seed,
        })
    }

    /// The samples of `shard`, minus those `done`, in run order: case by case, and within a
    /// case every repeat of every arm, so a run stopped early stays balanced.
    pub fn work_items(&self, shard: Shard, done: &HashSet<SampleKey>) -> Vec<WorkItem> {
        let mut out = Vec::new();
        let arms = self.arms.len();
        for (c, case) in self.dataset.cases.iter().enumerate() {
            if !shard.contains(&case.id) {
                continue;
            }
            let assigned: Vec<usize> = match &self.spec.design {
                Design::Paired => (0..arms).collect(),
                Design::Split { weights } => vec![split_arm(self.seed, &case.id, weights)],
            };
            for repeat in 0..self.spec.repeats {
                for &a in &assigned {
                    if !done.is_empty()
                        && done.contains(&SampleKey {
                            arm: self.arms[a].id.clone(),
                            case_id: case.id.clone(),
                            repeat,
                        })
                    {
                        continue;
                    }
                    out.push(WorkItem {
                        arm: u32::try_from(a).unwrap_or(u32::MAX),
                        case: u32::try_from(c).unwrap_or(u32::MAX),
                        repeat,
                    });
                }
            }
        }
        out
    }

    /// Calls, cost, duration and required sample size for `items`.
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    pub fn estimate(&self, items: &[WorkItem], providers: &dyn ProviderCatalog) -> Estimate {
        let mut per_arm = vec![0u64; self.arms.len()];
        for item in items {
            per_arm[item.arm as usize] += 1;
        }
        let calls: u64 = per_arm.iter().sum();
        let judges_per_sample = self
            .spec
            .assertions
            .iter()
            .filter(|a| a.judge().is_some())
            .count() as u64;
        let mut cost = Some(0.0);
        for (arm, n) in self.arms.iter().zip(&per_arm) {
            let tokens_in = self.mean_input_tokens(arm);
            let tokens_out = output_cap(&arm.params).unwrap_or(ASSUMED_OUTPUT_TOKENS);
            cost = match (cost, providers.price(&arm.provider, &arm.model)) {
                (Some(total), Some((p_in, p_out))) => {
                    Some(total + *n as f64 * (tokens_in * p_in + tokens_out * p_out) / 1e6)
                }
                _ => None,
            };
        }
        let throughput = {
            let by_concurrency = self.spec.concurrency as f64 / ASSUMED_LATENCY_S;
            match self.spec.rate_limit {
                Some(rpm) => by_concurrency.min(f64::from(rpm) / 60.0),
                None => by_concurrency,
            }
        };
        let total_calls = calls + calls * judges_per_sample;
        Estimate {
            samples_per_arm: per_arm,
            calls,
            judge_calls: calls * judges_per_sample,
            cost_usd: cost,
            duration_s: total_calls as f64 / throughput,
            required_per_arm: self.required_sample_size(),
        }
    }

    /// Samples per arm to detect `min_detectable_effect` on the primary metric (see
    /// [`required_per_arm`]).
    pub fn required_sample_size(&self) -> Option<u64> {
        required_per_arm(&self.spec, None)
    }

    #[allow(clippy::cast_precision_loss)]
    fn mean_input_tokens(&self, arm: &Arm) -> f64 {
        let sample = self.dataset.cases.iter().take(20);
        let mut chars = 0usize;
        let mut n = 0usize;
        for case in sample {
            if let Ok(r) = arm.render_case(case) {
                chars += r.messages.iter().map(|m| m.content.len()).sum::<usize>();
                n += 1;
            }
        }
        if n == 0 {
            0.0
        } else {
            chars as f64 / n as f64 / 4.0
        }
    }
}

fn output_cap(params: &Map<String, Value>) -> Option<f64> {
    [
        "max_tokens",
        "maxOutputTokens",
        "max_output_tokens",
        "max_completion_tokens",
    ]
    .iter()
    .find_map(|k| params.get(*k)?.as_f64())
}

fn split_model(model: &str) -> Option<(String, String)> {
    let (p, m) = model.split_once('/')?;
    (!p.is_empty() && !m.is_empty()).then(|| (p.to_owned(), m.to_owned()))
}

fn resolve_arm(
    spec: &Spec,
    index: usize,
    prompts: &dyn PromptSource,
    providers: &dyn ProviderCatalog,
    config: &Config,
) -> Result<Arm, String> {
    let variant = &spec.variants[index];
    let Located {
        loader,
        blob,
        commit,
    } = prompts.loader(&variant.prompt.name, variant.prompt.revision.as_deref())?;
    let prompt = render::resolve(&*loader, &variant.prompt.name).map_err(|e| e.to_string())?;
    let files = Arc::new(FrozenLoader::freeze(&*loader, &prompt));
    let loader: SharedLoader = files.clone();
    let model_text = variant
        .model
        .clone()
        .or_else(|| prompt.front_matter.model.as_ref().and_then(|m| m.models().first().map(|s| (*s).to_owned())))
        .or_else(|| config.defaults.model.clone())
        .ok_or("no model: set `model:` on the variant, in the prompt, or `defaults.model` in promptctl.yaml")?;
    let (provider, model) = split_model(&model_text)
        .ok_or_else(|| format!("model `{model_text}` is not `provider/model-id`"))?;
    providers.check(&provider, &model)?;
    let mut params = prompt.front_matter.config.clone();
    for (k, v) in &variant.params {
        params.insert(k.clone(), v.clone());
    }
    let declared = prompt
        .front_matter
        .input
        .schema
        .as_ref()
        .and_then(|raw| crate::prompt::schema::to_json_schema(raw).ok())
        .filter(|s| !crate::prompt::schema::allows_other_variables(s))
        .map(|s| crate::prompt::schema::declared_variables(&s));
    let output_schema = match &prompt.front_matter.output.schema {
        Some(raw) => {
            let json_schema = crate::prompt::schema::to_json_schema(raw)
                .map_err(|e| format!("output schema: {}", e.message))?;
            Some(Arc::new(
                jsonschema::validator_for(&json_schema)
                    .map_err(|e| format!("output schema: {e}"))?,
            ))
        }
        None => None,
    };
    let info = info_of(
        prompts,
        &variant.prompt.name,
        variant.prompt.revision.as_deref(),
        &prompt,
        &files,
        blob,
        commit,
    );
    Ok(Arm {
        id: variant.id.clone(),
        prompt,
        loader,
        files,
        provider,
        model,
        params,
        info,
        output_schema,
        declared,
    })
}

/// Which version of a prompt a record names: the revision asked for, else the commit at HEAD
/// when the working tree's files are as committed there, else `worktree`. The same rule for
/// experiments and for calls recorded outside them, so a report groups both alike.
pub fn prompt_info(
    prompts: &dyn PromptSource,
    name: &PromptName,
    revision: Option<&str>,
) -> Result<PromptInfo, String> {
    let located = prompts.loader(name, revision)?;
    let prompt = render::resolve(&*located.loader, name).map_err(|e| e.to_string())?;
    let files = FrozenLoader::freeze(&*located.loader, &prompt);
    Ok(info_of(
        prompts,
        name,
        revision,
        &prompt,
        &files,
        located.blob,
        located.commit,
    ))
}

fn info_of(
    prompts: &dyn PromptSource,
    name: &PromptName,
    revision: Option<&str>,
    prompt: &ResolvedPrompt,
    files: &FrozenLoader,
    blob: Option<String>,
    commit: Option<String>,
) -> PromptInfo {
    let mut text = prompt.file.text.clone();
    for (_, base, _) in &prompt.bases {
        text.push_str(&base.text);
    }
    let (version, blob, commit) = match revision {
        Some(revision) => (revision.to_owned(), blob, commit),
        None => match committed_at_head(prompts, name, files) {
            Some(head) => (head.commit.clone(), Some(head.blob), Some(head.commit)),
            None => ("worktree".to_owned(), blob, commit),
        },
    };
    PromptInfo {
        name: crate::library::display_id(name),
        version,
        blob: blob.unwrap_or_else(|| format!("sha256:{}", hex(&Sha256::digest(text.as_bytes())))),
        sources: Some(files.content_id()),
        commit,
    }
}

/// The commit and blob at HEAD of a prompt taken from the working tree, when every file its
/// render reads (the prompt, its bases, its partials) is exactly as committed there.
struct AtHead {
    commit: String,
    blob: String,
}

/// Reads the prompt at HEAD and compares all its files with the working tree's: a record may
/// then name the commit, which anyone can check out and render again, instead of `worktree`,
/// which nobody can. Any difference, an untracked file, or no repository at all: `None`.
fn committed_at_head(
    prompts: &dyn PromptSource,
    name: &PromptName,
    worktree: &FrozenLoader,
) -> Option<AtHead> {
    let located = prompts.loader(name, Some("HEAD")).ok()?;
    let prompt = render::resolve(&*located.loader, name).ok()?;
    let at_head = FrozenLoader::freeze(&*located.loader, &prompt);
    if at_head.content_id() != worktree.content_id() {
        return None;
    }
    Some(AtHead {
        commit: located.commit?,
        blob: located.blob?,
    })
}

fn resolve_judge(
    judge: &crate::experiment::assert::Judge,
    prompts: &dyn PromptSource,
    providers: &dyn ProviderCatalog,
    config: &Config,
) -> Result<JudgeTarget, String> {
    let Located { loader, .. } = prompts.loader(&judge.grader, None)?;
    let prompt = render::resolve(&*loader, &judge.grader).map_err(|e| format!("grader: {e}"))?;
    let loader: SharedLoader = Arc::new(FrozenLoader::freeze(&*loader, &prompt));
    let model_text = judge
        .model
        .clone()
        .or_else(|| {
            prompt
                .front_matter
                .model
                .as_ref()
                .and_then(|m| m.models().first().map(|s| (*s).to_owned()))
        })
        .or_else(|| config.defaults.model.clone())
        .ok_or("the grader has no model: set `model:` on the assertion or in the grader prompt")?;
    let (provider, model) = split_model(&model_text)
        .ok_or_else(|| format!("grader model `{model_text}` is not `provider/model-id`"))?;
    providers.check(&provider, &model)?;
    Ok(JudgeTarget {
        params: prompt.front_matter.config.clone(),
        prompt,
        loader,
        provider,
        model,
    })
}

fn load_dataset(
    spec: &Spec,
    root: &Path,
    arms: &[Arm],
    problems: &mut Vec<Problem>,
) -> Option<Dataset> {
    let from_prompt = || {
        arms.get(spec.control)
            .and_then(|a| a.prompt.front_matter.dataset.clone())
    };
    let (path, location) = if let Some(path) = &spec.dataset {
        (path.clone(), spec.location(&[Seg::Key("dataset")]))
    } else if let Some(path) = from_prompt() {
        (path, spec.location(&[Seg::Key("variants")]))
    } else {
        problems.push(Problem::new(
            Location::at(&spec.path, 1, 1),
            "no dataset: set `dataset:` in the spec or in the control prompt's front matter",
        ));
        return None;
    };
    match Dataset::load(root, Path::new(&path)) {
        Ok(d) => Some(d),
        Err(DatasetError::Invalid(p)) => {
            problems.extend(p.problems);
            None
        }
        Err(DatasetError::PathEscape(escape)) => {
            problems.push(Problem::new(location, format!("the dataset {escape}")));
            None
        }
        Err(e @ DatasetError::Read { .. }) => {
            let cause = std::error::Error::source(&e)
                .map(ToString::to_string)
                .unwrap_or_default();
            problems.push(Problem::new(location, format!("{e}: {cause}")));
            None
        }
    }
}

/// Gives metrics named in the spec but reported only by per-case assertions their kind, and
/// reports the ones nothing reports.
fn resolve_case_metrics(spec: &mut Spec, dataset: &Dataset, problems: &mut Vec<Problem>) {
    for (index, location) in std::mem::take(&mut spec.case_metrics) {
        let name = spec.metrics[index].name.clone();
        let found = dataset
            .cases
            .iter()
            .flat_map(|c| &c.assertions)
            .find(|a| a.metric == name);
        match found {
            Some(a) if a.has_score() => spec.metrics[index].kind = MetricKind::Continuous,
            Some(_) => {}
            None => problems.push(Problem::new(
                location,
                crate::experiment::spec::unknown_metric(&name, &spec.assertions),
            )),
        }
    }
}

fn check_renders(arms: &[Arm], dataset: &Dataset, problems: &mut Vec<Problem>) {
    let before = problems.len();
    for arm in arms {
        for case in dataset.cases.iter().take(RENDER_CHECK) {
            if let Err(e) = arm.render_case(case) {
                problems.push(Problem::new(
                    Location::at(&dataset.path, case.line, 1),
                    format!(
                        "case `{}` does not render with variant `{}`: {e}",
                        case.id, arm.id
                    ),
                ));
                if problems.len() - before >= 20 {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::SourceFile;

    struct Files(BTreeMap<PromptName, String>);

    impl SourceLoader for Files {
        fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
            Ok(self.0.get(name).map(|text| SourceFile {
                path: name.relative_path().into(),
                text: text.clone(),
            }))
        }
    }

    #[test]
    fn freezing_keeps_the_prompt_its_base_and_every_partial() {
        let mut files = BTreeMap::new();
        files.insert(
            PromptName::parse_id("child"),
            "---\nextends: base\n---\n{{#*inline \"body\"}}{{> a}}{{/inline}}".to_owned(),
        );
        files.insert(
            PromptName::parse_id("base"),
            "Start {{#> body}}default{{/body}} {{> b}}".to_owned(),
        );
        files.insert(PromptName::partial("a"), "A includes {{> c}}".to_owned());
        files.insert(PromptName::partial("b"), "B".to_owned());
        files.insert(PromptName::partial("c"), "C".to_owned());
        files.insert(PromptName::partial("unused"), "U".to_owned());
        let live = Files(files);
        let resolved = render::resolve(&live, &PromptName::parse_id("child")).unwrap();
        let frozen = FrozenLoader::freeze(&live, &resolved);
        let rendered =
            render::render_resolved(&frozen, &resolved, &Map::new(), &RenderOptions::default())
                .unwrap();
        assert_eq!(rendered.text().trim(), "Start A includes C B");
        assert!(
            frozen
                .load(&PromptName::partial("unused"))
                .unwrap()
                .is_none()
        );
    }
}
