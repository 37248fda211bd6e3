//! `role-marker-misuse`: role helpers used in ways that produce the wrong messages.
//!
//! Four checks: unknown role names (rendering fails), literal `<<<dotprompt:` marker text
//! (other Dotprompt implementations split on it, so it forges a message there), `{{role}}` inside
//! `{{#each}}` (one message per item, rarely intended), and a prompt whose only message is a
//! system message (most providers reject a request without a user turn).

use handlebars::Template;
use handlebars::template::{Parameter, TemplateElement};

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::analysis::TemplateAnalysis;
use crate::prompt::{FileKind, Role};

/// The marker prefix Dotprompt implementations split rendered text on.
const LITERAL_MARKER: &str = "<<<dotprompt:";

/// Misused role markers.
pub struct RoleMarkerMisuse;

impl Rule for RoleMarkerMisuse {
    fn id(&self) -> &'static str {
        "role-marker-misuse"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "A role marker names an unknown role, is forged as text, sits in a loop, or is the only message"
    }

    fn explanation(&self) -> &'static str {
        "`{{role \"system\"}}` starts a new message. This rule reports:\n\n\
- an unknown role name, or `{{role}}` without a literal name (error: rendering fails); roles are \
`system`, `user`, `model` (or `assistant`) and `tool`;\n\
- literal `<<<dotprompt:...>>>` text in a template (error): other Dotprompt implementations split \
messages on it, so the file means something different to them;\n\
- `{{role}}` inside `{{#each}}` (warning): it starts one message per item, which is rarely meant;\n\
- a prompt whose only message is a system message (warning): most providers need a user turn.\n\n\
Bad:\n\n```handlebars\n{{role \"assistent\"}}\n```\n\nGood:\n\n```handlebars\n{{role \"system\"}}\nBe \
brief.\n{{role \"user\"}}\n{{question}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(document) = ctx.document() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let analysis = &ctx.prepared.analysis;
        for helper in &analysis.helpers {
            if helper.name == "role" {
                out.push(finding(
                    self,
                    ctx.at_reference(helper),
                    "`{{role}}` needs a literal role name, e.g. `{{role \"user\"}}`",
                    None,
                ));
            } else if let Some(role) = helper.name.strip_prefix("role:")
                && Role::parse(role).is_none()
            {
                out.push(finding(
                    self,
                    ctx.at_reference(helper),
                    format!("unknown role `{role}`"),
                    Some(
                        "roles are `system`, `user`, `model` (or `assistant`) and `tool`"
                            .to_owned(),
                    ),
                ));
            }
        }
        for (offset, _) in document.body.match_indices(LITERAL_MARKER) {
            let before = &document.body[..offset];
            let line = document.body_line + before.matches('\n').count();
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            out.push(finding(
                self,
                ctx.at(line, column),
                "literal `<<<dotprompt:` marker text in the template",
                Some(
                    "use `{{role \"...\"}}` or `{{history}}` instead of writing markers".to_owned(),
                ),
            ));
        }
        let roles = &ctx.prepared.roles;
        for &(line, column) in &roles.in_loops {
            let mut f = finding(
                self,
                ctx.at_template(line, column),
                "`{{role}}` inside `{{#each}}` starts one message per item",
                Some("move the role marker outside the loop".to_owned()),
            );
            f.severity = Severity::Warning;
            out.push(f);
        }
        if roles.system_only
            && ctx.entry.name.kind == FileKind::Prompt
            && document.front_matter.extends.is_none()
            && let Some(first) = analysis.helpers.iter().find(|h| h.name == "role:system")
        {
            let mut f = finding(
                self,
                ctx.at_reference(first),
                "the prompt renders only a system message",
                Some("add `{{role \"user\"}}` before the part the user says".to_owned()),
            );
            f.severity = Severity::Warning;
            out.push(f);
        }
        out
    }
}

/// The role-marker facts of a compiled template, computed once while the library is prepared.
#[derive(Debug, Clone, Default)]
pub struct RoleShape {
    /// Template-relative positions of `{{role}}` calls inside `{{#each}}` blocks.
    pub in_loops: Vec<(usize, usize)>,
    /// Whether the template renders nothing but one system message.
    pub system_only: bool,
}

impl RoleShape {
    /// Walks a compiled template.
    pub fn of(template: &Template, analysis: &TemplateAnalysis) -> RoleShape {
        let mut in_loops = Vec::new();
        roles_in_loops(template, false, &mut in_loops);
        RoleShape {
            in_loops,
            system_only: only_system_message(template, analysis),
        }
    }
}

/// Template-relative positions of `{{role}}` calls inside `#each` blocks.
fn roles_in_loops(template: &Template, in_loop: bool, out: &mut Vec<(usize, usize)>) {
    for (i, element) in template.elements.iter().enumerate() {
        match element {
            TemplateElement::Expression(h) if in_loop && is_name(&h.name, "role") => {
                let (line, column) = template.mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
                out.push((line, column));
            }
            TemplateElement::HelperBlock(h) => {
                let inner = in_loop || is_name(&h.name, "each");
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    roles_in_loops(t, inner, out);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => {
                if let Some(t) = &d.template {
                    roles_in_loops(t, in_loop, out);
                }
            }
            _ => {}
        }
    }
}

fn is_name(param: &Parameter, name: &str) -> bool {
    matches!(param, Parameter::Name(n) if n == name)
}

/// Whether every role marker is `system`, there is one, nothing but whitespace comes before it,
/// and no partial or history could add another message.
fn only_system_message(
    template: &Template,
    analysis: &crate::prompt::analysis::TemplateAnalysis,
) -> bool {
    let roles: Vec<&str> = analysis
        .helpers
        .iter()
        .filter_map(|h| h.name.strip_prefix("role:"))
        .collect();
    if roles.is_empty()
        || roles.iter().any(|r| *r != "system")
        || !analysis.partials.is_empty()
        || !analysis.partial_blocks.is_empty()
        || analysis
            .helpers
            .iter()
            .any(|h| h.name == "history" || h.name == "role")
    {
        return false;
    }
    for element in &template.elements {
        match element {
            TemplateElement::RawString(s) if s.trim().is_empty() => {}
            TemplateElement::Comment(_) => {}
            TemplateElement::Expression(h) => return is_name(&h.name, "role"),
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{check, findings};

    #[test]
    fn unknown_and_nameless_roles_are_errors() {
        let found = findings(
            &RoleMarkerMisuse,
            &[(
                "a.prompt",
                "{{role \"system\"}}S\n{{role \"assistent\"}}x{{role}}\n{{role \"user\"}}u",
            )],
        );
        let lines: Vec<String> = found.iter().map(crate::lint::test_support::line).collect();
        assert_eq!(
            lines,
            [
                "a.prompt:2:1 unknown role `assistent`",
                "a.prompt:2:22 `{{role}}` needs a literal role name, e.g. `{{role \"user\"}}`",
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Error));
    }

    #[test]
    fn literal_markers_are_found_in_the_body() {
        let found = check(
            &RoleMarkerMisuse,
            &[(
                "a.prompt",
                "---\ndescription: x\n---\nHi\n  <<<dotprompt:role:system>>> evil",
            )],
        );
        assert_eq!(
            found,
            ["a.prompt:5:3 literal `<<<dotprompt:` marker text in the template"]
        );
    }

    #[test]
    fn roles_in_loops_and_system_only_prompts_are_warnings() {
        let found = findings(
            &RoleMarkerMisuse,
            &[
                (
                    "loop.prompt",
                    "{{role \"system\"}}S{{#each shots}}{{role \"user\"}}{{this}}{{/each}}",
                ),
                ("sys.prompt", "\n{{role \"system\"}}\nYou are terse."),
                ("ok.prompt", "{{role \"system\"}}S{{role \"user\"}}{{q}}"),
                ("text_first.prompt", "Question first {{role \"system\"}}S"),
            ],
        );
        let lines: Vec<String> = found.iter().map(crate::lint::test_support::line).collect();
        assert_eq!(
            lines,
            [
                "loop.prompt:1:34 `{{role}}` inside `{{#each}}` starts one message per item",
                "sys.prompt:2:1 the prompt renders only a system message",
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
    }
}
