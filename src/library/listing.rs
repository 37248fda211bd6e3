//! Listing the library: the filters `list` and `search` share, each prompt's effective metadata,
//! and the folder tree.
//!
//! A prompt's metadata for listing is its own front matter with its `extends` chain merged
//! underneath (a child that sets no `tags` shows its base's).
//!
//! [`ListPlan`] lists a library read one entry at a time (issue 19): a first pass over every
//! prompt counts the matches and collects the unreadable files and the `extends` bases (the only
//! documents kept), then the items are produced in id order, a chunk at a time, for the caller
//! to write out. Memory is the file list and one chunk, not the library.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::library::{Entry, EntryError, Library, Source, display_id};
use crate::owners::effective_owners;
use crate::prompt::{FileKind, FrontMatter, PromptDocument, PromptName};

/// How many prompts a streamed listing prepares at once.
const CHUNK: usize = 1024;

/// Facet filters: a prompt passes when it matches every filter given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tags the prompt must all carry.
    pub tags: Vec<String>,
    /// Category it must have.
    pub category: Option<String>,
    /// Status it must have.
    pub status: Option<String>,
    /// An owner it must list.
    pub owner: Option<String>,
    /// Folder it must be in (at any depth below).
    pub folder: Option<String>,
}

impl Filter {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    /// Whether a prompt with this metadata passes every filter (case-insensitive).
    pub fn matches(&self, meta: &FacetValues<'_>) -> bool {
        let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        self.tags
            .iter()
            .all(|t| meta.tags.iter().any(|have| eq(have, t)))
            && self
                .category
                .as_deref()
                .is_none_or(|c| meta.category.is_some_and(|have| eq(have, c)))
            && self
                .status
                .as_deref()
                .is_none_or(|s| meta.status.is_some_and(|have| eq(have, s)))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| meta.owners.iter().any(|have| eq(have, o)))
            && self.folder.as_deref().is_none_or(|f| {
                let f = f.trim_matches('/');
                f.is_empty()
                    || meta.folder == f
                    || meta
                        .folder
                        .strip_prefix(f)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    }
}

/// The facet values of one prompt, borrowed, for [`Filter::matches`].
#[derive(Debug, Clone, Copy)]
pub struct FacetValues<'a> {
    /// Tags.
    pub tags: &'a [String],
    /// Category.
    pub category: Option<&'a str>,
    /// Status.
    pub status: Option<&'a str>,
    /// Owners.
    pub owners: &'a [String],
    /// Folder (`a/b` for `a/b/c.prompt`, empty at the top).
    pub folder: &'a str,
}

/// One prompt in a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The id a user types (`support/reply` or `support/reply.formal`).
    pub id: String,
    /// The parsed name.
    pub name: PromptName,
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Effective front matter (own keys over its bases').
    pub front_matter: FrontMatter,
}

impl ListItem {
    /// Borrowed facet values for filtering.
    pub fn facets(&self) -> FacetValues<'_> {
        FacetValues {
            tags: &self.front_matter.tags,
            category: self.front_matter.category.as_deref(),
            status: self.front_matter.status.as_deref(),
            owners: &self.front_matter.owners,
            folder: self.name.folder(),
        }
    }
}

/// A file that could not be listed, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub path: PathBuf,
    /// Why (with line and column for parse errors).
    pub message: String,
}

/// The result of [`list`]: matching prompts sorted by id, and files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Prompts that passed the filter.
    pub items: Vec<ListItem>,
    /// Files skipped because they could not be read or parsed.
    pub unreadable: Vec<Unreadable>,
}

/// A folder in the listing tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folder {
    /// Subfolders by name.
    pub folders: BTreeMap<String, Folder>,
    /// Indexes into [`Listing::items`] of the prompts directly in this folder.
    pub prompts: Vec<usize>,
}

impl Listing {
    /// The items arranged as a folder tree (unlimited depth).
    pub fn tree(&self) -> Folder {
        let mut root = Folder::default();
        for (index, item) in self.items.iter().enumerate() {
            let mut node = &mut root;
            let folder = item.name.folder();
            if !folder.is_empty() {
                for segment in folder.split('/') {
                    node = node.folders.entry(segment.to_owned()).or_default();
                }
            }
            node.prompts.push(index);
        }
        root
    }
}

/// Lists the prompts (not partials) that pass `filter`, with only their own metadata.
pub fn list(library: &Library, filter: &Filter) -> Listing {
    list_in(library, &Config::default(), filter)
}

/// Lists the prompts (not partials) that pass `filter`; a prompt that names no owners shows
/// (and is filtered by) the owners `config` gives its folder or the project.
pub fn list_in(library: &Library, config: &Config, filter: &Filter) -> Listing {
    ListPlan::new(library, config, filter).collect()
}

/// A listing of a library read one entry at a time: the count and the unreadable files are
/// known up front (a JSON document starts with the count), and the items come in id order, a
/// chunk at a time, from [`ListPlan::for_each_chunk`].
pub struct ListPlan<'a, S: Source> {
    source: &'a S,
    config: &'a Config,
    filter: &'a Filter,
    /// Prompt positions in id order.
    order: Vec<u32>,
    /// By position: whether the first pass found the prompt to pass the filter.
    matched: Vec<bool>,
    /// Parsed `extends` bases by the id as written (`None`: missing or unparsable).
    bases: HashMap<String, Option<PromptDocument>>,
    count: usize,
    unreadable: Vec<Unreadable>,
}

/// What the first pass learns about one prompt.
enum Seen {
    Unreadable(Unreadable),
    Listed(bool),
    /// It extends `id`: whether it matches is known once the bases are read.
    Extends(String),
}

impl<'a, S: Source> ListPlan<'a, S> {
    /// Reads every prompt once: counts the matches, collects the unreadable files, and keeps
    /// the `extends` bases (and their bases) for the items pass.
    pub fn new(source: &'a S, config: &'a Config, filter: &'a Filter) -> ListPlan<'a, S> {
        let prompts: Vec<u32> = (0..source.len())
            .filter(|&p| source.name(p).kind == FileKind::Prompt)
            .map(|p| u32::try_from(p).expect("fewer than four billion files"))
            .collect();
        let mut plan = ListPlan {
            source,
            config,
            filter,
            order: Vec::new(),
            matched: vec![false; source.len()],
            bases: HashMap::new(),
            count: 0,
            unreadable: Vec::new(),
        };
        let mut unreadable: Vec<(u32, Unreadable)> = Vec::new();
        let mut children: Vec<u32> = Vec::new();
        let mut wanted: HashSet<String> = HashSet::new();
        for chunk in prompts.chunks(CHUNK) {
            let seen: Vec<Seen> = chunk
                .par_iter()
                .map(|&p| source.with_entry(p as usize, |entry| plan.first_look(entry)))
                .collect();
            for (&position, seen) in chunk.iter().zip(seen) {
                match seen {
                    Seen::Unreadable(u) => unreadable.push((position, u)),
                    Seen::Listed(matches) => {
                        plan.count += usize::from(matches);
                        plan.matched[position as usize] = matches;
                    }
                    Seen::Extends(base) => {
                        children.push(position);
                        wanted.insert(base);
                    }
                }
            }
        }
        let mut order = prompts;
        order.sort_by(|&a, &b| {
            source
                .id(a as usize)
                .cmp(&source.id(b as usize))
                .then(a.cmp(&b))
        });
        plan.order = order;
        plan.read_bases(wanted);
        let looked: Vec<(u32, Result<ListItem, Unreadable>)> = children
            .par_iter()
            .map(|&p| (p, source.with_entry(p as usize, |entry| plan.item(entry))))
            .collect();
        for (position, item) in looked {
            match item {
                Ok(item) => {
                    let matches = plan.filter.matches(&item.facets());
                    plan.count += usize::from(matches);
                    plan.matched[position as usize] = matches;
                }
                Err(u) => unreadable.push((position, u)),
            }
        }
        unreadable.sort_by_key(|(position, _)| *position);
        plan.unreadable = unreadable.into_iter().map(|(_, u)| u).collect();
        plan
    }

    /// How many prompts pass the filter.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Prompts that could not be read or parsed, in path order.
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    /// The positions of the prompts the first pass found to match, in id order: what a
    /// caller that prints in another order sorts (see [`ListPlan::for_each_chunk_of`]).
    pub fn matching(&self) -> Vec<u32> {
        self.order
            .iter()
            .copied()
            .filter(|&p| self.matched[p as usize])
            .collect()
    }

    /// The id of the prompt at `position` (`support/reply.formal`), without reading it.
    pub fn id(&self, position: u32) -> Cow<'_, str> {
        self.source.id(position as usize)
    }

    /// Calls `each` with the matching items in id order, a chunk at a time.
    pub fn for_each_chunk<E>(
        &self,
        each: impl FnMut(Vec<ListItem>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_chunk_of(&self.order, each)
    }

    /// Calls `each` with the items at `positions` that match, in that order, a chunk at a
    /// time. A prompt changed since the first pass is read as it is now: it may no longer
    /// match, or no longer be readable, and is then left out.
    pub fn for_each_chunk_of<E>(
        &self,
        positions: &[u32],
        mut each: impl FnMut(Vec<ListItem>) -> Result<(), E>,
    ) -> Result<(), E> {
        for chunk in positions.chunks(CHUNK) {
            let items: Vec<Option<ListItem>> = chunk
                .par_iter()
                .map(|&p| {
                    self.source.with_entry(p as usize, |entry| {
                        self.item(entry)
                            .ok()
                            .filter(|item| self.filter.matches(&item.facets()))
                    })
                })
                .collect();
            let items: Vec<ListItem> = items.into_iter().flatten().collect();
            if !items.is_empty() {
                each(items)?;
            }
        }
        Ok(())
    }

    /// The whole listing in memory.
    pub fn collect(self) -> Listing {
        let mut items = Vec::new();
        self.for_each_chunk(|chunk| -> Result<(), std::convert::Infallible> {
            items.extend(chunk);
            Ok(())
        })
        .unwrap_or_else(|never| match never {});
        Listing {
            items,
            unreadable: self.unreadable,
        }
    }

    fn first_look(&self, entry: &Entry) -> Seen {
        match &entry.document {
            Ok(document) => match &document.front_matter.extends {
                Some(base) => Seen::Extends(base.clone()),
                None => match self.item(entry) {
                    Ok(item) => Seen::Listed(self.filter.matches(&item.facets())),
                    Err(u) => Seen::Unreadable(u),
                },
            },
            Err(e) => Seen::Unreadable(Unreadable {
                path: entry.path.clone(),
                message: entry_error_message(e),
            }),
        }
    }

    /// Reads the bases named in `wanted`, and theirs, until every chain ends.
    fn read_bases(&mut self, wanted: HashSet<String>) {
        let mut pending: Vec<String> = wanted.into_iter().collect();
        pending.sort();
        while let Some(id) = pending.pop() {
            if self.bases.contains_key(&id) {
                continue;
            }
            let wanted_id = display_id(&PromptName::parse_id(&id));
            let found = self
                .order
                .binary_search_by(|&p| self.source.id(p as usize).as_ref().cmp(wanted_id.as_str()))
                .ok()
                .map(|i| self.order[i] as usize);
            let document = found.and_then(|p| {
                self.source
                    .with_entry(p, |entry| entry.document.as_ref().ok().cloned())
            });
            if let Some(next) = document
                .as_ref()
                .and_then(|d| d.front_matter.extends.clone())
            {
                pending.push(next);
            }
            self.bases.insert(id, document);
        }
    }

    /// One prompt's item (its effective front matter and owners), or why it cannot be listed.
    fn item(&self, entry: &Entry) -> Result<ListItem, Unreadable> {
        let front_matter = effective_with(entry, |id| self.bases.get(id).and_then(Option::as_ref));
        match front_matter {
            Ok(mut front_matter) => {
                front_matter.owners = effective_owners(self.config, &entry.name, &front_matter).0;
                Ok(ListItem {
                    id: display_id(&entry.name),
                    name: entry.name.clone(),
                    path: entry.path.clone(),
                    front_matter,
                })
            }
            Err(message) => Err(Unreadable {
                path: entry.path.clone(),
                message,
            }),
        }
    }
}

/// Why an entry could not be used, as one line.
pub fn entry_error_message(error: &EntryError) -> String {
    match error {
        EntryError::Read(message) => format!("cannot read: {message}"),
        EntryError::Parse(e) => format!("{}:{}: {}", e.line, e.column, e.message),
    }
}

/// The entry's front matter with its `extends` chain merged underneath, from the loaded library.
///
/// A missing or looping base is not an error here (lint and render report it); the chain simply
/// stops there.
pub fn effective_front_matter(library: &Library, entry: &Entry) -> Result<FrontMatter, String> {
    effective_with(entry, |base| {
        library
            .get(&PromptName::parse_id(base))
            .and_then(|e| e.document.as_ref().ok())
    })
}

/// The entry's front matter with its `extends` chain merged underneath, each base found by
/// `base_of` (from the id as written).
fn effective_with<'d>(
    entry: &Entry,
    base_of: impl Fn(&str) -> Option<&'d PromptDocument>,
) -> Result<FrontMatter, String> {
    let document = entry.document.as_ref().map_err(entry_error_message)?;
    let Some(mut base) = document.front_matter.extends.clone() else {
        return Ok(document.front_matter.clone());
    };
    let mut raw: Map<String, Value> = document.raw_front_matter.clone();
    let mut seen = vec![entry.name.name.clone()];
    while !seen.contains(&base) {
        seen.push(base.clone());
        let Some(base_doc) = base_of(&base) else {
            break;
        };
        for (key, value) in &base_doc.raw_front_matter {
            if !matches!(key.as_str(), "extends" | "name" | "variant") {
                raw.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        match &base_doc.front_matter.extends {
            Some(next) => base.clone_from(next),
            None => break,
        }
    }
    FrontMatter::from_raw(&raw).map_err(|e| e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let prompts = dir.path().join("prompts");
        for (path, text) in files {
            let full = prompts.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let lib = Library::load_dir(dir.path(), &prompts).unwrap();
        (dir, lib)
    }

    #[test]
    fn filters_by_every_facet() {
        let (_dir, lib) = library(&[
            (
                "a/x.prompt",
                "---\ntags: [t1, t2]\ncategory: c\nstatus: active\nowners: [o]\n---\nx",
            ),
            ("a/b/y.prompt", "---\ntags: [t1]\nstatus: draft\n---\ny"),
            ("z.prompt", "z"),
            ("a/_p.prompt", "partial"),
        ]);
        let ids =
            |f: &Filter| -> Vec<String> { list(&lib, f).items.into_iter().map(|i| i.id).collect() };
        assert_eq!(ids(&Filter::default()), ["a/b/y", "a/x", "z"]);
        let tag = Filter {
            tags: vec!["T1".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&tag), ["a/b/y", "a/x"]);
        let both = Filter {
            tags: vec!["t1".into(), "t2".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&both), ["a/x"]);
        let status = Filter {
            status: Some("draft".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&status), ["a/b/y"]);
        let owner = Filter {
            owner: Some("o".into()),
            category: Some("c".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&owner), ["a/x"]);
        let folder = Filter {
            folder: Some("a/b".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&folder), ["a/b/y"]);
        let prefix_only = Filter {
            folder: Some("a/".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&prefix_only), ["a/b/y", "a/x"]);
        let not_a_segment = Filter {
            folder: Some("a/b/y".into()),
            ..Filter::default()
        };
        assert!(ids(&not_a_segment).is_empty());
    }

    #[test]
    fn children_inherit_base_metadata() {
        let (_dir, lib) = library(&[
            (
                "base.prompt",
                "---\ntags: [base]\nowners: [team]\n---\n{{#> body}}{{/body}}",
            ),
            (
                "child.prompt",
                "---\nextends: base\nowners: [me]\n---\n{{#*inline \"body\"}}c{{/inline}}",
            ),
        ]);
        let listing = list(&lib, &Filter::default());
        let child = listing.items.iter().find(|i| i.id == "child").unwrap();
        assert_eq!(child.front_matter.tags, ["base"]);
        assert_eq!(child.front_matter.owners, ["me"]);
    }

    #[test]
    fn owner_filter_sees_folder_and_project_default_owners() {
        let (_dir, lib) = library(&[
            ("support/billing/refund.prompt", "r"),
            ("support/reply.prompt", "---\nowners: [ada]\n---\ny"),
            ("rag/answer.prompt", "a"),
        ]);
        let config = Config::parse(
            "defaults:\n  owners: [everyone]\n  folders:\n    support: {owners: [support-team]}\n",
        )
        .unwrap();
        let ids = |owner: &str| -> Vec<String> {
            let filter = Filter {
                owner: Some(owner.into()),
                ..Filter::default()
            };
            list_in(&lib, &config, &filter)
                .items
                .into_iter()
                .map(|i| i.id)
                .collect()
        };
        assert_eq!(ids("support-team"), ["support/billing/refund"]);
        assert_eq!(ids("ada"), ["support/reply"]);
        assert_eq!(ids("everyone"), ["rag/answer"]);
    }

    #[test]
    fn tree_nests_folders_and_reports_unreadable() {
        let (_dir, lib) = library(&[
            ("a/b/c/deep.prompt", "d"),
            ("a/top.prompt", "t"),
            ("bad.prompt", "---\ntags: 5\n---\nx"),
        ]);
        let listing = list(&lib, &Filter::default());
        assert_eq!(listing.unreadable.len(), 1);
        assert!(
            listing.unreadable[0].message.starts_with("2:"),
            "{:?}",
            listing.unreadable
        );
        let tree = listing.tree();
        let a = &tree.folders["a"];
        assert_eq!(a.prompts.len(), 1);
        assert_eq!(a.folders["b"].folders["c"].prompts.len(), 1);
    }
}
