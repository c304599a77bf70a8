//! Cleaner options shared by `deboil clean` and `deboil eval`, and their
//! mapping onto the library's [`Config`].

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use deboil::config::{DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DOCUMENT_LINES};
use deboil::{BlankLines, Config, Lang, LanguageChoice, OverLimit, Stage, Strictness, Switch};

/// How the cleaner decides (the same options and defaults as the library's
/// `ConfigBuilder`).
#[derive(Debug, Clone, Args)]
pub struct CleanerArgs {
    /// Where the keep/drop boundary sits.
    #[arg(long, value_enum, default_value_t = StrictnessArg::Balanced, help_heading = "Cleaner")]
    pub strictness: StrictnessArg,

    /// Switch a pipeline stage off (repeatable), e.g. for ablation studies.
    #[arg(long = "stage-off", value_name = "NAME", value_parser = stage_parser(), help_heading = "Cleaner")]
    pub stage_off: Vec<Stage>,

    /// The documents' language (ISO 639-1, e.g. `de`) instead of detecting
    /// it per document.
    #[arg(long, value_name = "CODE", value_parser = lang_parser(), help_heading = "Cleaner")]
    pub lang: Option<Lang>,

    /// Blank lines: `separators` keeps one between kept paragraphs, `drop`
    /// removes them all.
    #[arg(long, value_enum, default_value_t = BlankArg::Separators, help_heading = "Cleaner")]
    pub blank_lines: BlankArg,

    /// Documents larger than this many bytes are passed through or truncated
    /// (see --over-limit).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOCUMENT_BYTES, help_heading = "Cleaner")]
    pub max_document_bytes: usize,

    /// Documents with more lines than this are passed through or truncated.
    #[arg(long, value_name = "LINES", default_value_t = DEFAULT_MAX_DOCUMENT_LINES, help_heading = "Cleaner")]
    pub max_document_lines: usize,

    /// What happens to a document over the limits.
    #[arg(long, value_enum, default_value_t = OverLimitArg::PassThrough, help_heading = "Cleaner")]
    pub over_limit: OverLimitArg,
}

impl CleanerArgs {
    /// The library configuration these options describe.
    pub fn config(&self) -> Config {
        let mut b = Config::builder()
            .strictness(self.strictness.to_lib())
            .blank_lines(match self.blank_lines {
                BlankArg::Separators => BlankLines::Separators,
                BlankArg::Drop => BlankLines::Drop,
            })
            .max_document_bytes(self.max_document_bytes)
            .max_document_lines(self.max_document_lines)
            .over_limit(match self.over_limit {
                OverLimitArg::PassThrough => OverLimit::PassThrough,
                OverLimitArg::Truncate => OverLimit::Truncate,
            });
        if let Some(lang) = self.lang {
            b = b.language(LanguageChoice::Fixed(lang));
        }
        for &stage in &self.stage_off {
            b = b.stage(stage, Switch::Off);
        }
        b.build()
    }
}

/// `--strictness`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StrictnessArg {
    /// Keep borderline lines.
    Recall,
    /// The tuned default.
    Balanced,
    /// Drop borderline lines.
    Precision,
}

impl StrictnessArg {
    /// The library value.
    pub fn to_lib(self) -> Strictness {
        match self {
            StrictnessArg::Recall => Strictness::Recall,
            StrictnessArg::Balanced => Strictness::Balanced,
            StrictnessArg::Precision => Strictness::Precision,
        }
    }

    /// The option value's name.
    pub fn name(self) -> &'static str {
        match self {
            StrictnessArg::Recall => "recall",
            StrictnessArg::Balanced => "balanced",
            StrictnessArg::Precision => "precision",
        }
    }
}

/// `--blank-lines`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BlankArg {
    /// One blank line between kept paragraphs where the input had one.
    Separators,
    /// No blank lines.
    Drop,
}

/// `--over-limit`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OverLimitArg {
    /// Keep the whole document unchanged.
    PassThrough,
    /// Clean what is within the limits, drop the rest.
    Truncate,
}

/// Stage names from the library, listed in `--help` and in errors.
fn stage_parser() -> impl TypedValueParser<Value = Stage> {
    PossibleValuesParser::new(Stage::ALL.map(Stage::as_str))
        // Cannot fail: the parser only lets names of Stage::ALL through.
        .map(|name| Stage::from_name(&name).unwrap_or(Stage::ALL[0]))
}

/// Language codes with a bundled stoplist.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        // Cannot fail: the parser only lets codes of Lang::ALL through.
        .map(|code| Lang::from_code(&code).unwrap_or(Lang::En))
}
