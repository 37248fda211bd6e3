//! `promptctl export` and `import`: a byte-identical bundle round trip of the example library,
//! restoring into a folder without a project, conflicts and `--force`, Dotprompt export and
//! import, Prompty import (v1 and v2) with its portability notes, and the usage errors.

use std::path::{Path, PathBuf};

use crate::support::TestEnv;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` (relative path, bytes), skipping hidden entries.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list folder") {
            let path = entry.expect("folder entry").path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).expect("read file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn bundle_round_trip_of_the_example_library_is_byte_identical() {
    let env = TestEnv::new();
    let example = repo().join("prompts-example");
    let bundle = env.path().join("lib.json");
    let out = env.run(&[
        "-C",
        example.to_str().unwrap(),
        "export",
        "-o",
        bundle.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("Exported"), "{}", out.stderr);

    std::fs::create_dir_all(env.path().join("restored")).unwrap();
    let out = env.run(&["-C", "restored", "import", bundle.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Imported"), "{}", out.stdout);
    let restored = env.path().join("restored");
    let original: Vec<_> = files(&example)
        .into_iter()
        .filter(|(p, _)| p == "promptctl.yaml" || p.starts_with("prompts/"))
        .collect();
    assert_eq!(files(&restored), original);

    // Exporting the restored copy gives the same bundle, and importing again changes nothing.
    let again = env.run(&["-C", "restored", "export"]);
    assert_eq!(again.stdout.as_bytes(), std::fs::read(&bundle).unwrap());
    let twice = env.run(&[
        "-C",
        "restored",
        "import",
        bundle.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&twice.stdout).unwrap();
    assert_eq!(doc["written"].as_array().unwrap().len(), 0);
    assert_eq!(doc["unchanged"].as_array().unwrap().len(), original.len());
}

#[test]
fn conflicts_need_force() {
    let env = TestEnv::project();
    env.write("prompts/a.prompt", "original");
    let exported = env.run(&["export"]);
    env.write("prompts/a.prompt", "edited since");
    env.write("lib.json", &exported.stdout);
    let out = env.run(&["import", "lib.json"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("1 existing file(s) would be overwritten: `prompts/a.prompt`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(env.read("prompts/a.prompt"), "edited since");
    let out = env.run(&["import", "lib.json", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.read("prompts/a.prompt"), "original");
}

#[test]
fn damaged_or_foreign_bundles_are_rejected() {
    let env = TestEnv::project();
    env.write("prompts/a.prompt", "text");
    let exported = env
        .run(&["export"])
        .stdout
        .replace("\"text\": \"text\"", "\"text\": \"tampered\"");
    env.write("bad.json", &exported);
    let out = env.run(&["import", "bad.json"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("does not match its sha256"),
        "{}",
        out.stderr
    );
    env.write("other.json", "{\"hello\": 1}");
    let out = env.run(&["import", "other.json"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("not a promptctl bundle"),
        "{}",
        out.stderr
    );
}

#[test]
fn dotprompt_export_flattens_and_import_copies() {
    let env = TestEnv::project();
    env.write(
        "prompts/base.prompt",
        "---\nmodel: [openai/a, openai/b]\n---\n{{#> body}}base{{/body}}",
    );
    env.write(
        "prompts/child.prompt",
        "---\nextends: base\n---\n{{#*inline \"body\"}}child{{/inline}}",
    );
    let out = env.run(&["export", "--to", "dotprompt", "-o", "out"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("prompts/child.prompt:2: `extends: base` flattened into the file"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("reduced to its first model"),
        "{}",
        out.stdout
    );
    assert!(
        env.read("out/child.prompt")
            .contains("{{#*inline \"body\"}}child{{/inline}}{{#> body}}base{{/body}}")
    );

    let out = env.run(&["import", "out", "--into", "copied"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rendered = env.run(&["render", "copied/child"]);
    assert_eq!(rendered.stdout, "child\n");
    let missing = env.run(&["export", "--to", "dotprompt"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("needs an output folder"),
        "{}",
        missing.stderr
    );
}

#[test]
fn import_into_a_subfolder_keeps_named_schemas_where_the_loader_reads_them() {
    let env = TestEnv::project();
    env.write(
        "genkit/caption.prompt",
        "---\noutput:\n  schema: Caption\n---\nCaption this.\n",
    );
    env.write(
        "genkit/schemas/Caption.yaml",
        "type: object\nproperties:\n  text: {type: string}\n",
    );
    let out = env.run(&["import", "genkit", "--from", "dotprompt", "--into", "app"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(env.path().join("prompts/schemas/Caption.yaml").is_file());
    assert!(!env.path().join("prompts/app/schemas").exists());
    let show = env.run(&["show", "app/caption", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(
        doc["output"]["schema"]["properties"]["text"]["type"],
        "string"
    );
}

#[test]
fn prompty_files_are_converted_with_notes() {
    let env = TestEnv::project();
    let fixtures = repo().join("tests/fixtures/interop/prompty");
    let out = env.run(&[
        "import",
        fixtures.to_str().unwrap(),
        "--into",
        "imported",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["written"],
        serde_json::json!(["basic.prompt", "chat/support-chat.prompt"])
    );
    let notes: Vec<String> = doc["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}:{} {}",
                n["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                n["line"],
                n["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("basic.prompty:31 ") && n.contains("truncate(80)")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("connection settings")),
        "{notes:?}"
    );
    let text = env.read("prompts/imported/basic.prompt");
    assert!(!text.contains("AZURE_OPENAI_ENDPOINT"), "{text}");
    assert!(text.contains("model: azure/gpt-4o"), "{text}");

    let rendered = env.run(&["render", "imported/basic"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    assert!(
        rendered.stdout.contains("You are helping Jane Doe"),
        "{}",
        rendered.stdout
    );
    assert!(
        rendered
            .stdout
            .contains("- Alpine Explorer Tent: {{ item.body | truncate(80) }}"),
        "{}",
        rendered.stdout
    );
    let chat = env.run(&["render", "imported/chat/support-chat", "--format", "json"]);
    assert_eq!(chat.code, 0, "{}", chat.stderr);
    let chat: serde_json::Value = serde_json::from_str(&chat.stdout).unwrap();
    assert_eq!(chat["model"][0], "openai/gpt-4o-mini");
    assert_eq!(
        chat["messages"][1]["content"].as_str().unwrap().trim(),
        "Where is my order?"
    );
}

#[test]
fn usage_errors() {
    let env = TestEnv::project();
    let out = env.run(&["import", "nope.json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`nope.json` does not exist"),
        "{}",
        out.stderr
    );
    env.write("notes.txt", "x");
    let out = env.run(&["import", "notes.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--from"), "{}", out.stderr);
    env.write("dir/x.prompt", "x");
    let out = env.run(&["import", "dir", "--into", "../outside"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("must be a folder inside"),
        "{}",
        out.stderr
    );
}

#[test]
fn unwritable_output_is_an_io_error() {
    let env = TestEnv::project();
    env.write("prompts/a.prompt", "text");
    env.write("blocker", "a file where a folder should be");
    let out = env.run(&["export", "-o", "blocker/lib.json"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
    let out = env.run(&["export", "--to", "dotprompt", "-o", "blocker/dir"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
}

/// A folder as Genkit's tooling writes it: media, a section, extension fields, an unknown key
/// (kept in `raw`), a named schema and its file.
#[test]
fn genkit_folder_imports_and_exports_back_byte_for_byte_with_media_sections_ext_raw_and_named_schemas()
 {
    let env = TestEnv::project();
    let prompt = "---\nmodel: googleai/gemini-2.5-flash\noutput:\n  format: json\n  schema: Caption\nacme.team: vision\nreviewer: ada\n---\n{{role \"system\"}}{{section \"rules\"}}Caption for {{@auth.team}}.\n{{role \"user\"}}{{media url=photo contentType=\"image/png\"}}\n";
    env.write("genkit/prompts/vision/caption.prompt", prompt);
    env.write(
        "genkit/prompts/schemas/Caption.yaml",
        "type: object\nproperties:\n  text: {type: string}\n",
    );
    env.write("genkit/prompts/_footer.prompt", "Thanks.");
    let out = env.run(&["import", "genkit/prompts", "--from", "dotprompt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Media and sections carry over to strict rendering too: nothing to note.
    assert!(!out.stdout.contains("media"), "{}", out.stdout);
    let shown = env.run(&[
        "render",
        "vision/caption",
        "--compat",
        "dotprompt",
        "--var",
        "photo=https://x.test/p.png",
        "--format",
        "json",
    ]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let doc: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(
        doc["output"]["schema"]["properties"]["text"]["type"],
        "string"
    );
    assert_eq!(doc["ext"]["acme"]["team"], "vision");
    assert_eq!(doc["raw"]["reviewer"], "ada");
    assert_eq!(
        doc["messages"][1]["content"][0]["media"]["contentType"],
        "image/png"
    );
    assert_eq!(
        doc["messages"][0]["content"][0]["metadata"]["purpose"],
        "rules"
    );

    let out = env.run(&["export", "--to", "dotprompt", "-o", "back"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for file in [
        "vision/caption.prompt",
        "schemas/Caption.yaml",
        "_footer.prompt",
    ] {
        assert_eq!(
            std::fs::read(env.path().join("back").join(file)).unwrap(),
            std::fs::read(env.path().join("genkit/prompts").join(file)).unwrap(),
            "{file}"
        );
    }
}
