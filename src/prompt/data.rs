//! `@`-data in strict rendering: `{{@state.count}}`, `{{@auth.uid}}`, `{{#if @state.done}}`.
//!
//! Dotprompt renders with a context beside the variables (`render(source, {input, context})`),
//! whose keys a template reads as `@name`: Genkit passes the flow's `@state` and `@auth`. The
//! strict renderer takes the same context (`render --context FILE`), so a prompt that reads it
//! renders in review as in the application. handlebars-rust resolves only single-name `@`
//! variables (`@index`), and drops the rest of a path like `@state.count`; so every `@name.path`
//! in a compiled template (other than Handlebars' own `@index`, `@key`, `@first`, `@last`,
//! `@level`, `@root`) is turned into a call of one helper that walks the context, in the tree,
//! where the tag keeps its place in the file for error messages.
//!
//! Strict stays strict: printing an `@`-value the context does not have is an error at its tag
//! (as an undefined variable is), while a condition on one (`{{#if @state.done}}`) is false, as
//! `{{#if missing}}` is.

use std::collections::HashMap;

use handlebars::template::{HelperTemplate, Parameter, Subexpression, TemplateElement};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, Path, RenderContext,
    RenderErrorReason, ScopedJson, Template,
};
use serde_json::{Map, Value};

/// The helper `@name.path` becomes a call of.
pub(crate) const DATA_HELPER: &str = "__promptctl_data";

/// `@`-names Handlebars itself defines; they are not looked up in the context.
const BUILTIN_DATA: &[&str] = &["index", "key", "first", "last", "root", "level"];

/// Replaces every context reference in `template` with a call of [`DATA_HELPER`].
pub(crate) fn rewrite(template: &mut Template) {
    for element in &mut template.elements {
        rewrite_element(element);
    }
}

/// The context path `@name.path` stands for (`state.count`), when `path` is a context reference.
fn context_path(path: &Path) -> Option<String> {
    let Path::Local((0, name, raw)) = path else {
        return None;
    };
    if BUILTIN_DATA.contains(&name.as_str()) {
        return None;
    }
    raw.strip_prefix('@').map(|p| p.replace('/', "."))
}

fn data_call(path: String) -> Parameter {
    Parameter::Subexpression(Subexpression::new(
        Parameter::Name(DATA_HELPER.to_owned()),
        vec![Parameter::Literal(Value::String(path))],
        HashMap::new(),
    ))
}

fn rewrite_parameter(parameter: &mut Parameter) {
    match parameter {
        Parameter::Path(path) => {
            if let Some(p) = context_path(path) {
                *parameter = data_call(p);
            }
        }
        Parameter::Subexpression(sub) => rewrite_element(&mut sub.element),
        _ => {}
    }
}

fn rewrite_helper(h: &mut HelperTemplate, printed: bool) {
    if printed
        && h.params.is_empty()
        && h.hash.is_empty()
        && let Parameter::Path(path) = &h.name
        && let Some(p) = context_path(path)
    {
        h.name = Parameter::Name(DATA_HELPER.to_owned());
        h.params = vec![Parameter::Literal(Value::String(p))];
        return;
    }
    h.params.iter_mut().for_each(rewrite_parameter);
    h.hash.values_mut().for_each(rewrite_parameter);
    for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
        rewrite(t);
    }
}

fn rewrite_element(element: &mut TemplateElement) {
    match element {
        TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
            rewrite_helper(h, true);
        }
        TemplateElement::HelperBlock(h) => rewrite_helper(h, false),
        TemplateElement::DecoratorExpression(d)
        | TemplateElement::DecoratorBlock(d)
        | TemplateElement::PartialExpression(d)
        | TemplateElement::PartialBlock(d) => {
            d.params.iter_mut().for_each(rewrite_parameter);
            d.hash.values_mut().for_each(rewrite_parameter);
            if let Some(t) = &mut d.template {
                rewrite(t);
            }
        }
        _ => {}
    }
}

/// Looks `@`-paths up in the render's context.
pub(crate) struct DataHelper {
    /// The context: `{"state": …, "auth": …}`.
    pub(crate) context: Map<String, Value>,
}

impl DataHelper {
    fn lookup(&self, h: &Helper<'_>) -> Option<(String, Value)> {
        let path = h.param(0)?.value().as_str()?.to_owned();
        let mut segments = path.split('.');
        let mut value = self.context.get(segments.next()?)?;
        for segment in segments {
            value = match value {
                Value::Object(map) => map.get(segment)?,
                Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some((path, value.clone()))
    }
}

impl HelperDef for DataHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, handlebars::RenderError> {
        Ok(self
            .lookup(h)
            .map_or(ScopedJson::Missing, |(_, v)| ScopedJson::Derived(v)))
    }

    /// Printing `{{@state.x}}`: the value, or an undefined-data error naming it.
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        if let Some((_, value)) = self.lookup(h) {
            out.write(&handlebars::JsonRender::render(&value))?;
            Ok(())
        } else {
            let path = h.param(0).and_then(|p| p.value().as_str()).unwrap_or("");
            Err(RenderErrorReason::MissingVariable(Some(format!("@{path}"))).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use crate::prompt::render::{RenderErrorKind, RenderOptions, render};
    use crate::prompt::{PromptName, SourceFile, SourceLoader};

    struct One(&'static str);

    impl SourceLoader for One {
        fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
            Ok((name.name == "p").then(|| SourceFile {
                path: "prompts/p.prompt".into(),
                text: self.0.to_owned(),
            }))
        }
    }

    fn render_with(
        source: &'static str,
        context: &Value,
    ) -> Result<String, crate::prompt::RenderError> {
        let options = RenderOptions {
            context: context.as_object().cloned().unwrap_or_default(),
            ..RenderOptions::default()
        };
        render(
            &One(source),
            &PromptName::parse_id("p"),
            &Map::new(),
            &options,
        )
        .map(|r| r.messages[0].content.clone())
    }

    #[test]
    fn at_data_renders_from_the_context_in_strict_mode() {
        let context = json!({"state": {"step": 2, "list": ["a", "b"]}, "auth": {"uid": "u1"}});
        assert_eq!(
            render_with(
                "{{@state.step}}/{{@auth.uid}} {{#if @state.step}}on{{/if}}{{#if @state.done}}done{{/if}} {{#each @state.list}}{{@index}}{{this}}{{/each}} {{json @auth}}",
                &context
            )
            .unwrap(),
            r#"2/u1 on 0a1b {"uid":"u1"}"#
        );
    }

    #[test]
    fn an_at_name_not_given_is_an_error_at_its_tag() {
        let error =
            render_with("---\nmodel: m\n---\nHi\n  {{@state.missing}}", &json!({})).unwrap_err();
        assert_eq!(
            error.kind,
            RenderErrorKind::UndefinedData {
                path: "state.missing".into()
            }
        );
        assert_eq!((error.location.line, error.location.column), (5, 3));
        assert!(error.to_string().contains("`@state.missing`"), "{error}");
    }
}
