//! `promptctl diff-driver`: what git runs to show prompt files in `git diff` (the semantic diff)
//! and in `git log -p`, `git show` and `git blame` (a textconv). Hidden: git calls it, people run
//! `promptctl diff`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use promptctl::prompt::diff::{diff_documents, textconv};
use promptctl::store::compare::document_for_diff;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Show prompt files in git's diffs (git runs this; see `promptctl merge-driver --install`)
///
/// With git's seven external-diff arguments (path, old file, old hex, old mode, new file, new hex,
/// new mode; nine for a rename), prints the semantic diff of the two files: front-matter fields
/// by key, then the body word by word. With one argument (an unmerged path) it says so. With
/// `--textconv FILE`, prints the file with each nested front-matter key written as its full
/// dotted path, one line out for each line in. Exits 1, printing nothing, for a file that is not
/// UTF-8 text, so the registered command shows git's own diff instead.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct DiffDriverArgs {
    /// Print FILE as git's textconv shows it
    #[arg(long, value_name = "FILE", exclusive = true)]
    pub(crate) textconv: Option<PathBuf>,
    /// What git passes an external diff command
    #[arg(value_name = "ARG", num_args = 1..=9, required_unless_present = "textconv")]
    pub(crate) git_args: Vec<PathBuf>,
}

pub(crate) fn run(ctx: &CommandContext, args: &DiffDriverArgs) -> anyhow::Result<ExitStatus> {
    if let Some(file) = &args.textconv {
        let Some(text) = read_text(file)? else {
            return Ok(ExitStatus::Failure);
        };
        ctx.printer().data(&textconv(&text))?;
        return Ok(ExitStatus::Success);
    }
    let (path, old_file, old_hex, new_file, new_hex, renamed_to) = match args.git_args.as_slice() {
        [path] => {
            ctx.printer()
                .data(&format!("* Unmerged path {}\n", path.display()))?;
            return Ok(ExitStatus::Success);
        }
        [path, old_file, old_hex, _, new_file, new_hex, _] => {
            (path, old_file, old_hex, new_file, new_hex, None)
        }
        [
            path,
            old_file,
            old_hex,
            _,
            new_file,
            new_hex,
            _,
            new_path,
            _,
        ] => (path, old_file, old_hex, new_file, new_hex, Some(new_path)),
        other => {
            return Err(CliError::usage(
                format!(
                    "diff-driver takes the 1, 7 or 9 arguments git passes an external diff, not {}",
                    other.len()
                ),
                Some("register it with `promptctl merge-driver --install`".to_owned()),
            )
            .into());
        }
    };
    let (Side::Text(old), Side::Text(new)) = (read_side(old_file)?, read_side(new_file)?) else {
        return Ok(ExitStatus::Failure);
    };
    let diff = diff_documents(
        &document_for_diff(old.as_deref()),
        &document_for_diff(new.as_deref()),
    );
    let name = match renamed_to {
        Some(new_path) => format!("{} → {}", path.display(), new_path.display()),
        None => path.display().to_string(),
    };
    let subtitle = match (&old, &new) {
        (None, _) => "added".to_owned(),
        (_, None) => "deleted".to_owned(),
        _ => format!("{} → {}", short_hex(old_hex), short_hex(new_hex)),
    };
    output::diff::print_file(ctx.printer(), &name, &subtitle, &diff)?;
    Ok(ExitStatus::Success)
}

/// One side of the diff, as git passes it.
enum Side {
    /// The text, or `None` for git's `/dev/null` (the file is added or deleted).
    Text(Option<String>),
    /// Not UTF-8: git shows it better than promptctl can.
    NotText,
}

fn read_side(file: &Path) -> anyhow::Result<Side> {
    if file == Path::new("/dev/null") {
        return Ok(Side::Text(None));
    }
    Ok(read_text(file)?.map_or(Side::NotText, |text| Side::Text(Some(text))))
}

fn read_text(file: &Path) -> anyhow::Result<Option<String>> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read `{}`", file.display()))?;
    Ok(String::from_utf8(bytes).ok())
}

/// git's abbreviated object id, or `working tree` for a file not yet hashed (git passes zeros).
fn short_hex(hex: &Path) -> String {
    let hex = hex.to_string_lossy();
    if hex.chars().all(|c| c == '0' || c == '.') {
        "working tree".to_owned()
    } else {
        hex.chars().take(7).collect()
    }
}
