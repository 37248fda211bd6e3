//! Resuming a run with the prompts it started with.
//!
//! Every record names the prompt its variant rendered: the version asked for (`worktree`, `v3`,
//! `prod`, a branch), the commit a git version was read from, the content id of the prompt file
//! and one of every file the render read (the prompt, its bases, its partials). A resume that
//! rendered anything else would mix two prompts in one variant and compare neither.
//!
//! - [`RecordedPrompts`] collects, from a run's records, the prompt of each variant.
//! - [`Pinned`] serves each git version at the commit the run started with, so a branch or a
//!   release that moved since does not change the run.
//! - [`RecordedPrompts::check`] compares the plan of the resume with the records and refuses,
//!   naming the variant, the prompt and the file, when the working tree changed since (the
//!   working tree's past is not stored anywhere, so it cannot be rendered again).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::experiment::plan::{Located, Plan, PromptSource};
use crate::experiment::record::PromptInfo;
use crate::prompt::PromptName;

/// The prompt each variant of a run rendered, from its records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedPrompts {
    by_arm: BTreeMap<String, Recorded>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Recorded {
    info: PromptInfo,
    records: u64,
}

impl RecordedPrompts {
    /// Notes one record of `arm`; the first record of an arm says what the run started with.
    pub fn note(&mut self, arm: &str, info: impl FnOnce() -> PromptInfo) {
        match self.by_arm.get_mut(arm) {
            Some(recorded) => recorded.records += 1,
            None => {
                self.by_arm.insert(
                    arm.to_owned(),
                    Recorded {
                        info: info(),
                        records: 1,
                    },
                );
            }
        }
    }

    /// What the records of `arm` say it rendered.
    pub fn get(&self, arm: &str) -> Option<&PromptInfo> {
        self.by_arm.get(arm).map(|r| &r.info)
    }

    /// Every variant's recorded prompt whose git version must be read at its recorded commit.
    fn commits(&self) -> BTreeMap<(String, String), String> {
        self.by_arm
            .values()
            .filter_map(|r| {
                let commit = r.info.commit.clone()?;
                Some(((r.info.name.clone(), r.info.version.clone()), commit))
            })
            .collect()
    }

    /// Checks that every variant of `plan` renders what its records rendered.
    pub fn check(&self, run_id: &str, plan: &Plan) -> Result<(), PromptsChanged> {
        let mut changes = Vec::new();
        for arm in plan.arms.iter() {
            let Some(recorded) = self.by_arm.get(&arm.id) else {
                continue;
            };
            let was = &recorded.info;
            let now = &arm.info;
            // A working-tree prompt is recorded by its commit when it matched HEAD: a commit
            // made since (or an edit) is not another variant, and same files are no change.
            let what = if was.name != now.name || was.asked() != now.asked() {
                Changed::Variant {
                    was: label(was),
                    now: label(now),
                }
            } else if was.blob != now.blob && (was.sources.is_none() || was.sources != now.sources)
            {
                Changed::Prompt {
                    file: arm.prompt.file.path.clone(),
                }
            } else if was.sources.is_some() && was.sources != now.sources {
                Changed::Partial {
                    files: arm
                        .files
                        .partial_files()
                        .into_iter()
                        .map(PathBuf::from)
                        .collect(),
                }
            } else {
                continue;
            };
            changes.push(PromptChange {
                variant: arm.id.clone(),
                prompt: label(now),
                records: recorded.records,
                what,
            });
        }
        if changes.is_empty() {
            Ok(())
        } else {
            Err(PromptsChanged {
                run_id: run_id.to_owned(),
                changes,
            })
        }
    }
}

fn label(info: &PromptInfo) -> String {
    if info.from_worktree() {
        info.name.clone()
    } else {
        format!("{}@{}", info.name, info.version)
    }
}

/// A [`PromptSource`] that reads each git version a run recorded at the recorded commit.
pub struct Pinned<'a> {
    source: &'a dyn PromptSource,
    commits: BTreeMap<(String, String), String>,
}

impl<'a> Pinned<'a> {
    /// Pins the git versions `recorded` names; everything else comes from `source` as usual.
    pub fn new(source: &'a dyn PromptSource, recorded: &RecordedPrompts) -> Pinned<'a> {
        Pinned {
            source,
            commits: recorded.commits(),
        }
    }
}

impl PromptSource for Pinned<'_> {
    fn loader(&self, name: &PromptName, revision: Option<&str>) -> Result<Located, String> {
        let pinned = revision.and_then(|r| {
            self.commits
                .get(&(crate::library::display_id(name), r.to_owned()))
        });
        match pinned {
            Some(commit) => self.source.loader(name, Some(commit)),
            None => self.source.loader(name, revision),
        }
    }
}

/// Prompts that changed since a run started, so resuming it would mix versions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PromptsChanged {
    /// The run.
    pub run_id: String,
    /// What changed, by variant in spec order.
    pub changes: Vec<PromptChange>,
}

/// One variant whose prompt is not what its records rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptChange {
    /// The variant id.
    pub variant: String,
    /// The prompt as the spec names it now (`name` or `name@version`).
    pub prompt: String,
    /// Records of the variant so far.
    pub records: u64,
    /// What differs.
    pub what: Changed,
}

/// What differs between a variant's records and its prompt now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// The spec points the variant at another prompt or version.
    Variant {
        /// The prompt the records name.
        was: String,
        /// The prompt the spec names now.
        now: String,
    },
    /// The prompt file (or a prompt it extends) changed.
    Prompt {
        /// The prompt file.
        file: PathBuf,
    },
    /// A partial it includes changed.
    Partial {
        /// The partial files it reads now.
        files: Vec<PathBuf>,
    },
}

impl fmt::Display for PromptChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (variant, records) = (&self.variant, self.records);
        match &self.what {
            Changed::Variant { was, now } => write!(
                f,
                "variant `{variant}` now renders `{now}`, but its {records} records rendered `{was}`"
            ),
            Changed::Prompt { file } => write!(
                f,
                "variant `{variant}`: prompt `{}` changed in `{}` since its {records} records were rendered",
                self.prompt,
                file.display()
            ),
            Changed::Partial { files } => write!(
                f,
                "variant `{variant}`: a partial that prompt `{}` includes changed since its {records} records were rendered ({})",
                self.prompt,
                files
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl fmt::Display for PromptsChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.changes.as_slice() {
            [only] => write!(f, "run `{}` cannot be resumed: {only}", self.run_id),
            all => {
                write!(
                    f,
                    "run `{}` cannot be resumed: {} prompts changed since it started:",
                    self.run_id,
                    all.len()
                )?;
                for change in all {
                    write!(f, "\n  {change}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(version: &str, commit: Option<&str>) -> PromptInfo {
        PromptInfo {
            name: "support/reply".into(),
            version: version.into(),
            blob: "b".into(),
            sources: Some("s".into()),
            commit: commit.map(Into::into),
        }
    }

    #[test]
    fn the_first_record_of_each_arm_counts_and_git_versions_are_pinned() {
        let mut recorded = RecordedPrompts::default();
        recorded.note("a", || info("main", Some("c1")));
        recorded.note("a", || info("main", Some("c2")));
        recorded.note("b", || info("worktree", None));
        assert_eq!(recorded.get("a"), Some(&info("main", Some("c1"))));
        assert_eq!(recorded.by_arm["a"].records, 2);
        assert_eq!(
            recorded.commits(),
            BTreeMap::from([(
                ("support/reply".to_owned(), "main".to_owned()),
                "c1".to_owned()
            )])
        );
    }

    struct Echo;

    impl PromptSource for Echo {
        fn loader(&self, _: &PromptName, revision: Option<&str>) -> Result<Located, String> {
            Err(revision.unwrap_or("worktree").to_owned())
        }
    }

    #[test]
    fn pinned_sources_read_recorded_git_versions_at_their_commit() {
        let mut recorded = RecordedPrompts::default();
        recorded.note("a", || info("main", Some("c1")));
        let pinned = Pinned::new(&Echo, &recorded);
        let asked = |name: &str, revision: Option<&str>| {
            pinned
                .loader(&PromptName::parse_id(name), revision)
                .err()
                .unwrap()
        };
        assert_eq!(asked("support/reply", Some("main")), "c1");
        assert_eq!(asked("support/reply", Some("v2")), "v2");
        assert_eq!(asked("support/reply", None), "worktree");
        assert_eq!(asked("other", Some("main")), "main");
    }

    #[test]
    fn changes_name_the_variant_prompt_and_file() {
        let change = |what| PromptChange {
            variant: "concise".into(),
            prompt: "support/reply".into(),
            records: 361,
            what,
        };
        let one = PromptsChanged {
            run_id: "r1".into(),
            changes: vec![change(Changed::Prompt {
                file: "prompts/support/reply.prompt".into(),
            })],
        };
        assert_eq!(
            one.to_string(),
            "run `r1` cannot be resumed: variant `concise`: prompt `support/reply` changed in `prompts/support/reply.prompt` since its 361 records were rendered"
        );
        let two = PromptsChanged {
            run_id: "r1".into(),
            changes: vec![
                change(Changed::Partial {
                    files: vec!["prompts/_sig.prompt".into()],
                }),
                change(Changed::Variant {
                    was: "support/reply@v1".into(),
                    now: "support/reply@v2".into(),
                }),
            ],
        };
        assert_eq!(
            two.to_string(),
            "run `r1` cannot be resumed: 2 prompts changed since it started:\n  variant `concise`: a partial that prompt `support/reply` includes changed since its 361 records were rendered (`prompts/_sig.prompt`)\n  variant `concise` now renders `support/reply@v2`, but its 361 records rendered `support/reply@v1`"
        );
    }
}
