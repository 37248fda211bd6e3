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
    /// A symbolic link (mode 120000): its blob is the link's target, never to be followed.
    is_link: bool,
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
            is_link: e.mode.is_link(),
            id: e.oid.to_owned(),
        })
        .collect())
}

/// The blob at a `/`-separated path in a tree (for a symbolic link, the blob of its target
/// path: callers that read content as a prompt use [`file_at`] to tell the two apart).
pub(crate) fn blob_at(
    repo: &gix::Repository,
    tree: ObjectId,
    path: &str,
) -> Result<Option<ObjectId>> {
    Ok(file_at(repo, tree, path)?.map(|file| match file {
        TreeFile::Blob(id) | TreeFile::Link(id) => id,
    }))
}

/// What a path in a tree holds, when it is not a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TreeFile {
    /// A regular (or executable) file.
    Blob(ObjectId),
    /// A symbolic link; the blob holds its target.
    Link(ObjectId),
}

/// The file at a `/`-separated path in a tree, telling links apart from blobs.
pub(crate) fn file_at(
    repo: &gix::Repository,
    tree: ObjectId,
    path: &str,
) -> Result<Option<TreeFile>> {
    let mut current = tree;
    let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
    while let Some(part) = parts.next() {
        let items = entries(repo, current)?;
        let Some(item) = items.into_iter().find(|i| i.name == part) else {
            return Ok(None);
        };
        if parts.peek().is_none() {
            return Ok(match (item.is_tree, item.is_link) {
                (true, _) => None,
                (false, true) => Some(TreeFile::Link(item.id)),
                (false, false) => Some(TreeFile::Blob(item.id)),
            });
        }
        if !item.is_tree {
            return Ok(None);
        }
        current = item.id;
    }
    Ok(None)
}

/// The tree at a `/`-separated folder path under `root`, `None` when there is no such folder.
pub(crate) fn subtree(
    repo: &gix::Repository,
    root: ObjectId,
    dir: &str,
) -> Result<Option<ObjectId>> {
    let mut current = root;
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        let tree = repo.find_tree(current).map_err(git("reading a tree"))?;
        let decoded = tree.decode().map_err(git("decoding a tree"))?;
        let Some(entry) = decoded
            .entries
            .iter()
            .find(|e| e.filename == part && e.mode.is_tree())
        else {
            return Ok(None);
        };
        current = entry.oid.to_owned();
    }
    Ok(Some(current))
}

/// Calls `visit(path, blob)` for every file blob under `tree` (symbolic links are left out),
/// paths prefixed with `prefix`.
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
        } else if !item.is_link {
            visit(&path, item.id);
        }
    }
    Ok(())
}

/// Blob-level changes from `old` to `new` (either may be absent: an empty tree).
///
/// A merge-join over the two sorted entry lists, read into reusable buffers: equal subtrees are
/// skipped by id without being read, so the cost follows the size of the change.
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
    let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
    let old_items = read_items(repo, old, &mut old_buf)?;
    let new_items = read_items(repo, new, &mut new_buf)?;
    let (mut i, mut j) = (0, 0);
    while i < old_items.len() || j < new_items.len() {
        let order = match (old_items.get(i), new_items.get(j)) {
            (Some(a), Some(b)) => git_order(a, b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, _) => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                let a = &old_items[i];
                removed(repo, &a.owned(), &format!("{prefix}{}", a.name), out)?;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                let b = &new_items[j];
                added(repo, &b.owned(), &format!("{prefix}{}", b.name), out)?;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let (a, b) = (&old_items[i], &new_items[j]);
                if a.id != b.id {
                    let path = format!("{prefix}{}", a.name);
                    if a.is_tree {
                        diff_trees(repo, Some(a.id), Some(b.id), &format!("{path}/"), out)?;
                    } else {
                        out.push(TreeChange {
                            kind: ChangeKind::Modified,
                            path,
                            old: Some(a.id),
                            new: Some(b.id),
                        });
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(())
}

/// Git's tree order: names compared bytewise, a tree's name as if it ended in `/`. A path that
/// is a blob on one side and a tree on the other therefore appears as a delete and an add.
fn git_order(a: &ItemRef<'_>, b: &ItemRef<'_>) -> std::cmp::Ordering {
    if a.name == b.name {
        return a.is_tree.cmp(&b.is_tree);
    }
    a.sort_key().cmp(b.sort_key())
}

/// A tree entry borrowing its name from the tree's buffer.
struct ItemRef<'a> {
    name: &'a gix::bstr::BStr,
    is_tree: bool,
    is_link: bool,
    id: ObjectId,
}

impl ItemRef<'_> {
    fn sort_key(&self) -> impl Iterator<Item = u8> + '_ {
        self.name
            .iter()
            .copied()
            .chain(self.is_tree.then_some(b'/'))
    }

    fn owned(&self) -> Item {
        Item {
            name: self.name.to_string(),
            is_tree: self.is_tree,
            is_link: self.is_link,
            id: self.id,
        }
    }
}

fn read_items<'a>(
    repo: &gix::Repository,
    id: Option<ObjectId>,
    buf: &'a mut Vec<u8>,
) -> Result<Vec<ItemRef<'a>>> {
    use gix::objs::FindExt as _;
    let Some(id) = id else {
        return Ok(Vec::new());
    };
    let tree = repo
        .objects
        .find_tree(&id, buf)
        .map_err(git(format!("reading tree {id}")))?;
    Ok(tree
        .entries
        .into_iter()
        .filter(|e| !e.mode.is_commit())
        .map(|e| ItemRef {
            name: e.filename,
            is_tree: e.mode.is_tree(),
            is_link: e.mode.is_link(),
            id: e.oid.to_owned(),
        })
        .collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use gix::object::tree::EntryKind;

    fn tree(repo: &gix::Repository, files: &[(&str, &str)]) -> ObjectId {
        let mut editor = repo
            .edit_tree(ObjectId::empty_tree(repo.object_hash()))
            .unwrap();
        for (path, text) in files {
            let blob = repo.write_blob(text.as_bytes()).unwrap().detach();
            editor.upsert(*path, EntryKind::Blob, blob).unwrap();
        }
        editor.write().unwrap().detach()
    }

    #[test]
    fn diff_reports_blob_changes_in_nested_trees_and_type_changes() {
        let dir = tempfile::tempdir().unwrap();
        let repo = gix::init(dir.path()).unwrap();
        let old = tree(
            &repo,
            &[
                ("a.prompt", "1"),
                ("d/x.prompt", "x"),
                ("same/s", "s"),
                ("t", "blob"),
            ],
        );
        let new = tree(
            &repo,
            &[
                ("a.prompt", "2"),
                ("n.prompt", "n"),
                ("same/s", "s"),
                ("t/y", "y"),
            ],
        );
        let mut changes = Vec::new();
        diff_trees(&repo, Some(old), Some(new), "", &mut changes).unwrap();
        let summary: Vec<(ChangeKind, &str)> =
            changes.iter().map(|c| (c.kind, c.path.as_str())).collect();
        assert_eq!(
            summary,
            [
                (ChangeKind::Modified, "a.prompt"),
                (ChangeKind::Deleted, "d/x.prompt"),
                (ChangeKind::Added, "n.prompt"),
                (ChangeKind::Deleted, "t"),
                (ChangeKind::Added, "t/y"),
            ]
        );
        assert!(blob_at(&repo, new, "t/y").unwrap().is_some());
        assert_eq!(blob_at(&repo, new, "t").unwrap(), None);
        assert_eq!(blob_at(&repo, new, "missing/x").unwrap(), None);
        let mut all = Vec::new();
        diff_trees(&repo, None, Some(old), "", &mut all).unwrap();
        assert_eq!(all.len(), 4);
        assert!(all.iter().all(|c| c.kind == ChangeKind::Added));
    }
}
