//! What every command gets: the printer, the working directory, and the project, loaded lazily.

use std::cell::OnceCell;
use std::path::PathBuf;

use anyhow::Context as _;
use promptctl::project::Project;

use crate::cli::GlobalArgs;
use crate::cli::printer::Printer;

/// Shared state for one invocation.
pub(crate) struct CommandContext {
    printer: Printer,
    cwd: PathBuf,
    project: OnceCell<Project>,
    notify_strict: bool,
}

impl CommandContext {
    /// Builds the context from the global flags.
    pub(crate) fn new(args: &GlobalArgs) -> CommandContext {
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let cwd = match &args.directory {
            Some(dir) if dir.is_absolute() => dir.clone(),
            Some(dir) => base.join(dir),
            None => base,
        };
        CommandContext {
            printer: Printer::new(args),
            cwd,
            project: OnceCell::new(),
            notify_strict: args.notify_strict,
        }
    }

    /// The output policy.
    pub(crate) fn printer(&self) -> &Printer {
        &self.printer
    }

    /// Whether an undelivered notification fails the command (`--notify-strict`).
    pub(crate) fn notify_strict(&self) -> bool {
        self.notify_strict
    }

    /// The directory promptctl acts in (after `-C`).
    pub(crate) fn cwd(&self) -> &PathBuf {
        &self.cwd
    }

    /// The project around the working directory, loaded on first use.
    pub(crate) fn project(&self) -> anyhow::Result<&Project> {
        if let Some(project) = self.project.get() {
            return Ok(project);
        }
        if !self.cwd.is_dir() {
            anyhow::bail!("directory `{}` does not exist", self.cwd.display());
        }
        let project = Project::discover(&self.cwd).with_context(|| {
            format!(
                "cannot open a promptctl project at `{}`",
                self.cwd.display()
            )
        })?;
        Ok(self.project.get_or_init(|| project))
    }

    /// The git repository around the project (for versioning commands).
    pub(crate) fn repo(&self) -> anyhow::Result<promptctl::store::Repo> {
        let project = self.project()?;
        Ok(promptctl::store::Repo::open(project)?)
    }

    /// A multi-threaded tokio runtime for the commands that talk to the network.
    #[allow(clippy::unused_self)] // a method so every command reaches shared state the same way
    pub(crate) fn runtime(&self) -> anyhow::Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")
    }
}
