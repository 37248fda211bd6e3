//! The two sides of a prompt diff: a version from git or the working tree, and the diff of
//! every prompt changed in a revision range (what a pull-request reviewer needs).

use gix::ObjectId;
use serde_json::{Map, Value};

use crate::library::FsLoader;
use crate::prompt::diff::{PromptDiff, diff_documents};
use crate::prompt::render::{self, RenderError, RenderOptions, ResolvedPrompt};
use crate::prompt::{PromptDocument, PromptName, SourceLoader, schema};
use crate::store::range::{self, Range};
use crate::store::{Error, Repo, Result, history, revision};

/// One side of a diff.
pub struct Snapshot {
    /// How the side is named in output: `v3 (a1b2c3d)`, `HEAD (a1b2c3d)`, `working tree`.
    pub label: String,
    /// The prompt's name on this side.
    pub name: PromptName,
    /// The file's text, `None` when the prompt does not exist on this side.
    pub text: Option<String>,
    /// Where partials and bases come from on this side.
    pub loader: Box<dyn SourceLoader>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("label", &self.label)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Renders this side with the variables it declares, for a rendered diff; an empty side
    /// renders as nothing.
    ///
    /// One variables file serves both sides, and a schema change between them (a variable
    /// renamed, added or removed) means one side declares variables the other refuses as
    /// unknown. Each side therefore gets only the variables its own effective input schema
    /// declares (all of them when it has no schema, or one that lets others through).
    pub fn render(
        &self,
        variables: &Map<String, Value>,
    ) -> std::result::Result<String, RenderError> {
        if self.text.is_none() {
            return Ok(String::new());
        }
        let resolved = render::resolve(&*self.loader, &self.name)?;
        let own = variables_declared_by(&resolved, variables);
        let out =
            render::render_resolved(&*self.loader, &resolved, &own, &RenderOptions::default())?;
        Ok(out.text())
    }
}

/// The variables that no side of a diff would take: each is a mistake in the variables file
/// (a typo, or a name from neither version), which per-side filtering must not silently drop.
/// A side that does not resolve, or takes any variable, takes them all.
pub fn variables_no_side_declares(
    sides: &[&Snapshot],
    variables: &Map<String, Value>,
) -> Vec<String> {
    let mut unknown: Vec<String> = variables.keys().cloned().collect();
    for side in sides.iter().filter(|s| s.text.is_some()) {
        let Ok(resolved) = render::resolve(&*side.loader, &side.name) else {
            return Vec::new();
        };
        let taken = variables_declared_by(&resolved, variables);
        unknown.retain(|name| !taken.contains_key(name));
    }
    unknown
}

/// The subset of `variables` a resolved prompt declares: every one when it has no input schema
/// (or an open one, or one that does not convert, so rendering reports the schema itself).
pub fn variables_declared_by(
    resolved: &ResolvedPrompt,
    variables: &Map<String, Value>,
) -> Map<String, Value> {
    let Some(Ok(json_schema)) = resolved
        .front_matter
        .input
        .schema
        .as_ref()
        .map(schema::to_json_schema)
    else {
        return variables.clone();
    };
    if schema::allows_other_variables(&json_schema) {
        return variables.clone();
    }
    let declared = schema::declared_variables(&json_schema);
    variables
        .iter()
        .filter(|(name, _)| declared.iter().any(|d| d == *name))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// A side of a diff: `None` is the working tree; `Some("v3")`, `Some("prod")`, `Some("HEAD~1")`
/// are versions. A prompt missing on a git side (not yet committed) is an empty side.
pub fn snapshot(repo: &Repo, name: &PromptName, reference: Option<&str>) -> Result<Snapshot> {
    let Some(reference) = reference else {
        let path = repo.prompt_path(name);
        let text = repo
            .read_worktree(&path)?
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let prompts_dir = repo
            .workdir()
            .join(repo.prompts_prefix.trim_end_matches('/'));
        return Ok(Snapshot {
            label: "working tree".to_owned(),
            name: name.clone(),
            text,
            loader: Box::new(FsLoader::for_dir(repo.workdir(), &prompts_dir)),
        });
    };
    match revision::resolve(repo, name, reference) {
        Ok((loader, resolved)) => {
            let text = repo.blob_text(resolved.blob_id()?)?;
            let label = match (resolved.version, &resolved.environment) {
                (_, Some(env)) => format!("{env} ({})", resolved.short),
                (Some(v), None) if reference.starts_with('v') => {
                    format!("v{v} ({})", resolved.short)
                }
                _ => format!("{reference} ({})", resolved.short),
            };
            Ok(Snapshot {
                label,
                name: resolved.name,
                text: Some(text),
                loader: Box::new(loader),
            })
        }
        Err(Error::NotAtRevision { .. }) => {
            let commit = repo
                .rev_commit(reference)
                .ok_or_else(|| Error::UnknownRef {
                    name: crate::library::display_id(name),
                    reference: reference.to_owned(),
                    versions: 0,
                    environments: Vec::new(),
                })?;
            let tree = repo.commit_tree(commit)?;
            Ok(Snapshot {
                label: format!("{reference} ({})", repo.short(commit)),
                name: name.clone(),
                text: None,
                loader: Box::new(crate::store::GitLoader::new(
                    repo,
                    tree,
                    &repo.short(commit),
                )),
            })
        }
        Err(Error::UnknownPrompt { .. }) if reference == "HEAD" => {
            let head = repo.head_commit()?;
            let tree = repo.commit_tree(head)?;
            Ok(Snapshot {
                label: format!("HEAD ({})", repo.short(head)),
                name: name.clone(),
                text: None,
                loader: Box::new(crate::store::GitLoader::new(repo, tree, &repo.short(head))),
            })
        }
        Err(e) => Err(e),
    }
}

/// Parses a prompt file for diffing; a file that does not parse is compared as plain text.
pub fn document_for_diff(text: Option<&str>) -> PromptDocument {
    let text = text.unwrap_or("");
    PromptDocument::parse(text).unwrap_or_else(|_| PromptDocument {
        raw_front_matter: serde_json::Map::new(),
        front_matter: crate::prompt::FrontMatter::default(),
        front_matter_text: String::new(),
        front_matter_line: 0,
        body: text.to_owned(),
        body_line: 1,
        has_front_matter: false,
    })
}

/// How a prompt file is named in reports: `folder/name`, `folder/name.variant`, or `folder/_name`
/// for a partial (its file name), so prompts and partials never collide.
pub fn file_id(name: &PromptName) -> String {
    match name.kind {
        crate::prompt::FileKind::Partial => match name.name.rsplit_once('/') {
            Some((dir, base)) => format!("{dir}/_{base}"),
            None => format!("_{}", name.name),
        },
        crate::prompt::FileKind::Prompt => crate::library::display_id(name),
    }
}

/// How a file changed in a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// New in the range.
    Added,
    /// Changed.
    Modified,
    /// Removed.
    Deleted,
}

impl FileStatus {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Added => "added",
            FileStatus::Modified => "modified",
            FileStatus::Deleted => "deleted",
        }
    }
}

/// The semantic diff of one prompt file in a range.
#[derive(Debug, Clone, PartialEq)]
pub struct FileDiff {
    /// The prompt id (partials as `_name`).
    pub name: String,
    /// The repository path.
    pub path: String,
    /// Added, modified or deleted.
    pub status: FileStatus,
    /// The semantic diff.
    pub diff: PromptDiff,
}

/// The range's two ends, as written and resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeDiff {
    /// The old end as written.
    pub from: String,
    /// The new end as written.
    pub to: String,
    /// One entry per prompt file changed, sorted by path.
    pub files: Vec<FileDiff>,
}

/// Every prompt changed between the ends of `A..B` (or `A`, meaning `A..HEAD`), as `git diff A B`.
pub fn diff_range(repo: &Repo, range: &str) -> Result<RangeDiff> {
    diff_resolved(repo, &Range::resolve(repo, range)?)
}

/// Every prompt changed between the ends of a resolved range.
pub fn diff_resolved(repo: &Repo, range: &Range) -> Result<RangeDiff> {
    diff_resolved_with(repo, range, &|text| text)
}

/// Every prompt changed between the ends of a resolved range, each file's text passed through
/// `prepare` before it is diffed (to mask secrets whole, before the diff cuts them into words).
pub fn diff_resolved_with(
    repo: &Repo,
    range: &Range,
    prepare: &dyn Fn(String) -> String,
) -> Result<RangeDiff> {
    let (a, b) = (
        range::commit_id(&range.from_commit)?,
        range::commit_id(&range.to_commit)?,
    );
    let mut files = Vec::new();
    for (path, old, new) in history::changed_between(repo, a, b)? {
        let text = |id: Option<ObjectId>| id.map(|i| repo.blob_text(i)).transpose();
        let (old_text, new_text) = (text(old)?.map(prepare), text(new)?.map(prepare));
        let diff = diff_documents(
            &document_for_diff(old_text.as_deref()),
            &document_for_diff(new_text.as_deref()),
        );
        let status = match (old, new) {
            (None, _) => FileStatus::Added,
            (_, None) => FileStatus::Deleted,
            _ => FileStatus::Modified,
        };
        let name = repo
            .name_of_path(&path)
            .map_or_else(|| path.clone(), |n| file_id(&n));
        files.push(FileDiff {
            name,
            path,
            status,
            diff,
        });
    }
    files.sort_by(|x, y| x.path.cmp(&y.path));
    Ok(RangeDiff {
        from: range.from.clone(),
        to: range.to.clone(),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_are_named_by_their_file() {
        let id = |path: &str| file_id(&PromptName::from_relative_path(path).unwrap());
        assert_eq!(id("a/_tone.prompt"), "a/_tone");
        assert_eq!(id("_tone.prompt"), "_tone");
        assert_eq!(id("a/reply.formal.prompt"), "a/reply.formal");
    }

    #[test]
    fn unparsable_files_are_compared_as_text() {
        let doc = document_for_diff(Some("---\n: [\n---\nbody\n"));
        assert!(!doc.has_front_matter);
        assert!(doc.body.contains("body"));
        assert_eq!(document_for_diff(None).body, "");
    }
}
