//! Stage 4: the document's language, its stoplist, and scripts.
//!
//! A per-document guess (whatlang, on a prefix of the document's prose lines)
//! picks the stoplist used for stopword density. Scripts are classified per
//! character with cheap range tests so that a run of Cyrillic lines under a
//! Latin-script article (seed 000's sidebar) is visible to later stages.

use std::collections::HashSet;
use std::sync::OnceLock;

/// A language with a bundled stoplist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Portuguese.
    Pt,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Polish.
    Pl,
    /// Russian.
    Ru,
    /// Ukrainian.
    Uk,
    /// Turkish.
    Tr,
    /// Swedish.
    Sv,
    /// Danish.
    Da,
    /// Norwegian (Bokmål).
    Nb,
    /// Finnish.
    Fi,
    /// Czech.
    Cs,
    /// Hungarian.
    Hu,
    /// Romanian.
    Ro,
    /// Chinese.
    Zh,
}

impl Lang {
    /// Every language with a stoplist.
    pub const ALL: [Lang; 19] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Nl,
        Lang::Pl,
        Lang::Ru,
        Lang::Uk,
        Lang::Tr,
        Lang::Sv,
        Lang::Da,
        Lang::Nb,
        Lang::Fi,
        Lang::Cs,
        Lang::Hu,
        Lang::Ro,
        Lang::Zh,
    ];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Tr => "tr",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Cs => "cs",
            Lang::Hu => "hu",
            Lang::Ro => "ro",
            Lang::Zh => "zh",
        }
    }

    /// Parse an ISO 639-1 code (`"no"` is accepted for Norwegian).
    pub fn from_code(code: &str) -> Option<Lang> {
        if code.eq_ignore_ascii_case("no") {
            return Some(Lang::Nb);
        }
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
