//! Everything rules look up across files, computed once per run.
//!
//! [`Prepared`] holds the per-file work (compiled template, static analysis, converted input
//! schema), done in parallel. [`LibraryIndex`] holds the name maps and the partial-include graph's
//! cycles, so a rule that asks "does partial `x` exist?" or "is this file in a cycle?" gets an
//! answer in constant time and the whole run stays linear in the number of files.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde_json::Value;

use crate::library::{Entry, Library};
use crate::lint::rules::RoleShape;
use crate::prompt::analysis::{TemplateAnalysis, analyze};
use crate::prompt::compile::compile;
use crate::prompt::name::{FileKind, PromptName};
use crate::prompt::schema::{self, SchemaError};

/// Handlebars name prefix the renderer uses for `extends` bases; never written by people.
const EXTENDS_PREFIX: &str = "__promptctl_extends_";

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

/// The per-file facts rules need, computed once.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Whether the template compiled. The compiled tree itself is not kept: at 100,000 files it
    /// would dominate memory, and rules need only the facts below.
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
    fn of(entry: &Entry) -> Prepared {
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

/// Name maps and graph facts over the whole library.
#[derive(Debug)]
pub struct LibraryIndex<'a> {
    /// The library.
    pub library: &'a Library,
    /// Per-entry facts, aligned with `library.entries`.
    pub prepared: Vec<Prepared>,
    prompts: HashMap<(&'a str, Option<&'a str>), usize>,
    partials: HashMap<&'a str, usize>,
    /// Case-folded identity -> entries claiming it (path name and front-matter `name:`).
    identities: HashMap<String, Vec<usize>>,
    /// For each entry, the id of its strongly connected component in the partial graph when it
    /// is part of an include cycle.
    cycle_component: HashMap<usize, usize>,
}

impl<'a> LibraryIndex<'a> {
    /// Prepares every entry (in parallel) and builds the maps.
    pub fn build(library: &'a Library) -> LibraryIndex<'a> {
        let prepared: Vec<Prepared> = library.entries.par_iter().map(Prepared::of).collect();
        let mut prompts = HashMap::new();
        let mut partials = HashMap::new();
        let mut identities: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in library.entries.iter().enumerate() {
            match entry.name.kind {
                FileKind::Prompt => {
                    prompts.insert((entry.name.name.as_str(), entry.name.variant.as_deref()), i);
                }
                FileKind::Partial => {
                    partials.insert(entry.name.name.as_str(), i);
                }
            }
            for identity in identities_of(entry) {
                let claimants = identities.entry(identity).or_default();
                if !claimants.contains(&i) {
                    claimants.push(i);
                }
            }
        }
        let mut index = LibraryIndex {
            library,
            prepared,
            prompts,
            partials,
            identities,
            cycle_component: HashMap::new(),
        };
        index.cycle_component = index.partial_cycles();
        index
    }

    /// The entry of a prompt id as users write it (`folder/name` or `folder/name.variant`).
    pub fn prompt(&self, id: &str) -> Option<usize> {
        let name = PromptName::parse_id(id);
        self.prompts
            .get(&(name.name.as_str(), name.variant.as_deref()))
            .copied()
    }

    /// The entry of a partial name as used in `{{> name}}`.
    pub fn partial(&self, name: &str) -> Option<usize> {
        self.partials.get(name).copied()
    }

    /// Every prompt id, for suggestions.
    pub fn prompt_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.prompts.keys().map(|(name, variant)| match variant {
            Some(v) => format!("{name}.{v}"),
            None => (*name).to_owned(),
        })
    }

    /// Every partial name, for suggestions.
    pub fn partial_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.partials.keys().copied()
    }

    /// Other entries that claim the same (case-insensitive) identity as `position`.
    pub fn duplicates_of(&self, position: usize) -> Vec<(String, usize)> {
        let entry = &self.library.entries[position];
        let mut out = Vec::new();
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

    /// The entries a partial includes directly (existing partials only).
    pub fn partial_edges(&self, position: usize) -> Vec<usize> {
        Self::included_partials(&self.prepared[position].analysis)
            .filter_map(|name| self.partial(name))
            .collect()
    }

    /// Variables used by the partials `position` includes, transitively.
    pub fn variables_via_partials(&self, position: usize) -> HashSet<&str> {
        let mut used = HashSet::new();
        let mut seen = HashSet::new();
        let mut stack = self.partial_edges(position);
        while let Some(next) = stack.pop() {
            if !seen.insert(next) {
                continue;
            }
            used.extend(
                self.prepared[next]
                    .analysis
                    .variables
                    .iter()
                    .map(|r| r.name.as_str()),
            );
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
        self.library.entries[position]
            .document
            .as_ref()
            .ok()
            .and_then(|d| d.front_matter.extends.as_deref())
    }

    /// The variables a prompt declares, following `extends` to the file that sets `input`.
    pub fn declared(&self, position: usize) -> Declared {
        let source = std::iter::once(position)
            .chain(self.bases(position))
            .find(|&i| {
                self.library.entries[i]
                    .document
                    .as_ref()
                    .is_ok_and(|d| d.raw_front_matter.contains_key("input"))
            })
            .unwrap_or(position);
        let mut declared = Declared {
            source,
            ..Declared::default()
        };
        let Ok(document) = &self.library.entries[source].document else {
            return declared;
        };
        if let Some(defaults) = &document.front_matter.input.default {
            declared.names.extend(defaults.keys().cloned());
        }
        match &self.prepared[source].input_schema {
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

    /// Finds the partials on include cycles (Tarjan's algorithm, iterative so deep include
    /// chains cannot overflow the stack). Returns entry -> component id.
    fn partial_cycles(&self) -> HashMap<usize, usize> {
        let nodes: Vec<usize> = self.partials.values().copied().collect();
        let edges: HashMap<usize, Vec<usize>> =
            nodes.iter().map(|&n| (n, self.partial_edges(n))).collect();
        let mut index_of: HashMap<usize, usize> = HashMap::new();
        let mut low: HashMap<usize, usize> = HashMap::new();
        let mut on_stack: HashSet<usize> = HashSet::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut next_index = 0;
        let mut out = HashMap::new();
        let mut component = 0;
        let mut sorted = nodes.clone();
        sorted.sort_unstable();
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
