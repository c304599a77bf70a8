//! Cleaner configuration: a [`Config`] built once with [`ConfigBuilder`].
//!
//! Every choice is an enum with a documented default, so a configuration
//! reads as what it does (`Strictness::Precision`) rather than as a row of
//! booleans.

use crate::lang::Lang;

/// How the language of a document (and so its stoplist) is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LanguageChoice {
    /// Guess per document from a prefix of its prose lines (the default).
    #[default]
    Auto,
    /// Treat every document as this language.
    Fixed(Lang),
}

/// Where the keep/drop boundary sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Keep borderline lines: more of the article, more boilerplate.
    Recall,
    /// The tuned default.
    #[default]
    Balanced,
    /// Drop borderline lines: less boilerplate, some article lines lost.
    Precision,
}

impl Strictness {
    /// Offset added to the keep threshold of the line score.
    pub(crate) fn threshold_shift(self) -> f32 {
        match self {
            Strictness::Recall => -1.0,
            Strictness::Balanced => 0.0,
            Strictness::Precision => 1.0,
        }
    }
}

/// A pipeline stage that can be switched off (for ablation studies and for
/// callers who know their input has no such boilerplate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// Marker phrases (share, cookie, "Latest news", theme strings…).
    Markers,
    /// Per-document language detection and stopword density; when off, the
    /// union of all stoplists is used.
    Language,
    /// Foreign-script islands as boilerplate evidence.
    Script,
    /// Neighbour context (jusText-style resolution of short lines).
    Context,
    /// Boilerplate regions opened by markers and extended by list rhythm.
    Regions,
    /// Repeated lines inside one document.
    Repeats,
    /// Trimming of everything before and after the main text block.
    MainBlock,
    /// Cross-document template evidence (only when the caller supplies it,
    /// see [`Cleaner::clean_with_evidence`](crate::Cleaner::clean_with_evidence)).
    Templates,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 8] = [
        Stage::Markers,
        Stage::Language,
        Stage::Script,
        Stage::Context,
        Stage::Regions,
        Stage::Repeats,
        Stage::MainBlock,
        Stage::Templates,
    ];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// A short stable name (`markers`, `language`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Markers => "markers",
            Stage::Language => "language",
            Stage::Script => "script",
            Stage::Context => "context",
            Stage::Regions => "regions",
            Stage::Repeats => "repeats",
            Stage::MainBlock => "main-block",
            Stage::Templates => "templates",
        }
    }

    /// Parse a name produced by [`Stage::as_str`].
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// On or off, for [`ConfigBuilder::stage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Switch {
    /// The stage runs.
    On,
    /// The stage is skipped.
    Off,
}

/// What to do with blank lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BlankLines {
    /// Keep one blank line in each gap between two kept lines, where the
    /// input had one (the default): paragraph breaks survive, holes left by
    /// dropped lines do not pile up.
    #[default]
    Separators,
    /// Drop every blank line.
    Drop,
}

/// What to do with a document over the size limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OverLimit {
    /// Keep the whole document unchanged, every line labelled with
    /// [`Rule::Limit`](crate::Rule::Limit) (the default: nothing is lost).
    #[default]
    PassThrough,
    /// Clean the lines within the limits and drop the rest.
    Truncate,
}

/// Default per-document byte limit: 64 MiB. Larger "documents" in crawls are
/// dumps or binary junk; cleaning them line by line would stall a worker.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Default per-document line limit: 1,000,000 lines (the largest real article
/// pages in the dev sets have a few thousand).
pub const DEFAULT_MAX_DOCUMENT_LINES: usize = 1_000_000;

/// A cleaner configuration. Build one with [`Config::builder`], or use
/// [`Config::default`].
///
/// ```
/// use deboil::{Config, Strictness, Stage, Switch};
/// let config = Config::builder()
///     .strictness(Strictness::Precision)
///     .stage(Stage::Script, Switch::Off)
///     .build();
/// assert_eq!(config.strictness(), Strictness::Precision);
/// assert!(!config.stage_on(Stage::Script));
/// assert!(config.stage_on(Stage::Regions));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    language: LanguageChoice,
    strictness: Strictness,
    stages_off: u32,
    blank_lines: BlankLines,
    max_document_bytes: usize,
    max_document_lines: usize,
    over_limit: OverLimit,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            language: LanguageChoice::Auto,
            strictness: Strictness::Balanced,
            stages_off: 0,
            blank_lines: BlankLines::Separators,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_document_lines: DEFAULT_MAX_DOCUMENT_LINES,
            over_limit: OverLimit::PassThrough,
        }
    }
}

impl Config {
    /// A builder starting from the defaults.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder { config: Config::default() }
    }

    /// How the document language is chosen. Default: [`LanguageChoice::Auto`].
    pub fn language(&self) -> LanguageChoice {
        self.language
    }

    /// Where the keep/drop boundary sits. Default: [`Strictness::Balanced`].
    pub fn strictness(&self) -> Strictness {
        self.strictness
    }

    /// Whether `stage` runs. Default: every stage runs.
    pub fn stage_on(&self, stage: Stage) -> bool {
        self.stages_off & stage.bit() == 0
    }

    /// Blank-line policy. Default: [`BlankLines::Separators`].
    pub fn blank_lines(&self) -> BlankLines {
        self.blank_lines
    }

    /// Per-document byte limit. Default: [`DEFAULT_MAX_DOCUMENT_BYTES`].
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
    }

    /// Per-document line limit. Default: [`DEFAULT_MAX_DOCUMENT_LINES`].
    pub fn max_document_lines(&self) -> usize {
        self.max_document_lines
    }

    /// What happens over the limits. Default: [`OverLimit::PassThrough`].
    pub fn over_limit(&self) -> OverLimit {
        self.over_limit
    }
}

/// Builds a [`Config`]; every setter starts from the default described on
/// the matching [`Config`] getter.
#[derive(Clone, Debug)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// Set how the document language is chosen.
    pub fn language(mut self, choice: LanguageChoice) -> ConfigBuilder {
        self.config.language = choice;
        self
    }

    /// Set where the keep/drop boundary sits.
    pub fn strictness(mut self, strictness: Strictness) -> ConfigBuilder {
        self.config.strictness = strictness;
        self
    }

    /// Switch a pipeline stage on or off.
    pub fn stage(mut self, stage: Stage, switch: Switch) -> ConfigBuilder {
        match switch {
            Switch::On => self.config.stages_off &= !stage.bit(),
            Switch::Off => self.config.stages_off |= stage.bit(),
        }
        self
    }

    /// Set the blank-line policy.
    pub fn blank_lines(mut self, policy: BlankLines) -> ConfigBuilder {
        self.config.blank_lines = policy;
        self
    }

    /// Set the per-document byte limit (at least 1).
    pub fn max_document_bytes(mut self, bytes: usize) -> ConfigBuilder {
        self.config.max_document_bytes = bytes.max(1);
        self
    }

    /// Set the per-document line limit (at least 1).
    pub fn max_document_lines(mut self, lines: usize) -> ConfigBuilder {
        self.config.max_document_lines = lines.max(1);
        self
    }

    /// Set what happens to documents over the limits.
    pub fn over_limit(mut self, policy: OverLimit) -> ConfigBuilder {
        self.config.over_limit = policy;
        self
    }

    /// Finish the configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_toggle_independently() {
        let c = Config::builder()
            .stage(Stage::Regions, Switch::Off)
            .stage(Stage::Repeats, Switch::Off)
            .stage(Stage::Repeats, Switch::On)
            .build();
        for s in Stage::ALL {
            assert_eq!(c.stage_on(s), s != Stage::Regions, "{s:?}");
        }
    }

    #[test]
    fn stage_names_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::from_name(s.as_str()), Some(s));
        }
        assert_eq!(Stage::from_name("nope"), None);
    }

    #[test]
    fn limits_are_at_least_one() {
        let c = Config::builder().max_document_bytes(0).max_document_lines(0).build();
        assert_eq!((c.max_document_bytes(), c.max_document_lines()), (1, 1));
    }
}
