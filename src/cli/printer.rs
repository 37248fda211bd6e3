//! The one path from promptctl to the terminal.
//!
//! stdout carries data (rendered prompts, tables, JSON); stderr carries everything else (status,
//! warnings, errors, hints, progress). [`Printer`] holds the policy — quiet, verbose, color,
//! format, width — so commands never decide it themselves.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

use crate::cli::strip::StripWriter;
use crate::cli::{ColorChoice, GlobalArgs, OutputFormat, env_vars};

/// Output policy for one invocation.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent switches, each set from its own flag
pub(crate) struct Printer {
    pub(crate) format: OutputFormat,
    quiet: bool,
    verbose: u8,
    color_stdout: bool,
    color_stderr: bool,
    progress: bool,
    width: u16,
    /// Whether tables wrap to `width`: when `COLUMNS` is set or stdout is a terminal. Piped
    /// output without `COLUMNS` has no width to fit, and wrapping would split words mid-cell.
    wrap_tables: bool,
}

impl Printer {
    /// Builds the policy from the global flags and the environment.
    pub(crate) fn new(args: &GlobalArgs) -> Printer {
        let env_allows = !env_vars::no_color() && !env_vars::term_is_dumb();
        let decide = |is_tty: bool| match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => env_vars::clicolor_force() || (is_tty && env_allows),
        };
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        Printer {
            format: args.format,
            quiet: args.quiet,
            verbose: args.verbose,
            color_stdout: decide(stdout_tty) && args.format == OutputFormat::Human,
            color_stderr: decide(stderr_tty),
            progress: stderr_tty
                && !args.quiet
                && !args.no_progress
                && args.format == OutputFormat::Human,
            width: env_vars::columns().unwrap_or(100),
            wrap_tables: env_vars::columns().is_some() || stdout_tty,
        }
    }

    /// A printer for unit tests of output code: human format, 100 columns, colours as asked.
    #[cfg(test)]
    pub(crate) fn for_tests(color: bool) -> Printer {
        Printer {
            format: OutputFormat::Human,
            quiet: false,
            verbose: 0,
            color_stdout: color,
            color_stderr: color,
            progress: false,
            width: 100,
            wrap_tables: false,
        }
    }

    /// Whether progress bars may be drawn on stderr.
    pub(crate) fn progress_allowed(&self) -> bool {
        self.progress
    }

    /// The width tables are laid out for.
    pub(crate) fn width(&self) -> u16 {
        self.width
    }

    /// Whether tables are wrapped to [`Printer::width`] (otherwise each row is one line).
    pub(crate) fn wrap_tables(&self) -> bool {
        self.wrap_tables
    }

    /// Whether `-v` was given at least `level` times.
    pub(crate) fn verbose(&self, level: u8) -> bool {
        self.verbose >= level
    }

    /// Writes data to stdout, followed by nothing (the caller supplies newlines).
    pub(crate) fn data(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        if self.color_stdout {
            out.write_all(text.as_bytes())?;
        } else {
            out.write_all(anstream::adapter::strip_str(text).to_string().as_bytes())?;
        }
        out.flush()
    }

    /// A buffered writer on stdout for data written in pieces (a streamed table). It strips
    /// escape codes as [`Printer::data`] does, with the same result as stripping the pieces
    /// joined; call `flush` at the end to see write errors.
    pub(crate) fn data_writer(&self) -> StripWriter<impl Write> {
        StripWriter::new(
            io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
            !self.color_stdout,
        )
    }

    /// Writes a JSON document to stdout, pretty-printed, with a trailing newline.
    #[allow(clippy::unused_self)] // every write goes through the printer, even policy-free ones
    pub(crate) fn json(&self, value: &serde_json::Value) -> io::Result<()> {
        // Stdout is line-buffered: without a buffer, pretty JSON costs one write per line.
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, value)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// A buffered writer on stdout for JSON written in pieces (a streamed listing).
    #[allow(clippy::unused_self)] // every write goes through the printer, even policy-free ones
    pub(crate) fn json_writer(&self) -> impl Write {
        io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
    }

    /// A status line on stderr (hidden with `--quiet`).
    pub(crate) fn status(&self, text: &str) {
        if !self.quiet {
            self.stderr_line(text);
        }
    }

    /// A warning on stderr (shown even with `--quiet`).
    pub(crate) fn warn(&self, text: &str) {
        let label = self.paint_stderr("warning", anstyle::AnsiColor::Yellow);
        self.stderr_line(&format!("{label}: {text}"));
    }

    /// An error block on stderr: the message, its causes, and hints.
    pub(crate) fn error(&self, message: &str, causes: &[String], hints: &[String]) {
        let label = self.paint_stderr("error", anstyle::AnsiColor::Red);
        let mut text = format!("{label}: {message}");
        for cause in causes {
            let _ = write!(text, "\n  Caused by: {cause}");
        }
        for hint in hints {
            let label = self.paint_stderr("hint", anstyle::AnsiColor::Cyan);
            let _ = write!(text, "\n\n{label}: {hint}");
        }
        self.stderr_line(&text);
    }

    /// Paints `text` for stdout when color is on.
    pub(crate) fn paint(&self, text: &str, color: anstyle::AnsiColor) -> String {
        paint(self.color_stdout, text, color)
    }

    fn paint_stderr(&self, text: &str, color: anstyle::AnsiColor) -> String {
        paint(self.color_stderr, text, color)
    }

    #[allow(clippy::unused_self)]
    fn stderr_line(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{text}");
    }
}

fn paint(on: bool, text: &str, color: anstyle::AnsiColor) -> String {
    if on {
        let style = anstyle::Style::new().fg_color(Some(color.into())).bold();
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}
