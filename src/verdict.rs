//! What the cleaner decided about each line, and why.
//!
//! Every input line gets exactly one [`Verdict`]: keep or drop, a [`Label`]
//! saying what kind of text the line is, the [`Rule`] (stage or region) that
//! made the decision, and the line's score. `deboil clean --explain` prints
//! these as JSONL; `deboil eval --worst` quotes them.

use crate::features::LineFeatures;
use crate::lines::LineSpan;

/// What kind of text a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Label {
    /// Running text of the article.
    Content,
    /// A short line that introduces article content (title, subheading,
    /// dateline, short quote) and is kept with it.
    Heading,
    /// An empty or whitespace-only line.
    Blank,
    /// Menus, section labels, breadcrumbs, language switchers, tickers.
    Navigation,
    /// A list of unrelated headlines ("Latest news", "Recommended", teasers).
    HeadlineList,
    /// A line that is only a date or time ("21:15 20 мар 2026.").
    Timestamp,
    /// A repeat of an earlier line of the same document.
    Duplicate,
    /// A photo caption.
    Caption,
    /// A photo, agency or source credit ("Photo: Ukrpravda."), a byline or
    /// an author's bio.
    Credit,
    /// Cookie, privacy, terms or copyright text.
    Legal,
    /// Share, social, subscribe, newsletter and follow prompts.
    Social,
    /// Advertising labels.
    Advertising,
    /// Comment sections and their prompts.
    Comments,
    /// Theme strings ("You are currently viewing …").
    Theme,
    /// Leaked template or code (`Foo.Bar?.Baz()`, `{{ x }}`).
    TemplateLeak,
    /// A run of lines in another script than the document's body.
    ForeignScript,
    /// Other short or low-scoring text outside the article.
    Boilerplate,
    /// A line that recurs across the documents of the site (cross-document
    /// template evidence).
    Template,
}

impl Label {
    /// Every label, in declaration order (for tables and statistics).
    pub const ALL: [Label; 18] = [
        Label::Content,
        Label::Heading,
        Label::Blank,
        Label::Navigation,
        Label::HeadlineList,
        Label::Timestamp,
        Label::Duplicate,
        Label::Caption,
        Label::Credit,
        Label::Legal,
        Label::Social,
        Label::Advertising,
        Label::Comments,
        Label::Theme,
        Label::TemplateLeak,
        Label::ForeignScript,
        Label::Boilerplate,
        Label::Template,
    ];

    /// A short, stable, lower-case name (used in `--explain` and reports).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Heading => "heading",
            Label::Blank => "blank",
            Label::Navigation => "navigation",
            Label::HeadlineList => "headline-list",
            Label::Timestamp => "timestamp",
            Label::Duplicate => "duplicate",
            Label::Caption => "caption",
            Label::Credit => "credit",
            Label::Legal => "legal",
            Label::Social => "social",
            Label::Advertising => "advertising",
            Label::Comments => "comments",
            Label::Theme => "theme",
            Label::TemplateLeak => "template-leak",
            Label::ForeignScript => "foreign-script",
            Label::Boilerplate => "boilerplate",
            Label::Template => "template",
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stage or region that decided a line's fate.
///
/// Line numbers inside rules are 0-based indices into the document's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Blank-line policy: a blank line is kept once between kept lines.
    Blank,
    /// The line's own score made it a clear keep or a clear drop.
    LineScore,
    /// A short or borderline line resolved by its neighbours (jusText-style).
    Context,
    /// A marker phrase (share, cookie, theme string, credit…) on the line.
    Marker,
    /// The line's shape: timestamp, template leak, bare number, URL.
    Shape,
    /// Inside a boilerplate region opened at line `opener`.
    Region {
        /// Index of the line that opened the region.
        opener: u32,
    },
    /// A repeat of line `first`.
    Repeat {
        /// Index of the first occurrence, which was judged on its own.
        first: u32,
    },
    /// A run of lines in another script than the document's body.
    Script,
    /// The document title: the first of several copies at the top.
    Title,
    /// Nothing looked like an article, so the best block was kept rather
    /// than emptying the document.
    Fallback,
    /// Outside the document's main text block (before the first or after the
    /// last run of article prose).
    Outside,
    /// The document exceeded the configured size limits.
    Limit,
    /// The line recurs in `site_docs` documents of the site (or across
    /// many sites): cross-document template evidence.
    Template {
        /// Documents of the site that contain the line.
        site_docs: u32,
    },
}

impl Rule {
    /// A short, stable name for the rule (without its line reference).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Blank => "blank",
            Rule::LineScore => "line-score",
            Rule::Context => "context",
            Rule::Marker => "marker",
            Rule::Shape => "shape",
            Rule::Region { .. } => "region",
            Rule::Repeat { .. } => "repeat",
            Rule::Script => "script",
            Rule::Title => "title",
            Rule::Fallback => "fallback",
            Rule::Outside => "outside",
            Rule::Limit => "limit",
            Rule::Template { .. } => "template",
        }
    }

    /// The line this rule refers to (region opener, first occurrence), if any.
    pub fn refers_to(self) -> Option<u32> {
        match self {
            Rule::Region { opener } => Some(opener),
            Rule::Repeat { first } => Some(first),
            _ => None,
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.refers_to() {
            Some(n) => write!(f, "{}@{}", self.as_str(), n + 1),
            None => f.write_str(self.as_str()),
        }
    }
}

/// The decision about one input line.
#[derive(Clone, Copy, Debug)]
pub struct Verdict {
    /// Where the line is in the input.
    pub span: LineSpan,
    /// Whether the line is part of the cleaned output.
    pub keep: bool,
    /// What kind of text the line is.
    pub label: Label,
    /// What decided it.
    pub rule: Rule,
    /// The line's content score: positive looks like article text, negative
    /// like boilerplate. Roughly in `-10.0..=10.0`.
    pub score: f32,
    /// The per-line features the score was computed from.
    pub features: LineFeatures,
}
