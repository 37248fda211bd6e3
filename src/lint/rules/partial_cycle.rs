//! `partial-cycle`: partials that include each other in a loop.

use std::collections::{HashMap, VecDeque};

use crate::finding::{Finding, Severity};
use crate::lint::{LibraryIndex, LintContext, Rule, finding};

/// Include cycles between partials.
pub struct PartialCycle;

impl Rule for PartialCycle {
    fn id(&self) -> &'static str {
        "partial-cycle"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "Partials include each other in a loop"
    }

    fn explanation(&self) -> &'static str {
        "If `_a.prompt` includes `{{> b}}` and `_b.prompt` includes `{{> a}}`, rendering either \
never ends; promptctl stops with an error instead. Each partial on the loop is reported at the \
include that continues it. Break the loop by moving the shared text into a third partial."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let index = ctx.index;
        let Some(component) = index.cycle_component(ctx.position) else {
            return Vec::new();
        };
        let analysis = &ctx.prepared.analysis;
        let mut out = Vec::new();
        let mut reported = Vec::new();
        for name in LibraryIndex::included_partials(analysis) {
            let Some(target) = index.partial(name) else {
                continue;
            };
            if index.cycle_component(target) != Some(component) || reported.contains(&target) {
                continue;
            }
            reported.push(target);
            let Some(reference) = analysis.partials.iter().find(|r| r.name == name) else {
                continue;
            };
            let mut chain = vec![ctx.position];
            chain.extend(path_back(index, target, ctx.position, component));
            let names: Vec<String> = chain.iter().map(|&i| index.name(i).name).collect();
            out.push(finding(
                self,
                ctx.at_reference(reference),
                format!("partials include each other: {}", names.join(" -> ")),
                Some("move the shared text into a partial that includes neither".to_owned()),
            ));
        }
        out
    }
}

/// The shortest include path from `from` back to `to`, staying inside the cycle's component.
fn path_back(index: &LibraryIndex, from: usize, to: usize, component: usize) -> Vec<usize> {
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = vec![from];
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![node];
            let mut current = node;
            while let Some(&p) = previous.get(&current) {
                path.push(p);
                current = p;
            }
            path.reverse();
            return path;
        }
        for next in index.partial_edges(node) {
            if index.cycle_component(next) == Some(component) && !seen.contains(&next) {
                seen.push(next);
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![from, to]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_each_partial_on_the_loop() {
        let found = check(
            &PartialCycle,
            &[
                ("a.prompt", "{{> p}}"),
                ("_p.prompt", "p {{> q}}"),
                ("_q.prompt", "q\n{{> r}} {{> p}}"),
                ("_r.prompt", "r"),
                ("_self.prompt", "{{> self}}"),
            ],
        );
        assert_eq!(
            found,
            [
                "_p.prompt:1:3 partials include each other: p -> q -> p",
                "_q.prompt:2:9 partials include each other: q -> p -> q",
                "_self.prompt:1:1 partials include each other: self -> self",
            ]
        );
    }

    #[test]
    fn a_diamond_is_not_a_cycle() {
        let found = check(
            &PartialCycle,
            &[
                ("_a.prompt", "{{> b}}{{> c}}"),
                ("_b.prompt", "{{> d}}"),
                ("_c.prompt", "{{> d}}"),
                ("_d.prompt", "d"),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
