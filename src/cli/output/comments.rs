//! Output of `comment` and `comments`, and the open threads `show` lists.

use std::fmt::Write as _;

use promptctl::comments::anchor::Placement;
use promptctl::comments::{Comment, Thread};
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// One comment as JSON.
fn comment_json(comment: &Comment) -> Value {
    json!({
        "id": comment.id,
        "author": comment.author,
        "created": comment.created,
        "reply_to": comment.reply_to,
        "body": comment.body,
    })
}

/// One thread as JSON: its first comment, where it is now, and its replies.
pub(crate) fn thread_json(thread: &Thread) -> Value {
    let (line, outdated) = match thread.placement {
        Some(Placement::At(line)) => (Some(line), false),
        Some(Placement::Outdated) => (None, true),
        None => (None, false),
    };
    let mut value = comment_json(&thread.root);
    value["line"] = json!(line);
    value["outdated"] = json!(outdated);
    value["anchor"] = json!(thread.root.anchor.as_ref().map(|a| json!({
        "line": a.line,
        "text": a.text,
    })));
    value["resolved"] = json!(thread.root.resolved);
    value["replies"] = thread.replies.iter().map(comment_json).collect();
    value
}

/// One thread as text lines, indented by `indent`.
pub(crate) fn thread_text(out: &mut String, thread: &Thread, indent: &str) {
    let root = &thread.root;
    let place = match (&thread.placement, &root.anchor) {
        (Some(Placement::At(line)), Some(anchor)) => format!("line {line}: {}", anchor.text.trim()),
        (Some(Placement::Outdated), Some(anchor)) => {
            format!(
                "outdated (was line {}: {})",
                anchor.line,
                anchor.text.trim()
            )
        }
        _ => "whole prompt".to_owned(),
    };
    let resolved = if root.resolved { "  [resolved]" } else { "" };
    let _ = writeln!(out, "{indent}{}  {place}{resolved}", root.id);
    let _ = writeln!(
        out,
        "{indent}  {} ({}): {}",
        root.author, root.created, root.body
    );
    for reply in &thread.replies {
        let _ = writeln!(
            out,
            "{indent}  {} {} ({}): {}",
            reply.id, reply.author, reply.created, reply.body
        );
    }
}

/// Prints the threads of one prompt (`comments NAME`).
pub(crate) fn list(printer: &Printer, prompt: &str, threads: &[Thread]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "prompt": prompt,
            "threads": threads.iter().map(thread_json).collect::<Vec<_>>(),
        }))?;
        return Ok(());
    }
    let mut out = String::new();
    for thread in threads {
        thread_text(&mut out, thread, "");
    }
    printer.data(&out)?;
    let open = threads.iter().filter(|t| !t.root.resolved).count();
    printer.status(&format!(
        "{} threads on {prompt} ({open} open)",
        threads.len()
    ));
    Ok(())
}

/// Reports a comment written, replied to or resolved.
pub(crate) fn written(printer: &Printer, action: &str, comment: &Comment) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let mut value = comment_json(comment);
        value["schema_version"] = json!(SCHEMA_VERSION);
        value["prompt"] = json!(comment.prompt);
        value["resolved"] = json!(comment.resolved);
        printer.json(&value)?;
    } else {
        printer.data(&format!("{}\n", comment.id))?;
        printer.status(&format!(
            "{action} {} on {}; commit .promptctl/comments/ to share it",
            comment.id, comment.prompt
        ));
    }
    Ok(())
}
