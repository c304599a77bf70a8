//! Code listings inside an article.
//!
//! Tutorials and technical posts print code between their paragraphs, one
//! statement per line once the tags are gone: `let file = File::open(p)?;`,
//! `}`, `# connect the client`. Such lines have no stopwords and no sentence
//! shape, so the line score drops them and, several in a row, they cost the
//! main block enough to cut the article in two. HTML-aware extractors keep
//! them (a `<pre>` block is content), and so do the benchmarks' golds.
//!
//! A listing is recognised by its frame, not by its lines alone (a single
//! code-like line is a template leak): a prose line ending in a colon
//! introduces it ("Here is the code that sends the request:"), every line of
//! the run has a shape no prose line has (a statement ending, an operator, a
//! call, a comment), and article prose resumes right after it. Lines of such
//! a run are neutral for the main block and kept when the block spans them.

use std::ops::Range;

/// Fewest words of the line that introduces a listing: "Here is the code:"
/// has four; a two-word label ("Example:", "Related posts:") does not count.
pub const INTRO_MIN_WORDS: u32 = 3;

/// Most lines (blank lines included) of one listing. Listings in tutorials
/// run 3–40 lines; a longer run of code-like lines is a page of data or a
/// leaked script, not an illustration.
pub const MAX_LINES: usize = 60;

/// How a line looks to the listing finder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Empty or whitespace only: passed over inside a listing.
    Blank,
    /// A prose line ending in a colon that may introduce a listing.
    Intro,
    /// A line with a shape of code ([`is_code_line`]).
    Code,
    /// Article prose: a listing must be followed by it.
    Prose,
    /// Anything else: ends a run without closing it.
    Other,
}

/// Is `text` shaped like a line of source code, a shell command or markup?
///
/// True for lines that start as comments, prompts, decorators or tags
/// (`#`, `//`, `/*`, `$ `, `>>> `, `@`, `</`), end as statements or blocks do
/// (`;`, `{`, `}`, `(`, `[`), contain an operator prose does not use (` = `,
/// `==`, `!=`, `+=`, `-=`, `::`, `->`, `=>`, `&&`, `||`), a call (a letter,
/// digit or `_` right before `(`), a `snake_case` name, or start with a
/// lower-case keyword (`return `, `import `, `def `…). Prose sentences start
/// with a capital and put a space before a parenthesis.
pub fn is_code_line(text: &[u8]) -> bool {
    let t = text.trim_ascii();
    let Some(&last) = t.last() else { return false };
    const STARTS: [&[u8]; 8] = [b"#", b"//", b"/*", b"$ ", b">>> ", b"@", b"</", b"<?"];
    if STARTS.iter().any(|s| t.starts_with(s)) {
        return true;
    }
    if matches!(last, b';' | b'{' | b'}' | b'(' | b'[') {
        return true;
    }
    const KEYWORDS: [&[u8]; 14] = [
        b"return", b"import ", b"from ", b"def ", b"fn ", b"let ", b"const ", b"var ", b"class ",
        b"if ", b"for ", b"while ", b"else", b"pub ",
    ];
    if KEYWORDS.iter().any(|k| t.starts_with(k)) {
        return true;
    }
    const OPERATORS: [&[u8]; 10] =
        [b" = ", b"==", b"!=", b"+=", b"-=", b"::", b"->", b"=>", b"&&", b"||"];
    if OPERATORS.iter().any(|op| memchr::memmem::find(t, op).is_some()) {
        return true;
    }
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    t.windows(3).any(|w| {
        (ident(w[0]) && w[1] == b'(')
            || (ident(w[1]) && w[2] == b'(')
            || (w[0].is_ascii_alphanumeric() && w[1] == b'_' && w[2].is_ascii_alphanumeric())
    })
}

/// The listing introduced by line `intro`, if any: the half-open range of
/// its lines (the intro and the prose after excluded). A listing holds at
/// least one [`Shape::Code`] line and nothing but code and blank lines, at
/// most [`MAX_LINES`] of them, and is followed (after blank lines) by
/// [`Shape::Prose`] or by the [`Shape::Intro`] of the next listing. `shape`
/// is asked only about the lines scanned, so a document with no intro
/// costs nothing.
pub fn listing_after(
    intro: usize,
    n: usize,
    mut shape: impl FnMut(usize) -> Shape,
) -> Option<Range<usize>> {
    let start = intro + 1;
    let mut code = 0;
    for j in start..n.min(start + MAX_LINES + 1) {
        match shape(j) {
            Shape::Blank => {}
            Shape::Code if j - start < MAX_LINES => code += 1,
            Shape::Prose | Shape::Intro if code > 0 => return Some(start..j),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines() {
        for line in [
            "use std::fs::File;",
            "fn main() -> std::io::Result<()> {",
            "}",
            "Ok(())",
            "let file = File::open(\"data.txt\")?;",
            "  println!(\"{}\", line?);",
            "target_host = \"www.google.com\"",
            "# connect the client",
            "client.connect((target_host,target_port))",
            "return x + 1",
            "if i % 2 == 0:",
            "from collections import namedtuple",
            "$ cargo build --release",
            ">>> len(data)",
            "@app.route('/')",
            "</div>",
            "result = []",
            "http_response_len",
        ] {
            assert!(is_code_line(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn prose_and_menus_are_not_code() {
        for line in [
            "",
            "   ",
            "This allocates a new String for every line.",
            "Python 3: stoppable TCP server (and TCP client) with GeeXLab",
            "Lua (24)",
            "Graph of memory occupied by Python tuples and lists",
            "Share this:",
            "Related posts",
            "For example, calling append is slower than map.",
            "Read more: Why are heatwaves getting hotter?",
            "drink plenty of water",
            "© 2024 DevNotes. All rights reserved.",
            "Größe (cm) und Gewicht",
        ] {
            assert!(!is_code_line(line.as_bytes()), "{line:?}");
        }
    }

    /// Every listing of `shapes`, as the cleaner looks for them: after each
    /// intro line that is not inside an earlier listing.
    fn found(shapes: &[Shape]) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut i = 0;
        while i < shapes.len() {
            if shapes[i] == Shape::Intro {
                if let Some(r) = listing_after(i, shapes.len(), |j| shapes[j]) {
                    v.push((r.start, r.end));
                    i = r.end;
                    continue;
                }
            }
            i += 1;
        }
        v
    }

    #[test]
    fn a_listing_needs_its_frame() {
        use Shape::*;
        // Intro, code (a blank inside), prose: one listing.
        assert_eq!(found(&[Prose, Intro, Code, Blank, Code, Prose]), vec![(2, 5)]);
        // No intro, no prose after, or something else inside: none.
        assert_eq!(found(&[Prose, Code, Code, Prose]), vec![]);
        assert_eq!(found(&[Intro, Code, Code]), vec![]);
        assert_eq!(found(&[Intro, Code, Other, Prose]), vec![]);
        assert_eq!(found(&[Intro, Blank, Prose]), vec![]);
        // Two listings, the second introduced right after the first, or by
        // the line that closes the first.
        assert_eq!(found(&[Intro, Code, Prose, Intro, Code, Code, Prose]), vec![(1, 2), (4, 6)]);
        assert_eq!(found(&[Intro, Code, Intro, Code, Prose]), vec![(1, 2), (3, 4)]);
    }

    #[test]
    fn a_listing_has_at_most_max_lines() {
        use Shape::*;
        let mut shapes = vec![Intro];
        shapes.extend(std::iter::repeat_n(Code, MAX_LINES));
        shapes.push(Prose);
        assert_eq!(found(&shapes), vec![(1, 1 + MAX_LINES)]);
        shapes.insert(1, Code);
        assert_eq!(found(&shapes), vec![]);
    }
}
