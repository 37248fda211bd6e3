//! Compiling a Handlebars template in time linear in its length.
//!
//! The `handlebars` crate records the line and column of every token it parses by counting
//! characters from the start of the source (pest's `Position::line_col`), so compiling a template
//! is quadratic in its length: a prompt of 20,000 lines took most of a minute. Every place that
//! compiles a prompt's template goes through [`compile`], which cuts the source into pieces of a
//! few kilobytes, compiles each piece on its own, and joins the trees with their line numbers
//! shifted. The joined tree renders exactly as the tree of the whole source would.
//!
//! A cut is only made where it cannot change what Handlebars builds: in plain text at the top
//! level (outside every tag, block, comment and raw block), either
//! - just after a newline, when the text since the last tag has a non-blank character before
//!   the cut and the character right after the cut is neither whitespace nor the start of a tag,
//!   so the whitespace rules (`{{~x}}`, `{{x~}}`, standalone block lines, partial indentation)
//!   see the same text in a piece as in the whole; or
//! - inside a word (an ASCII letter or digit on both sides), only when no newline cut came
//!   within two piece lengths: a template written on one long line is cut too. Tags on either
//!   side of such a cut share their line with non-blank text in the piece as in the whole, so
//!   none of them is standalone in one and not the other; the pieces' columns are shifted by
//!   what precedes them on their first line;
//!
//! and in both cases only when the last tag before the cut does not end in `~`, a flag
//! Handlebars carries through text and comments.
//!
//! The scanner that finds cuts is deliberately partial: at anything it does not follow exactly
//! (an unclosed tag or string, a `[` inside a tag, a stray closing tag) it stops cutting, and the
//! rest is compiled in one piece, which is always correct, just not faster.
//!
//! Linear is not cheap: Handlebars' parser spends hundreds of instructions on every character
//! of plain text, and a scan renders every prompt of a library. So before parsing, each long run
//! of plain text on a line is replaced by one placeholder character (`Compacted`), and the
//! text is put back into the tree afterwards; what is left is the template's tags and short
//! text, its shape. A shape seen before in the process is not parsed again (`compile_shape`):
//! prompts written from one skeleton, translations and one-line partials share a few; nor is a
//! piece of a shape between two cuts (a role line, a loop), so templates that differ in one
//! line share the parse of the rest. These steps give the tree compiling the source as written
//! gives (property-tested against `Template::compile`), and a template that fails is compiled
//! again as written, so its error is Handlebars' own, at its own place.

use std::sync::LazyLock;

use handlebars::Template;
use handlebars::template::TemplateElement;

use crate::memo::TextMemo;

/// Below this many bytes a piece is not cut further: compiling it costs about as much as the
/// scan that would cut it.
const PIECE_BYTES: usize = 2048;

/// A template that does not compile, at a 1-based line and column of the whole source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct TemplateSyntaxError {
    /// What Handlebars said.
    pub reason: String,
    /// 1-based line and column, when Handlebars gave them.
    pub position: Option<(usize, usize)>,
}

/// Compiles a template as `Template::compile` does, in time linear in its length.
pub fn compile(source: &str) -> Result<Template, TemplateSyntaxError> {
    check_block_depth(source, MAX_BLOCK_DEPTH)?;
    let compacted = Compacted::of(source);
    let parsed = compacted.as_ref().map_or(source, |c| c.source.as_str());
    if let Some(mut template) = compile_shape(parsed) {
        if let Some(compacted) = compacted {
            compacted.restore(&mut template);
        }
        return Ok(template);
    }
    // A template that does not compile: its error is reported at the place Handlebars gives
    // for the source as written.
    compile_in_pieces(source, PIECE_BYTES)
}

/// How many compiled shapes, and how many pieces of them, are kept in the process.
const MAX_SHAPES: usize = 512;
/// Longer sources are compiled every time: a library rarely repeats them.
const MAX_SHAPE_BYTES: usize = 4096;

/// The tree of a (compacted) source that compiles, compiled once per distinct source in the
/// process.
///
/// With its text runs replaced by numbered placeholders, a template is its tags and short
/// text: prompts written from one skeleton, a prompt's translations and variants, partials of
/// one line of text all come down to a few shapes, and the parser, not the copy, is the cost.
/// Only an identical source is reused, so the tree is the one Handlebars builds for it.
fn compile_shape(source: &str) -> Option<Template> {
    static SHAPES: LazyLock<TextMemo<Template>> = LazyLock::new(|| TextMemo::new(MAX_SHAPES));
    if source.len() > MAX_SHAPE_BYTES {
        return compile_in_pieces(source, PIECE_BYTES).ok();
    }
    // Cut wherever the tree allows, so lines templates share (a role line, a loop) are parsed
    // once even when the templates differ elsewhere.
    let shape = SHAPES
        .get_or_try_insert(source, || compile_pieces_with(source, 1, compile_piece))
        .ok()?;
    Some(Template::clone(&shape))
}

/// A piece of a shape (see [`compile_shape`]), parsed once per distinct piece in the process.
fn compile_piece(piece: &str) -> Result<Template, handlebars::TemplateError> {
    static PIECES: LazyLock<TextMemo<Template>> = LazyLock::new(|| TextMemo::new(MAX_SHAPES));
    let parsed = PIECES.get_or_try_insert(piece, || Template::compile(piece))?;
    Ok(Template::clone(&parsed))
}

/// Below this many bytes a run of plain text is left as written: its placeholder would save
/// the parser too little.
const MIN_PLACEHOLDER_RUN: usize = 16;

/// The first of the characters that stand for runs of plain text: Unicode's supplementary
/// private use area A, 65,534 code points no template is expected to hold. A source that holds
/// one of them (or any character of its UTF-8 lead byte) is compiled as written.
const FIRST_PLACEHOLDER: u32 = 0xF_0000;
const LAST_PLACEHOLDER: u32 = 0xF_FFFD;
/// The UTF-8 lead byte of every character from U+C0000 to U+FFFFF, placeholders included.
const PLACEHOLDER_LEAD_BYTE: u8 = 0xF3;

/// A template source with its long runs of plain text replaced by one placeholder character
/// each, so Handlebars' parser, which costs hundreds of instructions per character of text,
/// reads a fraction of the source; [`Compacted::restore`] puts the text back in the tree.
///
/// A run is what lies on one line between its first and last non-blank character, in text
/// outside every tag, when the line ends (with a newline or the end of the source) before
/// any tag and the run holds no `{`, `}` or `\`. Replacing it cannot change the tree:
/// - the parser reads text as "anything but `{{` or an escape", and neither the run nor its
///   placeholder holds a brace or a backslash;
/// - every newline and every blank character stays where it was, so whitespace control
///   (`~`, which trims blanks and stops at the first non-blank character), standalone lines
///   (a tag alone on its line, blanks aside) and line numbers see the same text, and no tag
///   follows a placeholder on its line, so no tag's column moves;
/// - the placeholder is not blank, not a letter or digit (so no cut of
///   [`compile_in_pieces`] falls inside it) and appears nowhere else in the source.
struct Compacted {
    source: String,
    /// The text each placeholder stands for, in placeholder order.
    runs: Vec<String>,
}

impl Compacted {
    /// The compacted source, or `None` when no run is worth replacing (or placeholders cannot
    /// be told apart from the source's own characters).
    fn of(source: &str) -> Option<Compacted> {
        let b = source.as_bytes();
        if memchr::memchr(PLACEHOLDER_LEAD_BYTE, b).is_some() {
            return None;
        }
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        let mut text_start = 0;
        let mut search_from = 0;
        loop {
            let Some(at) = find(b, search_from, b"{{") else {
                line_runs(source, text_start, b.len(), true, &mut runs);
                break;
            };
            if let Some(length) = escaped_open(b, text_start, at) {
                // `\{{` is text: the run of text goes on past it.
                search_from = at + length;
                continue;
            }
            line_runs(source, text_start, at, false, &mut runs);
            // Past a tag the scanner does not follow, the rest stays as written.
            let Some(tag) = read_tag(b, at) else {
                break;
            };
            text_start = tag.end;
            search_from = tag.end;
        }
        let last = usize::try_from(LAST_PLACEHOLDER - FIRST_PLACEHOLDER).unwrap_or(0);
        runs.truncate(last + 1);
        if runs.is_empty() {
            return None;
        }
        let mut compacted = String::with_capacity(source.len());
        let mut texts = Vec::with_capacity(runs.len());
        let mut copied = 0;
        for (index, run) in runs.into_iter().enumerate() {
            compacted.push_str(&source[copied..run.start]);
            compacted.push(placeholder(index));
            texts.push(source[run.clone()].to_owned());
            copied = run.end;
        }
        compacted.push_str(&source[copied..]);
        Some(Compacted {
            source: compacted,
            runs: texts,
        })
    }

    /// Puts every run back where its placeholder is in `template`, blocks included.
    fn restore(&self, template: &mut Template) {
        for_each_template(template, |t| {
            for element in &mut t.elements {
                if let TemplateElement::RawString(text) = element {
                    self.restore_text(text);
                }
            }
        });
    }

    fn restore_text(&self, text: &mut String) {
        if memchr::memchr(PLACEHOLDER_LEAD_BYTE, text.as_bytes()).is_none() {
            return;
        }
        let mut restored = String::with_capacity(text.len());
        for c in text.chars() {
            let index = u32::from(c)
                .checked_sub(FIRST_PLACEHOLDER)
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| self.runs.get(i));
            match index {
                Some(run) => restored.push_str(run),
                None => restored.push(c),
            }
        }
        *text = restored;
    }
}

fn placeholder(index: usize) -> char {
    u32::try_from(index)
        .ok()
        .and_then(|i| char::from_u32(FIRST_PLACEHOLDER + i))
        .expect("placeholders are counted below the private use area's end")
}

/// Adds the runs worth replacing in the text `start..end` of `source`: on each line that ends
/// inside the text (or, when `ends_source`, at the end of the source), the part from its first
/// to its last non-blank character.
fn line_runs(
    source: &str,
    start: usize,
    end: usize,
    ends_source: bool,
    runs: &mut Vec<std::ops::Range<usize>>,
) {
    let text = &source[start..end];
    let mut line_start = 0;
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| (at, at + 1));
    let last = ends_source.then_some((text.len(), text.len()));
    for (line_end, next_start) in newlines.chain(last) {
        let line = &text[line_start..line_end];
        let trimmed_start = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.len() >= MIN_PLACEHOLDER_RUN
            && !content.bytes().any(|c| matches!(c, b'{' | b'}' | b'\\'))
        {
            let from = start + line_start + trimmed_start;
            runs.push(from..from + content.len());
        }
        line_start = next_start;
    }
}

/// The deepest nesting of blocks (`{{#…}}` inside `{{#…}}`) a template may have.
///
/// Handlebars parses, and promptctl walks and renders, one stack frame (or several) per level: a
/// few thousand nested `{{#if}}` overflow the stack and abort the process. No prompt needs more
/// than a handful of levels.
pub const MAX_BLOCK_DEPTH: usize = 100;

/// Refuses a template whose blocks nest deeper than `limit`, at the opening tag that crosses it.
///
/// Counts `{{#` and `{{~#` as openings and `{{/` and `{{~/` as closings wherever they appear,
/// in one linear pass; an opening inside a comment or raw block counts too, which can only make
/// the count higher than Handlebars' own, never let a deeper template through.
fn check_block_depth(source: &str, limit: usize) -> Result<(), TemplateSyntaxError> {
    let b = source.as_bytes();
    let mut depth = 0usize;
    for at in memchr::memmem::find_iter(b, b"{{") {
        let mut next = at + 2;
        if b.get(next) == Some(&b'~') {
            next += 1;
        }
        match b.get(next) {
            Some(b'#') => {
                depth += 1;
                if depth > limit {
                    let before = &source[..at];
                    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
                    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                    let column = before[line_start..].chars().count() + 1;
                    return Err(TemplateSyntaxError {
                        reason: format!("blocks nested deeper than {limit} levels"),
                        position: Some((line, column)),
                    });
                }
            }
            Some(b'/') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn compile_in_pieces(source: &str, piece_bytes: usize) -> Result<Template, TemplateSyntaxError> {
    compile_pieces_with(source, piece_bytes, Template::compile)
}

/// [`compile_in_pieces`], each piece compiled by `compile_piece`.
fn compile_pieces_with(
    source: &str,
    piece_bytes: usize,
    compile_piece: impl Fn(&str) -> Result<Template, handlebars::TemplateError>,
) -> Result<Template, TemplateSyntaxError> {
    let mut whole: Option<Template> = None;
    // Where the piece starts in the whole source: the lines before it, and the characters before
    // it on its first line (not zero when the cut was inside a line).
    let mut lines_before = 0;
    let mut columns_before = 0;
    for piece in pieces(source, piece_bytes) {
        let at = Shift {
            lines: lines_before,
            columns: columns_before,
        };
        let mut template = compile_piece(piece).map_err(|e| TemplateSyntaxError {
            reason: e.reason().to_string(),
            position: e.pos().map(|position| at.apply(position)),
        })?;
        match whole.as_mut() {
            None => whole = Some(template),
            Some(joined) => {
                shift_positions(&mut template, at);
                joined.elements.append(&mut template.elements);
                joined.mapping.append(&mut template.mapping);
            }
        }
        let bytes = piece.as_bytes();
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                lines_before += memchr::memchr_iter(b'\n', bytes).count();
                columns_before = piece[last + 1..].chars().count();
            }
            None => columns_before += piece.chars().count(),
        }
    }
    Ok(whole.unwrap_or_default())
}

/// Where a piece starts in the whole source.
#[derive(Debug, Clone, Copy)]
struct Shift {
    /// Lines before the piece.
    lines: usize,
    /// Characters before the piece on its first line.
    columns: usize,
}

impl Shift {
    /// A 1-based (line, column) in the piece as a position in the whole source.
    fn apply(self, (line, column): (usize, usize)) -> (usize, usize) {
        let column = if line == 1 {
            column + self.columns
        } else {
            column
        };
        (line + self.lines, column)
    }
}

/// Moves every position in a compiled piece to where it is in the whole source, blocks
/// included, without recursion (a piece may nest blocks deeply).
fn shift_positions(template: &mut Template, by: Shift) {
    for_each_template(template, |t| {
        for mapping in &mut t.mapping {
            (mapping.0, mapping.1) = by.apply((mapping.0, mapping.1));
        }
    });
}

/// Calls `visit` on a template and on every template nested in its blocks, without recursion
/// (a template may nest blocks deeply).
fn for_each_template(template: &mut Template, mut visit: impl FnMut(&mut Template)) {
    let mut stack = vec![template];
    while let Some(t) = stack.pop() {
        visit(t);
        for element in &mut t.elements {
            match element {
                TemplateElement::HelperBlock(h) => {
                    stack.extend(h.template.as_mut());
                    stack.extend(h.inverse.as_mut());
                }
                TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => {
                    stack.extend(d.template.as_mut());
                }
                _ => {}
            }
        }
    }
}

/// The source cut into pieces of at least `piece_bytes` (except the last) at safe places.
pub(crate) fn pieces(source: &str, piece_bytes: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts(source.as_bytes(), piece_bytes) {
        out.push(&source[start..cut]);
        start = cut;
    }
    out.push(&source[start..]);
    out
}

/// What a tag does to the block structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// `{{#…}}`: opens a block (helper, partial or decorator block).
    Open,
    /// `{{/…}}`: closes one.
    Close,
    /// `{{else}}`, `{{^}}` and chained `{{else if …}}`: only valid inside a block.
    Inverse,
    /// Expressions, partials, decorators, raw blocks.
    Plain,
    /// Comments, which leave the `~` flag of the previous tag in force.
    Comment,
}

struct Tag {
    end: usize,
    kind: TagKind,
    /// Whether the tag ends with `~`, trimming the whitespace after it.
    trims_after: bool,
}

/// Byte offsets where the source may be cut; see the module docs.
fn cuts(b: &[u8], piece_bytes: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut trims_after = false;
    let mut text_start = 0;
    let mut text_has_content = false;
    let mut last_cut = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' && b.get(i + 1) == Some(&b'{') {
            if let Some(length) = escaped_open(b, text_start, i) {
                i += length;
                text_has_content = true;
                continue;
            }
            let Some(tag) = read_tag(b, i) else {
                break;
            };
            match tag.kind {
                TagKind::Open => depth += 1,
                TagKind::Close => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => break,
                },
                TagKind::Inverse if depth == 0 => break,
                TagKind::Inverse | TagKind::Plain | TagKind::Comment => {}
            }
            if tag.kind != TagKind::Comment {
                trims_after = tag.trims_after;
            }
            i = tag.end;
            text_start = i;
            text_has_content = false;
            continue;
        }
        if b[i] == b'\n' && depth == 0 && !trims_after && text_has_content {
            let cut = i + 1;
            let starts_text = b
                .get(cut)
                .is_some_and(|&c| !c.is_ascii_whitespace() && !b[cut..].starts_with(b"{{"));
            if starts_text && cut - last_cut >= piece_bytes {
                cuts.push(cut);
                last_cut = cut;
            }
        }
        // Inside a word of a long line, when no newline cut came for two piece lengths.
        if depth == 0
            && !trims_after
            && i > text_start
            && i >= last_cut + 2 * piece_bytes
            && b[i].is_ascii_alphanumeric()
            && b[i - 1].is_ascii_alphanumeric()
        {
            cuts.push(i);
            last_cut = i;
        }
        if !b[i].is_ascii_whitespace() {
            text_has_content = true;
        }
        i += 1;
    }
    cuts
}

/// The length of the braces at `at` when they are escaped, literal text: `\{{` (and `\{{{{`)
/// with one backslash after the text that starts at `text_start`; two or more backslashes are
/// not an escape.
fn escaped_open(b: &[u8], text_start: usize, at: usize) -> Option<usize> {
    let backslashes = b[text_start..at]
        .iter()
        .rev()
        .take_while(|&&c| c == b'\\')
        .count();
    (backslashes == 1).then(|| if b[at..].starts_with(b"{{{{") { 4 } else { 2 })
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|at| from + at)
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// Reads the tag starting at `{{` at `start`; `None` where the scanner stops following.
fn read_tag(b: &[u8], start: usize) -> Option<Tag> {
    if b[start..].starts_with(b"{{!") {
        // A long comment runs to the next `--}}`; without one it is a short comment.
        let end = if b[start..].starts_with(b"{{!--")
            && let Some(at) = find(b, start + 5, b"--}}")
        {
            at + 4
        } else {
            find(b, start + 3, b"}}")? + 2
        };
        return Some(Tag {
            end,
            kind: TagKind::Comment,
            trims_after: false,
        });
    }
    if b[start..].starts_with(b"{{{{") {
        // A raw block: its start tag, text up to the next `{{{{`, and its end tag.
        let open = read_expression(b, start + 4, b"}}}}")?;
        if open.kind == TagKind::Close {
            return None;
        }
        let close_at = find(b, open.end, b"{{{{")?;
        if b[..close_at].ends_with(b"\\") {
            return None;
        }
        let close = read_expression(b, close_at + 4, b"}}}}")?;
        return (close.kind == TagKind::Close).then_some(Tag {
            end: close.end,
            kind: TagKind::Plain,
            trims_after: close.trims_after,
        });
    }
    let tag = read_expression(b, start + 2, b"}}")?;
    // `{{{x}}}` and `{{ {x} }}`: the third brace closes after the first `}}`.
    let opened_brace = b.get(skip_tilde(b, start + 2)) == Some(&b'{');
    let end = if opened_brace && b.get(tag.end) == Some(&b'}') {
        tag.end + 1
    } else {
        tag.end
    };
    Some(Tag { end, ..tag })
}

/// Skips the blanks, an optional `~` and blanks again after an opening `{{`.
fn skip_tilde(b: &[u8], i: usize) -> usize {
    let i = skip_blanks(b, i);
    if b.get(i) == Some(&b'~') {
        skip_blanks(b, i + 1)
    } else {
        i
    }
}

/// Reads a tag's inside from `from` (just after its opening braces) to `close`, skipping string
/// literals.
fn read_expression(b: &[u8], from: usize, close: &[u8]) -> Option<Tag> {
    let first = skip_tilde(b, from);
    let kind = match b.get(first)? {
        b'#' => TagKind::Open,
        b'/' => TagKind::Close,
        b'^' => TagKind::Inverse,
        // Pest reads any tag that starts with `else` as an inverse (`{{else if x}}`).
        _ if b[first..].starts_with(b"else") => TagKind::Inverse,
        _ => TagKind::Plain,
    };
    let mut i = first;
    loop {
        let c = *b.get(i)?;
        match c {
            b'"' | b'\'' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        q if q == c => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            // Path segments (`[a b]`) and array literals read brackets differently.
            b'[' => return None,
            _ if b[i..].starts_with(close) => {
                let before = b[from..i].iter().rev().find(|c| !c.is_ascii_whitespace());
                return Some(Tag {
                    end: i + close.len(),
                    kind,
                    trims_after: before == Some(&b'~'),
                });
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// The tree of the whole source with adjacent raw text merged: a cut splits one text
    /// element in two, which renders the same.
    fn normalized(template: Template) -> (Vec<TemplateElement>, Vec<(usize, usize)>) {
        let mut elements: Vec<TemplateElement> = Vec::new();
        let mut mapping = Vec::new();
        for (element, at) in template.elements.into_iter().zip(template.mapping) {
            if let (TemplateElement::RawString(text), Some(TemplateElement::RawString(last))) =
                (&element, elements.last_mut())
            {
                last.push_str(text);
                continue;
            }
            elements.push(element);
            mapping.push((at.0, at.1));
        }
        (elements, mapping)
    }

    fn assert_same_as_whole(source: &str, piece_bytes: usize) {
        let whole = Template::compile(source);
        let pieces = compile_in_pieces(source, piece_bytes);
        match (whole, pieces) {
            (Ok(whole), Ok(pieces)) => {
                assert_eq!(normalized(whole), normalized(pieces), "{source:?}");
            }
            (Err(whole), Err(pieces)) => {
                assert_eq!(whole.reason().to_string(), pieces.reason, "{source:?}");
                assert_eq!(whole.pos(), pieces.position, "{source:?}");
            }
            (whole, pieces) => panic!("{source:?}: whole {whole:?}, pieces {pieces:?}"),
        }
    }

    #[test]
    fn compiling_in_pieces_builds_the_same_tree_as_compiling_whole() {
        let cases = [
            "Hello {{name}}\nline two\n{{#if x}}\nyes\n{{/if}}\nafter\n",
            "a\n{{x~}}\n\nb\nc\n{{!-- c --}}   {{y}}\nd\n",
            "a\n{{#each xs}}\n  {{this}}\n{{/each}}\nb\n  {{> p}}\nc\n",
            "text \\{{not}} x\nmore\n\\\\{{real}}\nend\n",
            "{{{{raw}}}}\n{{x}}\n{{{{/raw}}}}\nafter\nmore\n",
            "{{{html}}}\nnext\n{{ {x} }}\nz\n",
            "a\r\nb {{x}}\r\nc\r\n",
            "x\n{{role \"sys}}tem\"}}\ny\n{{#if a}}\n{{else}}\nz\n{{/if}}\nw\n",
            "{{!}}\na\n{{!--}}\nb\n",
            "broken\n{{#if x}}\nno end\n",
            "ok\nok\n{{/if}}\nstray\n",
            "a\n{{x\ny\n",
            "a\n  {{#if x}}  \nb\n  {{/if}}\nc\n",
            "a\nb\n{{a.[b c]}}\nd\n",
        ];
        for case in cases {
            for piece_bytes in [1, 2, 3, 5, 8, 1000] {
                assert_same_as_whole(case, piece_bytes);
            }
        }
    }

    #[test]
    fn blocks_nested_past_the_limit_are_refused_at_the_crossing_tag() {
        let source = format!("intro\n  {}x{}", "{{#if a}}".repeat(4), "{{/if}}".repeat(4));
        assert!(check_block_depth(&source, 4).is_ok());
        let error = check_block_depth(&source, 3).expect_err("four levels, limit three");
        assert_eq!(error.position, Some((2, 3 + 3 * "{{#if a}}".len())));
        assert!(
            error.reason.contains("deeper than 3 levels"),
            "{}",
            error.reason
        );
        // Siblings do not add up: depth is what is open at once.
        let siblings = "{{#if a}}x{{/if}}".repeat(1000);
        assert!(compile(&siblings).is_ok());
        // Thousands of levels, which overflow the stack in Handlebars' parser, are refused.
        let deep = format!(
            "{}x{}",
            "{{~#if a}}".repeat(20_000),
            "{{/if}}".repeat(20_000)
        );
        let error = compile(&deep).expect_err("too deep");
        assert_eq!(
            error.position,
            Some((1, 1 + MAX_BLOCK_DEPTH * "{{~#if a}}".len()))
        );
    }

    #[test]
    fn error_positions_count_the_lines_of_earlier_pieces() {
        let source = format!("{}{{{{#if x}}}}\n", "line {{a}}\n".repeat(500));
        let err = compile_in_pieces(&source, 64).unwrap_err();
        assert_eq!(Template::compile(&source).unwrap_err().pos(), err.position);
        assert!(err.position.unwrap().0 >= 500, "{err:?}");
    }

    /// Handlebars' position bookkeeping scans each piece from its start once per token, so the
    /// work of compiling grows with the sum of the squared piece lengths.
    fn position_scan_work(source: &str) -> usize {
        pieces(source, PIECE_BYTES)
            .iter()
            .map(|p| p.len() * p.len())
            .sum()
    }

    #[test]
    fn compile_work_grows_linearly_with_template_lines() {
        let body = |n: usize| {
            (0..n).fold(String::new(), |mut out, i| {
                let _ = writeln!(out, "Hello {{{{name}}}} line {i}");
                out
            })
        };
        let small = position_scan_work(&body(5_000));
        let large = position_scan_work(&body(10_000));
        #[allow(clippy::cast_precision_loss)]
        let ratio = large as f64 / small as f64;
        assert!(ratio <= 2.5, "work grew {ratio:.2}x for 2x the lines");
        assert!(compile(&body(10_000)).is_ok());
    }

    #[test]
    fn compile_work_grows_linearly_on_one_long_line() {
        let line = |n: usize| "say {{x}} and ".repeat(n);
        let small = position_scan_work(&line(10_000));
        let large = position_scan_work(&line(20_000));
        #[allow(clippy::cast_precision_loss)]
        let ratio = large as f64 / small as f64;
        assert!(
            ratio <= 2.5,
            "work grew {ratio:.2}x for a line twice as long"
        );
        assert_same_as_whole(&line(2_000), PIECE_BYTES);
    }

    #[test]
    fn positions_after_a_cut_inside_a_line_are_columns_of_the_whole_line() {
        let source = format!("first\n{}{{{{#if}}}}", "word{{x}} ".repeat(40));
        let whole = Template::compile(&source).expect_err("if without a condition");
        let pieces = compile_in_pieces(&source, 8).expect_err("the same error");
        assert!(!pieces.reason.is_empty());
        assert_eq!(whole.pos(), pieces.position);
        let ok = "word{{x}} ".repeat(40);
        let whole = Template::compile(&ok).expect("compiles");
        let cut = compile_in_pieces(&ok, 8).expect("compiles");
        assert!(pieces_of(&ok, 8) > 1, "the line must be cut for this test");
        assert_eq!(normalized(whole), normalized(cut));
    }

    fn pieces_of(source: &str, piece_bytes: usize) -> usize {
        pieces(source, piece_bytes).len()
    }

    #[test]
    fn deep_blocks_in_a_piece_shift_without_recursion() {
        let source = format!(
            "{}{}x{}",
            "top line {{a}}\n".repeat(300),
            "{{#if a}}".repeat(50),
            "{{/if}}".repeat(50)
        );
        assert_same_as_whole(&source, 64);
    }

    /// Fragments that meet at cut points in every way the cutter must get right: text and
    /// blank lines, `~` on either side of a tag, standalone block lines, comments of both kinds,
    /// raw blocks, escapes, partials with indentation, and tags left open.
    const FRAGMENTS: &[&str] = &[
        "\n",
        "\r\n",
        " ",
        "  ",
        "\t",
        "text",
        "é",
        "\\",
        "\\{{x}}",
        "{{x}}",
        "{{~x}}",
        "{{x~}}",
        "{{{x}}}",
        "{{#if a}}",
        "{{~#if a~}}",
        "{{else}}",
        "{{~else~}}",
        "{{/if}}",
        "{{~/if~}}",
        "{{#each xs}}",
        "{{/each}}",
        "{{> p}}",
        "{{#> p}}",
        "{{/p}}",
        "{{!c}}",
        "{{!-- c --}}",
        "{{!-- }} --}}",
        "{{{{raw}}}}",
        "{{{{/raw}}}}",
        "{{",
        "}}",
        "{{a.[b]}}",
        "{{role \"system\"}}",
        "\"",
        "'",
        "plain words that run on for a while",
        "  indented words, long enough to stand for  ",
        "\u{a0}words after a no-break space, long\u{a0}",
        "a brace } in a long line of words",
        "\u{F0000} a placeholder character itself",
    ];

    #[test]
    fn long_text_is_read_through_placeholders_and_put_back_as_written() {
        let source = "{{role \"system\"}}\nYou are a careful assistant for billing questions.\n  \
            {{#if x}}\n   indented text inside a block, long enough   \n{{~/if}}\n\
            Customer: {{name}}\n{{!-- a comment long enough to hold text --}}\n\
            trailing words without a final newline";
        let compacted = Compacted::of(source).expect("long runs are replaced");
        assert_eq!(compacted.runs.len(), 3, "{:?}", compacted.runs);
        assert!(
            compacted.source.len() + 100 < source.len(),
            "{}",
            compacted.source
        );
        let whole = Template::compile(source).expect("compiles");
        assert_eq!(normalized(whole), normalized(compile(source).unwrap()));
        // A source holding a placeholder character is compiled as written.
        let own = format!("{source}\n\u{F0000} is here too");
        assert!(Compacted::of(&own).is_none());
        let whole = Template::compile(&own).expect("compiles");
        assert_eq!(normalized(whole), normalized(compile(&own).unwrap()));
    }

    #[test]
    fn templates_of_one_shape_each_compile_to_their_own_tree() {
        let shaped = |text: &str| {
            format!("{{{{role \"system\"}}}}\n{text}\n{{{{#if x}}}}\n{text} again\n{{{{/if}}}}\n")
        };
        let first = shaped("You are an assistant for billing questions.");
        let second = shaped("Vous êtes un assistant pour les questions de facturation.");
        assert_eq!(
            Compacted::of(&first).unwrap().source,
            Compacted::of(&second).unwrap().source,
            "one shape"
        );
        for source in [&first, &second, &first] {
            let whole = Template::compile(source).expect("compiles");
            assert_eq!(normalized(whole), normalized(compile(source).unwrap()));
        }
    }

    #[test]
    fn a_template_with_long_text_that_does_not_compile_fails_where_handlebars_says() {
        let source = "intro text that is long enough to be replaced\n{{#if x}}\n\
            more text that is long enough to be replaced\nno end here, long enough too";
        let whole = Template::compile(source).expect_err("unclosed block");
        let ours = compile(source).expect_err("unclosed block");
        assert_eq!(whole.pos(), ours.position);
        assert_eq!(whole.reason().to_string(), ours.reason);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn any_template_compiled_through_placeholders_compiles_like_the_whole(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..48)
        ) {
            let source = parts.concat();
            match (Template::compile(&source), compile(&source)) {
                (Ok(whole), Ok(ours)) => {
                    proptest::prop_assert_eq!(normalized(whole), normalized(ours), "{:?}", source);
                }
                (Err(_), Err(ours)) => {
                    // The error of the source as written, compiled as before placeholders.
                    let as_written = compile_in_pieces(&source, PIECE_BYTES).unwrap_err();
                    proptest::prop_assert_eq!(as_written.position, ours.position, "{:?}", source);
                }
                (whole, ours) => {
                    proptest::prop_assert!(false, "{:?}: whole {:?}, ours {:?}", source, whole, ours);
                }
            }
        }

        #[test]
        fn any_template_cut_as_finely_as_possible_compiles_like_the_whole(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..48)
        ) {
            // Valid templates must build the same tree; an invalid one must fail in pieces too,
            // though a piece may report a mismatched close where the whole reports the syntax
            // error Handlebars' parser met further on.
            let source = parts.concat();
            for piece_bytes in [1, 7] {
                match (Template::compile(&source), compile_in_pieces(&source, piece_bytes)) {
                    (Ok(whole), Ok(pieces)) => {
                        proptest::prop_assert_eq!(normalized(whole), normalized(pieces), "{:?}", source);
                    }
                    (Err(_), Err(_)) => {}
                    (whole, pieces) => {
                        proptest::prop_assert!(false, "{:?}: whole {:?}, pieces {:?}", source, whole, pieces);
                    }
                }
            }
        }
    }
}
