//! Input and output schemas: Picoschema, Dotprompt's compact notation, turned into JSON Schema,
//! and validation of variables against it.
//!
//! Picoschema (`field: type, description`, `field?:` optional, `field(array, desc): T`,
//! `field(object, desc):` nested, `field(enum, desc): [..]`, `(*): T` for other keys) is what
//! people write in front matter; JSON Schema is what validators and providers understand. A
//! schema with a top-level `type` or `properties` is already JSON Schema and is used as is.

use std::sync::{Arc, LazyLock};

use serde_json::{Map, Value, json};

use crate::memo::TextMemo;

/// Scalar type names Picoschema accepts.
const SCALAR_TYPES: &[&str] = &["string", "number", "integer", "boolean", "null", "any"];

/// A schema that is neither valid Picoschema nor JSON Schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SchemaError {
    /// Key path inside the schema where the problem is.
    pub path: Vec<String>,
    /// What is wrong.
    pub message: String,
}

/// One variable that does not match the input schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The variable path, e.g. `customer/name` (empty for the whole input).
    pub variable: String,
    /// What is wrong with it.
    pub message: String,
}

/// Converts a Picoschema (or JSON Schema) value into JSON Schema.
pub fn to_json_schema(schema: &Value) -> Result<Value, SchemaError> {
    to_json_schema_at(schema, &mut Vec::new())
}

fn to_json_schema_at(schema: &Value, path: &mut Vec<String>) -> Result<Value, SchemaError> {
    match schema {
        Value::String(text) => scalar(text, path),
        Value::Object(map) => {
            if is_json_schema(map) {
                // Dotprompt reads `properties` without `type` as an object schema; so do we.
                if map.contains_key("properties") && !map.contains_key("type") {
                    let mut out = map.clone();
                    out.insert("type".into(), "object".into());
                    return Ok(Value::Object(out));
                }
                return Ok(schema.clone());
            }
            object(map, path)
        }
        Value::Null => Ok(json!({})),
        other => Err(SchemaError {
            path: path.clone(),
            message: format!(
                "a schema must be a type name or a mapping of fields, found {}",
                crate::prompt::document::json_kind(other)
            ),
        }),
    }
}

fn is_json_schema(map: &Map<String, Value>) -> bool {
    matches!(map.get("type"), Some(Value::String(t)) if SCALAR_TYPES.contains(&t.as_str()) || t == "object" || t == "array")
        || map.contains_key("properties")
        || map.contains_key("$schema")
        || map.contains_key("$ref")
}

/// `string, the user's name` -> `{"type": "string", "description": "the user's name"}`.
fn scalar(text: &str, path: &[String]) -> Result<Value, SchemaError> {
    let (type_name, description) = match text.split_once(',') {
        Some((t, d)) => (t.trim(), Some(d.trim())),
        None => (text.trim(), None),
    };
    if !SCALAR_TYPES.contains(&type_name) {
        return Err(SchemaError {
            path: path.to_vec(),
            message: format!(
                "unknown type `{type_name}`; Picoschema types are {}",
                SCALAR_TYPES.join(", ")
            ),
        });
    }
    let mut out = Map::new();
    if type_name != "any" {
        out.insert("type".into(), Value::String(type_name.to_owned()));
    }
    if let Some(d) = description.filter(|d| !d.is_empty()) {
        out.insert("description".into(), Value::String(d.to_owned()));
    }
    Ok(Value::Object(out))
}

/// A Picoschema key: `name`, `name?`, `name(type)`, `name(type, description)` or `(*)`.
struct Key<'a> {
    name: &'a str,
    optional: bool,
    paren_type: Option<&'a str>,
    description: Option<&'a str>,
}

fn parse_key(key: &str) -> Key<'_> {
    let (head, paren) = match key.split_once('(') {
        Some((head, rest)) => (head, Some(rest.trim_end_matches(')'))),
        None => (key, None),
    };
    let (name, optional) = match head.strip_suffix('?') {
        Some(name) => (name, true),
        None => (head, false),
    };
    let (paren_type, description) = match paren {
        Some(inner) => match inner.split_once(',') {
            Some((t, d)) => (Some(t.trim()), Some(d.trim())),
            None => (Some(inner.trim()), None),
        },
        None => (None, None),
    };
    Key {
        name: name.trim(),
        optional,
        paren_type,
        description,
    }
}

fn object(map: &Map<String, Value>, path: &mut Vec<String>) -> Result<Value, SchemaError> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut additional = Value::Bool(false);
    for (raw_key, value) in map {
        let key = parse_key(raw_key);
        path.push(raw_key.clone());
        if key.name == "*" || (key.name.is_empty() && key.paren_type == Some("*")) {
            additional = to_json_schema_at(value, path)?;
            path.pop();
            continue;
        }
        let mut field = match key.paren_type {
            None | Some("object") => to_json_schema_at(value, path)?,
            Some("array") => json!({"type": "array", "items": to_json_schema_at(value, path)?}),
            Some("enum") => {
                let Value::Array(options) = value else {
                    return Err(SchemaError {
                        path: path.clone(),
                        message: "an `enum` field needs a list of allowed values".into(),
                    });
                };
                let mut options = options.clone();
                if key.optional && !options.contains(&Value::Null) {
                    options.push(Value::Null);
                }
                json!({"enum": options})
            }
            Some(other) if SCALAR_TYPES.contains(&other) => scalar(other, path)?,
            Some(other) => {
                return Err(SchemaError {
                    path: path.clone(),
                    message: format!(
                        "unknown type `{other}` in `{raw_key}`; use array, object, enum or a scalar type"
                    ),
                });
            }
        };
        if let (Some(description), Value::Object(f)) = (key.description, &mut field) {
            f.insert("description".into(), Value::String(description.to_owned()));
        }
        if key.optional {
            make_nullable(&mut field);
        } else {
            required.push(Value::String(key.name.to_owned()));
        }
        properties.insert(key.name.to_owned(), field);
        path.pop();
    }
    Ok(object_schema(properties, required, additional))
}

/// The JSON Schema object Picoschema's properties become (`required` only when not empty).
pub(crate) fn object_schema(
    properties: Map<String, Value>,
    required: Vec<Value>,
    additional: Value,
) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    out.insert("additionalProperties".into(), additional);
    Value::Object(out)
}

/// Optional Picoschema fields also accept `null`, as in Dotprompt.
pub(crate) fn make_nullable(field: &mut Value) {
    let Value::Object(f) = field else { return };
    if let Some(Value::String(t)) = f.get("type").cloned() {
        f.insert("type".into(), json!([t, "null"]));
    }
}

/// Checks variables against a JSON Schema; returns every violation, sorted by variable.
pub fn validate(json_schema: &Value, instance: &Value) -> Result<Vec<Violation>, SchemaError> {
    let validator = validator_for(json_schema).map_err(|e| SchemaError {
        path: Vec::new(),
        message: format!("the schema is not valid JSON Schema: {e}"),
    })?;
    let mut violations: Vec<Violation> = validator
        .iter_errors(instance)
        .map(|error| Violation {
            variable: error
                .instance_path()
                .as_str()
                .trim_start_matches('/')
                .to_owned(),
            message: error.to_string(),
        })
        .collect();
    violations.sort_by(|a, b| {
        a.variable
            .cmp(&b.variable)
            .then_with(|| a.message.cmp(&b.message))
    });
    Ok(violations)
}

/// How many compiled validators [`validator_for`] keeps.
const MAX_VALIDATORS: usize = 256;

/// The validator of a JSON Schema, compiled once per distinct schema in the process.
///
/// Rendering every prompt of a library checks each one's variables, and compiling the
/// validator cost more than checking with it; prompts of one library share a handful of input
/// shapes. Keyed by the schema's JSON text, so only an identical schema is reused.
fn validator_for(
    json_schema: &Value,
) -> Result<Arc<jsonschema::Validator>, jsonschema::ValidationError<'static>> {
    static VALIDATORS: LazyLock<TextMemo<jsonschema::Validator>> =
        LazyLock::new(|| TextMemo::new(MAX_VALIDATORS));
    VALIDATORS.get_or_try_insert(&json_schema.to_string(), || {
        jsonschema::validator_for(json_schema)
    })
}

/// The top-level variable names a schema declares, in declaration order.
pub fn declared_variables(json_schema: &Value) -> Vec<String> {
    json_schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Whether the schema lets variables beyond the declared ones through.
pub fn allows_other_variables(json_schema: &Value) -> bool {
    !matches!(
        json_schema.get("additionalProperties"),
        Some(Value::Bool(false))
    )
}

/// Turns command-line strings into the types the schema asks for (`--var count=3` -> `3`).
///
/// Only top-level string values whose declared type is not `string` are touched, and only when
/// the text parses as JSON of an allowed type; anything else is left for validation to report.
pub fn coerce_strings(json_schema: &Value, variables: &mut Map<String, Value>) {
    let Some(properties) = json_schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, value) in variables.iter_mut() {
        let Value::String(text) = value else { continue };
        let Some(declared) = properties.get(name) else {
            continue;
        };
        let types: Vec<&str> = match declared.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        if types.contains(&"string") {
            continue;
        }
        if let Ok(parsed) = serde_json::from_str::<Value>(text) {
            let kind = match &parsed {
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::Bool(_) => "boolean",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
                Value::Null => "null",
                Value::String(_) => "string",
            };
            if types.contains(&kind) || (kind == "integer" && types.contains(&"number")) {
                *value = parsed;
            }
        }
    }
}

/// Whether a schema written as a bare string names a schema defined elsewhere (`schema: Ticket`)
/// rather than being a Picoschema scalar (`schema: string, the text`).
pub fn is_schema_name(text: &str) -> bool {
    const SCALARS: &[&str] = &["any", "boolean", "integer", "null", "number", "string"];
    let head = text.split(',').next().unwrap_or("").trim();
    !head.is_empty()
        && !SCALARS.contains(&head)
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && !head.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pico(yaml: &str) -> Value {
        to_json_schema(&crate::yaml::from_str::<Value>(yaml).unwrap()).unwrap()
    }

    #[test]
    fn scalars_optionals_and_descriptions() {
        let s = pico("name: string, the customer's name\nage?: integer\n");
        assert_eq!(
            s["properties"]["name"],
            json!({"type": "string", "description": "the customer's name"})
        );
        assert_eq!(s["properties"]["age"]["type"], json!(["integer", "null"]));
        assert_eq!(s["required"], json!(["name"]));
        assert_eq!(s["additionalProperties"], json!(false));
    }

    #[test]
    fn arrays_objects_enums_and_wildcards() {
        let s = pico(
            "tags(array, labels): string\naddress(object):\n  city: string\nmood(enum): [happy, sad]\n(*): number\n",
        );
        assert_eq!(s["properties"]["tags"]["items"]["type"], "string");
        assert_eq!(s["properties"]["tags"]["description"], "labels");
        assert_eq!(
            s["properties"]["address"]["properties"]["city"]["type"],
            "string"
        );
        assert_eq!(s["properties"]["mood"]["enum"], json!(["happy", "sad"]));
        assert_eq!(s["additionalProperties"]["type"], "number");
    }

    #[test]
    fn json_schema_passes_through() {
        let js = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        assert_eq!(to_json_schema(&js).unwrap(), js);
    }

    #[test]
    fn unknown_type_is_an_error_with_path() {
        let err = to_json_schema(&json!({"a": "strnig"})).unwrap_err();
        assert_eq!(err.path, ["a"]);
        assert!(err.message.contains("strnig"));
    }

    #[test]
    fn validation_names_the_variable() {
        let s = pico("count: integer\nname: string\n");
        let v = validate(&s, &json!({"count": "three", "name": "x"})).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].variable, "count");
        let missing = validate(&s, &json!({"count": 1})).unwrap();
        assert_eq!(missing.len(), 1);
        let extra = validate(&s, &json!({"count": 1, "name": "x", "nmae": "y"})).unwrap();
        assert_eq!(extra.len(), 1);
    }

    #[test]
    fn properties_without_type_become_an_object_schema() {
        let out = to_json_schema(&json!({"properties": {"foo": {"type": "string"}}})).unwrap();
        assert_eq!(
            out,
            json!({"type": "object", "properties": {"foo": {"type": "string"}}})
        );
    }

    #[test]
    fn bare_names_are_schema_names_and_scalars_are_not() {
        assert!(is_schema_name("Ticket"));
        assert!(is_schema_name("my-schema.v2"));
        assert!(!is_schema_name("string"));
        assert!(!is_schema_name("string, the text"));
        assert!(!is_schema_name("../etc/passwd"));
        assert!(!is_schema_name(""));
    }
}
