//! `promptctl import`: bring a bundle, Prompty files or a Dotprompt directory into the library.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use promptctl::interop::{bundle, dotprompt, prompty};
use promptctl::project::Project;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Import a library bundle, Prompty files or a Dotprompt directory
///
/// A bundle (`.json`, from `promptctl export`) is restored byte for byte into the project root (or
/// the current folder when there is no project yet). Prompty files (a `.prompty` file or a folder
/// of them) are converted to `.prompt` files; Dotprompt directories are copied. Both go under the
/// prompts folder, in `--into` if given. Anything that does not carry over exactly is listed as
/// a note with its file and line. Existing files with other content are never overwritten
/// without `--force`; files with the same content are left alone, so importing twice is safe.
///
/// Examples:
///   promptctl import library.json
///   promptctl import ~/prompty/chat.prompty --into imported
///   promptctl import ../genkit-app/prompts --from dotprompt --into genkit
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ImportArgs {
    /// A bundle file, a `.prompty` file, or a folder of `.prompty` or `.prompt` files
    pub(crate) source: PathBuf,
    /// The source format (detected from the path when `auto`)
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub(crate) from: ImportFormat,
    /// Folder under the prompts folder to import Prompty or Dotprompt files into
    #[arg(long, value_name = "FOLDER")]
    pub(crate) into: Option<String>,
    /// Overwrite existing files whose content differs
    #[arg(long)]
    pub(crate) force: bool,
}

/// Import sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportFormat {
    /// Decide from the path: `.json` bundle, `.prompty` file, or a folder's contents
    Auto,
    /// A promptctl JSON bundle
    Bundle,
    /// Microsoft Prompty files
    Prompty,
    /// A Dotprompt directory
    Dotprompt,
}

pub(crate) fn run(ctx: &CommandContext, args: &ImportArgs) -> anyhow::Result<ExitStatus> {
    let source = ctx.cwd().join(&args.source);
    if !source.exists() {
        return Err(
            CliError::usage(format!("`{}` does not exist", args.source.display()), None).into(),
        );
    }
    let format = match args.from {
        ImportFormat::Auto => detect(&source)?,
        other => other,
    };
    if format == ImportFormat::Bundle {
        if args.into.is_some() {
            return Err(CliError::usage(
                "`--into` does not apply to bundles: a bundle restores a whole project",
                None,
            )
            .into());
        }
        let text = std::fs::read_to_string(&source)
            .with_context(|| format!("cannot read `{}`", source.display()))?;
        let parsed = bundle::parse(&text, &args.source)?;
        let dest = match ctx.project() {
            Ok(project) => project.root.clone(),
            Err(_) => ctx.cwd().clone(),
        };
        let report = bundle::import(&parsed, &dest, &args.source, args.force)?;
        output::interop::print(ctx.printer(), "import", &dest, &report)?;
        return Ok(ExitStatus::Success);
    }
    let project: &Project = ctx.project()?;
    let prompts_dir = project.prompts_dir();
    let mut dest = prompts_dir.clone();
    let mut into_folder = None;
    if let Some(into) = &args.into {
        let Some(safe) = promptctl::interop::safe_relative(into) else {
            return Err(CliError::usage(
                format!("`--into {into}` must be a folder inside the prompts folder"),
                None,
            )
            .into());
        };
        dest = dest.join(&safe);
        into_folder = Some(safe);
    }
    let report = if format == ImportFormat::Prompty {
        prompty::import(&source, &dest, args.force)?
    } else {
        dest.clone_from(&prompts_dir);
        dotprompt::import(&source, &prompts_dir, into_folder.as_deref(), args.force)?
    };
    output::interop::print(ctx.printer(), "import", &dest, &report)?;
    Ok(ExitStatus::Success)
}

fn detect(source: &Path) -> anyhow::Result<ImportFormat> {
    let ext = source.extension().and_then(|e| e.to_str()).unwrap_or("");
    if source.is_file() {
        return match ext {
            "json" => Ok(ImportFormat::Bundle),
            "prompty" => Ok(ImportFormat::Prompty),
            "prompt" => Err(CliError::usage(
                "import a folder of `.prompt` files, not one file",
                Some("copy a single `.prompt` file into the prompts folder directly".to_owned()),
            )
            .into()),
            _ => Err(CliError::usage(
                format!("cannot tell the format of `{}`", source.display()),
                Some("pass `--from bundle`, `--from prompty` or `--from dotprompt`".to_owned()),
            )
            .into()),
        };
    }
    let mut has_prompty = false;
    let mut stack = vec![source.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list `{}`", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "prompty") {
                has_prompty = true;
            }
        }
    }
    Ok(if has_prompty {
        ImportFormat::Prompty
    } else {
        ImportFormat::Dotprompt
    })
}
