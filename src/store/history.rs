//! A prompt's history: its versions along first-parent history, following renames.
//!
//! Version `vN` of a prompt is the Nth commit on HEAD's first-parent chain that changed the file
//! (a merge counts once, as the change it brought in). Renames are followed: when a commit adds the
//! file and deletes another prompt file with the same content (or at least half of the same
//! lines), the history continues under the old path.
//!
//! Walking 10,000 commits and diffing their trees on every `log` would take about a second, so the
//! blob-level changes of every first-parent commit are kept in a change index under
//! `.git/promptctl/history-v1`, keyed by the tip commit it was built from. When the branch moves
//! forward, only the new commits are diffed and prepended; when history is rewritten (the old
//! tip is no longer on the chain), the index is rebuilt. The index is a cache: deleting it is
//! always safe, and a failure to write it is ignored.
//!
//! With a commit-graph, the Bloom walk diffs only a few hundred candidate commits, but that is
//! still most of a warm run's time; so the answer for each path is kept too, in
//! `.git/promptctl/versions-v1`, keyed by the tip it was found at. A run at the same tip reads
//! it and diffs nothing; a run at another tip walks again and replaces it. It is a cache like the
//! change index: deleting it is safe, failing to write it is ignored.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use gix::ObjectId;

use crate::store::commit_graph::{self, BloomGraph, BloomKey};
use crate::store::tree::{ChangeKind, TreeChange, diff_trees};
use crate::store::{Repo, Result, git};

const INDEX_FILE: &str = "history-v1";
const INDEX_HEADER: &str = "promptctl-history 1";
const ANSWERS_FILE: &str = "versions-v1";
const ANSWERS_HEADER: &str = "promptctl-versions 1";

thread_local! {
    /// How many commits this thread has diffed against their parent while finding versions.
    static COMMITS_DIFFED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Diffs a commit's tree against its parent's, counting it.
fn diff_commit(
    repo: &Repo,
    parent_tree: Option<ObjectId>,
    tree: ObjectId,
    changes: &mut Vec<TreeChange>,
) -> Result<()> {
    COMMITS_DIFFED.with(|n| n.set(n.get() + 1));
    diff_trees(&repo.git, parent_tree, Some(tree), "", changes)
}

/// How many commits this thread has diffed while finding versions (tests use it to show that a
/// warm run reads its cache).
#[cfg(test)]
fn commits_diffed() -> usize {
    COMMITS_DIFFED.with(std::cell::Cell::get)
}

/// One first-parent commit and the blobs it changed.
#[derive(Debug, Clone)]
pub(crate) struct IndexedCommit {
    pub(crate) id: ObjectId,
    pub(crate) changes: Vec<TreeChange>,
}

/// Blob-level changes of every commit on a first-parent chain, newest first.
#[derive(Debug, Clone)]
pub(crate) struct ChangeIndex {
    pub(crate) tip: ObjectId,
    pub(crate) commits: Vec<IndexedCommit>,
}

impl ChangeIndex {
    /// The index for the chain ending at `tip`, from the cache when possible.
    pub(crate) fn load(repo: &Repo, tip: ObjectId) -> Result<ChangeIndex> {
        let path = repo.private_dir().join(INDEX_FILE);
        let cached = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| parse_index(&text));
        if let Some(cached) = &cached
            && cached.tip == tip
        {
            return Ok(cached.clone());
        }
        let index = build(repo, tip, cached.as_ref())?;
        // The cache is an optimization: a read-only repository still works.
        let _ = write_index(&path, &index);
        Ok(index)
    }
}

/// Walks the first-parent chain from `tip`, stopping at the first commit the cached index holds:
/// from there on both chains are the same, so its tail is reused. This makes moving forward,
/// switching between branches that share history, and resetting cheap.
fn build(repo: &Repo, tip: ObjectId, cached: Option<&ChangeIndex>) -> Result<ChangeIndex> {
    let graph = repo.git.commit_graph_if_enabled().ok().flatten();
    let positions: HashMap<ObjectId, usize> = cached
        .map(|c| {
            c.commits
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect()
        })
        .unwrap_or_default();
    let mut commits = Vec::new();
    let mut next = Some(tip);
    let mut known: Option<(ObjectId, Option<ObjectId>)> = None;
    while let Some(id) = next {
        if let (Some(cached), Some(&at)) = (cached, positions.get(&id)) {
            commits.extend_from_slice(&cached.commits[at..]);
            break;
        }
        let (tree, parent) = match known.take() {
            Some(known) => known,
            None => tree_and_first_parent(repo, graph.as_ref(), id)?,
        };
        let parent_info = match parent {
            Some(parent) => Some(tree_and_first_parent(repo, graph.as_ref(), parent)?),
            None => None,
        };
        let mut changes = Vec::new();
        diff_commit(repo, parent_info.map(|p| p.0), tree, &mut changes)?;
        commits.push(IndexedCommit { id, changes });
        // The parent's tree and parent are needed next: keep them instead of reading them again.
        known = parent_info;
        next = parent;
    }
    Ok(ChangeIndex { tip, commits })
}

/// A commit's root tree and first parent, from the commit-graph file when it has the commit.
fn tree_and_first_parent(
    repo: &Repo,
    graph: Option<&gix::commitgraph::Graph>,
    id: ObjectId,
) -> Result<(ObjectId, Option<ObjectId>)> {
    if let Some(commit) = graph.and_then(|g| g.commit_by_id(id)) {
        let tree = commit.root_tree_id().to_owned();
        let parent = commit
            .iter_parents()
            .next()
            .and_then(std::result::Result::ok)
            .and_then(|pos| graph.map(|g| g.id_at(pos).to_owned()));
        return Ok((tree, parent));
    }
    let commit = repo
        .git
        .find_commit(id)
        .map_err(git(format!("reading commit {id}")))?;
    let tree = commit
        .tree_id()
        .map_err(git("reading a commit's tree"))?
        .detach();
    let parent = commit.parent_ids().next().map(gix::Id::detach);
    Ok((tree, parent))
}

fn write_index(path: &PathBuf, index: &ChangeIndex) -> std::io::Result<()> {
    let mut text = String::with_capacity(index.commits.len() * 128);
    let _ = writeln!(text, "{INDEX_HEADER}\ntip {}", index.tip);
    for commit in &index.commits {
        let _ = writeln!(text, "c {}", commit.id);
        for change in &commit.changes {
            let hex = |id: Option<ObjectId>| id.map_or_else(|| "-".to_owned(), |i| i.to_string());
            let kind = match change.kind {
                ChangeKind::Added => 'A',
                ChangeKind::Modified => 'M',
                ChangeKind::Deleted => 'D',
            };
            let _ = writeln!(
                text,
                "{kind} {} {} {}",
                hex(change.old),
                hex(change.new),
                change.path
            );
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Write-then-rename so a concurrent reader never sees half a file.
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

fn parse_index(text: &str) -> Option<ChangeIndex> {
    let mut lines = text.lines();
    if lines.next()? != INDEX_HEADER {
        return None;
    }
    let tip = ObjectId::from_hex(lines.next()?.strip_prefix("tip ")?.as_bytes()).ok()?;
    let mut commits: Vec<IndexedCommit> = Vec::new();
    let id = |s: &str| -> Option<Option<ObjectId>> {
        if s == "-" {
            Some(None)
        } else {
            ObjectId::from_hex(s.as_bytes()).ok().map(Some)
        }
    };
    for line in lines {
        if let Some(hex) = line.strip_prefix("c ") {
            commits.push(IndexedCommit {
                id: ObjectId::from_hex(hex.as_bytes()).ok()?,
                changes: Vec::new(),
            });
            continue;
        }
        let mut parts = line.splitn(4, ' ');
        let kind = match parts.next()? {
            "A" => ChangeKind::Added,
            "M" => ChangeKind::Modified,
            "D" => ChangeKind::Deleted,
            _ => return None,
        };
        let old = id(parts.next()?)?;
        let new = id(parts.next()?)?;
        let path = parts.next()?.to_owned();
        commits.last_mut()?.changes.push(TreeChange {
            kind,
            path,
            old,
            new,
        });
    }
    if commits.first().map(|c| c.id) != Some(tip) {
        return None;
    }
    Some(ChangeIndex { tip, commits })
}

/// How a version came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionKind {
    /// The file was created.
    Added,
    /// The file's content changed.
    Modified,
    /// The file was moved here from another path (possibly with edits).
    Renamed {
        /// The previous path.
        from: String,
    },
    /// The file was deleted.
    Deleted,
}

/// One version of a prompt: a commit on the first-parent chain that changed its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// 1 for the oldest.
    pub number: usize,
    /// The commit (hex).
    pub commit: String,
    /// The abbreviated commit id.
    pub short: String,
    /// The file's path after this version.
    pub path: String,
    /// The blob after this version (hex); `None` when the version deleted the file.
    pub blob: Option<String>,
    /// The blob before this version (hex), if the file existed.
    pub previous_blob: Option<String>,
    /// What happened.
    pub kind: VersionKind,
    /// Author name.
    pub author: String,
    /// Author email.
    pub email: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
    /// Author time-zone offset in seconds.
    pub offset: i32,
    /// The first line of the commit message.
    pub summary: String,
}

/// Every version of a file, oldest first, following renames backwards from `path`.
pub fn versions(repo: &Repo, path: &str) -> Result<Vec<Version>> {
    let head = repo.head_commit()?;
    versions_at(repo, head, path)
}

/// Every version of a file on the first-parent chain ending at `tip`, oldest first.
///
/// With a commit-graph carrying changed-path Bloom filters (written by git, or by promptctl the
/// first time it needs history), only the commits whose filter may hold the path are diffed;
/// otherwise the whole chain's change index is used (see [`ChangeIndex`]).
pub(crate) fn versions_at(repo: &Repo, tip: ObjectId, path: &str) -> Result<Vec<Version>> {
    let mut found = found_at(repo, tip, path)?;
    found.reverse();
    let mut cache: HashMap<ObjectId, Version> = HashMap::new();
    let mut out = Vec::with_capacity(found.len());
    for (i, (commit_id, change, kind)) in found.into_iter().enumerate() {
        let info = if let Some(v) = cache.get(&commit_id) {
            v.clone()
        } else {
            let v = commit_info(repo, commit_id)?;
            cache.insert(commit_id, v.clone());
            v
        };
        out.push(Version {
            number: i + 1,
            path: change.path.clone(),
            blob: change.new.map(|b| b.to_string()),
            previous_blob: change.old.map(|b| b.to_string()),
            kind,
            ..info
        });
    }
    Ok(out)
}

/// A commit that changed a file: the change and what kind of version it made.
type Found = (ObjectId, TreeChange, VersionKind);

/// The commits that changed `path` on the chain ending at `tip`, newest first: from the answer
/// cache when it was found at this tip, else through the Bloom filters or the change index (and
/// then remembered).
fn found_at(repo: &Repo, tip: ObjectId, path: &str) -> Result<Vec<Found>> {
    let file = repo.private_dir().join(ANSWERS_FILE);
    let mut answers = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| parse_answers(&text))
        .filter(|a| a.tip == tip)
        .unwrap_or_else(|| Answers {
            tip,
            paths: Vec::new(),
        });
    if let Some((_, found)) = answers.paths.iter().find(|(p, _)| p == path) {
        return Ok(found.clone());
    }
    let found = if let Some(graph) = bloom_graph(repo, tip) {
        follow(repo, path, BloomWalk::new(repo, &graph, tip))?
    } else {
        let index = ChangeIndex::load(repo, tip)?;
        follow(repo, path, index.commits.into_iter().map(Ok))?
    };
    // A line-based file cannot hold a path with a line break; such a path is not cached.
    let storable = !path.contains('\n')
        && found.iter().all(|(_, change, kind)| {
            !change.path.contains('\n')
                && !matches!(kind, VersionKind::Renamed { from } if from.contains('\n'))
        });
    if storable {
        answers.paths.push((path.to_owned(), found.clone()));
        // The cache is an optimization: a read-only repository still works.
        let _ = write_answers(&file, &answers);
    }
    Ok(found)
}

/// The versions found for some paths at one tip.
#[derive(Debug, Clone, PartialEq)]
struct Answers {
    tip: ObjectId,
    paths: Vec<(String, Vec<Found>)>,
}

fn write_answers(path: &PathBuf, answers: &Answers) -> std::io::Result<()> {
    let mut text = String::new();
    let _ = writeln!(text, "{ANSWERS_HEADER}\ntip {}", answers.tip);
    let hex = |id: Option<ObjectId>| id.map_or_else(|| "-".to_owned(), |i| i.to_string());
    for (asked, found) in &answers.paths {
        let _ = writeln!(text, "p {asked}");
        for (commit, change, kind) in found {
            let kind_char = match kind {
                VersionKind::Added => 'A',
                VersionKind::Modified => 'M',
                VersionKind::Deleted => 'D',
                VersionKind::Renamed { .. } => 'R',
            };
            let change_char = match change.kind {
                ChangeKind::Added => 'A',
                ChangeKind::Modified => 'M',
                ChangeKind::Deleted => 'D',
            };
            let _ = writeln!(
                text,
                "v {commit} {kind_char}{change_char} {} {} {}",
                hex(change.old),
                hex(change.new),
                change.path
            );
            if let VersionKind::Renamed { from } = kind {
                let _ = writeln!(text, "r {from}");
            }
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Write-then-rename so a concurrent reader never sees half a file.
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

fn parse_answers(text: &str) -> Option<Answers> {
    let mut lines = text.lines();
    if lines.next()? != ANSWERS_HEADER {
        return None;
    }
    let tip = ObjectId::from_hex(lines.next()?.strip_prefix("tip ")?.as_bytes()).ok()?;
    let id = |s: &str| -> Option<Option<ObjectId>> {
        if s == "-" {
            Some(None)
        } else {
            ObjectId::from_hex(s.as_bytes()).ok().map(Some)
        }
    };
    let mut paths: Vec<(String, Vec<Found>)> = Vec::new();
    for line in lines {
        if let Some(asked) = line.strip_prefix("p ") {
            paths.push((asked.to_owned(), Vec::new()));
        } else if let Some(from) = line.strip_prefix("r ") {
            let (_, _, kind) = paths.last_mut()?.1.last_mut()?;
            if !matches!(kind, VersionKind::Renamed { .. }) {
                return None;
            }
            *kind = VersionKind::Renamed {
                from: from.to_owned(),
            };
        } else {
            let mut parts = line.strip_prefix("v ")?.splitn(5, ' ');
            let commit = ObjectId::from_hex(parts.next()?.as_bytes()).ok()?;
            let mut kinds = parts.next()?.chars();
            let kind = match kinds.next()? {
                'A' => VersionKind::Added,
                'M' => VersionKind::Modified,
                'D' => VersionKind::Deleted,
                // The `r` line that follows names the old path.
                'R' => VersionKind::Renamed {
                    from: String::new(),
                },
                _ => return None,
            };
            let change_kind = match kinds.next()? {
                'A' => ChangeKind::Added,
                'M' => ChangeKind::Modified,
                'D' => ChangeKind::Deleted,
                _ => return None,
            };
            let old = id(parts.next()?)?;
            let new = id(parts.next()?)?;
            let path = parts.next()?.to_owned();
            let change = TreeChange {
                kind: change_kind,
                path,
                old,
                new,
            };
            paths.last_mut()?.1.push((commit, change, kind));
        }
    }
    // A rename without its `r` line is a damaged file.
    let complete = paths.iter().all(|(_, found)| {
        found
            .iter()
            .all(|(_, _, k)| !matches!(k, VersionKind::Renamed { from } if from.is_empty()))
    });
    complete.then_some(Answers { tip, paths })
}

/// The commits that changed the file, newest first, following renames backwards from `path`.
///
/// `commits` yields the first-parent chain newest first; it may skip commits that certainly did
/// not change the path it is asked about (the path changes as renames are followed).
fn follow<I>(repo: &Repo, path: &str, mut commits: I) -> Result<Vec<Found>>
where
    I: PathCommits,
{
    let mut current = path.to_owned();
    let mut found: Vec<Found> = Vec::new();
    while let Some(commit) = commits.next_for(&current) {
        let commit = commit?;
        let Some(change) = commit.changes.iter().find(|c| c.path == current) else {
            continue;
        };
        let mut kind = match change.kind {
            ChangeKind::Added => VersionKind::Added,
            ChangeKind::Modified => VersionKind::Modified,
            ChangeKind::Deleted => VersionKind::Deleted,
        };
        let mut change = change.clone();
        if change.kind == ChangeKind::Added
            && let Some(from) = rename_source(repo, &commit, &change)?
        {
            kind = VersionKind::Renamed {
                from: from.path.clone(),
            };
            change.old = from.old;
            found.push((commit.id, change, kind));
            current = from.path;
            continue;
        }
        found.push((commit.id, change, kind));
    }
    Ok(found)
}

/// A source of first-parent commits, newest first, for [`follow`].
trait PathCommits {
    /// The next commit that may have changed `path`, with its changes; `None` at the root.
    fn next_for(&mut self, path: &str) -> Option<Result<IndexedCommit>>;
}

impl<I: Iterator<Item = Result<IndexedCommit>>> PathCommits for I {
    fn next_for(&mut self, _path: &str) -> Option<Result<IndexedCommit>> {
        self.next()
    }
}

/// At most this many commits on top of the commit-graph are diffed one by one; more, and the
/// graph is rewritten first.
const MAX_COMMITS_ABOVE_GRAPH: usize = 200;

/// The repository's commit-graph with Bloom filters, if it holds `tip` or an ancestor at most
/// [`MAX_COMMITS_ABOVE_GRAPH`] first-parent commits below it. Without one, promptctl asks git to
/// write it (once; the next run finds it), and falls back to the change index if git cannot.
fn bloom_graph(repo: &Repo, tip: ObjectId) -> Option<BloomGraph> {
    // `core.commitGraph = false` turns commit-graphs off, for git and for promptctl.
    if repo.git.config_snapshot().boolean("core.commitGraph") == Some(false) {
        return None;
    }
    let objects = repo.git.common_dir().join("objects");
    let hash_len = tip.as_bytes().len();
    let covers = |graph: &BloomGraph| -> bool {
        let mut next = Some(tip);
        for _ in 0..=MAX_COMMITS_ABOVE_GRAPH {
            let Some(id) = next else { return true };
            if graph.position(&id).is_some() {
                return true;
            }
            next = repo
                .git
                .find_commit(id)
                .ok()
                .and_then(|c| c.parent_ids().next().map(gix::Id::detach));
        }
        false
    };
    if let Some(graph) = BloomGraph::open(&objects, hash_len)
        && covers(&graph)
    {
        return Some(graph);
    }
    // A read-only repository or a missing git program: the change index still works.
    commit_graph::write(&repo.workdir).ok()?;
    BloomGraph::open(&objects, hash_len).filter(|g| covers(g))
}

/// Walks the first-parent chain through a [`BloomGraph`], diffing only the commits whose filter
/// may hold the path asked about (and, one by one, the few commits newer than the graph).
struct BloomWalk<'a> {
    repo: &'a Repo,
    graph: &'a BloomGraph,
    /// Commits above the graph are walked by id, then by position.
    next_id: Option<ObjectId>,
    next_pos: Option<u32>,
    key: Option<(String, BloomKey)>,
}

impl<'a> BloomWalk<'a> {
    fn new(repo: &'a Repo, graph: &'a BloomGraph, tip: ObjectId) -> BloomWalk<'a> {
        BloomWalk {
            repo,
            graph,
            next_id: Some(tip),
            next_pos: None,
            key: None,
        }
    }

    fn diff(
        &self,
        id: ObjectId,
        tree: ObjectId,
        parent_tree: Option<ObjectId>,
    ) -> Result<IndexedCommit> {
        let mut changes = Vec::new();
        diff_commit(self.repo, parent_tree, tree, &mut changes)?;
        Ok(IndexedCommit { id, changes })
    }

    fn step(&mut self, path: &str) -> Result<Option<IndexedCommit>> {
        if let Some(id) = self.next_id.take() {
            if let Some(pos) = self.graph.position(&id) {
                self.next_pos = Some(pos);
            } else {
                let (tree, parent) = tree_and_first_parent(self.repo, None, id)?;
                let parent_tree = match parent {
                    Some(parent) => Some(tree_and_first_parent(self.repo, None, parent)?.0),
                    None => None,
                };
                self.next_id = parent;
                return self.diff(id, tree, parent_tree).map(Some);
            }
        }
        if self.key.as_ref().is_none_or(|(p, _)| p != path) {
            self.key = Some((path.to_owned(), self.graph.key(path)));
        }
        let damaged = || crate::store::Error::Git {
            context: "reading the commit-graph".to_owned(),
            message: "a parent position is out of range".to_owned(),
        };
        while let Some(pos) = self.next_pos {
            let (tree, parent) = self.graph.commit(pos).ok_or_else(damaged)?;
            self.next_pos = parent;
            let key = &self.key.as_ref().expect("set above").1;
            if !self.graph.maybe_changed(pos, key) {
                continue;
            }
            let parent_tree = match parent {
                Some(p) => Some(self.graph.commit(p).ok_or_else(damaged)?.0),
                None => None,
            };
            return self.diff(self.graph.id(pos), tree, parent_tree).map(Some);
        }
        Ok(None)
    }
}

impl PathCommits for BloomWalk<'_> {
    fn next_for(&mut self, path: &str) -> Option<Result<IndexedCommit>> {
        self.step(path).transpose()
    }
}

/// The deleted prompt file a newly added file was renamed from, if any.
fn rename_source(
    repo: &Repo,
    commit: &IndexedCommit,
    added: &TreeChange,
) -> Result<Option<TreeChange>> {
    let candidates: Vec<&TreeChange> = commit
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Deleted && c.path.ends_with(".prompt"))
        .collect();
    if candidates.is_empty() {
        return Ok(None);
    }
    if let Some(exact) = candidates.iter().find(|c| c.old == added.new) {
        return Ok(Some((*exact).clone()));
    }
    let Some(new_blob) = added.new else {
        return Ok(None);
    };
    let new_text = repo.blob_text(new_blob)?;
    let mut best: Option<(f32, &TreeChange)> = None;
    for candidate in candidates {
        let Some(old_blob) = candidate.old else {
            continue;
        };
        let old_text = repo.blob_text(old_blob)?;
        let ratio = similar::TextDiff::from_lines(&old_text, &new_text).ratio();
        if ratio >= 0.5 && best.is_none_or(|(r, _)| ratio > r) {
            best = Some((ratio, candidate));
        }
    }
    Ok(best.map(|(_, c)| c.clone()))
}

/// Author, time and message of a commit, in a [`Version`] with the file fields empty.
pub(crate) fn commit_info(repo: &Repo, id: ObjectId) -> Result<Version> {
    let commit = repo
        .git
        .find_commit(id)
        .map_err(git(format!("reading commit {id}")))?;
    let author = commit.author().map_err(git("reading a commit's author"))?;
    let time = author.time().map_err(git("reading a commit's date"))?;
    let message = commit.message_raw_sloppy().to_string();
    Ok(Version {
        number: 0,
        commit: id.to_string(),
        short: repo.short(id),
        path: String::new(),
        blob: None,
        previous_blob: None,
        kind: VersionKind::Modified,
        author: author.name.to_string(),
        email: author.email.to_string(),
        time: time.seconds,
        offset: time.offset,
        summary: message.lines().next().unwrap_or("").trim().to_owned(),
    })
}

/// A changed path with its old and new blob.
pub(crate) type PathChange = (String, Option<ObjectId>, Option<ObjectId>);

/// Paths of prompt files changed between two commits (`git diff a b`), with their blobs.
pub(crate) fn changed_between(
    repo: &Repo,
    from: ObjectId,
    to: ObjectId,
) -> Result<Vec<PathChange>> {
    let old = repo.commit_tree(from)?;
    let new = repo.commit_tree(to)?;
    let mut changes = Vec::new();
    diff_trees(&repo.git, Some(old), Some(new), "", &mut changes)?;
    Ok(changes
        .into_iter()
        .filter(|c| repo.name_of_path(&c.path).is_some())
        .map(|c| (c.path, c.old, c.new))
        .collect())
}

/// Formats a unix time and offset as `YYYY-MM-DD HH:MM` in that offset.
pub fn format_date(seconds: i64, offset: i32) -> String {
    let local = seconds + i64::from(offset);
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Formats a unix time as RFC 3339 in UTC.
pub fn format_rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rem = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Version {
    /// The commit as an object id.
    pub(crate) fn commit_id(&self) -> Result<ObjectId> {
        ObjectId::from_hex(self.commit.as_bytes()).map_err(git("reading a commit id"))
    }
}

/// The latest version whose content is `blob`, if any.
pub(crate) fn version_of_blob(versions: &[Version], blob: ObjectId) -> Option<usize> {
    let hex = blob.to_string();
    versions
        .iter()
        .rev()
        .find(|v| v.blob.as_deref() == Some(hex.as_str()))
        .map(|v| v.number)
}

/// One entry of `promptctl log`: a version and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// The version.
    pub version: Version,
    /// The semantic diff from the previous version.
    pub diff: crate::prompt::diff::PromptDiff,
}

/// The versions of one prompt, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptLog {
    /// The prompt id.
    pub name: String,
    /// Its current repository path.
    pub path: String,
    /// The versions, newest first.
    pub entries: Vec<LogEntry>,
    /// How many versions exist in all (including those before a rename, when not followed).
    pub total: usize,
}

/// The history of a prompt; without `follow`, versions from before its last rename are left out
/// (their numbers still count).
pub fn log(repo: &Repo, name: &crate::prompt::PromptName, follow: bool) -> Result<PromptLog> {
    let id = crate::library::display_id(name);
    let path = repo.prompt_path(name);
    let all = versions(repo, &path)?;
    if all.is_empty() {
        let at_head = repo
            .head_commit()
            .ok()
            .map(|h| repo.commit_tree(h))
            .transpose()?
            .map(|t| repo.blob_at(t, &path))
            .transpose()?
            .flatten()
            .is_some();
        if !at_head && repo.read_worktree(&path)?.is_none() {
            return Err(crate::store::Error::UnknownPrompt {
                suggestions: repo.suggest(&id),
                name: id,
            });
        }
    }
    let total = all.len();
    let mut entries = Vec::new();
    for version in all.into_iter().rev() {
        if !follow && version.path != path {
            break;
        }
        let text = |hex: Option<&str>| -> Result<Option<String>> {
            hex.and_then(|h| ObjectId::from_hex(h.as_bytes()).ok())
                .map(|id| repo.blob_text(id))
                .transpose()
        };
        let old = text(version.previous_blob.as_deref())?;
        let new = text(version.blob.as_deref())?;
        let diff = crate::prompt::diff::diff_documents(
            &crate::store::compare::document_for_diff(old.as_deref()),
            &crate::store::compare::document_for_diff(new.as_deref()),
        );
        entries.push(LogEntry { version, diff });
    }
    Ok(PromptLog {
        name: id,
        path,
        entries,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_in_utc_and_offset() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(format_date(1_767_225_600, 3600), "2026-01-01 01:00");
        assert_eq!(format_date(951_782_400, 0), "2000-02-29 00:00");
    }

    #[test]
    fn index_round_trips_and_rejects_garbage() {
        let a = ObjectId::from_hex(b"1111111111111111111111111111111111111111").unwrap();
        let b = ObjectId::from_hex(b"2222222222222222222222222222222222222222").unwrap();
        let index = ChangeIndex {
            tip: a,
            commits: vec![IndexedCommit {
                id: a,
                changes: vec![TreeChange {
                    kind: ChangeKind::Modified,
                    path: "prompts/a b.prompt".into(),
                    old: Some(b),
                    new: Some(a),
                }],
            }],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        write_index(&path, &index).unwrap();
        let back = parse_index(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back.commits[0].changes, index.commits[0].changes);
        assert!(parse_index("nonsense").is_none());
        assert!(parse_index("promptctl-history 1\ntip 11\n").is_none());
    }

    use crate::store::git_for_tests as git;

    fn commit(root: &std::path::Path, file: &str, text: &str) {
        std::fs::write(root.join(file), text).unwrap();
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", file]);
    }

    /// (commit, kind, path) of each version, to compare answers.
    fn summary(versions: &[Version]) -> Vec<(String, VersionKind, String)> {
        versions
            .iter()
            .map(|v| (v.commit.clone(), v.kind.clone(), v.path.clone()))
            .collect()
    }

    #[test]
    fn a_second_log_at_the_same_tip_reads_the_answer_cache_and_diffs_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git(root, &["init", "-q", "-b", "main"]);
        std::fs::write(root.join(crate::config::CONFIG_FILE_NAME), "prompts: p\n").unwrap();
        std::fs::create_dir_all(root.join("p")).unwrap();
        for i in 0..12 {
            let file = if i % 3 == 0 {
                "p/a.prompt"
            } else {
                "p/b.prompt"
            };
            commit(root, file, &format!("version {i}\nsame line\n"));
        }
        git(root, &["mv", "p/a.prompt", "p/c.prompt"]);
        git(root, &["commit", "-q", "-m", "rename"]);
        let project = crate::project::Project::load(root).unwrap();
        let repo = Repo::open(&project).unwrap();

        let before = commits_diffed();
        let first = versions(&repo, "p/c.prompt").unwrap();
        let cold = commits_diffed() - before;
        assert!(cold > 0, "the first run walks history");
        assert_eq!(first.len(), 5);
        assert_eq!(
            first[4].kind,
            VersionKind::Renamed {
                from: "p/a.prompt".into()
            }
        );
        assert!(root.join(".git/promptctl").join(ANSWERS_FILE).is_file());
        // It went through the Bloom walk, which has no cache of its own to make the next run warm.
        assert!(root.join(".git/objects/info/commit-graph").is_file());
        assert!(!root.join(".git/promptctl").join(INDEX_FILE).exists());

        let before = commits_diffed();
        let second = versions(&repo, "p/c.prompt").unwrap();
        assert_eq!(commits_diffed() - before, 0, "the warm run diffs no commit");
        assert_eq!(second, first);

        // Another path at the same tip is walked once, then cached alongside the first.
        let before = commits_diffed();
        let b = versions(&repo, "p/b.prompt").unwrap();
        assert!(commits_diffed() - before > 0);
        assert_eq!(b.len(), 8);
        let before = commits_diffed();
        assert_eq!(versions(&repo, "p/b.prompt").unwrap(), b);
        assert_eq!(versions(&repo, "p/c.prompt").unwrap(), first);
        assert_eq!(commits_diffed() - before, 0);

        // A new commit moves the tip: the answer is found again, and includes it.
        commit(root, "p/c.prompt", "version 99\n");
        let repo = Repo::open(&project).unwrap();
        let before = commits_diffed();
        let moved = versions(&repo, "p/c.prompt").unwrap();
        assert!(commits_diffed() - before > 0);
        assert_eq!(moved.len(), 6);
        assert_eq!(summary(&moved[..5]), summary(&first));

        // Without the cache the same versions are found.
        std::fs::remove_file(root.join(".git/promptctl").join(ANSWERS_FILE)).unwrap();
        assert_eq!(versions(&repo, "p/c.prompt").unwrap(), moved);
    }

    #[test]
    fn answers_round_trip_and_damaged_ones_are_ignored() {
        let a = ObjectId::from_hex(b"1111111111111111111111111111111111111111").unwrap();
        let b = ObjectId::from_hex(b"2222222222222222222222222222222222222222").unwrap();
        let answers = Answers {
            tip: a,
            paths: vec![
                (
                    "p/new name.prompt".into(),
                    vec![
                        (
                            a,
                            TreeChange {
                                kind: ChangeKind::Added,
                                path: "p/new name.prompt".into(),
                                old: Some(b),
                                new: Some(a),
                            },
                            VersionKind::Renamed {
                                from: "p/old name.prompt".into(),
                            },
                        ),
                        (
                            b,
                            TreeChange {
                                kind: ChangeKind::Added,
                                path: "p/old name.prompt".into(),
                                old: None,
                                new: Some(b),
                            },
                            VersionKind::Added,
                        ),
                    ],
                ),
                ("p/never.prompt".into(), Vec::new()),
            ],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers");
        write_answers(&path, &answers).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(parse_answers(&text), Some(answers));
        let without_rename_source = text
            .lines()
            .filter(|l| !l.starts_with("r "))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_answers(&without_rename_source), None);
        assert_eq!(parse_answers("promptctl-versions 1\ntip 11\n"), None);
        assert_eq!(parse_answers("nonsense"), None);
    }
}
