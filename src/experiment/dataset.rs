//! Datasets: the cases an experiment runs, from JSONL, CSV, JSON or YAML.
//!
//! Every case has an `id` (stable: split assignment and sharding hash it), variables for the
//! template, and optionally an `expected` value and case-specific `assertions`:
//!
//! ```text
//! {"id": "refund-1", "vars": {"message": "Where is my refund?"}, "expected": "refund"}
//! {"id": "refund-2", "message": "I want my money back"}      <- no `vars`: other keys are vars
//! ```
//!
//! CSV has a header row: `id`, optional `expected`, and one column per variable (a `vars.`
//! prefix is allowed and dropped). YAML is a list of cases or a mapping with `cases:`.
//! Every problem is reported with the file and line of the case it concerns.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::experiment::assert::{self, Assertion};
use crate::experiment::locate::{Seg, locate};
use crate::experiment::{Problem, Problems};
use crate::finding::Location;

/// One case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Stable id, unique in the dataset.
    pub id: String,
    /// Template variables.
    pub vars: Map<String, Value>,
    /// What a good output is, for `equals` and `similarity`.
    pub expected: Option<Value>,
    /// Assertions for this case only.
    pub assertions: Vec<Assertion>,
    /// Prior messages for `{{history}}` (`history:` in the case), media parts included.
    pub history: Vec<crate::prompt::Message>,
    /// 1-based line the case starts on.
    pub line: usize,
}

/// A loaded dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// The cases, in file order.
    pub cases: Vec<Case>,
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    /// The file could not be read.
    #[error("cannot read the dataset `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file has problems.
    #[error(transparent)]
    Invalid(Problems),
    /// The path would lead outside the project.
    #[error(transparent)]
    PathEscape(#[from] crate::confine::PathEscape),
}

/// Stop collecting after this many problems: the rest are usually the same mistake.
const MAX_PROBLEMS: usize = 50;

impl Dataset {
    /// Reads a dataset file, `relative` to `root`.
    ///
    /// The path is a name from a spec or a prompt, so it is confined to the project: no `..`,
    /// no absolute path, no link that leads out.
    pub fn load(root: &Path, relative: &Path) -> Result<Dataset, DatasetError> {
        let absolute = crate::confine::Boundary::new(root).join(&relative.to_string_lossy())?;
        let text = std::fs::read_to_string(absolute).map_err(|source| DatasetError::Read {
            path: relative.to_path_buf(),
            source,
        })?;
        Dataset::parse(relative, &text).map_err(DatasetError::Invalid)
    }

    /// Parses a dataset's text; the format comes from the extension.
    pub fn parse(path: &Path, text: &str) -> Result<Dataset, Problems> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut problems = Vec::new();
        let raw: Vec<(usize, Value)> = match ext.as_str() {
            "jsonl" | "ndjson" => parse_jsonl(path, text, &mut problems),
            "csv" => parse_csv(path, text, &mut problems),
            "json" => parse_json_array(path, text, &mut problems),
            "yaml" | "yml" => parse_yaml(path, text, &mut problems),
            _ => {
                return Err(Problems::new(vec![Problem::new(
                    Location::file(path),
                    "unknown dataset format: use .jsonl, .csv, .json or .yaml",
                )]));
            }
        };
        let mut cases = Vec::with_capacity(raw.len());
        let mut seen = HashSet::new();
        for (line, value) in raw {
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
            let at = |message: String| Problem::new(Location::at(path, line, 1), message);
            match case_from_value(value, line) {
                Ok(case) => {
                    if !seen.insert(case.id.clone()) {
                        problems.push(at(format!("case id `{}` is used twice", case.id)));
                    }
                    cases.push(case);
                }
                Err(message) => problems.push(at(message)),
            }
        }
        if cases.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                Location::file(path),
                "the dataset has no cases",
            ));
        }
        if problems.is_empty() {
            Ok(Dataset {
                path: path.to_path_buf(),
                cases,
            })
        } else {
            Err(Problems::new(problems))
        }
    }
}

fn case_from_value(value: Value, line: usize) -> Result<Case, String> {
    let Value::Object(mut m) = value else {
        return Err("a case must be an object with an `id`".into());
    };
    let id = match m.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("a case `id` must be a non-empty string or a number".into()),
        None => return Err("a case needs an `id`".into()),
    };
    let expected = m.remove("expected");
    let assertions = match m.remove("assertions") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                assert::compile_value(v, i)
                    .map_err(|e| format!("case `{id}`, assertion {}: {}", i + 1, e.message))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(format!("case `{id}`: `assertions` must be a list")),
    };
    // `history` is a helper in every template, so the name is never a variable's.
    let history = match m.remove("history") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => crate::prompt::message::history_from_value(&value)
            .and_then(|messages| {
                messages
                    .iter()
                    .map(crate::prompt::message::PartsMessage::to_strict)
                    .collect()
            })
            .map_err(|e| format!("case `{id}`: `history`: {e}"))?,
    };
    let vars = match m.remove("vars") {
        Some(Value::Object(vars)) => {
            if let Some(extra) = m.keys().next() {
                return Err(format!(
                    "case `{id}`: unknown key `{extra}` (put variables under `vars`)"
                ));
            }
            vars
        }
        Some(_) => return Err(format!("case `{id}`: `vars` must be a mapping")),
        None => m,
    };
    Ok(Case {
        id,
        vars,
        expected,
        assertions,
        history,
        line,
    })
}

fn parse_jsonl(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Value)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        if let Err(e) = crate::nesting::check(trimmed) {
            let indent = line.len() - line.trim_start().len();
            problems.push(Problem::new(
                Location::at(path, i + 1, indent + e.column),
                format!("invalid JSON: {e}"),
            ));
            break;
        }
        match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => out.push((i + 1, v)),
            Err(e) => {
                problems.push(Problem::new(
                    Location::at(path, i + 1, e.column()),
                    format!("invalid JSON: {}", strip_position(&e.to_string())),
                ));
                if problems.len() >= MAX_PROBLEMS {
                    break;
                }
            }
        }
    }
    out
}

fn strip_position(message: &str) -> &str {
    message
        .find(" at line ")
        .map_or(message, |cut| &message[..cut])
}

fn parse_json_array(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Value)> {
    if let Err(e) = crate::nesting::check(text) {
        problems.push(Problem::new(
            Location::at(path, e.line, e.column),
            format!("invalid JSON: {e}"),
        ));
        return Vec::new();
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items.into_iter().map(|v| (1, v)).collect(),
        Ok(_) => {
            problems.push(Problem::new(
                Location::at(path, 1, 1),
                "a JSON dataset must be a list of cases",
            ));
            Vec::new()
        }
        Err(e) => {
            problems.push(Problem::new(
                Location::at(path, e.line(), e.column()),
                format!("invalid JSON: {}", strip_position(&e.to_string())),
            ));
            Vec::new()
        }
    }
}

fn parse_yaml(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Value)> {
    let value: Value = match crate::yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem::new(
                Location::at(path, e.line.unwrap_or(1), e.column.unwrap_or(1)),
                format!("invalid YAML: {}", e.message),
            ));
            return Vec::new();
        }
    };
    let (items, under_cases) = match value {
        Value::Array(items) => (items, false),
        Value::Object(mut m) if matches!(m.get("cases"), Some(Value::Array(_))) => {
            let Some(Value::Array(items)) = m.remove("cases") else {
                return Vec::new();
            };
            (items, true)
        }
        _ => {
            problems.push(Problem::new(
                Location::at(path, 1, 1),
                "a YAML dataset must be a list of cases, or a mapping with `cases:`",
            ));
            return Vec::new();
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let (line, _) = if under_cases {
                locate(text, &[Seg::Key("cases"), Seg::Index(i)])
            } else {
                locate(text, &[Seg::Index(i)])
            };
            (line, v)
        })
        .collect()
}

fn parse_csv(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, Value)> {
    let rows = match csv_rows(text) {
        Ok(rows) => rows,
        Err((line, message)) => {
            problems.push(Problem::new(Location::at(path, line, 1), message));
            return Vec::new();
        }
    };
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Vec::new();
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches("vars.").to_owned())
        .collect();
    if !header.iter().any(|h| h == "id") {
        problems.push(Problem::new(
            Location::at(path, 1, 1),
            "the CSV header needs an `id` column",
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (line, row) in rows {
        if row.len() == 1 && row[0].trim().is_empty() {
            continue;
        }
        if row.len() != header.len() {
            problems.push(Problem::new(
                Location::at(path, line, 1),
                format!(
                    "the row has {} fields but the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let mut case = Map::new();
        let mut vars = Map::new();
        for (name, value) in header.iter().zip(row) {
            match name.as_str() {
                "id" | "expected" => {
                    case.insert(name.clone(), Value::String(value));
                }
                _ => {
                    vars.insert(name.clone(), Value::String(value));
                }
            }
        }
        case.insert("vars".into(), Value::Object(vars));
        out.push((line, Value::Object(case)));
    }
    out
}

/// Splits CSV text (RFC 4180: quotes, doubled quotes, newlines in quotes) into rows, each with
/// the 1-based line it starts on.
/// A CSV row: the line it starts on, and its fields.
type CsvRow = (usize, Vec<String>);

fn csv_rows(text: &str) -> Result<Vec<CsvRow>, (usize, String)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err((quote_line, "a quoted field is never closed".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<Dataset, Problems> {
        Dataset::parse(Path::new(name), text)
    }

    #[test]
    fn jsonl_with_and_without_vars() {
        let d = parse(
            "d.jsonl",
            "{\"id\": \"a\", \"vars\": {\"q\": 1}, \"expected\": \"x\"}\n\n{\"id\": 7, \"q\": 2, \"assertions\": [{\"type\": \"contains\", \"value\": \"z\"}]}\n",
        )
        .unwrap();
        assert_eq!(d.cases.len(), 2);
        assert_eq!(d.cases[0].vars["q"], 1);
        assert_eq!(d.cases[0].expected, Some(Value::String("x".into())));
        assert_eq!(d.cases[1].id, "7");
        assert_eq!(d.cases[1].line, 3);
        assert_eq!(d.cases[1].vars["q"], 2);
        assert_eq!(d.cases[1].assertions.len(), 1);
    }

    #[test]
    fn jsonl_errors_have_file_and_line() {
        let err = parse(
            "data/d.jsonl",
            "{\"id\": \"a\"}\n{\"id\": \"b\"\n{\"vars\": {}}\n{\"id\": \"a\"}\n",
        )
        .unwrap_err();
        let lines: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(lines[0].starts_with("data/d.jsonl:2:"), "{lines:#?}");
        assert!(lines[0].contains("invalid JSON"), "{lines:#?}");
        assert_eq!(lines[1], "data/d.jsonl:3:1: a case needs an `id`");
        assert_eq!(lines[2], "data/d.jsonl:4:1: case id `a` is used twice");
    }

    #[test]
    fn csv_with_quotes_and_newlines() {
        let d = parse(
            "d.csv",
            "id,vars.message,expected\r\nr1,\"Hello, \"\"world\"\"\",hi\r\nr2,\"two\nlines\",x\n",
        )
        .unwrap();
        assert_eq!(d.cases.len(), 2);
        assert_eq!(d.cases[0].vars["message"], "Hello, \"world\"");
        assert_eq!(d.cases[0].expected, Some(Value::String("hi".into())));
        assert_eq!(d.cases[1].vars["message"], "two\nlines");
        assert_eq!(d.cases[1].line, 3);
    }

    #[test]
    fn csv_errors() {
        let err = parse("d.csv", "id,a\nx,1,2\ny,\"open\n").unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "d.csv:3:1: a quoted field is never closed"
        );
        let err = parse("d.csv", "id,a\nx,1,2\n").unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "d.csv:2:1: the row has 3 fields but the header has 2"
        );
        let err = parse("d.csv", "name,a\nx,1\n").unwrap_err();
        assert!(err.problems[0].message.contains("`id` column"));
    }

    #[test]
    fn yaml_list_or_cases_mapping() {
        let d = parse(
            "d.yaml",
            "- id: a\n  vars: {q: 1}\n- id: b\n  vars:\n    q: 2\n",
        )
        .unwrap();
        assert_eq!(d.cases[1].line, 3);
        let d = parse(
            "d.yml",
            "cases:\n  - id: a\n    q: 1\n  - id: b\n    q: 2\n",
        )
        .unwrap();
        assert_eq!(d.cases.len(), 2);
        assert_eq!(d.cases[1].line, 4);
        let err = parse("d.yaml", "- id: a\n- vars: {}\n").unwrap_err();
        assert_eq!(
            err.problems[0].to_string(),
            "d.yaml:2:1: a case needs an `id`"
        );
        let err = parse("d.yaml", "- id: [\n").unwrap_err();
        assert!(err.problems[0].message.starts_with("invalid YAML"));
        let err = parse("d.yaml", "just: text\n").unwrap_err();
        assert!(err.problems[0].message.contains("must be a list"));
    }

    #[test]
    fn json_array_and_unknown_formats() {
        let d = parse("d.json", "[{\"id\": \"a\"}, {\"id\": \"b\"}]").unwrap();
        assert_eq!(d.cases.len(), 2);
        assert!(parse("d.txt", "x").is_err());
        assert!(
            parse("d.jsonl", "").unwrap_err().problems[0]
                .message
                .contains("no cases")
        );
        let err = parse("d.jsonl", "{\"id\": \"a\", \"vars\": {}, \"extra\": 1}\n").unwrap_err();
        assert!(err.problems[0].message.contains("unknown key `extra`"));
        let err = parse(
            "d.jsonl",
            "{\"id\": \"a\", \"assertions\": [{\"type\": \"bogus\"}]}\n",
        )
        .unwrap_err();
        assert!(err.problems[0].message.contains("assertion 1"), "{err}");
    }

    #[test]
    fn a_case_history_is_read_as_messages_not_variables() {
        let text = "- id: a\n  vars: {q: hi}\n  history:\n    - {role: user, content: earlier}\n    - role: model\n      content: [{text: answer}, {media: {url: 'https://x/a.png'}}]\n- id: b\n  q: flat\n  history: [{role: user, content: before}]\n";
        let dataset = Dataset::parse(Path::new("d.yaml"), text).unwrap();
        let a = &dataset.cases[0];
        assert_eq!(a.history.len(), 2);
        assert_eq!(a.history[0].content, "earlier");
        assert_eq!(a.history[1].media().count(), 1);
        assert!(!a.vars.contains_key("history"));
        let b = &dataset.cases[1];
        assert_eq!(b.history[0].content, "before");
        assert!(!b.vars.contains_key("history"));
        let bad = Dataset::parse(
            Path::new("d.yaml"),
            "- id: c\n  history: [{role: wizard, content: x}]\n",
        )
        .unwrap_err();
        assert!(bad.to_string().contains("`history`"), "{bad}");
    }
}
