//! Everything rules look up across files, in a compact index built by one cheap pass.
//!
//! Lint streams the library (issue 19): each file is read, parsed, checked and dropped, so a
//! million prompts never sit in memory together. What a rule needs to know about *other* files
//! is kept here instead, at tens of bytes per file: each file's name (for lookups and messages),
//! its `extends:` value, whether it declares `input` or a description, and the hashes of the names
//! it claims (for duplicates). Only the few files other files build on keep more: partials their
//! includes and variables (for cycles and unused variables), `extends` bases their inline
//! partials, variables and declared input ([`Facts`]). Files whose claimed names collide are read
//! again after the pass to confirm the collision by the full name.
//!
//! Every lookup is a binary search or a hash probe, never a scan, so the whole run stays linear
//! in the number of files. [`Prepared`] is the per-file work (compiled template, static analysis,
//! converted input schema), done for the file being checked and dropped with it.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::Value;

use crate::library::{Entry, Source};
use crate::lint::rules::RoleShape;
use crate::prompt::PromptDocument;
use crate::prompt::analysis::{TemplateAnalysis, analyze};
use crate::prompt::compile::compile;
use crate::prompt::name::{FileKind, PromptName};
use crate::prompt::schema::{self, SchemaError};

/// Handlebars name prefix the renderer uses for `extends` bases; never written by people.
const EXTENDS_PREFIX: &str = "__promptctl_extends_";

/// How many files the first pass prepares at once: enough to keep every core busy, few enough
/// that their documents are a few megabytes.
const CHUNK: usize = 1024;

/// A template that does not compile, at a template-relative line and column.
#[derive(Debug, Clone)]
pub struct TemplateFault {
    /// What Handlebars said.
    pub message: String,
    /// 1-based line within the template.
    pub line: usize,
    /// Column within the template.
    pub column: usize,
}

/// The per-file facts rules need, computed for the file being checked.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Whether the template compiled. The compiled tree itself is not kept: rules need only the
    /// facts below.
    pub compiled: bool,
    /// Why the template does not compile.
    pub fault: Option<TemplateFault>,
    /// What the template refers to (empty when it does not compile).
    pub analysis: TemplateAnalysis,
    /// `input.schema` as JSON Schema, or why it does not convert (`None` when there is none).
    pub input_schema: Option<Result<Value, SchemaError>>,
    /// How the template uses role markers.
    pub roles: RoleShape,
}

impl Prepared {
    /// Compiles and analyzes one entry.
    pub fn of(entry: &Entry) -> Prepared {
        let Ok(document) = &entry.document else {
            return Prepared::default();
        };
        let input_schema = document
            .front_matter
            .input
            .schema
            .as_ref()
            .map(schema::to_json_schema);
        match compile(document.template()) {
            Ok(template) => {
                let analysis = analyze(&template);
                Prepared {
                    compiled: true,
                    roles: RoleShape::of(&template, &analysis),
                    analysis,
                    fault: None,
                    input_schema,
                }
            }
            Err(e) => {
                let (line, column) = e.position.unwrap_or((1, 0));
                Prepared {
                    compiled: false,
                    roles: RoleShape::default(),
                    fault: Some(TemplateFault {
                        message: fault_message(&e.reason),
                        line,
                        column,
                    }),
                    analysis: TemplateAnalysis::default(),
                    input_schema,
                }
            }
        }
    }
}

/// Handlebars' parser lists every token it expected; that list helps nobody, so it is replaced
/// with the usual causes.
fn fault_message(reason: &str) -> String {
    match reason.split_once(": expected ") {
        Some((head, _)) => format!(
            "{head}: an unclosed `{{{{#block}}}}`, a stray `{{{{` or a mismatched closing tag"
        ),
        None => reason.to_owned(),
    }
}

/// The variables a prompt declares: its effective `input.schema` properties plus defaults.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    /// Declared names.
    pub names: HashSet<String>,
    /// Whether a schema is declared at all (undefined-variable only applies then).
    pub has_schema: bool,
    /// Whether the schema lets undeclared variables through (`(*)`, `additionalProperties`).
    pub open: bool,
    /// Whether the schema failed to convert (then variable checks stay quiet).
    pub broken: bool,
    /// Entry whose front matter declares the input (the prompt itself or a base).
    pub source: usize,
}

impl Declared {
    /// What `document` (at `source`, prepared as `prepared`) declares.
    pub fn of(source: usize, document: Option<&PromptDocument>, prepared: &Prepared) -> Declared {
        let mut declared = Declared {
            source,
            ..Declared::default()
        };
        let Some(document) = document else {
            return declared;
        };
        if let Some(defaults) = &document.front_matter.input.default {
            declared.names.extend(defaults.keys().cloned());
        }
        match &prepared.input_schema {
            None => {}
            Some(Err(_)) => {
                declared.has_schema = true;
                declared.broken = true;
            }
            Some(Ok(json_schema)) => {
                declared.has_schema = true;
                declared
                    .names
                    .extend(schema::declared_variables(json_schema));
                // A JSON Schema that does not mention additionalProperties is treated as closed:
                // lint is about catching typos, and the schema's properties are the contract.
                declared.open = json_schema
                    .get("additionalProperties")
                    .is_some_and(|a| a != &Value::Bool(false));
            }
        }
        declared
    }
}

/// What other files need to know about a partial or an `extends` base.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Partials it includes (see [`LibraryIndex::included_partials`]), in template order.
    pub includes: Vec<Box<str>>,
    /// Inline partials it defines (`{{#*inline "name"}}`).
    pub inline_partials: Vec<Box<str>>,
    /// Variables it reads.
    pub variables: Vec<Box<str>>,
    /// What it declares as input (bases only).
    pub declared: Declared,
}

impl Facts {
    fn of(position: usize, entry: &Entry, prepared: &Prepared) -> Facts {
        let names = |refs: &[crate::prompt::analysis::Reference]| {
            refs.iter().map(|r| Box::from(r.name.as_str())).collect()
        };
        Facts {
            includes: LibraryIndex::included_partials(&prepared.analysis)
                .map(Box::from)
                .collect(),
            inline_partials: names(&prepared.analysis.inline_partials),
            variables: names(&prepared.analysis.variables),
            declared: Declared::of(position, entry.document.as_ref().ok(), prepared),
        }
    }
}

/// Per-file flags.
const PARTIAL: u8 = 1;
const HAS_INPUT: u8 = 2;
const DESCRIBED: u8 = 4;

/// What the first pass learns about one file.
struct Summary {
    key: String,
    flags: u8,
    extends: Option<Box<str>>,
    identities: Vec<u64>,
    facts: Option<Facts>,
}

impl Summary {
    fn of(position: usize, entry: &Entry) -> Summary {
        let mut flags = 0;
        let mut extends = None;
        if entry.name.kind == FileKind::Partial {
            flags |= PARTIAL;
        }
        if let Ok(document) = &entry.document {
            if document.raw_front_matter.contains_key("input") {
                flags |= HAS_INPUT;
            }
            if document
                .front_matter
                .description
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty())
            {
                flags |= DESCRIBED;
            }
            extends = document.front_matter.extends.as_deref().map(Box::from);
        }
        // Partials are what other files include; their facts are small and needed for cycles.
        let facts = (entry.name.kind == FileKind::Partial)
            .then(|| Facts::of(position, entry, &Prepared::of(entry)));
        Summary {
            key: entry.name.relative_path(),
            flags,
            extends,
            identities: identities_of(entry).iter().map(|i| hash(i)).collect(),
            facts,
        }
    }
}

fn hash(identity: &str) -> u64 {
    // Fixed keys: the same name hashes the same in every run. A collision only costs a re-read.
    let mut hasher = std::hash::DefaultHasher::new();
    identity.hash(&mut hasher);
    hasher.finish()
}

/// What the second look at an entry finds: its facts (a base), and its claimed names and path
/// (a name that collides by hash).
type Revisited = (usize, Option<Facts>, Option<(Vec<String>, PathBuf)>);

/// Name lookups and graph facts over the whole library, at tens of bytes per file.
#[derive(Debug, Default)]
pub struct LibraryIndex {
    /// Every entry's name as a path under the prompts folder (`support/_tone.prompt`),
    /// concatenated; `ends[i]` is where entry `i`'s ends.
    keys: String,
    ends: Vec<usize>,
    flags: Vec<u8>,
    /// Prompt entries, sorted by key (then position).
    prompts: Vec<u32>,
    /// Partial entries, sorted by key (then position).
    partials: Vec<u32>,
    /// `extends:` values, for the entries that have one.
    extends: HashMap<usize, Box<str>>,
    /// Facts of every partial and every `extends` base.
    facts: HashMap<usize, Facts>,
    /// Case-folded identity -> entries claiming it, for identities claimed more than once.
    identities: HashMap<String, Vec<usize>>,
    /// Paths of the entries in `identities`, for messages.
    claimant_paths: HashMap<usize, PathBuf>,
    /// For each entry, the id of its strongly connected component in the partial graph when it
    /// is part of an include cycle.
    cycle_component: HashMap<usize, usize>,
}

impl LibraryIndex {
    /// Indexes a library in memory (whole-library callers: check, gates, review).
    pub fn build(library: &crate::library::Library) -> LibraryIndex {
        LibraryIndex::scan(library)
    }

    /// Indexes any source: one pass over every entry in parallel chunks, keeping only the
    /// compact facts, then a second look at the few entries others build on.
    pub fn scan(source: &impl Source) -> LibraryIndex {
        let len = source.len();
        let mut index = LibraryIndex::default();
        let mut claimed: Vec<(u64, u32)> = Vec::new();
        for start in (0..len).step_by(CHUNK) {
            let end = (start + CHUNK).min(len);
            let summaries: Vec<Summary> = (start..end)
                .into_par_iter()
                .map(|position| source.with_entry(position, |entry| Summary::of(position, entry)))
                .collect();
            for (offset, summary) in summaries.into_iter().enumerate() {
                let position = start + offset;
                let pos32 = u32::try_from(position).expect("fewer than four billion files");
                index.keys.push_str(&summary.key);
                index.ends.push(index.keys.len());
                index.flags.push(summary.flags);
                if let Some(extends) = summary.extends {
                    index.extends.insert(position, extends);
                }
                if let Some(facts) = summary.facts {
                    index.facts.insert(position, facts);
                }
                for identity in summary.identities {
                    claimed.push((identity, pos32));
                }
                if summary.flags & PARTIAL == 0 {
                    index.prompts.push(pos32);
                } else {
                    index.partials.push(pos32);
                }
            }
        }
        let by_key = |keys: &LibraryIndex, list: &mut Vec<u32>| {
            list.sort_by(|&a, &b| {
                keys.key(a as usize)
                    .cmp(keys.key(b as usize))
                    .then(a.cmp(&b))
            });
        };
        let mut prompts = std::mem::take(&mut index.prompts);
        by_key(&index, &mut prompts);
        index.prompts = prompts;
        let mut partials = std::mem::take(&mut index.partials);
        by_key(&index, &mut partials);
        index.partials = partials;

        // A second look at the entries others build on (bases) and at claimed names that collide.
        let bases: HashSet<usize> = index
            .extends
            .values()
            .filter_map(|id| index.prompt(id))
            .collect();
        claimed.sort_unstable();
        let mut colliding: HashSet<usize> = HashSet::new();
        for run in claimed.chunk_by(|a, b| a.0 == b.0) {
            if run.iter().any(|(_, p)| *p != run[0].1) {
                colliding.extend(run.iter().map(|(_, p)| *p as usize));
            }
        }
        drop(claimed);
        let mut revisit: Vec<usize> = bases.union(&colliding).copied().collect();
        revisit.sort_unstable();
        let looked: Vec<Revisited> = revisit
            .par_iter()
            .map(|&position| {
                source.with_entry(position, |entry| {
                    let facts = bases
                        .contains(&position)
                        .then(|| Facts::of(position, entry, &Prepared::of(entry)));
                    let claims = colliding
                        .contains(&position)
                        .then(|| (identities_of(entry), entry.path.clone()));
                    (position, facts, claims)
                })
            })
            .collect();
        for (position, facts, claims) in looked {
            if let Some(facts) = facts {
                index.facts.insert(position, facts);
            }
            if let Some((identities, path)) = claims {
                for identity in identities {
                    let claimants = index.identities.entry(identity).or_default();
                    if !claimants.contains(&position) {
                        claimants.push(position);
                    }
                }
                index.claimant_paths.insert(position, path);
            }
        }
        index.identities.retain(|_, claimants| claimants.len() > 1);
        index.cycle_component = index.partial_cycles();
        index
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the library is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// An entry's name as a path under the prompts folder.
    fn key(&self, position: usize) -> &str {
        let start = if position == 0 {
            0
        } else {
            self.ends[position - 1]
        };
        &self.keys[start..self.ends[position]]
    }

    /// An entry's name.
    pub fn name(&self, position: usize) -> PromptName {
        PromptName::from_relative_path(self.key(position))
            .expect("keys are the relative paths of prompt names")
    }

    /// Finds the entry with `key` in a sorted list; with several, the last (as a map filled in
    /// entry order would keep).
    fn find(&self, list: &[u32], key: &str) -> Option<usize> {
        let end = list.partition_point(|&p| self.key(p as usize) <= key);
        let found = *list.get(end.checked_sub(1)?)? as usize;
        (self.key(found) == key).then_some(found)
    }

    /// The entry of a prompt id as users write it (`folder/name` or `folder/name.variant`).
    pub fn prompt(&self, id: &str) -> Option<usize> {
        self.find(&self.prompts, &PromptName::parse_id(id).relative_path())
    }

    /// The entry of a partial name as used in `{{> name}}`.
    pub fn partial(&self, name: &str) -> Option<usize> {
        self.find(&self.partials, &PromptName::partial(name).relative_path())
    }

    /// Every prompt id, for suggestions.
    pub fn prompt_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.prompts
            .iter()
            .map(|&p| crate::library::display_id(&self.name(p as usize)))
    }

    /// Every partial name, for suggestions.
    pub fn partial_names(&self) -> impl Iterator<Item = String> + '_ {
        self.partials.iter().map(|&p| self.name(p as usize).name)
    }

    /// Other entries that claim the same (case-insensitive) identity as `entry` (at
    /// `position`), with the identity.
    pub fn duplicates_of(&self, position: usize, entry: &Entry) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        if self.identities.is_empty() {
            return out;
        }
        for identity in identities_of(entry) {
            if let Some(claimants) = self.identities.get(&identity) {
                for &other in claimants {
                    if other != position && !out.iter().any(|(_, o)| *o == other) {
                        out.push((identity.clone(), other));
                    }
                }
            }
        }
        out
    }

    /// The path of an entry that [`duplicates_of`](Self::duplicates_of) returned.
    pub fn claimant_path(&self, position: usize) -> Option<&PathBuf> {
        self.claimant_paths.get(&position)
    }

    /// Partial names a template includes that are neither inline nor renderer-internal.
    pub fn included_partials(analysis: &TemplateAnalysis) -> impl Iterator<Item = &str> + '_ {
        analysis
            .partials
            .iter()
            .map(|r| r.name.as_str())
            .filter(move |name| {
                !name.is_empty()
                    && !name.starts_with(EXTENDS_PREFIX)
                    && !analysis.inline_partials.iter().any(|i| i.name == *name)
            })
    }

    /// The component id when `position` is a partial on an include cycle.
    pub fn cycle_component(&self, position: usize) -> Option<usize> {
        self.cycle_component.get(&position).copied()
    }

    /// The facts of a partial or an `extends` base.
    pub fn facts(&self, position: usize) -> Option<&Facts> {
        self.facts.get(&position)
    }

    /// The entries a partial or base includes directly (existing partials only).
    pub fn partial_edges(&self, position: usize) -> Vec<usize> {
        self.facts(position)
            .map(|f| self.resolve_partials(f.includes.iter().map(AsRef::as_ref)))
            .unwrap_or_default()
    }

    /// The existing partials among `names`.
    pub fn resolve_partials<'n>(&self, names: impl Iterator<Item = &'n str>) -> Vec<usize> {
        names.filter_map(|name| self.partial(name)).collect()
    }

    /// Variables used by the partials in `start` and the partials they include, transitively.
    pub fn variables_via_partials(&self, start: Vec<usize>) -> HashSet<&str> {
        let mut used = HashSet::new();
        let mut seen = HashSet::new();
        let mut stack = start;
        while let Some(next) = stack.pop() {
            if !seen.insert(next) {
                continue;
            }
            if let Some(facts) = self.facts(next) {
                used.extend(facts.variables.iter().map(AsRef::as_ref));
            }
            stack.extend(self.partial_edges(next));
        }
        used
    }

    /// The `extends` chain from `position`: each base's entry, nearest first. Stops at a
    /// missing base or a repeat (the rules for those report them).
    pub fn bases(&self, position: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = position;
        while let Some(base) = self.extends_of(current).and_then(|id| self.prompt(id)) {
            if base == position || chain.contains(&base) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain
    }

    /// The `extends:` value of an entry.
    pub fn extends_of(&self, position: usize) -> Option<&str> {
        self.extends.get(&position).map(AsRef::as_ref)
    }

    /// Whether an entry parsed and its front matter has `input`.
    pub fn has_input(&self, position: usize) -> bool {
        self.flags[position] & HAS_INPUT != 0
    }

    /// Whether an entry parsed and has a non-blank `description`.
    pub fn described(&self, position: usize) -> bool {
        self.flags[position] & DESCRIBED != 0
    }

    /// Finds the partials on include cycles (Tarjan's algorithm, iterative so deep include
    /// chains cannot overflow the stack). Returns entry -> component id.
    fn partial_cycles(&self) -> HashMap<usize, usize> {
        let mut sorted: Vec<usize> = self.partials.iter().map(|&p| p as usize).collect();
        sorted.sort_unstable();
        let edges: HashMap<usize, Vec<usize>> =
            sorted.iter().map(|&n| (n, self.partial_edges(n))).collect();
        let mut index_of: HashMap<usize, usize> = HashMap::new();
        let mut low: HashMap<usize, usize> = HashMap::new();
        let mut on_stack: HashSet<usize> = HashSet::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut next_index = 0;
        let mut out = HashMap::new();
        let mut component = 0;
        for &start in &sorted {
            if index_of.contains_key(&start) {
                continue;
            }
            // Work items: (node, next edge to look at).
            let mut work: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some(&(node, edge)) = work.last() {
                if edge == 0 && !index_of.contains_key(&node) {
                    index_of.insert(node, next_index);
                    low.insert(node, next_index);
                    next_index += 1;
                    stack.push(node);
                    on_stack.insert(node);
                }
                let targets = &edges[&node];
                if let Some(&target) = targets.get(edge) {
                    if let Some(top) = work.last_mut() {
                        top.1 += 1;
                    }
                    if !index_of.contains_key(&target) {
                        work.push((target, 0));
                    } else if on_stack.contains(&target) {
                        let candidate = index_of[&target];
                        let l = low.get_mut(&node).expect("visited nodes have a low link");
                        *l = (*l).min(candidate);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    let child_low = low[&node];
                    let l = low.get_mut(&parent).expect("visited nodes have a low link");
                    *l = (*l).min(child_low);
                }
                if low[&node] == index_of[&node] {
                    let mut members = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack.remove(&member);
                        members.push(member);
                        if member == node {
                            break;
                        }
                    }
                    let self_loop = edges[&node].contains(&node);
                    if members.len() > 1 || self_loop {
                        for m in members {
                            out.insert(m, component);
                        }
                        component += 1;
                    }
                }
            }
        }
        out
    }
}

/// The case-folded identities an entry claims: its path name, and its front-matter `name:`
/// (with `variant:`) when that differs.
fn identities_of(entry: &Entry) -> Vec<String> {
    let kind = match entry.name.kind {
        FileKind::Prompt => "prompt",
        FileKind::Partial => "partial",
    };
    let key = |name: &str, variant: Option<&str>| {
        format!(
            "{kind}:{}{}",
            name.to_lowercase(),
            variant
                .map(|v| format!(".{}", v.to_lowercase()))
                .unwrap_or_default()
        )
    };
    let mut out = vec![key(&entry.name.name, entry.name.variant.as_deref())];
    if let Ok(document) = &entry.document
        && let Some(declared) = &document.front_matter.name
    {
        let variant = document
            .front_matter
            .variant
            .as_deref()
            .or(entry.name.variant.as_deref());
        let claimed = key(declared, variant);
        if !out.contains(&claimed) {
            out.push(claimed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::library::{Library, LibraryFiles};
    use crate::lint::test_support::{library, project};
    use crate::lint::{LintOptions, lint_library, lint_source};

    /// A library that counts how often each entry is read and how many are in use at once.
    struct Counting {
        library: Library,
        reads: Vec<AtomicUsize>,
        live: AtomicUsize,
        most_live: AtomicUsize,
    }

    impl Counting {
        fn new(library: Library) -> Counting {
            let reads = library
                .entries
                .iter()
                .map(|_| AtomicUsize::new(0))
                .collect();
            Counting {
                library,
                reads,
                live: AtomicUsize::new(0),
                most_live: AtomicUsize::new(0),
            }
        }
    }

    impl Source for Counting {
        fn len(&self) -> usize {
            self.library.entries.len()
        }
        fn path(&self, position: usize) -> PathBuf {
            self.library.entries[position].path.clone()
        }
        fn name(&self, position: usize) -> PromptName {
            self.library.entries[position].name.clone()
        }
        fn with_entry<R>(&self, position: usize, f: impl FnOnce(&Entry) -> R) -> R {
            self.reads[position].fetch_add(1, Ordering::SeqCst);
            let live = self.live.fetch_add(1, Ordering::SeqCst) + 1;
            self.most_live.fetch_max(live, Ordering::SeqCst);
            let out = f(&self.library.entries[position]);
            self.live.fetch_sub(1, Ordering::SeqCst);
            out
        }
    }

    fn many(count: usize) -> Vec<(String, String)> {
        let mut files = vec![
            (
                "base.prompt".to_owned(),
                "---\ninput:\n  schema:\n    who: string\n---\n{{#> body}}{{who}}{{/body}}"
                    .to_owned(),
            ),
            ("shared/_tone.prompt".to_owned(), "calm {{mood}}".to_owned()),
            ("dup/a.prompt".to_owned(), "a".to_owned()),
            (
                "dup/b.prompt".to_owned(),
                "---\nname: dup/a\n---\nb".to_owned(),
            ),
        ];
        for i in 0..count {
            let text = if i % 10 == 0 {
                "---\nextends: base\n---\n{{#*inline \"body\"}}{{who}}{{/inline}}".to_owned()
            } else {
                format!("---\ndescription: p{i}\n---\nHi {{{{> shared/tone}}}} {{{{x}}}}")
            };
            files.push((format!("f{}/p{i:04}.prompt", i % 7), text));
        }
        files
    }

    #[test]
    fn lint_reads_each_file_once_per_pass_and_holds_only_a_few_at_a_time() {
        let files = many(300);
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let whole = library(&borrowed);
        let expected = lint_library(&project(), &whole, &LintOptions::default()).unwrap();
        let counting = Counting::new(whole);
        let streamed = lint_source(&project(), &counting, &LintOptions::default()).unwrap();
        assert_eq!(streamed.findings, expected.findings);
        assert!(!expected.findings.is_empty());
        for (entry, reads) in counting.library.entries.iter().zip(&counting.reads) {
            let reads = reads.load(Ordering::SeqCst);
            let path = entry.path.to_string_lossy();
            // The base and the two files that claim `dup/a` are looked at again after the index
            // pass; every other file is read once to index and once to check.
            let again = matches!(
                path.as_ref(),
                "prompts/base.prompt" | "prompts/dup/a.prompt" | "prompts/dup/b.prompt"
            );
            assert_eq!(reads, if again { 3 } else { 2 }, "{path}");
        }
        let most = counting.most_live.load(Ordering::SeqCst);
        assert!(
            most <= rayon::current_num_threads(),
            "{most} entries in use at once"
        );
    }

    #[test]
    fn the_index_keeps_facts_only_for_partials_and_bases() {
        let files = many(30);
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let whole = library(&borrowed);
        let index = LibraryIndex::build(&whole);
        let with_facts: Vec<String> = (0..index.len())
            .filter(|&i| index.facts(i).is_some())
            .map(|i| whole.entries[i].path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            with_facts,
            ["prompts/base.prompt", "prompts/shared/_tone.prompt"]
        );
        let base = index.prompt("base").unwrap();
        let facts = index.facts(base).unwrap();
        assert!(facts.declared.names.contains("who"));
        assert_eq!(index.partial("shared/tone"), Some(index.len() - 1));
        assert_eq!(
            index
                .facts(index.partial("shared/tone").unwrap())
                .unwrap()
                .variables,
            [Box::from("mood")]
        );
        assert_eq!(index.prompt("f0/p0000"), Some(base + 3));
        assert_eq!(index.prompt("f0/p0000.prompt"), Some(base + 3));
        assert!(index.prompt("f0/p9999").is_none());
        assert!(index.partial("f0/p0000").is_none());
    }

    #[test]
    fn claimed_names_collide_only_when_the_full_names_match() {
        let whole = library(&[
            ("a.prompt", "---\nname: Shared\n---\nx"),
            ("shared.prompt", "y"),
            ("other.prompt", "z"),
            ("_shared.prompt", "partial"),
        ]);
        let index = LibraryIndex::build(&whole);
        let position = |p: &str| {
            whole
                .entries
                .iter()
                .position(|e| e.path.to_string_lossy() == p)
                .unwrap()
        };
        let a = position("prompts/a.prompt");
        let shared = position("prompts/shared.prompt");
        assert_eq!(
            index.duplicates_of(a, &whole.entries[a]),
            [("prompt:shared".to_owned(), shared)]
        );
        let other = position("prompts/other.prompt");
        assert!(index.duplicates_of(other, &whole.entries[other]).is_empty());
        let partial = position("prompts/_shared.prompt");
        assert!(
            index
                .duplicates_of(partial, &whole.entries[partial])
                .is_empty()
        );
        assert_eq!(
            index.claimant_path(shared),
            Some(&PathBuf::from("prompts/shared.prompt"))
        );
    }

    #[test]
    fn streamed_lint_of_files_on_disk_matches_the_loaded_library() {
        let dir = tempfile::tempdir().unwrap();
        let prompts = dir.path().join("prompts");
        for (path, text) in many(120) {
            let full = prompts.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        std::fs::write(prompts.join("bad.prompt"), "---\n: [\n---\n").unwrap();
        let whole = Library::load_dir(dir.path(), &prompts).unwrap();
        let files = LibraryFiles::list_dir(dir.path(), &prompts).unwrap();
        let options = LintOptions {
            paths: vec![PathBuf::from("prompts/f1"), PathBuf::from("prompts/dup")],
        };
        for options in [LintOptions::default(), options] {
            let expected = lint_library(&project(), &whole, &options).unwrap();
            let streamed = lint_source(&project(), &files, &options).unwrap();
            assert_eq!(streamed.findings, expected.findings);
            assert_eq!(streamed.files_checked, expected.files_checked);
        }
    }
}
