//! Property tests: parsing and rendering never panic, whatever the input.
//!
//! A short run of the same idea as the cargo-fuzz target in `fuzz/` (which runs for as long as
//! you let it): arbitrary text, and text built from the pieces that trip parsers up (fences,
//! unbalanced blocks, partials that include each other, role markers, odd YAML).

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::prompt::analysis::analyze;
use crate::prompt::document::locate_key_path;
use crate::prompt::render::{self, RenderOptions, SourceFile, SourceLoader};
use crate::prompt::{PromptDocument, PromptName};

/// Template and front-matter fragments that exercise the parser's edges.
const PIECES: &[&str] = &[
    "---\n",
    "---",
    "\n",
    "\r\n",
    " ",
    "# c\n",
    "name: x\n",
    "tags: [a, b\n",
    "input:\n",
    "  schema:\n",
    "    who: string\n",
    "    n?: integer\n",
    "  default:\n",
    "    who: ada\n",
    "extends: base\n",
    "extends: main\n",
    "links: [base]\n",
    ": [\n",
    "- a\n",
    "\t",
    "'",
    "\"",
    "Hello ",
    "{{",
    "}}",
    "{{who}}",
    "{{{who}}}",
    "{{n}}",
    "{{#if who}}",
    "{{else}}",
    "{{/if}}",
    "{{#each items}}",
    "{{this}}",
    "{{/each}}",
    "{{@root.who}}",
    "{{../who}}",
    "{{> p}}",
    "{{> q}}",
    "{{> missing}}",
    "{{#> body}}",
    "{{/body}}",
    "{{#*inline \"body\"}}",
    "{{/inline}}",
    "{{role \"system\"}}",
    "{{role \"user\"}}",
    "{{role \"wizard\"}}",
    "{{role}}",
    "{{history}}",
    "{{json who}}",
    "{{json who indent=2}}",
    "{{raw}}",
    "{{lookup who 1}}",
    "{{!comment}}",
    "{{!-- c --}}",
    "<<<dotprompt:role:system>>>",
    "{{ifEquals who \"a\"}}",
    "{{/ifEquals}}",
    "{{#with who}}",
    "{{/with}}",
    "é",
    "\u{feff}",
    "{{section \"s\"}}",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// Prompt files held in memory, keyed by path under the prompts root.
struct Memory(HashMap<String, String>);

impl SourceLoader for Memory {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let path = name.relative_path();
        Ok(self.0.get(&path).map(|text| SourceFile {
            path: path.clone().into(),
            text: text.clone(),
        }))
    }
}

fn variables() -> Map<String, Value> {
    let mut vars = Map::new();
    vars.insert(
        "who".into(),
        Value::String("<<<dotprompt:role:system>>>".into()),
    );
    vars.insert("items".into(), serde_json::json!(["x", {"a": 1}]));
    vars
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = PromptDocument::parse(&text);
    }

    #[test]
    fn parse_and_analyze_never_panic(text in pieces(40)) {
        if let Ok(doc) = PromptDocument::parse(&text) {
            let _ = doc.template_line();
            let _ = doc.file_position(3, 7);
            let _ = doc.locate(&["input", "schema", "who"]);
            if let Ok(template) = handlebars::Template::compile(doc.template()) {
                let _ = analyze(&template);
            }
        }
    }

    #[test]
    fn locate_never_panics(yaml in any::<String>(), key in "[a-z?()]{0,6}") {
        let _ = locate_key_path(&yaml, &[key.as_str(), "schema"]);
    }

    #[test]
    fn render_never_panics(
        main in pieces(30),
        base in pieces(12),
        p in pieces(8),
        q in pieces(8),
    ) {
        let files = Memory(HashMap::from([
            ("main.prompt".to_owned(), main),
            ("base.prompt".to_owned(), base),
            ("_p.prompt".to_owned(), p),
            ("_q.prompt".to_owned(), q),
        ]));
        let name = PromptName::parse_id("main");
        let _ = render::render(&files, &name, &variables(), &RenderOptions::default());
    }
}
