//! Low-level tree access: look up a path, list blobs, and diff two trees.
//!
//! The tree diff is hand-written rather than `diff_tree_to_tree` because the history index needs
//! only blob-level adds, deletes and modifications, without rename tracking, and skipping equal
//! subtrees by id makes it proportional to what changed, not to the size of the library.

use gix::ObjectId;

use crate::store::{Result, git};

/// What happened to a path between two trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// The path appeared.
    Added,
    /// The path's blob changed.
    Modified,
    /// The path disappeared.
    Deleted,
}

/// A blob-level change between two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeChange {
    pub(crate) kind: ChangeKind,
    pub(crate) path: String,
    pub(crate) old: Option<ObjectId>,
    pub(crate) new: Option<ObjectId>,
}

struct Item {
    name: String,
    is_tree: bool,
    id: ObjectId,
}

fn entries(repo: &gix::Repository, tree: ObjectId) -> Result<Vec<Item>> {
    let tree = repo
        .find_tree(tree)
        .map_err(git(format!("reading tree {tree}")))?;
    let decoded = tree.decode().map_err(git("decoding a tree"))?;
    Ok(decoded
        .entries
        .iter()
        .filter(|e| !e.mode.is_commit())
        .map(|e| Item {
            name: e.filename.to_string(),
            is_tree: e.mode.is_tree(),
            id: e.oid.to_owned(),
        })
        .collect())
}

/// The blob at a `/`-separated path in a tree.
pub(crate) fn blob_at(
    repo: &gix::Repository,
    tree: ObjectId,
    path: &str,
) -> Result<Option<ObjectId>> {
    let mut current = tree;
    let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
    while let Some(part) = parts.next() {
        let items = entries(repo, current)?;
        let Some(item) = items.into_iter().find(|i| i.name == part) else {
            return Ok(None);
        };
        if parts.peek().is_none() {
            return Ok((!item.is_tree).then_some(item.id));
        }
        if !item.is_tree {
            return Ok(None);
        }
        current = item.id;
    }
    Ok(None)
}

/// Calls `visit(path, blob)` for every blob under `tree`, paths prefixed with `prefix`.
pub(crate) fn walk_blobs(
    repo: &gix::Repository,
    tree: ObjectId,
    prefix: &str,
    visit: &mut dyn FnMut(&str, ObjectId),
) -> Result<()> {
    for item in entries(repo, tree)? {
        let path = format!("{prefix}{}", item.name);
        if item.is_tree {
            walk_blobs(repo, item.id, &format!("{path}/"), visit)?;
        } else {
            visit(&path, item.id);
        }
    }
    Ok(())
}

/// Blob-level changes from `old` to `new` (either may be absent: an empty tree).
pub(crate) fn diff_trees(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    prefix: &str,
    out: &mut Vec<TreeChange>,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let old_items = match old {
        Some(id) => entries(repo, id)?,
        None => Vec::new(),
    };
    let new_items = match new {
        Some(id) => entries(repo, id)?,
        None => Vec::new(),
    };
    let mut names: Vec<&str> = old_items
        .iter()
        .chain(new_items.iter())
        .map(|i| i.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let before = old_items.iter().find(|i| i.name == name);
        let after = new_items.iter().find(|i| i.name == name);
        let path = format!("{prefix}{name}");
        match (before, after) {
            (Some(b), Some(a)) if b.id == a.id && b.is_tree == a.is_tree => {}
            (Some(b), Some(a)) if b.is_tree && a.is_tree => {
                diff_trees(repo, Some(b.id), Some(a.id), &format!("{path}/"), out)?;
            }
            (Some(b), Some(a)) if !b.is_tree && !a.is_tree => out.push(TreeChange {
                kind: ChangeKind::Modified,
                path,
                old: Some(b.id),
                new: Some(a.id),
            }),
            (b, a) => {
                if let Some(b) = b {
                    removed(repo, b, &path, out)?;
                }
                if let Some(a) = a {
                    added(repo, a, &path, out)?;
                }
            }
        }
    }
    Ok(())
}

fn removed(
    repo: &gix::Repository,
    item: &Item,
    path: &str,
    out: &mut Vec<TreeChange>,
) -> Result<()> {
    if item.is_tree {
        diff_trees(repo, Some(item.id), None, &format!("{path}/"), out)
    } else {
        out.push(TreeChange {
            kind: ChangeKind::Deleted,
            path: path.to_owned(),
            old: Some(item.id),
            new: None,
        });
        Ok(())
    }
}

fn added(repo: &gix::Repository, item: &Item, path: &str, out: &mut Vec<TreeChange>) -> Result<()> {
    if item.is_tree {
        diff_trees(repo, None, Some(item.id), &format!("{path}/"), out)
    } else {
        out.push(TreeChange {
            kind: ChangeKind::Added,
            path: path.to_owned(),
            old: None,
            new: Some(item.id),
        });
        Ok(())
    }
}
