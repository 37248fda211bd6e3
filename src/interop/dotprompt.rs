//! Plain Dotprompt directories: export a promptctl library so Google's Dotprompt implementations
//! load it and render the same messages, and import one.
//!
//! Export copies every prompt and partial. Files already in plain Dotprompt are copied byte for
//! byte; promptctl's own top-level keys (`tags`, `owners`, `links`, …) stay, because Dotprompt
//! keeps unknown keys in `raw` and ignores them. Two things are rewritten, each with a note:
//! a prompt with `extends:` is flattened (its inline blocks followed by its bases' templates, and
//! the bases' front-matter keys merged under its own), since Dotprompt has no inheritance; and a
//! failover `model:` list becomes its first model, since Dotprompt's `model` is one string.
//!
//! Import copies `.prompt` files byte for byte (they are already promptctl's format), and notes
//! what promptctl does not render (`{{media}}`, `{{section}}`) and files that do not parse.

use std::path::Path;

use serde_json::Value;

use crate::interop::{Error, Planned, Report, list_files, write_planned};
use crate::library::{FsLoader, Library, schemas};
use crate::project::Project;
use crate::prompt::render;
use crate::prompt::{FileKind, PromptDocument, PromptName};

/// Exports the project's library to `dest` as plain Dotprompt files.
pub fn export(project: &Project, dest: &Path, force: bool) -> Result<Report, Error> {
    let library = Library::load(project)?;
    let loader = FsLoader::new(project);
    let prompts_dir = project.prompts_dir();
    let mut report = Report::default();
    let mut planned = Vec::new();
    for entry in &library.entries {
        let relative = entry.name.relative_path();
        let label = entry.path.to_string_lossy().replace('\\', "/");
        let source = prompts_dir.join(&relative);
        let bytes = std::fs::read(&source).map_err(Error::io("read", &source))?;
        let Ok(document) = &entry.document else {
            report.note(&label, None, "does not parse; copied as is");
            planned.push(Planned { relative, bytes });
            continue;
        };
        if entry.name.kind == FileKind::Partial
            || (document.front_matter.extends.is_none() && !has_model_chain(document))
        {
            planned.push(Planned { relative, bytes });
            continue;
        }
        let resolved = match render::resolve(&loader, &entry.name) {
            Ok(r) => r,
            Err(e) => {
                report.note(
                    &label,
                    Some(e.location.line),
                    format!("cannot flatten: {e}; copied as is"),
                );
                planned.push(Planned { relative, bytes });
                continue;
            }
        };
        if !resolved.bases.is_empty() {
            let chain: Vec<String> = resolved
                .bases
                .iter()
                .map(|(n, _, _)| n.name.clone())
                .collect();
            report.note(
                &label,
                document.locate(&["extends"]).map(|(l, _)| l),
                format!("`extends: {}` flattened into the file", chain.join(" -> ")),
            );
        }
        if let Some(Value::Array(models)) = resolved.raw_front_matter.get("model") {
            let first = models.first().cloned().unwrap_or(Value::Null);
            report.note(
                &label,
                document.locate(&["model"]).map(|(l, _)| l),
                format!(
                    "failover `model` list reduced to its first model {first}; Dotprompt takes one model"
                ),
            );
        }
        let text = resolved.dotprompt_source().map_err(|e| Error::Invalid {
            path: entry.path.clone(),
            line: None,
            message: format!("cannot write front matter: {e}"),
        })?;
        planned.push(Planned {
            relative,
            bytes: text.into_bytes(),
        });
    }
    // Named schemas (`schema: Caption`) travel with the prompts that use them.
    if prompts_dir.join(schemas::SCHEMAS_FOLDER).is_dir() {
        for relative in list_files(&prompts_dir)? {
            if is_named_schema_file(&relative) {
                let path = prompts_dir.join(&relative);
                let bytes = std::fs::read(&path).map_err(Error::io("read", &path))?;
                planned.push(Planned { relative, bytes });
            }
        }
    }
    write_planned(dest, planned, force, &mut report)?;
    Ok(report.finish())
}

/// `schemas/NAME.yaml` (`.yml`, `.json`): a named schema file, see [`schemas`].
fn is_named_schema_file(relative: &str) -> bool {
    relative
        .strip_prefix(schemas::SCHEMAS_FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|file| {
            !file.contains('/')
                && [".yaml", ".yml", ".json"]
                    .iter()
                    .any(|ext| file.ends_with(ext))
        })
}

fn has_model_chain(document: &PromptDocument) -> bool {
    matches!(
        document.raw_front_matter.get("model"),
        Some(Value::Array(_))
    )
}

/// Imports a Dotprompt directory: every `.prompt` file under `source`, copied under the prompts
/// folder `prompts_dir` (in its subfolder `into`, when given). Named schema files go to the
/// prompts folder's own `schemas/`, the one folder the loader reads them from, whatever `into`.
pub fn import(
    source: &Path,
    prompts_dir: &Path,
    into: Option<&str>,
    force: bool,
) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut planned = Vec::new();
    let under_into = |relative: String| match into {
        Some(into) => format!("{}/{relative}", into.trim_end_matches('/')),
        None => relative,
    };
    for relative in list_files(source)? {
        if is_named_schema_file(&relative) {
            let path = source.join(&relative);
            let bytes = std::fs::read(&path).map_err(Error::io("read", &path))?;
            planned.push(Planned { relative, bytes });
            continue;
        }
        let Some(name) = PromptName::from_relative_path(&relative) else {
            continue;
        };
        let path = source.join(&relative);
        let bytes = std::fs::read(&path).map_err(Error::io("read", &path))?;
        let label = path.to_string_lossy().into_owned();
        match std::str::from_utf8(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                PromptDocument::parse(text)
                    .map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            }) {
            Ok(doc) => note_unsupported(&doc, &name, &label, &mut report),
            Err(message) => report.note(
                &label,
                None,
                format!("does not parse ({message}); copied as is"),
            ),
        }
        planned.push(Planned {
            relative: under_into(relative),
            bytes,
        });
    }
    if planned.is_empty() {
        return Err(Error::Invalid {
            path: source.to_path_buf(),
            line: None,
            message: "no `.prompt` files found".into(),
        });
    }
    write_planned(prompts_dir, planned, force, &mut report)?;
    Ok(report.finish())
}

fn note_unsupported(doc: &PromptDocument, name: &PromptName, label: &str, report: &mut Report) {
    if crate::prompt::compile::compile(doc.template()).is_err() {
        report.note(label, None, "the template does not compile in promptctl");
        return;
    }
    if doc.front_matter.extends.is_some() && name.kind == FileKind::Prompt {
        report.note(
            label,
            None,
            "`extends` is a promptctl key; Dotprompt ignored it",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_extends_and_copies_the_rest_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("promptctl.yaml"), "prompts: prompts\n").unwrap();
        let write = |p: &str, t: &str| {
            let full = root.join("prompts").join(p);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, t).unwrap();
        };
        write(
            "base.prompt",
            "---\nmodel: [openai/a, anthropic/b]\ntags: [base]\n---\n{{#> body}}B{{/body}}\n",
        );
        write(
            "child.prompt",
            "---\nextends: base\ntags: [child]\n---\n{{#*inline \"body\"}}C{{/inline}}\n",
        );
        write("plain.prompt", "---\nmodel: openai/x\n---\nplain  \n");
        write("_part.prompt", "part");
        let project = Project::load(root).unwrap();
        let out = tempfile::tempdir().unwrap();
        let report = export(&project, out.path(), false).unwrap();
        assert_eq!(report.written.len(), 4);
        assert_eq!(
            std::fs::read_to_string(out.path().join("plain.prompt")).unwrap(),
            "---\nmodel: openai/x\n---\nplain  \n"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("_part.prompt")).unwrap(),
            "part"
        );
        let child = std::fs::read_to_string(out.path().join("child.prompt")).unwrap();
        let doc = PromptDocument::parse(&child).unwrap();
        assert_eq!(
            doc.template(),
            "{{#*inline \"body\"}}C{{/inline}}{{#> body}}B{{/body}}"
        );
        assert_eq!(doc.front_matter.tags, ["child"]);
        assert_eq!(doc.raw_front_matter["model"], "openai/a");
        assert!(doc.front_matter.extends.is_none());
        let messages: Vec<&str> = report.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("flattened")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("reduced")),
            "{messages:?}"
        );

        // The flattened file renders the same as the original.
        let loader = FsLoader::for_dir(root, &root.join("prompts"));
        let before = render::render(
            &loader,
            &PromptName::parse_id("child"),
            &serde_json::Map::new(),
            &render::RenderOptions::default(),
        )
        .unwrap();
        let flat_loader = FsLoader::for_dir(out.path(), out.path());
        let after = render::render(
            &flat_loader,
            &PromptName::parse_id("child"),
            &serde_json::Map::new(),
            &render::RenderOptions::default(),
        )
        .unwrap();
        assert_eq!(before.messages, after.messages);
    }

    use std::fmt::Write as _;

    /// A generated prompt: `(role, text, variable)` segments, rendered from its own defaults.
    fn write_generated(
        root: &Path,
        vars: &std::collections::BTreeMap<String, String>,
        segments: &[(usize, String, usize)],
        extends: bool,
    ) -> Vec<(String, String)> {
        const ROLES: [&str; 3] = ["system", "user", "model"];
        let names: Vec<&String> = vars.keys().collect();
        let mut body = String::new();
        let mut expected = Vec::new();
        for (role, text, var) in segments {
            let name = names[var % names.len()];
            let role_name = ROLES[*role];
            let _ = write!(body, "{{{{role \"{role_name}\"}}}}{text}{{{{{name}}}}}");
            expected.push((
                ROLES[*role].to_owned(),
                format!("{text}{}", vars[name]).trim().to_owned(),
            ));
        }
        let mut front = serde_json::Map::new();
        let schema: serde_json::Map<String, Value> = vars
            .keys()
            .map(|k| (k.clone(), Value::from("string")))
            .collect();
        let defaults: serde_json::Map<String, Value> = vars
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect();
        front.insert(
            "input".into(),
            serde_json::json!({"schema": schema, "default": defaults}),
        );
        let prompts = root.join("prompts");
        std::fs::create_dir_all(&prompts).unwrap();
        std::fs::write(root.join("promptctl.yaml"), "prompts: prompts\n").unwrap();
        if extends {
            front.insert("extends".into(), Value::from("base"));
            body = format!("{{{{#*inline \"main\"}}}}{body}{{{{/inline}}}}");
            std::fs::write(prompts.join("base.prompt"), "{{#> main}}fallback{{/main}}").unwrap();
        }
        let yaml = crate::yaml::to_string(&Value::Object(front)).unwrap();
        std::fs::write(
            prompts.join("gen.prompt"),
            format!("---\n{yaml}---\n{body}\n"),
        )
        .unwrap();
        expected
    }

    fn render_messages(root: &Path, prompts: &Path) -> Vec<(String, String)> {
        let loader = FsLoader::for_dir(root, prompts);
        render::render(
            &loader,
            &PromptName::parse_id("gen"),
            &serde_json::Map::new(),
            &render::RenderOptions::default(),
        )
        .unwrap()
        .messages
        .into_iter()
        .map(|m| (m.role.as_str().to_owned(), m.content))
        .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// parse -> render gives the messages the segments describe, and the Dotprompt export
        /// (flattening `extends` when there is one) renders exactly the same messages.
        #[test]
        fn parse_render_and_export_round_trip(
            vars in proptest::collection::btree_map("v_[a-z0-9]{1,6}", "[A-Za-z0-9 .,!?']{0,16}", 1..4),
            segments in proptest::collection::vec((0usize..3, "[A-Za-z][A-Za-z0-9 .,!?'\n]{0,24}", 0usize..8), 1..5),
            extends in proptest::bool::ANY,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            let expected = write_generated(root, &vars, &segments, extends);
            let messages = render_messages(root, &root.join("prompts"));
            let trimmed: Vec<(String, String)> = messages.iter().map(|(r, c)| (r.clone(), c.trim().to_owned())).collect();
            proptest::prop_assert_eq!(&trimmed, &expected);

            let out = root.join("out");
            let project = Project::load(root).unwrap();
            export(&project, &out, false).unwrap();
            proptest::prop_assert_eq!(render_messages(&out, &out), messages);
        }

        /// import -> export of a plain Dotprompt directory gives back the same bytes.
        #[test]
        fn dotprompt_import_then_export_is_byte_identical(
            vars in proptest::collection::btree_map("v_[a-z0-9]{1,6}", "[A-Za-z0-9 .,!?']{0,16}", 1..3),
            segments in proptest::collection::vec((0usize..3, "[A-Za-z][A-Za-z0-9 .,!?'\n]{0,24}", 0usize..8), 1..4),
        ) {
            let source = tempfile::tempdir().unwrap();
            write_generated(source.path(), &vars, &segments, false);
            std::fs::write(source.path().join("prompts/_part.prompt"), "a partial\n").unwrap();
            let target = tempfile::tempdir().unwrap();
            std::fs::write(target.path().join("promptctl.yaml"), "prompts: lib\n").unwrap();
            import(&source.path().join("prompts"), &target.path().join("lib/imported"), None, false).unwrap();
            let out = target.path().join("out");
            export(&Project::load(target.path()).unwrap(), &out, false).unwrap();
            for file in ["gen.prompt", "_part.prompt"] {
                proptest::prop_assert_eq!(
                    std::fs::read(out.join("imported").join(file)).unwrap(),
                    std::fs::read(source.path().join("prompts").join(file)).unwrap()
                );
            }
        }
    }

    #[test]
    fn import_copies_prompts_and_notes_what_does_not_parse() {
        let src = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(src.path().join("a")).unwrap();
        std::fs::write(
            src.path().join("a/pic.prompt"),
            "---\nmodel: x/y\n---\nLook {{media url=u}}",
        )
        .unwrap();
        std::fs::write(src.path().join("a/broken.prompt"), "---\ntags: 3\n---\nx").unwrap();
        std::fs::write(src.path().join("readme.md"), "ignored").unwrap();
        let dest = tempfile::tempdir().unwrap();
        let report = import(src.path(), dest.path(), None, false).unwrap();
        assert_eq!(report.written, ["a/broken.prompt", "a/pic.prompt"]);
        assert!(
            !report.notes.iter().any(|n| n.message.contains("media")),
            "media is kept by strict rendering too: {:?}",
            report.notes
        );
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.message.contains("does not parse"))
        );
        let empty = tempfile::tempdir().unwrap();
        assert!(
            import(empty.path(), dest.path(), None, false)
                .unwrap_err()
                .to_string()
                .contains("no `.prompt`")
        );
    }

    #[test]
    fn import_into_a_subfolder_puts_named_schemas_where_the_loader_reads_them() {
        let src = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(src.path().join("schemas")).unwrap();
        std::fs::write(src.path().join("hello.prompt"), "Hi").unwrap();
        std::fs::write(src.path().join("schemas/Ticket.yaml"), "type: object\n").unwrap();
        let prompts = tempfile::tempdir().unwrap();
        let report = import(src.path(), prompts.path(), Some("genkit"), false).unwrap();
        assert_eq!(
            report.written,
            ["genkit/hello.prompt", "schemas/Ticket.yaml"]
        );
        assert!(prompts.path().join("schemas/Ticket.yaml").is_file());
        assert!(prompts.path().join("genkit/hello.prompt").is_file());
    }
}
