//! Static analysis of a Handlebars template: which variables, partials, helpers and blocks it
//! uses, and where.
//!
//! Lint and `show` need to know what a template refers to without rendering it (rendering needs
//! values, and `{{#if missing}}` is silently false in Handlebars). The parsed template tree from
//! the `handlebars` crate is public, so this walks it. Variables are reported only where they
//! refer to the prompt's own input: at the top level, or through `@root`; inside `#each`/`#with`
//! blocks the context is the item, which a schema-level check cannot see into.

use handlebars::template::{Parameter, TemplateElement};
use handlebars::{Path, Template};

/// Built-in Handlebars helpers plus Dotprompt's, which shadow variables of the same name. These
/// are exactly the helpers the renderer registers: any other name called as a helper fails to
/// render.
pub const KNOWN_HELPERS: &[&str] = &[
    "if",
    "unless",
    "each",
    "with",
    "lookup",
    "log",
    "raw",
    "eq",
    "ne",
    "gt",
    "gte",
    "lt",
    "lte",
    "and",
    "or",
    "not",
    "len",
    "role",
    "history",
    "json",
    "section",
    "media",
    "ifEquals",
    "unlessEquals",
];

/// Built-in helpers and how many positional arguments they need; Handlebars fails to render a
/// call with fewer (`{{#if}}`, `{{eq a}}`).
pub const HELPER_ARITY: &[(&str, usize)] = &[
    ("if", 1),
    ("unless", 1),
    ("each", 1),
    ("with", 1),
    ("len", 1),
    ("lookup", 2),
    ("eq", 2),
    ("ne", 2),
    ("gt", 2),
    ("gte", 2),
    ("lt", 2),
    ("lte", 2),
];

/// How many positional arguments `helper` needs, when it needs any.
pub fn required_arguments(helper: &str) -> Option<usize> {
    HELPER_ARITY
        .iter()
        .find(|(name, _)| *name == helper)
        .map(|&(_, needed)| needed)
}

/// A built-in helper called with fewer arguments than it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortCall {
    /// The helper and where it is called.
    pub helper: Reference,
    /// How many arguments it needs.
    pub needed: usize,
    /// How many it was given.
    pub given: usize,
}

/// What lint says about a [`ShortCall`].
pub fn short_call_message(call: &ShortCall) -> String {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    format!(
        "`{}` needs {} {}, and is given {}: it cannot render",
        call.helper.name,
        call.needed,
        plural(call.needed),
        call.given
    )
}

/// What lint and render say about a call of a helper the renderer does not have, listing the
/// ones it has.
pub fn unknown_helper_message(name: &str, decorator: bool) -> String {
    if decorator {
        return format!(
            "unknown decorator `*{name}`: the only decorator is `*inline` (`{{{{#*inline \"name\"}}}}…{{{{/inline}}}}`)"
        );
    }
    format!(
        "unknown helper `{name}`: the helpers are {}",
        KNOWN_HELPERS.join(", ")
    )
}

/// A name used at a place in the template (1-based line and column, template-relative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The variable, partial or helper name.
    pub name: String,
    /// 1-based line within the template.
    pub line: usize,
    /// 1-based column within the template.
    pub column: usize,
}

/// Everything a template refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateAnalysis {
    /// Top-level input variables read (first path segment), in order of appearance.
    pub variables: Vec<Reference>,
    /// Variables tested by `#if`/`#unless`/`ifEquals` (a subset of `variables`).
    pub conditionals: Vec<Reference>,
    /// `{{> name}}` partial references.
    pub partials: Vec<Reference>,
    /// `{{#> name}}…{{/name}}` partial blocks (overridable regions in a base prompt).
    pub partial_blocks: Vec<Reference>,
    /// `{{#*inline "name"}}` definitions.
    pub inline_partials: Vec<Reference>,
    /// Helper calls, with the role name for `{{role "…"}}` as `role:NAME`.
    pub helpers: Vec<Reference>,
    /// Expressions whose name is a built-in helper used without arguments (`{{raw}}`), which
    /// Handlebars renders as the helper rather than the variable.
    pub shadowed: Vec<Reference>,
    /// Triple-stash `{{{x}}}` expressions.
    pub triple_stash: Vec<Reference>,
    /// Calls of helpers that are not in [`KNOWN_HELPERS`]: `{{shout name}}`, `{{#shout}}…`,
    /// `(shout name)`. Handlebars fails on these at render time.
    pub unknown_helpers: Vec<Reference>,
    /// Decorators other than `*inline` (`{{*log}}`), which fail at render time.
    pub unknown_decorators: Vec<Reference>,
    /// Built-in helpers called with too few arguments, which fail at render time.
    pub short_calls: Vec<ShortCall>,
    /// `{{media url=… contentType=…}}` tags, in order of appearance.
    pub media: Vec<MediaTag>,
    /// `{{section "name"}}` tags: the section name (or the variable naming it), in order.
    pub sections: Vec<Reference>,
}

/// A `{{media}}` tag as written: what gives the URL and the content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaTag {
    /// `url=`: the variable path (`photo`) or the literal URL.
    pub url: String,
    /// Whether `url` is a literal rather than a variable.
    pub url_is_literal: bool,
    /// `contentType=`, as written (a literal type or a variable path).
    pub content_type: Option<String>,
    /// 1-based line within the template.
    pub line: usize,
    /// 1-based column within the template.
    pub column: usize,
}

/// Walks a compiled template.
pub fn analyze(template: &Template) -> TemplateAnalysis {
    let mut out = TemplateAnalysis::default();
    walk(template, 0, &mut out);
    out
}

fn position(template: &Template, index: usize) -> (usize, usize) {
    template.mapping.get(index).map_or((1, 1), |m| (m.0, m.1))
}

/// Depth counts how many context-changing blocks (`each`, `with`, blocks with params) enclose us.
fn walk(template: &Template, depth: usize, out: &mut TemplateAnalysis) {
    for (index, element) in template.elements.iter().enumerate() {
        let (line, column) = position(template, index);
        let at = |name: &str| Reference {
            name: name.to_owned(),
            line,
            column,
        };
        match element {
            TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                if matches!(element, TemplateElement::HtmlExpression(_)) {
                    out.triple_stash.push(at(&param_text(&h.name)));
                }
                let is_helper_call = !h.params.is_empty() || !h.hash.is_empty();
                unknown_subexpressions(h.params.iter().chain(h.hash.values()), (line, column), out);
                let name = param_text(&h.name);
                let is_builtin = KNOWN_HELPERS.contains(&name.as_str());
                record_part_tag(&name, h, line, column, out);
                if is_helper_call || (is_builtin && !matches!(h.name, Parameter::Literal(_))) {
                    record_helper(&name, &h.params, line, column, out);
                    check_arity(&name, h.params.len(), at(&name), out);
                    if !is_builtin {
                        out.unknown_helpers.push(at(&name));
                    }
                    if !is_helper_call && name != "history" {
                        out.shadowed.push(at(&name));
                    }
                    params(&h.params, depth, line, column, &mut out.variables);
                } else if let Some(v) = variable_of(&h.name, depth) {
                    out.variables.push(at(&v));
                }
                for p in h.hash.values() {
                    params(
                        std::slice::from_ref(p),
                        depth,
                        line,
                        column,
                        &mut out.variables,
                    );
                }
            }
            TemplateElement::HelperBlock(h) => {
                let name = param_text(&h.name);
                record_helper(&name, &h.params, line, column, out);
                unknown_subexpressions(h.params.iter().chain(h.hash.values()), (line, column), out);
                check_arity(&name, h.params.len(), at(&name), out);
                // A block needs a helper even without parameters: there are no Mustache-style
                // sections.
                if !KNOWN_HELPERS.contains(&name.as_str()) {
                    out.unknown_helpers.push(at(&name));
                }
                let before = out.variables.len();
                params(&h.params, depth, line, column, &mut out.variables);
                if matches!(name.as_str(), "if" | "unless" | "ifEquals" | "unlessEquals") {
                    let tested: Vec<Reference> = out.variables[before..].to_vec();
                    out.conditionals.extend(tested);
                }
                let inner_depth =
                    if matches!(name.as_str(), "if" | "unless" | "ifEquals" | "unlessEquals") {
                        depth
                    } else {
                        depth + 1
                    };
                if let Some(t) = &h.template {
                    walk(t, inner_depth, out);
                }
                if let Some(t) = &h.inverse {
                    walk(t, inner_depth, out);
                }
            }
            TemplateElement::PartialExpression(d) => {
                out.partials.push(at(&param_text(&d.name)));
                unknown_subexpressions(d.hash.values(), (line, column), out);
                for p in d.hash.values() {
                    params(
                        std::slice::from_ref(p),
                        depth,
                        line,
                        column,
                        &mut out.variables,
                    );
                }
            }
            TemplateElement::PartialBlock(d) => {
                out.partial_blocks.push(at(&param_text(&d.name)));
                if let Some(t) = &d.template {
                    walk(t, depth, out);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::DecoratorExpression(d) => {
                if param_text(&d.name) != "inline" {
                    out.unknown_decorators.push(at(&param_text(&d.name)));
                }
                if param_text(&d.name) == "inline"
                    && let Some(Parameter::Literal(serde_json::Value::String(name))) =
                        d.params.first()
                {
                    out.inline_partials.push(at(name));
                }
                if let Some(t) = &d.template {
                    walk(t, depth, out);
                }
            }
            _ => {}
        }
    }
}

/// Records `(helper …)` sub-expressions, at any depth, whose helper does not exist: a
/// sub-expression always calls a helper.
fn unknown_subexpressions<'a>(
    params: impl Iterator<Item = &'a Parameter>,
    at: (usize, usize),
    out: &mut TemplateAnalysis,
) {
    for param in params {
        let Parameter::Subexpression(sub) = param else {
            continue;
        };
        let here = Reference {
            name: sub.name().to_owned(),
            line: at.0,
            column: at.1,
        };
        check_arity(
            sub.name(),
            sub.params().map_or(0, Vec::len),
            here.clone(),
            out,
        );
        if !KNOWN_HELPERS.contains(&sub.name()) {
            out.unknown_helpers.push(here);
        }
        if let Some(inner) = sub.params() {
            unknown_subexpressions(inner.iter(), at, out);
        }
        if let Some(hash) = sub.hash() {
            unknown_subexpressions(hash.values(), at, out);
        }
    }
}

/// Records a `{{media}}` or `{{section}}` tag.
fn record_part_tag(
    name: &str,
    h: &handlebars::template::HelperTemplate,
    line: usize,
    column: usize,
    out: &mut TemplateAnalysis,
) {
    match name {
        "media" => {
            let url = h.hash.get("url");
            out.media.push(MediaTag {
                url: url.map(param_text).unwrap_or_default(),
                url_is_literal: matches!(url, Some(Parameter::Literal(_))),
                content_type: h.hash.get("contentType").map(param_text),
                line,
                column,
            });
        }
        "section" => {
            if let Some(p) = h.params.first() {
                out.sections.push(Reference {
                    name: param_text(p),
                    line,
                    column,
                });
            }
        }
        _ => {}
    }
}

fn check_arity(name: &str, given: usize, helper: Reference, out: &mut TemplateAnalysis) {
    if let Some(needed) = required_arguments(name)
        && given < needed
    {
        out.short_calls.push(ShortCall {
            helper,
            needed,
            given,
        });
    }
}

fn record_helper(
    name: &str,
    params: &[Parameter],
    line: usize,
    column: usize,
    out: &mut TemplateAnalysis,
) {
    let label = match (name, params.first()) {
        ("role", Some(Parameter::Literal(serde_json::Value::String(role)))) => {
            format!("role:{role}")
        }
        _ => name.to_owned(),
    };
    out.helpers.push(Reference {
        name: label,
        line,
        column,
    });
}

fn params(
    params: &[Parameter],
    depth: usize,
    line: usize,
    column: usize,
    into: &mut Vec<Reference>,
) {
    for p in params {
        match p {
            Parameter::Subexpression(sub) => {
                if let Some(inner) = sub.params() {
                    self::params(inner, depth, line, column, into);
                }
            }
            other => {
                if let Some(v) = variable_of(other, depth) {
                    into.push(Reference {
                        name: v,
                        line,
                        column,
                    });
                }
            }
        }
    }
}

/// The top-level input variable a parameter reads, if it reads one.
fn variable_of(param: &Parameter, depth: usize) -> Option<String> {
    let raw = match param {
        Parameter::Path(path) => path_raw(path),
        Parameter::Name(name) => name.clone(),
        _ => return None,
    };
    let raw = raw.trim();
    if let Some(rest) = raw
        .strip_prefix("@root.")
        .or_else(|| raw.strip_prefix("@root/"))
    {
        return first_segment(rest);
    }
    if raw.starts_with('@') || raw == "this" || raw == "." {
        return None;
    }
    let mut rest = raw;
    let mut ups = 0;
    while let Some(r) = rest.strip_prefix("../") {
        rest = r;
        ups += 1;
    }
    let rest = rest
        .strip_prefix("this.")
        .or_else(|| rest.strip_prefix("./"))
        .unwrap_or(rest);
    if depth > ups {
        return None;
    }
    first_segment(rest)
}

fn first_segment(path: &str) -> Option<String> {
    let first = path.split(['.', '/', '[']).next()?.trim();
    (!first.is_empty() && !first.starts_with('@')).then(|| first.to_owned())
}

fn path_raw(path: &Path) -> String {
    match path {
        Path::Relative((_, raw)) | Path::Local((_, _, raw)) => raw.clone(),
    }
}

fn param_text(param: &Parameter) -> String {
    match param {
        Parameter::Name(name) => name.clone(),
        Parameter::Path(path) => path_raw(path),
        Parameter::Literal(value) => value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned),
        Parameter::Subexpression(sub) => sub.name().to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(refs: &[Reference]) -> Vec<&str> {
        refs.iter().map(|r| r.name.as_str()).collect()
    }

    fn run(source: &str) -> TemplateAnalysis {
        analyze(&Template::compile(source).unwrap())
    }

    #[test]
    fn finds_top_level_variables_with_positions() {
        let a = run("Hi {{name}},\n{{customer.email}}");
        assert_eq!(names(&a.variables), ["name", "customer"]);
        assert_eq!((a.variables[1].line, a.variables[1].column), (2, 1));
    }

    #[test]
    fn each_blocks_change_context() {
        let a = run("{{#each items}}{{title}} {{@root.user}} {{../tone}}{{/each}}");
        assert_eq!(names(&a.variables), ["items", "user", "tone"]);
    }

    #[test]
    fn if_records_conditionals() {
        let a = run("{{#if vip}}VIP{{else}}{{plain}}{{/if}}");
        assert_eq!(names(&a.conditionals), ["vip"]);
        assert_eq!(names(&a.variables), ["vip", "plain"]);
    }

    #[test]
    fn partials_blocks_and_inlines() {
        let a = run(
            "{{#*inline \"tone\"}}calm{{/inline}}{{> support/greeting name=user}}{{#> body}}x{{/body}}",
        );
        assert_eq!(names(&a.partials), ["support/greeting"]);
        assert_eq!(names(&a.partial_blocks), ["body"]);
        assert_eq!(names(&a.inline_partials), ["tone"]);
        assert_eq!(names(&a.variables), ["user"]);
    }

    #[test]
    fn helpers_the_renderer_does_not_have_are_unknown() {
        let a = run(
            "{{shout name}}\n{{#loud}}x{{/loud}} {{json (upper name) x=(lower y)}}\n{{name}} {{*log}}{{#if (eq a b)}}y{{/if}}",
        );
        assert_eq!(
            names(&a.unknown_helpers),
            ["shout", "loud", "upper", "lower"]
        );
        assert_eq!(
            (a.unknown_helpers[1].line, a.unknown_helpers[1].column),
            (2, 1)
        );
        assert_eq!(names(&a.unknown_decorators), ["log"]);
        let known = run(
            "{{role \"user\"}}{{#each xs}}{{json this}}{{/each}}{{#*inline \"a\"}}b{{/inline}}",
        );
        assert!(known.unknown_helpers.is_empty() && known.unknown_decorators.is_empty());
    }

    #[test]
    fn built_in_helpers_short_of_arguments_are_recorded() {
        let a = run(
            "{{#if}}x{{/if}}\n{{eq a}} {{lookup a b}} {{#each xs}}{{/each}}\n{{#if (gt n)}}y{{/if}}",
        );
        let calls: Vec<(&str, usize, usize, usize)> = a
            .short_calls
            .iter()
            .map(|c| (c.helper.name.as_str(), c.helper.line, c.needed, c.given))
            .collect();
        assert_eq!(calls, [("if", 1, 1, 0), ("eq", 2, 2, 1), ("gt", 3, 2, 1)]);
    }

    #[test]
    fn roles_and_helpers() {
        let a = run("{{role \"system\"}}S{{role \"user\"}}{{json data}}{{history}}");
        assert_eq!(
            names(&a.helpers),
            ["role:system", "role:user", "json", "history"]
        );
        assert_eq!(names(&a.variables), ["data"]);
    }

    #[test]
    fn shadowed_builtins_are_flagged() {
        let a = run("{{raw}} {{lookup}}");
        assert_eq!(names(&a.shadowed), ["raw", "lookup"]);
    }
}
