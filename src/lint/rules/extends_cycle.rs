//! `extends-cycle`: prompts whose `extends:` chain loops.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// `extends` loops.
pub struct ExtendsCycle;

impl Rule for ExtendsCycle {
    fn id(&self) -> &'static str {
        "extends-cycle"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`extends:` chains loop back to the prompt"
    }

    fn explanation(&self) -> &'static str {
        "If `a` extends `b` and `b` extends `a`, neither has a base template to render. Every \
prompt on the loop is reported at its `extends:` line. Make one of them the root: remove its \
`extends`."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let index = ctx.index;
        if index.extends_of(ctx.position).is_none() {
            return Vec::new();
        }
        let mut chain = vec![ctx.position];
        let mut current = ctx.position;
        while let Some(next) = index.extends_of(current).and_then(|id| index.prompt(id)) {
            if next == ctx.position {
                chain.push(next);
                let names: Vec<String> = chain
                    .iter()
                    .map(|&i| crate::library::display_id(&index.name(i)))
                    .collect();
                let base = index.extends_of(ctx.position).unwrap_or_default();
                return vec![finding(
                    self,
                    ctx.at_value("extends", base),
                    format!("`extends` loops: {}", names.join(" -> ")),
                    Some("remove `extends` from one prompt on the loop".to_owned()),
                )];
            }
            if chain.contains(&next) {
                // A loop further up the chain; the prompts on it report it.
                return Vec::new();
            }
            chain.push(next);
            current = next;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_each_prompt_on_the_loop_only() {
        let found = check(
            &ExtendsCycle,
            &[
                ("x.prompt", "---\nextends: y\n---\nx"),
                ("y.prompt", "---\nextends: x\n---\ny"),
                ("z.prompt", "---\nextends: x\n---\nz"),
                ("me.prompt", "---\nextends: me\n---\nm"),
            ],
        );
        assert_eq!(
            found,
            [
                "me.prompt:2:10 `extends` loops: me -> me",
                "x.prompt:2:10 `extends` loops: x -> y -> x",
                "y.prompt:2:10 `extends` loops: y -> x -> y",
            ]
        );
    }
}
