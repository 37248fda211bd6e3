//! `promptctl show`: metadata, typed variables, partials, bases and blocks, links both ways,
//! variants, body; JSON; unknown prompt with suggestions; broken front matter.

use crate::support::TestEnv;

fn library() -> TestEnv {
    let env = TestEnv::project();
    env.write(
        "prompts/support/base.prompt",
        "---\ndescription: Base reply\nmodel: openai/gpt-4o-mini\ntags: [support]\nstatus: active\nowners: [team]\ninput:\n  schema:\n    customer: string, who wrote in\n    count?: integer\n    tone(enum): [calm, brisk]\n  default: {customer: Ada, tone: calm}\n---\n{{role \"system\"}}{{> support/tone}} {{#> body}}Help {{customer}}.{{/body}}\n",
    );
    env.write(
        "prompts/support/_tone.prompt",
        "Be {{tone}}. {{> shared/sign}}",
    );
    env.write("prompts/shared/_sign.prompt", "Bye.");
    env.write(
        "prompts/support/refund.prompt",
        "---\nextends: support/base\ndescription: Refund reply\nlinks: [support/other, support/gone]\n---\n{{#*inline \"body\"}}Refund {{customer}} {{extra}}{{/inline}}\n",
    );
    env.write(
        "prompts/support/refund.short.prompt",
        "---\nlinks: [support/refund]\n---\nshort",
    );
    env.write(
        "prompts/support/other.prompt",
        "---\nlinks: [support/refund]\n---\nother",
    );
    env
}

#[test]
fn shows_everything_about_a_prompt() {
    let env = library();
    let out = env.run(&["show", "support/refund"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r#"
    exit: 0
    --- stdout
    support/refund  (prompts/support/refund.prompt)
    Refund reply

    model:          openai/gpt-4o-mini
    status:         active
    tags:           support
    owners:         team
    extends:        support/base
    overrides:      body
    blocks:         body
    variants:       support/refund.short
    partials:       shared/sign, support/tone
    links:          support/other, support/gone (missing)
    linked from:    support/other, support/refund.short

    Variables
    ┌──────────┬──────────────────┬──────────┬─────────┬──────────────────────────────────────────┐
    │ NAME     ┆ TYPE             ┆ REQUIRED ┆ DEFAULT ┆ DESCRIPTION                              │
    ╞══════════╪══════════════════╪══════════╪═════════╪══════════════════════════════════════════╡
    │ count    ┆ integer?         ┆ no       ┆         ┆ (not used by the template)               │
    │ customer ┆ string           ┆ yes      ┆ Ada     ┆ who wrote in                             │
    │ extra    ┆ any              ┆ no       ┆         ┆ used by the template but not declared in │
    │          ┆                  ┆          ┆         ┆ input.schema                             │
    │ tone     ┆ enum(calm|brisk) ┆ yes      ┆ calm    ┆                                          │
    └──────────┴──────────────────┴──────────┴─────────┴──────────────────────────────────────────┘

    Template
    {{#*inline "body"}}Refund {{customer}} {{extra}}{{/inline}}
    --- stderr
    "#);
}

#[test]
fn json_lists_links_both_ways_and_base_blocks() {
    let env = library();
    let out = env.run(&["show", "support/base", "--format", "json", "--no-body"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["extended_by"], serde_json::json!(["support/refund"]));
    assert_eq!(doc["blocks"], serde_json::json!(["body"]));
    assert_eq!(doc["variables"][1]["name"], "customer");
    assert_eq!(doc["variables"][1]["type"], "string");
    assert_eq!(doc["variables"][1]["default"], "Ada");
    assert!(doc["body"].is_null());
    let variant = env.run(&[
        "show",
        "support/refund",
        "--variant",
        "short",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&variant.stdout).unwrap();
    assert_eq!(doc["id"], "support/refund.short");
    assert_eq!(
        doc["links"][0],
        serde_json::json!({"target": "support/refund", "exists": true})
    );
    assert_eq!(doc["variants"], serde_json::json!(["support/refund"]));
}

#[test]
fn unknown_prompt_suggests_names() {
    let env = library();
    let out = env.run(&["show", "support/refnd"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("no prompt named `support/refnd`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `support/refund`"),
        "{}",
        out.stderr
    );
}

#[test]
fn broken_front_matter_names_the_line() {
    let env = library();
    env.write("prompts/bad.prompt", "---\nname: x\ntags: 5\n---\nbody");
    let out = env.run(&["show", "bad"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("prompts/bad.prompt:3:1"),
        "{}",
        out.stderr
    );
}

#[test]
fn show_prints_a_named_schema_resolved_not_null() {
    let env = TestEnv::project();
    env.write(
        "prompts/caption.prompt",
        "---\ninput:\n  schema: Photo\noutput:\n  schema: Caption\n---\nCaption {{url}}\n",
    );
    env.write(
        "prompts/schemas/Caption.yaml",
        "type: object\nproperties:\n  text: {type: string}\n",
    );
    env.write(
        "prompts/schemas/Photo.json",
        r#"{"url": "string, where it is"}"#,
    );
    let out = env.run(&["show", "caption", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["output"]["schema"]["properties"]["text"]["type"],
        "string"
    );
    let rendered = env.run(&["render", "caption", "--var", "url=https://x.test/a.png"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    let missing = env.run(&["render", "caption"]);
    assert_eq!(missing.code, 3, "the named input schema requires `url`");
}

#[test]
fn a_named_schema_in_both_yaml_and_json_is_an_error_naming_both() {
    let env = TestEnv::project();
    env.write(
        "prompts/caption.prompt",
        "---\noutput:\n  schema: Caption\n---\nHi\n",
    );
    env.write("prompts/schemas/Caption.yaml", "type: object\n");
    env.write("prompts/schemas/Caption.json", "{\"type\": \"object\"}");
    let out = env.run(&["render", "caption"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("Caption.yaml") && out.stderr.contains("Caption.json"),
        "{}",
        out.stderr
    );
}

/// `show`, `render` (strict and compat) and `diff` at a revision read `schemas/` from that
/// commit, never from the working tree: each side validates and shows the schema it was
/// written against.
#[test]
fn named_schemas_resolve_as_they_were_at_the_revision_asked_for() {
    use crate::versioning::{commit_all, git_ok};
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "prompts/caption.prompt",
        "---\ninput:\n  schema: Photo\noutput:\n  schema: Caption\n---\nCaption {{url}}\n",
    );
    env.write(
        "prompts/schemas/Caption.yaml",
        "type: object\nproperties:\n  text: {type: string}\n",
    );
    env.write("prompts/schemas/Photo.yaml", "url: string\n");
    commit_all(&env, "first");
    env.write(
        "prompts/schemas/Caption.yaml",
        "type: object\nproperties:\n  alt: {type: string}\n",
    );
    env.write("prompts/schemas/Photo.yaml", "url: string\nsize: integer\n");
    commit_all(&env, "second");
    env.write(
        "prompts/schemas/Caption.yaml",
        "type: object\nproperties:\n  uncommitted: {type: string}\n",
    );

    let output_properties = |reference: &str| {
        let out = env.run(&["show", &format!("caption@{reference}"), "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let keys: Vec<String> = doc["output"]["schema"]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{reference}: {}", doc["output"]))
            .keys()
            .cloned()
            .collect();
        keys
    };
    assert_eq!(output_properties("HEAD~1"), ["text"]);
    assert_eq!(output_properties("HEAD"), ["alt"]);

    // `size` became required in the second commit only.
    let first = env.run(&["render", "caption@HEAD~1", "--var", "url=u"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = env.run(&["render", "caption@HEAD", "--var", "url=u"]);
    assert_eq!(second.code, 3, "{}", second.stderr);
    assert!(second.stderr.contains("size"), "{}", second.stderr);

    let compat = env.run(&[
        "render",
        "caption@HEAD~1",
        "--compat",
        "dotprompt",
        "--format",
        "json",
    ]);
    assert_eq!(compat.code, 0, "{}", compat.stderr);
    let compat: serde_json::Value = serde_json::from_str(&compat.stdout).unwrap();
    assert!(
        compat["output"]["schema"]["properties"]["text"].is_object(),
        "{}",
        compat["output"]
    );

    // Each side of the diff takes the variables its own schema declares.
    env.write("vars.json", r#"{"url": "u", "size": 3}"#);
    let diff = env.run(&["diff", "caption", "HEAD~1", "HEAD", "--vars", "vars.json"]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
}

#[test]
fn show_lists_media_and_section_tags() {
    let env = TestEnv::project();
    env.write(
        "prompts/look.prompt",
        "---\ndescription: x\n---\n{{section \"intro\"}}Describe:\n{{media url=photo contentType=\"image/png\"}}\n{{media url=\"https://x.test/logo.svg\"}}{{> parts/extra}}\n",
    );
    env.write(
        "prompts/parts/_extra.prompt",
        "{{section \"examples\"}}{{media url=example}}",
    );
    let out = env.run(&["show", "look", "--no-body"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("media:          photo (image/png), \"https://x.test/logo.svg\", example\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sections:       intro, examples\n"),
        "{}",
        out.stdout
    );
    let out = env.run(&["show", "look", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["media"],
        serde_json::json!([
            {"url": "photo", "literal": false, "content_type": "image/png"},
            {"url": "https://x.test/logo.svg", "literal": true, "content_type": null},
            {"url": "example", "literal": false, "content_type": null}
        ])
    );
    assert_eq!(doc["sections"], serde_json::json!(["intro", "examples"]));
}
