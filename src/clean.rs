//! The [`Cleaner`]: owns the configuration and the automata, runs the stages.

use std::cell::RefCell;
use std::ops::Range;

use crate::codeblock;
use crate::config::{BlankLines, Config, LanguageChoice, OverLimit, Stage};
use crate::context;
use crate::features::{self, LineFeatures, Script};
use crate::lang::{self, Lang, Stoplists, Stopwords};
use crate::learned::{self, Trace, N_INPUTS};
use crate::linecache::{LineCache, LineFacts};
use crate::lines::{self, LineSpan};
use crate::mainblock::{self, BlockLine};
use crate::markers::{Anchor, MarkerHit, MarkerKind, Markers};
use crate::regions::{self, RegionLine};
use crate::repeats;
use crate::score::{self, Class, LineClass, LineContext, Thresholds};
use crate::templates::{self, LineEvidence};
use crate::verdict::{Label, Rule, Verdict};

/// Lines with at least this many words vote for the document's script.
const SCRIPT_VOTE_MIN_WORDS: u32 = 8;

/// A later copy within this many lines makes a line "paired" (a headline
/// printed twice in a list, seed 003).
const PAIR_WINDOW: usize = 4;

/// A title printed several times has its copies within this many lines.
const TITLE_COPY_WINDOW: usize = 12;

/// Lines outside the main block are kept only with at least this many
/// characters of prose ...
const OUTSIDE_MIN_LENGTH: f32 = 200.0;
/// ... and this stopword density (the dev sets' long lines at or above it are
/// article text 97% of the time in CleanEval; Dragnet's are mostly comments,
/// which the terminator handles).
const OUTSIDE_MIN_STOPWORDS: f32 = 0.3;

/// A title has at least this many words ("Show more" printed ten times is
/// a button, not a title).
const TITLE_MIN_WORDS: u32 = 3;

/// A title is printed at most this many extra times (page title, heading,
/// breadcrumb or share text).
const TITLE_MAX_COPIES: usize = 3;

/// Headings among the first kept lines that [`title_echoes`] looks for in
/// the lines after them.
const TITLE_ECHO_WINDOW: usize = 3;

/// A heading is looked for in later lines when it has at least this many
/// words: shorter ones ("Photo gallery", "The plan") are common phrases.
const TITLE_ECHO_MIN_WORDS: u32 = 5;

/// At most this many words around the heading make a line its echo (an
/// image's file name or alt text, "aa modern apartment 3 <title>"); a
/// sentence quoting the title says more.
const TITLE_ECHO_MAX_EXTRA_WORDS: u32 = 6;

/// Fewest estimated words of an unpunctuated closing line in Thai, Lao,
/// Khmer or Myanmar (see `closing_sentence`): 8 words are about 32
/// characters (`features::UNSPACED_CHARS_PER_WORD`), twice
/// [`mainblock::TAIL_MIN_WORDS`], so that a short label or menu item
/// ("ข่าวที่เกี่ยวข้อง", related news, 4 words) never passes for a sentence.
const UNSPACED_TAIL_MIN_WORDS: u32 = 2 * mainblock::TAIL_MIN_WORDS;

/// Heading-like lines have at most this many words.
const HEADING_MAX_WORDS: u32 = 20;

/// Cleans documents. Build it once and reuse it: it is `Send + Sync`, cheap
/// to share between threads behind a reference, and keeps per-thread scratch
/// buffers so that cleaning allocates per document, not per line.
///
/// ```
/// use deboil::{Cleaner, Config};
/// let cleaner = Cleaner::new(Config::default());
/// let page = "Share this\n\
///     The council approved the new budget on Tuesday after a long debate about \
///     school funding, which had divided the members of the council for months.\n\
///     Officials said that the plan would take effect in January and that the first \
///     payments would reach the districts before the start of the spring term.\n\
///     © 2024 Example News. All rights reserved.\n";
/// let cleaned = cleaner.clean(page.as_bytes());
/// let text = String::from_utf8(cleaned.to_vec()).unwrap();
/// assert!(text.starts_with("The council approved"));
/// assert!(!text.contains("Share this"));
/// assert!(!text.contains("All rights reserved"));
/// assert_eq!(cleaned.verdicts().len(), 4);
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    config: Config,
    markers: &'static Markers,
    stoplists: &'static Stoplists,
}

/// Per-thread buffers, reused across documents.
#[derive(Default)]
struct Scratch {
    spans: Vec<LineSpan>,
    feats: Vec<LineFeatures>,
    marks: Vec<Option<MarkerHit>>,
    cf: Vec<LineClass>,
    /// For lines dropped on template evidence: their class without it, and
    /// the evidence.
    template: Vec<Option<(LineClass, templates::TemplateHit)>>,
    classes: Vec<Class>,
    lengths: Vec<u32>,
    heading: Vec<bool>,
    hashes: Vec<Option<u64>>,
    first: Vec<u32>,
    seen: repeats::LineHashMap,
    region_lines: Vec<RegionLine>,
    words: Vec<u32>,
    region: Vec<Option<u32>>,
    outside: Vec<Option<Rule>>,
    next_text: Vec<usize>,
    article_start: usize,
    lead: Vec<bool>,
    /// Lines kept for what frames them, whatever their own score: an
    /// ingredient list under its header, a recipe's steps, a code listing
    /// between the article's paragraphs.
    framed: Vec<bool>,
    /// The document's code listings (`codeblock`).
    listings: Vec<Range<usize>>,
    block: Vec<BlockLine>,
    block_range: Option<(usize, usize)>,
    /// The closing sentences joined below the main block (`join_sentences`):
    /// the article's last lines, not dangling labels.
    closing: Range<usize>,
    traces: Vec<Trace>,
    key: String,
    /// The document's language has no stoplist and the union finds function
    /// words in its prose only by chance (density scale 0).
    no_function_words: bool,
    /// Lower-cased lines and footer keys of the comment-cue checks.
    footers: FooterScratch,
    sample: String,
    captions: Vec<bool>,
    bylines: Vec<bool>,
    comments: Vec<bool>,
    cache: LineCache,
    fs: features::Scratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Cleaner {
    /// Build a cleaner for `config`. The marker automaton and stoplists are
    /// built once per process, on first use, and shared.
    pub fn new(config: Config) -> Cleaner {
        Cleaner { config, markers: Markers::global(), stoplists: Stoplists::global() }
    }

    /// The configuration this cleaner was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Clean one document.
    ///
    /// Never panics, whatever the bytes: invalid UTF-8, NUL bytes, lone CR,
    /// CRLF, a missing final newline, an empty input or a single huge line
    /// are all handled (see the crate documentation for the exact rules).
    pub fn clean<'a>(&self, input: &'a [u8]) -> Cleaned<'a> {
        self.run(input, None, None)
    }

    /// Clean one document and also return the learned re-scorer's inputs,
    /// one row per line (see [`crate::learned`]); for the training script.
    #[doc(hidden)]
    pub fn clean_with_inputs<'a>(&self, input: &'a [u8]) -> (Cleaned<'a>, Vec<[f32; N_INPUTS]>) {
        let mut rows = Vec::new();
        let cleaned = self.run(input, None, Some(&mut rows));
        (cleaned, rows)
    }

    /// Empty the calling thread's memo of lines seen before (see
    /// `docs/design.md`, "The line memo"): to give back its few megabytes, or
    /// to measure the cleaner on text it has not seen. Output never depends
    /// on the memo.
    pub fn forget_lines() {
        SCRATCH.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.cache.clear();
            }
        });
    }

    /// Clean one document with cross-document evidence from its batch: a
    /// line that [`templates::is_template`] judges to be the site's template
    /// is dropped (label `template`, rule `template`), unless
    /// [`Stage::Templates`] is off. Lines the document alone already marks
    /// bad (a marker phrase, a timestamp, ...) keep their own label and
    /// rule.
    pub fn clean_with_evidence<'a>(
        &self,
        input: &'a [u8],
        evidence: &dyn LineEvidence,
    ) -> Cleaned<'a> {
        self.run(input, Some(evidence), None)
    }

    fn run<'a>(
        &self,
        input: &'a [u8],
        evidence: Option<&dyn LineEvidence>,
        rows: Option<&mut Vec<[f32; N_INPUTS]>>,
    ) -> Cleaned<'a> {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.clean_with(input, evidence, &mut s, rows),
            // Only reachable if cleaning re-entered itself on this thread.
            Err(_) => self.clean_with(input, evidence, &mut Scratch::default(), rows),
        })
    }

    fn clean_with<'a>(
        &self,
        input: &'a [u8],
        evidence: Option<&dyn LineEvidence>,
        s: &mut Scratch,
        rows: Option<&mut Vec<[f32; N_INPUTS]>>,
    ) -> Cleaned<'a> {
        lines::split_into(input, &mut s.spans);
        let n_all = s.spans.len();
        let over = input.len() > self.config.max_document_bytes()
            || n_all > self.config.max_document_lines();
        if over && self.config.over_limit() == OverLimit::PassThrough {
            let verdicts = s
                .spans
                .iter()
                .map(|&span| Verdict {
                    span,
                    keep: true,
                    label: Label::Content,
                    rule: Rule::Limit,
                    score: 0.0,
                    features: LineFeatures::default(),
                })
                .collect();
            return Cleaned { input, verdicts, lang: None };
        }
        // Lines within the limits (all of them unless truncating).
        let n = if over {
            let max_bytes = self.config.max_document_bytes();
            s.spans
                .iter()
                .take(self.config.max_document_lines())
                .take_while(|l| l.end <= max_bytes)
                .count()
        } else {
            n_all
        };

        let lang = self.document_language(input, &s.spans[..n], &mut s.sample);
        let stop: &Stopwords = match lang {
            Some(l) => self.stoplists.get(l),
            None => self.stoplists.union(),
        };
        let on = |stage| self.config.stage_on(stage);

        // Stages 2, 3 and 7's line keys, and the caption and byline shapes:
        // everything that depends on nothing but the line and the stoplist,
        // from the thread's memo of lines seen before (src/linecache.rs).
        let stop_id = lang.map_or(u8::MAX, |l| {
            Lang::ALL.iter().position(|&x| x == l).map_or(u8::MAX - 1, |i| i as u8)
        });
        let hashed = on(Stage::Repeats) || on(Stage::Regions);
        let markers = self.markers;
        s.feats.clear();
        s.marks.clear();
        s.hashes.clear();
        s.captions.clear();
        s.bylines.clear();
        s.comments.clear();
        for span in &s.spans[..n] {
            let text = &input[span.content()];
            let (fs, key) = (&mut s.fs, &mut s.key);
            let facts = s.cache.get_or_compute(text, stop_id, || {
                let f = features::compute(text, stop, fs);
                let marker = if !f.blank && markers.may_matter(f.words, f.numbers) {
                    markers.find(text, key)
                } else {
                    None
                };
                LineFacts {
                    features: f,
                    marker,
                    hash: repeats::line_hash(text, key),
                    caption: score::is_caption(text),
                    byline: score::is_byline(text, &f) || score::is_author_bio(text, &f),
                    comments: f.words <= mainblock::TERMINATOR_MAX_WORDS
                        && mentions_comments(text, key),
                }
            });
            s.feats.push(facts.features);
            s.marks.push(facts.marker.filter(|_| on(Stage::Markers)));
            s.hashes.push(facts.hash.filter(|_| hashed));
            s.captions.push(facts.caption);
            s.bylines.push(facts.byline);
            s.comments.push(facts.comments);
        }

        // Stage 4: the document's script.
        let doc_script = if on(Stage::Script) { dominant_script(&s.feats) } else { Script::None };

        repeats::first_occurrences(&s.hashes, &mut s.seen, &mut s.first);

        // Stage 5a: context-free classes.
        let scale = match lang {
            Some(l) => l.density_scale(),
            None => union_density_scale(&s.feats),
        };
        s.no_function_words = scale == 0.0;
        let thresholds = Thresholds::new(self.config.strictness().threshold_shift(), scale);
        s.cf.clear();
        s.template.clear();
        // An interview or a story told in dialogue ("— Сколько это будет
        // стоить?" / "— Около двух миллиардов рублей …"): its short lines
        // are text when the page has enough of them.
        let dialogue_page = (0..n)
            .filter(|&i| is_dialogue_line(&input[s.spans[i].content()], &s.feats[i]))
            .take(DIALOGUE_MIN_LINES)
            .count()
            == DIALOGUE_MIN_LINES;
        for (i, f) in s.feats.iter().enumerate() {
            let text = &input[s.spans[i].content()];
            let foreign = doc_script != Script::None
                && f.script != Script::None
                && f.script != doc_script
                && f.script_letters >= 3
                && f.script_letters * 2 >= f.letters;
            let cx = LineContext {
                marker: s.marks[i],
                caption: s.captions[i],
                foreign,
                byline: s.bylines[i],
            };
            let mut class = score::classify(f, cx, &thresholds);
            if class.class != Class::Bad && is_share_bar(text, f) {
                class = LineClass {
                    class: Class::Bad,
                    label: Label::Social,
                    rule: Rule::Shape,
                    score: class.score.min(-1.0),
                };
            }
            if dialogue_page
                && (class.class == Class::Short
                    || (class.class == Class::Bad && class.rule == Rule::LineScore))
                && is_dialogue_line(text, f)
            {
                class = LineClass {
                    class: Class::NearGood,
                    label: Label::Content,
                    rule: Rule::LineScore,
                    score: class.score,
                };
            }
            let mut template = None;
            // Template evidence drops lines the document alone would not;
            // a line already bad keeps its own, more specific reason.
            if let (Some(ev), true, false) =
                (evidence, on(Stage::Templates), class.class == Class::Bad)
            {
                let hit = templates::line_key(text, &mut s.key).and_then(|k| ev.lookup(k));
                if let Some(hit) = hit.filter(|&h| !f.blank && templates::is_template(h, f)) {
                    template = Some((class, hit));
                    class = LineClass {
                        class: Class::Bad,
                        label: Label::Template,
                        rule: Rule::Template { site_docs: hit.site_docs },
                        score: class.score.min(-1.0),
                    };
                }
            }
            s.cf.push(class);
            s.template.push(template);
        }

        // Hard-wrapped paragraphs: a line continued by the next one (which
        // starts in lower case) is judged together with it, as jusText
        // judges a whole HTML block.
        join_wrapped(input, s, &thresholds);

        s.article_start = 0;

        // Code listings (before regions: a line of code is no template
        // leak opening a region when a sentence introduces it).
        find_listings(input, s, n);

        // Stage 6: regions.
        s.region_lines.clear();
        s.words.clear();
        for i in 0..n {
            let f = &s.feats[i];
            let cf = &s.cf[i];
            let paired = is_paired(&s.hashes, i);
            let heading_like = is_heading_like(f, cf);
            let text = &input[s.spans[i].content()];
            let opener = on(Stage::Regions)
                && ((f.code && !s.listings.iter().any(|r| r.contains(&i)))
                    || s.marks[i].is_some_and(|m| {
                        m.kind.opens_list()
                            && (m.anchor == Anchor::Line
                                || (m.anchor == Anchor::Start && f.words <= 4))
                    }));
            let list_like = cf.class == Class::Bad
                || f.numbered
                || f.bullet
                || (f.has_date && f.words <= 12)
                || (f.words >= 1 && f.words <= HEADING_MAX_WORDS && !f.terminal)
                || paired
                || section_prefixed(text);
            let prose = cf.class == Class::Good || (f.words >= 10 && f.terminal);
            s.region_lines.push(RegionLine {
                blank: f.blank,
                opener,
                list_like,
                prose,
                heading_like,
                paired,
            });
            s.words.push(f.words);
        }
        if on(Stage::Regions) {
            // Where the article starts, before regions: the best block over
            // the context-free classes.
            s.block.clear();
            s.block.extend(
                (0..n).map(|i| BlockLine { class: s.cf[i].class, words: s.feats[i].words }),
            );
            s.article_start = mainblock::best_block(&s.block).map_or(0, |(start, _)| start);
            regions::find(&s.region_lines, &s.words, s.article_start, &mut s.region);
        } else {
            s.region.clear();
            s.region.resize(n, None);
        }

        // Stage 5b: context.
        s.classes.clear();
        s.lengths.clear();
        s.heading.clear();
        for i in 0..n {
            let mut c = s.cf[i].class;
            if s.region[i].is_some() && c != Class::Blank {
                c = Class::Bad;
            }
            // A recap label ("Let us remind you", «Нагадаємо») is dropped but
            // introduces article background: it must not count as a bad
            // neighbour of the paragraph it introduces.
            if c == Class::Bad && s.marks[i].is_some_and(|m| m.kind == MarkerKind::Recap) {
                c = Class::Blank;
            }
            s.classes.push(c);
            s.lengths.push(s.feats[i].chars);
            s.heading.push(s.region_lines[i].heading_like);
        }
        // Stage 5c: the main block and the terminator, on the context-free
        // classes; lines outside it become bad anchors for the context pass.
        s.outside.clear();
        s.outside.resize(n, None);
        s.lead.clear();
        s.lead.resize(n, false);
        s.framed.clear();
        s.framed.resize(n, false);
        s.block_range = None;
        s.closing = 0..0;
        if on(Stage::MainBlock) {
            self.main_block(input, s, n);
            for i in 0..n {
                if s.lead[i] || s.framed[i] {
                    s.classes[i] = Class::Good;
                } else if s.outside[i].is_some() && s.classes[i] != Class::Blank {
                    s.classes[i] = Class::Bad;
                }
            }
        }
        if on(Stage::Context) {
            context::resolve(&mut s.classes, &s.lengths, &s.heading);
        } else {
            for c in &mut s.classes {
                if matches!(*c, Class::Short | Class::NearGood) {
                    *c = Class::Good;
                }
            }
        }

        // A heading introduces text: an unpunctuated short line kept by
        // context but followed by nothing kept is a dangling label ("Related
        // links", "More climate news"). Backwards, so a chain of them goes.
        if on(Stage::Context) {
            let mut next_kept = false;
            for i in (0..n).rev() {
                if s.classes[i] == Class::Blank {
                    continue;
                }
                let f = &s.feats[i];
                let dangling = s.classes[i] == Class::Good
                    && !next_kept
                    && s.cf[i].class == Class::Short
                    && !f.terminal
                    && !s.lead[i]
                    && !s.framed[i]
                    && !s.closing.contains(&i);
                if dangling {
                    s.classes[i] = Class::Bad;
                }
                next_kept = s.classes[i] == Class::Good;
            }
        }

        // Assemble verdicts.
        let mut verdicts: Vec<Verdict> = Vec::with_capacity(n_all);
        for i in 0..n {
            let cf = s.cf[i];
            let f = s.feats[i];
            let keep = s.classes[i] == Class::Good;
            let (label, rule) = if f.blank {
                (Label::Blank, Rule::Blank)
            } else if let (true, Some(rule)) = (cf.class != Class::Bad, s.outside[i]) {
                let label = match rule {
                    Rule::Region { .. } => Label::Comments,
                    // The only shape decided in the main-block pass: the
                    // lead caption echoing the title.
                    Rule::Shape => Label::Caption,
                    _ => Label::Boilerplate,
                };
                (label, rule)
            } else if let Some(opener) = s.region[i] {
                if cf.class == Class::Bad && cf.rule != Rule::LineScore {
                    (cf.label, cf.rule)
                } else {
                    (Label::HeadlineList, Rule::Region { opener })
                }
            } else if s.lead[i] {
                (Label::Heading, Rule::Title)
            } else if s.framed[i] {
                // Kept for the method below it: resolved by position.
                (Label::Content, Rule::Context)
            } else if cf.class == Class::Bad {
                (cf.label, cf.rule)
            } else if keep {
                match cf.class {
                    Class::Good => (Label::Content, Rule::LineScore),
                    Class::NearGood => (Label::Content, Rule::Context),
                    // A closing sentence joined below the block.
                    _ if s.closing.contains(&i) => (Label::Content, Rule::Context),
                    _ => (Label::Heading, Rule::Context),
                }
            } else {
                let label = if f.words <= 4 { Label::Navigation } else { Label::Boilerplate };
                (label, Rule::Context)
            };
            verdicts.push(Verdict {
                span: s.spans[i],
                keep,
                label,
                rule,
                score: cf.score,
                features: f,
            });
        }

        if on(Stage::Repeats) {
            self.title_and_repeats(&mut verdicts, s);
            title_echoes(input, &mut verdicts, s);
        }
        if let Some(rows) = rows {
            s.traces.clear();
            s.traces.extend((0..n).map(|i| Trace {
                cf: s.cf[i],
                marker: s.marks[i],
                region: s.region[i].is_some(),
                outside: s.outside[i],
                lead: s.lead[i],
                heading_like: s.region_lines[i].heading_like,
                list_like: s.region_lines[i].list_like,
                prose: s.region_lines[i].prose,
                paired: s.region_lines[i].paired,
                repeat: s.first[i] as usize != i,
            }));
            learned::inputs(&verdicts, &s.traces, s.block_range, rows);
        }
        if !verdicts.iter().any(|v| v.keep && !v.features.blank) {
            fallback(input, &mut verdicts, s);
        }
        for &span in &s.spans[n..] {
            verdicts.push(Verdict {
                span,
                keep: false,
                label: Label::Boilerplate,
                rule: Rule::Limit,
                score: 0.0,
                features: LineFeatures::default(),
            });
        }
        blank_separators(&mut verdicts, self.config.blank_lines());
        Cleaned { input, verdicts, lang }
    }

    /// Stage 5c: mark kept lines outside the main block, and everything
    /// after a terminator, in `s.outside`.
    fn main_block(&self, input: &[u8], s: &mut Scratch, n: usize) {
        s.outside.clear();
        s.outside.resize(n, None);
        s.lead.clear();
        s.lead.resize(n, false);
        // next_text[i]: the first non-blank line at or after i (n if none).
        s.next_text.clear();
        s.next_text.resize(n, n);
        let mut next = n;
        for i in (0..n).rev() {
            if !s.feats[i].blank {
                next = i;
            }
            s.next_text[i] = next;
        }
        // Terminator: a comments / end-of-article cue after enough text.
        let mut seen_words = 0u32;
        for i in 0..n {
            let f = &s.feats[i];
            // End cues end the article. A comments cue does when comments
            // follow: a counted header ("270 Comments") with the rhythm of a
            // comment section after it, a bare "Comment" (maybe an inline
            // button) only with both signs of one; "Comments (0)" never.
            let text = &input[s.spans[i].content()];
            let end_cue = s.marks[i].is_some_and(|m| {
                m.kind == MarkerKind::End && m.anchor != Anchor::Any && score::marker_drops(m, f)
            });
            // A blog index prints "Posted at 8:41 PM | 5 comments" under
            // each post and the next post's date right after: that is a
            // post footer, not the start of a comment section.
            // (Comment sections also open with a date, but dates then keep
            // coming every few lines.)
            // The same goes for a footer with the post's own time on it
            // ("11:36 AM | Permalink | Comments (1)") and for a menu entry
            // ("Date Index | Comment Index"): a dated cue ends the article
            // only when it counts comments and both signs of a comment
            // section follow ("Seen by Jason Fried on November 7 2012.
            // There are 12 comments.").
            let comments_cue = f.words <= mainblock::TERMINATOR_MAX_WORDS
                && (s.marks[i].is_some_and(|m| m.kind == MarkerKind::Comments) || s.comments[i])
                && !post_footer(&s.next_text, &s.feats, i)
                && !recurring_footer(input, &s.spans, &s.feats, &s.classes, i, &mut s.footers);
            // A comments cue followed at once by more prose than was kept
            // before it (an author box, then "Comments" as a header link,
            // then the article) is not the end either: comments open with
            // a header or a short comment, not with a longer text than the
            // article's. (An end cue can be followed by a related-stories
            // list glued into one long line, so this is for comments only.)
            let is_end = end_cue
                || (comments_cue
                    && prose_run_after(&s.next_text, &s.feats, &s.classes, i) <= seen_words
                    && {
                        let (dates, rhythm) = comment_signs(&s.next_text, &s.feats, &s.classes, i);
                        // "19 Responses": a count before a header the
                        // lexicon knows but the comment stems do not name.
                        let counted = || {
                            let cue = s.marks[i].is_some_and(|m| m.kind == MarkerKind::Comments);
                            cue.then(|| leading_count(text)).flatten()
                        };
                        match comment_count(text, &mut s.footers.lower).or_else(counted) {
                            Some(0) => false,
                            Some(_) if f.has_date => dates && rhythm,
                            Some(_) => dates || rhythm,
                            None => !f.has_date && f.separators < 2 && dates && rhythm,
                        }
                    });
            // A cue above the article's first block is a link in the page
            // header ("New, 74 comments"), not the article's end; a counted
            // header that quotes the post's title ("107 Responses to
            // “Alien Surface”", WordPress's "2 thoughts on “…”") heads the
            // post's own comments, after however short a post (a picture
            // and a caption).
            let names_post = || comments_cue && counted_header(text) && quotes_title(text);
            if is_end && (seen_words >= mainblock::TERMINATOR_MIN_WORDS || names_post()) {
                for o in &mut s.outside[i + 1..n] {
                    *o = Some(Rule::Region { opener: i as u32 });
                }
                break;
            }
            if s.classes[i] == Class::Good {
                seen_words += f.words;
            }
        }
        s.block.clear();
        for i in 0..n {
            let class = if s.outside[i].is_some() { Class::Bad } else { s.classes[i] };
            s.block.push(BlockLine { class, words: s.feats[i].words });
        }
        // Code listings between paragraphs cost the block nothing (unless a
        // terminator came first); they are kept below when the block spans
        // them.
        let (outside, region) = (&s.outside, &s.region);
        s.listings.retain(|r| {
            let frame = r.start - 1..=r.end;
            outside[frame.clone()].iter().all(Option::is_none)
                && region[frame].iter().all(Option::is_none)
        });
        for r in &s.listings {
            for b in &mut s.block[r.clone()] {
                b.class = Class::Blank;
            }
        }
        if let Some((start, end)) = mainblock::best_block(&s.block) {
            for r in &s.listings {
                if start < r.start && r.end <= end {
                    for k in r.clone() {
                        s.framed[k] = !s.feats[k].blank;
                    }
                }
            }
            // The article's first sentences, as its last ones below.
            let mut start = join_sentences(input, s, (0..start).rev(), Edge::Start)
                .or_else(|| standfirst_above_picture(input, s, start))
                .unwrap_or(start);
            // A recipe's ingredient list right above its method: quantities
            // and names ("350 g Zucker", "Frischhaltefolie") have no
            // sentence shape, so the block starts below them. Before the
            // title is looked for, which is above the list.
            let above = (start.saturating_sub(INGREDIENT_WINDOW)..start)
                .rev()
                .find(|&k| recipe_header(input, s, k, INGREDIENT_HEADERS))
                .filter(|&h| lists_quantities(input, s, h + 1..start));
            if let Some(h) = above {
                mark_ingredients(s, h..start);
                start = h;
            }
            // The title (and a subtitle or byline) right above the block
            // belong to it, even across metadata lines (date, credit,
            // share buttons, caption) between them and the text.
            let mut k = start;
            let mut looked = 0;
            let mut skipped = 0;
            let mut taken = 0;
            let mut datelines_only = true;
            let mut lead_start = start;
            while k > 0
                && taken < mainblock::MAX_LEAD_HEADINGS
                && looked < mainblock::LEAD_WINDOW
                && skipped < mainblock::LEAD_MAX_METADATA
            {
                k -= 1;
                if s.feats[k].blank {
                    continue;
                }
                // The page's own title may be printed in the site's other
                // pages' lists: as the title, it is template only when
                // nearly every page of the site has it (a banner).
                if let Some((own, hit)) = s.template[k] {
                    let f = &s.feats[k];
                    if is_heading_like(f, &own)
                        && f.words >= mainblock::LEAD_MIN_WORDS
                        && s.region[k].is_none()
                        && !templates::is_title_template(hit, f)
                    {
                        s.cf[k] = own;
                        s.template[k] = None;
                        s.region_lines[k].heading_like = true;
                    }
                }
                let cf = &s.cf[k];
                let f = &s.feats[k];
                // Mostly numbers ("4 von 5 Sternen (12 Bewertungen)", "Page
                // 1 of 4", "168 0 0"): a rating, pagination or counter
                // between the title and the text; metadata, whatever its
                // class.
                if cf.class == Class::Bad && cf.rule != Rule::LineScore {
                    skipped += 1;
                    // A tag or category line ("テーマ：ブログ", "Tags: …")
                    // sits there as datelines do (as `tag_list` below).
                    let tags = s.marks[k].is_some_and(|m| m.kind == MarkerKind::Tags);
                    datelines_only &= is_dateline(f, cf) || tags;
                    continue; // metadata: skip over it
                }
                // A category or tag list ("Blog, Ernährung, Umweltschutz,
                // Vegan"), printed between the title and the text as a
                // dateline is.
                if tag_list(&input[s.spans[k].content()]) {
                    s.outside[k] = Some(Rule::Outside);
                    skipped += 1;
                    continue;
                }
                if f.numbers >= LEAD_METADATA_MIN_NUMBERS && f.numbers * 2 >= f.words {
                    s.outside[k] = Some(Rule::Outside);
                    skipped += 1;
                    datelines_only = false;
                    continue;
                }
                // A recipe's or a product's facts ("Préparation : 20 min",
                // "Servings: 4"), and a dated byline the lexicon knows
                // ("Publicado el 3 de noviembre de 2026 por Lucía Romero"):
                // metadata, not a subtitle.
                if label_value(&input[s.spans[k].content()], f)
                    || (f.has_date
                        && s.marks[k].is_some_and(|m| {
                            m.kind == MarkerKind::Byline && m.anchor == Anchor::Start
                        }))
                {
                    s.outside[k] = Some(Rule::Outside);
                    skipped += 1;
                    datelines_only = false;
                    continue;
                }
                looked += 1;
                // A list above the article may run into its title when the
                // title's dateline ("12 December 2026, 10:45") sits between
                // it and the text, as it does in a list's "headline, date"
                // items: the heading right above the text across nothing
                // but datelines is the title all the same.
                let title_across_dateline = looked == 1 && skipped > 0 && datelines_only;
                // A short title is a section label unless the text opens
                // with it ("Kettle Island" / "Kettle Island is a small
                // island …", an encyclopedia's or a profile's way).
                let short_title_named = s.feats[k].words < mainblock::LEAD_MIN_WORDS
                    && s.next_text.get(start).is_some_and(|&p| {
                        p < n
                            && names_first_words(
                                &input[s.spans[k].content()],
                                &input[s.spans[p].content()],
                            )
                    });
                if !s.region_lines[k].heading_like
                    || (s.region[k].is_some() && !title_across_dateline)
                    || (s.feats[k].words < mainblock::LEAD_MIN_WORDS && !short_title_named)
                    || cut_short(&input[s.spans[k].content()])
                {
                    break;
                }
                s.region[k] = None;
                s.lead[k] = true;
                lead_start = k;
                taken += 1;
                if short_title_named {
                    break; // the page's own name tops the article
                }
            }
            // Of two lead lines, the lower one is the lead picture's caption,
            // not a subtitle, when it opens with the upper one's first words
            // ("Dee Dee Myers" / "Dee Dee Myers Getty Images": alt text
            // echoing the title) or sits right above a photo credit
            // ("写真＝共同通信", "Photo: Reuters").
            if taken == 2 {
                let upper = lead_start;
                if let Some(lower) = (upper + 1..start).find(|&k| s.lead[k]) {
                    let (a, b) =
                        (&input[s.spans[upper].content()], &input[s.spans[lower].content()]);
                    let above_credit =
                        (lower + 1..start).find(|&k| !s.feats[k].blank).is_some_and(|k| {
                            s.cf[k].label == Label::Credit && s.cf[k].rule == Rule::Marker
                        });
                    if echoes_title(a, b) || above_credit {
                        s.lead[lower] = false;
                        // A caption by its shape next to the title (not a
                        // `repeat`: the lines differ).
                        s.outside[lower] = Some(Rule::Shape);
                    }
                }
            }
            let start = lead_start;
            // The article's last sentences: short or borderline lines that
            // end a sentence right after the block ("Her last day is April
            // 1, and Warners has not named a replacement.") belong to it;
            // Kadane's sum stops at the last good line.
            let block_end = end;
            let mut end = join_sentences(input, s, end..n, Edge::End).map_or(end, |k| k + 1);
            s.closing = block_end..end;
            // Or below the block (the story before the recipe is longer than
            // its method's short steps): the list under its header, then
            // the method's header and its steps.
            if above.is_none() {
                if let Some((h, last)) = recipe_below(input, s, end) {
                    // What lies between (servings, times, a picture) is not
                    // article text.
                    for k in end..h {
                        if s.outside[k].is_none() && !self.strong_prose(&s.feats[k], &s.cf[k]) {
                            s.outside[k] = Some(Rule::Outside);
                        }
                    }
                    end = last + 1;
                }
            }
            s.block_range = Some((start, end));
            for i in (0..start).chain(end..n) {
                if s.outside[i].is_none()
                    && !s.framed[i]
                    && !self.strong_prose(&s.feats[i], &s.cf[i])
                {
                    s.outside[i] = Some(Rule::Outside);
                }
            }
        }
    }

    /// Prose strong enough to keep outside the main block.
    fn strong_prose(&self, f: &LineFeatures, cf: &LineClass) -> bool {
        cf.class == Class::Good
            && score::effective_length(f) >= OUTSIDE_MIN_LENGTH
            && score::stop_density(f) >= OUTSIDE_MIN_STOPWORDS
    }

    /// Stage 7: keep a title printed several times at the top once; drop
    /// later copies of kept lines.
    fn title_and_repeats(&self, verdicts: &mut [Verdict], s: &Scratch) {
        let n = s.first.len();
        // The title: before the first kept content line, a heading-like line
        // with a copy shortly after.
        let first_content =
            verdicts.iter().position(|v| v.keep && v.label == Label::Content).unwrap_or(n).min(n);
        #[allow(clippy::needless_range_loop)] // i indexes five parallel vectors
        for i in first_content.saturating_sub(TITLE_COPY_WINDOW)..first_content {
            if s.first[i] as usize != i
                || !s.region_lines[i].heading_like
                || s.feats[i].words < TITLE_MIN_WORDS
            {
                continue;
            }
            let copies = (i + 1..n).filter(|&k| s.first[k] as usize == i).count();
            let near = (i + 1..n.min(i + 1 + TITLE_COPY_WINDOW)).any(|k| s.first[k] as usize == i);
            if near && copies <= TITLE_MAX_COPIES {
                let v = &mut verdicts[i];
                v.keep = true;
                v.label = Label::Heading;
                v.rule = Rule::Title;
                break;
            }
        }
        for i in 0..n {
            let first = s.first[i] as usize;
            if first != i && verdicts[first].keep && verdicts[i].keep {
                let v = &mut verdicts[i];
                v.keep = false;
                v.label = Label::Duplicate;
                v.rule = Rule::Repeat { first: first as u32 };
            } else if first != i && verdicts[first].keep && !verdicts[i].keep {
                // Dropped anyway; name the repeat if nothing more specific did.
                let v = &mut verdicts[i];
                if v.rule == Rule::Context {
                    v.label = Label::Duplicate;
                    v.rule = Rule::Repeat { first: first as u32 };
                }
            }
        }
    }

    /// Stage 4: the language whose stoplist is used.
    fn document_language(
        &self,
        input: &[u8],
        spans: &[LineSpan],
        sample: &mut String,
    ) -> Option<Lang> {
        if !self.config.stage_on(Stage::Language) {
            return None;
        }
        if let LanguageChoice::Fixed(l) = self.config.language() {
            return Some(l);
        }
        lang::build_sample(input, spans, sample);
        lang::detect_sample(sample)
    }
}

/// Stage 7b: a kept line that prints one of the article's first headings
/// whole with a few words around it ("aaan exterior Incredible Home Revival
/// Project by KNQ Associates in Singapore [Before & After Photos]": a
/// gallery's alt texts, each an image file name and the post's title) is a
/// copy of the heading, not text: dropped as a caption. A sentence that
/// names the title ("Direct link to <title> on YouTube.") is not an echo.
fn title_echoes(input: &[u8], verdicts: &mut [Verdict], s: &Scratch) {
    let n = verdicts.len().min(s.spans.len());
    let mut headings = [None; TITLE_ECHO_WINDOW];
    for (slot, i) in headings.iter_mut().zip((0..n).filter(|&i| verdicts[i].keep)) {
        if s.region_lines[i].heading_like && s.feats[i].words >= TITLE_ECHO_MIN_WORDS {
            *slot = Some(i);
        }
    }
    let Some(first) = headings.iter().flatten().min().copied() else { return };
    for k in first + 1..n {
        let f = &s.feats[k];
        if !verdicts[k].keep || f.terminal {
            continue;
        }
        let text = &input[s.spans[k].content()];
        let echoes = headings.iter().flatten().any(|&h| {
            let title = crate::features::trim_bytes(&input[s.spans[h].content()]);
            h < k
                && text.len() > title.len()
                && f.words <= s.feats[h].words + TITLE_ECHO_MAX_EXTRA_WORDS
                && memchr::memmem::find(text, title).is_some()
        });
        if echoes {
            // A caption by its shape next to the heading (as the lead
            // caption echoing the title is), not a `repeat`: the lines
            // differ.
            let v = &mut verdicts[k];
            v.keep = false;
            v.label = Label::Caption;
            v.rule = Rule::Shape;
        }
    }
}

/// Lines of at least this many words that end a sentence are the prose
/// sample of [`union_density_scale`] (jusText's long-line length, about 70
/// characters; unpunctuated long lines are menus glued together or error
/// messages, not prose, unless no line ends a sentence).
const UNION_SAMPLE_MIN_WORDS: u32 = 10;

/// Share of the union stoplist's words in the long lines of a document
/// written in a listed language: a quarter of the dev sets' documents have
/// less (median 0.45–0.47, fifth percentile 0.29–0.32 on CleanEval, Dragnet
/// and devset-multi).
const UNION_PROSE_DENSITY: f32 = 0.40;

/// Share of the union stoplist's words in prose of a language it does not
/// list, by chance: Estonian news prose has 0.13 (short Finnish, Latin and
/// English words). At or below it, per-line stopword density says nothing.
const UNION_NOISE_DENSITY: f32 = 0.15;

/// The stopword-density scale of a document whose language is not known
/// (its stopwords counted with the union of every stoplist): how far the
/// union's density in its long lines sits between chance
/// ([`UNION_NOISE_DENSITY`], scale 0: length alone decides, as jusText
/// without a stoplist) and that of a listed language
/// ([`UNION_PROSE_DENSITY`], scale 1). A page in English or German whose
/// language whatlang was unsure of keeps scale 1; Estonian, Swahili or
/// Tagalog prose is no longer dropped for lacking function words nobody
/// listed. A document without long lines keeps scale 1.
fn union_density_scale(feats: &[LineFeatures]) -> f32 {
    let sample = |terminal: bool| {
        let (mut stop, mut words) = (0u64, 0u64);
        let long =
            |f: &&LineFeatures| f.words >= UNION_SAMPLE_MIN_WORDS && (f.terminal || !terminal);
        for f in feats.iter().filter(long) {
            stop += u64::from(f.stopwords);
            words += u64::from(f.words);
        }
        (stop, words)
    };
    // Sentences; in scripts that end them without punctuation (Thai, Lao,
    // Khmer), every long line.
    let (stop, words) = match sample(true) {
        (_, 0) => sample(false),
        found => found,
    };
    if words == 0 {
        return 1.0;
    }
    let density = stop as f32 / words as f32;
    ((density - UNION_NOISE_DENSITY) / (UNION_PROSE_DENSITY - UNION_NOISE_DENSITY)).clamp(0.0, 1.0)
}

/// The script with most letters among the document's longer lines (all
/// lines if none is long).
fn dominant_script(feats: &[LineFeatures]) -> Script {
    let mut votes: [(Script, u32); 9] = Default::default();
    let tally = |votes: &mut [(Script, u32); 9], min_words: u32| {
        for f in feats.iter().filter(|f| f.words >= min_words && f.script != Script::None) {
            let slot = votes.iter_mut().find(|(s, n)| *s == f.script || *n == 0);
            if let Some(slot) = slot {
                slot.0 = f.script;
                slot.1 += f.script_letters;
            }
        }
    };
    tally(&mut votes, SCRIPT_VOTE_MIN_WORDS);
    if votes.iter().all(|v| v.1 == 0) {
        tally(&mut votes, 1);
    }
    votes.iter().max_by_key(|v| v.1).filter(|v| v.1 > 0).map_or(Script::None, |v| v.0)
}

/// The non-blank lines after line `i`, in order, found by jumping through
/// `next_text` (so runs of blank lines cost nothing).
fn texts_after(next_text: &[usize], i: usize) -> impl Iterator<Item = usize> + '_ {
    let n = next_text.len();
    let mut k = if i + 1 < n { next_text[i + 1] } else { n };
    std::iter::from_fn(move || {
        (k < n).then(|| {
            let cur = k;
            k = if cur + 1 < n { next_text[cur + 1] } else { n };
            cur
        })
    })
}

/// Which edge of the main block [`join_sentences`] walks away from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// Upwards from its first line: the article's opening sentences.
    Start,
    /// Downwards from its last line: the article's closing sentences.
    End,
}

/// Stage 5c: walking away from an edge of the main block (`lines`), take up
/// to [`mainblock::TAIL_MAX_LINES`] closing (or opening) sentences into it,
/// blank lines aside, and return the farthest line taken. A taken short
/// line is judged by context as a borderline sentence, so that the share
/// buttons after it do not take it down with them.
fn join_sentences(
    input: &[u8],
    s: &mut Scratch,
    lines: impl Iterator<Item = usize>,
    edge: Edge,
) -> Option<usize> {
    let mut taken = 0;
    let mut farthest = None;
    for k in lines {
        if taken == mainblock::TAIL_MAX_LINES {
            break;
        }
        if s.feats[k].blank {
            continue;
        }
        if s.outside[k].is_some()
            || s.region[k].is_some()
            || !closing_sentence(
                &input[s.spans[k].content()],
                &s.feats[k],
                &s.cf[k],
                s.no_function_words,
                edge,
            )
        {
            break;
        }
        if s.classes[k] == Class::Short {
            s.classes[k] = Class::NearGood;
        }
        taken += 1;
        farthest = Some(k);
    }
    farthest
}

/// Most lines of a lead picture's block (caption, credit, share bar)
/// between a standfirst and the text.
const PICTURE_MAX_LINES: usize = 3;

/// The standfirst above the lead picture: when the lines right above the
/// block are a picture's caption (recognised as one) with its credit or a
/// share bar, the statement above them opens the article ("Immer wieder
/// versperren Unbekannte Waldwege. Nun sucht die Polizei nach Zeugen." /
/// share buttons / "© Chris - stock.adobe.com" / "Wer die Äste … ist
/// unklar (Symbolbild)." / text). Without a recognised caption among them
/// the line above may be the caption itself, so nothing is taken.
fn standfirst_above_picture(input: &[u8], s: &mut Scratch, start: usize) -> Option<usize> {
    let mut skipped = 0;
    let mut caption = false;
    for k in (0..start).rev() {
        if s.feats[k].blank {
            continue;
        }
        let cf = &s.cf[k];
        let picture = cf.class == Class::Bad
            && (matches!(cf.label, Label::Caption | Label::Credit | Label::Social)
                || (cf.label == Label::Legal
                    && s.marks[k].is_some_and(|m| m.kind == MarkerKind::Copyright)));
        if picture && skipped < PICTURE_MAX_LINES {
            caption |= cf.label == Label::Caption;
            skipped += 1;
            continue;
        }
        let opens = caption
            && s.outside[k].is_none()
            && s.region[k].is_none()
            && ((cf.class == Class::Good && s.feats[k].terminal)
                || closing_sentence(
                    &input[s.spans[k].content()],
                    &s.feats[k],
                    cf,
                    s.no_function_words,
                    Edge::Start,
                ));
        if opens && s.classes[k] == Class::Short {
            s.classes[k] = Class::NearGood;
        }
        return opens.then_some(k);
    }
    None
}

/// A line that can end the article after its last good paragraph: a
/// statement (it ends in sentence punctuation, not a colon; questions and
/// exclamations after an article are mostly calls to the reader: "Sie
/// wollen mehr von uns?", "Unterstützen Sie uns bei Steady!") of at least
/// [`mainblock::TAIL_MIN_WORDS`] words with a function word in it (or the
/// shape of a sentence, in a language without a stoplist), too short or too
/// sparse to be good on its own. In a page whose language has no function
/// words listed at all (`no_function_words`), a statement that is not
/// mostly capitalised words ("Otsus jõustub 1. jaanuaril.") is enough.
///
/// Thai and Lao end sentences with a space, not a mark, so in a script
/// written without spaces between words ([`Script::Unspaced`]) a closing
/// line of at least [`UNSPACED_TAIL_MIN_WORDS`] estimated words needs no
/// final punctuation; only below the block, since above it an unpunctuated
/// line is more likely the title, which the title search takes.
fn closing_sentence(
    text: &[u8],
    f: &LineFeatures,
    cf: &LineClass,
    no_function_words: bool,
    edge: Edge,
) -> bool {
    let last = crate::features::trim_bytes(text).last();
    let unpunctuated_statement =
        edge == Edge::End && f.script == Script::Unspaced && f.words >= UNSPACED_TAIL_MIN_WORDS;
    matches!(cf.class, Class::NearGood | Class::Short)
        && (f.terminal || unpunctuated_statement)
        && !f.colon_end
        && !matches!(last, Some(b'?' | b'!'))
        && f.words >= mainblock::TAIL_MIN_WORDS
        && (f.stopwords >= 1
            || score::is_sentence(f)
            || (no_function_words && f.capitalised * 2 <= f.words))
}

/// Numbers a line above the main block needs, besides making up at least
/// half its words, to be passed over as metadata by the title search: one
/// number is a title's ("Enterprise 2.0", "10 things to know"), two or more
/// that outnumber the words are a rating, pagination or counter. Set on the
/// dev sets: four titles (CleanEval, Dragnet) gained above such lines, one
/// lost ("80-20 software II").
const LEAD_METADATA_MIN_NUMBERS: u32 = 2;

/// Items a [`tag_list`] has at least.
const TAG_LIST_MIN_ITEMS: usize = 4;

/// Words a [`tag_list`] item has at most.
const TAG_ITEM_MAX_WORDS: usize = 3;

/// A list of categories or tags: at least [`TAG_LIST_MIN_ITEMS`] items
/// separated by commas (two when a space precedes the commas, as when
/// links are joined: "Antisemitismus , Öffentlich-Rechtliche"), each of one
/// to [`TAG_ITEM_MAX_WORDS`] words, no digit (a dateline: "Monday, November
/// 12, 2012, by Matthew Kang") and no sentence end.
fn tag_list(text: &[u8]) -> bool {
    let text = features::trim_bytes(text);
    if matches!(text.last(), Some(b'.' | b'!' | b'?' | b':')) || text.iter().any(u8::is_ascii_digit)
    {
        return false;
    }
    let joined_links = memchr::memmem::find(text, b" ,").is_some();
    let mut items = 0;
    for item in text.split(|&b| b == b',') {
        let words = item.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).count();
        if words == 0 || words > TAG_ITEM_MAX_WORDS {
            return false;
        }
        items += 1;
    }
    items >= if joined_links { 2 } else { TAG_LIST_MIN_ITEMS }
}

/// Words of a share bar printed as one line ("FB Tweet More", "Pinterest
/// Email Send Text Message Print", "Facebook Twitter WhatsApp Teilen"): the
/// buttons' verbs and nouns, lower case ...
const SHARE_BAR_WORDS: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "send",
    "text",
    "message",
    "more",
    "copy",
    "link",
    "tweet",
    "pin",
    "teilen",
    "twittern",
    "tweeten",
    "pinnen",
    "merken",
    "drucken",
    "compartir",
    "imprimir",
    "partager",
    "imprimer",
    "condividi",
    "stampa",
    "udostępnij",
    "delen",
    "поделиться",
    "печать",
];

/// ... and the networks.
const SHARE_BAR_NETWORKS: &[&str] = &[
    "facebook",
    "fb",
    "twitter",
    "x",
    "pinterest",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "tumblr",
    "sms",
    "messenger",
    "flipboard",
    "xing",
    "vk",
];

/// Most words of a share bar line.
const SHARE_BAR_MAX_WORDS: u32 = 12;

/// A line made of share buttons' words ([`SHARE_BAR_WORDS`],
/// [`SHARE_BAR_NETWORKS`]): at least two thirds of its words (a "Previous
/// Post" link may be glued to the bar), and a network among them or three
/// button words ("Print Email Share"). An "E-mail" alone, "Send us a
/// message" or "Print this page" is not one. On bytes, and it gives up at
/// the first word too many that is neither: most lines are decided by their
/// first two words.
fn is_share_bar(text: &[u8], f: &LineFeatures) -> bool {
    if f.words < 2 || f.words > SHARE_BAR_MAX_WORDS || f.terminal || f.digits > 0 {
        return false;
    }
    let (mut networks, mut buttons, mut words) = (0u32, 0u32, 0u32);
    // One word; false when the line has too much else to be a share bar.
    let mut word = |w: &[u8]| {
        words += 1;
        if in_word_list(SHARE_BAR_NETWORKS, w) {
            networks += 1;
        } else if in_word_list(SHARE_BAR_WORDS, w) {
            buttons += 1;
        } else if (words - networks - buttons) * 3 > f.words {
            return false; // more than a third of the line is something else
        }
        true
    };
    let separator = |b: &u8| b.is_ascii_whitespace() || matches!(b, b'|' | b'/' | b',');
    for token in text.split(separator).filter(|t| !t.is_empty()) {
        if token.is_ascii() {
            let w = token.trim_ascii();
            let start = w.iter().position(u8::is_ascii_alphanumeric);
            let end = w.iter().rposition(u8::is_ascii_alphanumeric);
            if let (Some(start), Some(end)) = (start, end) {
                if !word(&w[start..=end]) {
                    return false;
                }
            }
            continue;
        }
        // Non-ASCII: no-break and em spaces, "·" and "•" between buttons.
        let Ok(token) = std::str::from_utf8(token) else { return false };
        for w in token.split(|c: char| c.is_whitespace() || matches!(c, '·' | '•')) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() && !word(w.as_bytes()) {
                return false;
            }
        }
    }
    (networks + buttons) * 3 >= words * 2 && (networks > 0 || buttons >= 3)
}

/// Is `word` one of the lower-case `list`'s words, in any case? Lengths
/// first: every list word's letters have upper and lower cases of the same
/// length in bytes. (Not `score::in_lower_list_bytes`, which folds every
/// non-ASCII word against every entry: in the share-bar test, run on most
/// short lines, that cost 10 instructions per byte of input.)
fn in_word_list(list: &[&str], word: &[u8]) -> bool {
    list.iter().any(|k| {
        k.len() == word.len()
            && (word.eq_ignore_ascii_case(k.as_bytes())
                || (!k.is_ascii()
                    && std::str::from_utf8(word)
                        .is_ok_and(|w| w.chars().flat_map(char::to_lowercase).eq(k.chars()))))
    })
}

/// Dialogue lines a page needs before its short ones count as text (see
/// [`is_dialogue_line`]): an interview's questions and answers, a story's
/// exchange. Four keeps a lone quoted remark or a dash-bulleted sentence
/// out.
const DIALOGUE_MIN_LINES: usize = 4;

/// A line of dialogue: it opens with a dash (em dash, en dash or the
/// horizontal bar, with or without a space: "— Когда?", "—¿Qué piensa?",
/// "– Oui, bien sûr."), a letter or an opening mark follows, and it ends
/// a sentence, in at least three words. Menu and list items after a dash
/// do not end in sentence punctuation.
fn is_dialogue_line(text: &[u8], f: &LineFeatures) -> bool {
    if !f.terminal || f.colon_end || f.words < 3 || f.has_date {
        return false;
    }
    let text = features::trim_bytes(text);
    let rest =
        ["\u{2014}", "\u{2013}", "\u{2015}"].iter().find_map(|d| text.strip_prefix(d.as_bytes()));
    let Some(rest) = rest else { return false };
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let Some(c) = rest.utf8_chunks().next().and_then(|chunk| chunk.valid().chars().next()) else {
        return false;
    };
    c.is_alphabetic() || matches!(c, '¿' | '¡' | '«' | '"' | '„' | '“')
}

/// Most words of a "label: value" fact line ([`label_value`]).
const LABEL_VALUE_MAX_WORDS: u32 = 6;

/// A fact printed as "label: number …" ("Préparation : 20 min", "Prep
/// time: 15 minutes", "Servings: 4", "Zubereitungszeit: 30 Min."): a colon
/// after the first, second or third word, a digit first after it, at most
/// [`LABEL_VALUE_MAX_WORDS`] words.
fn label_value(text: &[u8], f: &LineFeatures) -> bool {
    if f.numbers == 0 || f.words > LABEL_VALUE_MAX_WORDS {
        return false;
    }
    let text = features::trim_bytes(text);
    let Some(colon) = memchr::memchr(b':', text) else { return false };
    let label = &text[..colon];
    let label_words = label.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).count();
    (1..=3).contains(&label_words)
        && !label.iter().any(u8::is_ascii_digit) // "9:12am, EDT" is a time
        && text[colon + 1..].trim_ascii_start().first().is_some_and(u8::is_ascii_digit)
}

/// Letters a short title needs to count as named by the text below it
/// ([`names_first_words`]): "Kettle Island", "Lisboa", not "The" or "Q&A".
const NAMED_TITLE_MIN_LETTERS: usize = 4;

/// Does `paragraph` open with the whole of `heading`, followed by a space
/// or punctuation ("Kettle Island" / "Kettle Island is a small …",
/// "Jane Doe" / "Jane Doe (born 1970) is …")? The heading needs
/// [`NAMED_TITLE_MIN_LETTERS`] letters.
fn names_first_words(heading: &[u8], paragraph: &[u8]) -> bool {
    let heading = features::trim_bytes(heading);
    let paragraph = features::trim_bytes(paragraph);
    let letters: usize = heading
        .utf8_chunks()
        .map(|chunk| chunk.valid().chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    letters >= NAMED_TITLE_MIN_LETTERS
        && paragraph.len() > heading.len()
        && paragraph.starts_with(heading)
        && matches!(paragraph[heading.len()], b' ' | b',' | b'(' | b'\t')
}

/// A headline cut short with an ellipsis ("Mysterious Blackberry
/// ‘Development...", "Don’t Upgrade to Blackberry 7, Pur...") or ending in
/// a link's arrow ("Advanced Battery Saver With 2 Licences »"): a link's
/// teaser in a list, not the page's own title, which is printed whole.
fn cut_short(text: &[u8]) -> bool {
    let text = features::trim_bytes(text);
    text.ends_with(b"...")
        || text.ends_with("\u{2026}".as_bytes())
        // A link with its arrow ("Photos » Top Ten »", "More news ›"), not
        // a quotation's closing mark ("Näßler: «Liebe kennt keine Pause»").
        || [("\u{bb}", "\u{ab}"), ("\u{203a}", "\u{2039}"), ("\u{2192}", "\u{2190}"), (">", "<")]
            .iter()
            .any(|(arrow, opening)| {
                text.ends_with(arrow.as_bytes())
                    && memchr::memmem::find(text, opening.as_bytes()).is_none()
            })
}

/// A dateline or byline: a timestamp ("12 December 2026, 10:45"), a date
/// line by its shape ("Thứ tư, 5/12/2026, 10:45 (GMT+7)", "Política 04 mayo
/// 2022 - 00:00"), a credit by its shape ("By Jane Doe | 3 May 2026") or a
/// credit line by its cue ("Фото: Иван Петров", "Photo: Reuters").
fn is_dateline(f: &LineFeatures, cf: &LineClass) -> bool {
    f.timestamp
        || (matches!(cf.label, Label::Credit | Label::Timestamp) && cf.rule == Rule::Shape)
        || (cf.label == Label::Credit && cf.rule == Rule::Marker)
}

/// A comment header: a short unpunctuated line with a date.
fn dated_header(f: &LineFeatures) -> bool {
    f.has_date && !f.terminal && f.words <= mainblock::DATE_LINE_MAX_WORDS
}

/// A blog index prints "Posted at 8:41 PM | 5 comments" under each post and
/// the next post's date right after: that is a post footer, not the start of
/// a comment section. (Comment sections also open with a date, but dates then
/// keep coming every few lines.)
fn post_footer(next_text: &[usize], feats: &[LineFeatures], i: usize) -> bool {
    let mut after = texts_after(next_text, i);
    after.next().is_some_and(|k| feats[k].timestamp)
        && texts_after(next_text, i)
            .take(mainblock::RHYTHM_WINDOW)
            .filter(|&k| dated_header(&feats[k]))
            .count()
            < mainblock::MIN_DATED_COMMENTS
}

/// Words of the run of good lines right after line `i` (blank lines
/// skipped; the run ends at the first line that is not good).
fn prose_run_after(
    next_text: &[usize],
    feats: &[LineFeatures],
    classes: &[Class],
    i: usize,
) -> u32 {
    texts_after(next_text, i)
        .take_while(|&k| classes[k] == Class::Good)
        .map(|k| feats[k].words)
        .sum()
}

/// A blog index prints the same comment-count footer under every post
/// ("View/Add Comments (6) | Category: …", "Permalink | Comments (2) &
/// TrackBacks (1)", "Comments (1)"): a counted comments cue whose footer
/// (the text up to the comment word, digits and punctuation aside) comes
/// back after another post (a good line in between) within
/// [`mainblock::FOOTER_WINDOW`] lines ends a post, not the page's
/// article. A comment section does not print its header again below its
/// comments. The last footer of the index has no later copy and may still
/// end it.
fn recurring_footer(
    input: &[u8],
    spans: &[LineSpan],
    feats: &[LineFeatures],
    classes: &[Class],
    i: usize,
    fs: &mut FooterScratch,
) -> bool {
    let text = &input[spans[i].content()];
    if comment_count(text, &mut fs.lower).is_none() {
        return false;
    }
    if !footer_key(text, &mut fs.lower, &mut fs.key) {
        return false;
    }
    // The lines classified: all of them, or the prefix a truncated
    // document is cleaned as (`spans` has every line).
    let n = feats.len().min(classes.len());
    let mut prose_between = false;
    for k in i + 1..n.min(i + 1 + mainblock::FOOTER_WINDOW) {
        let f = &feats[k];
        if f.blank {
            continue;
        }
        if classes[k] == Class::Good {
            prose_between = true;
            continue;
        }
        if prose_between && f.words <= mainblock::TERMINATOR_MAX_WORDS {
            let other = &input[spans[k].content()];
            if comment_count(other, &mut fs.lower).is_some()
                && footer_key(other, &mut fs.lower, &mut fs.other)
                && fs.other == fs.key
            {
                return true;
            }
        }
    }
    false
}

/// The lower-cased letters of a line up to the end of its comment word
/// ("View/Add Comments (6) | Category: X" → "viewaddcomments"), `None`
/// without a comment word.
/// `key` is filled (and `true` returned) when the line has a comment word;
/// `lower` is scratch space.
fn footer_key(text: &[u8], lower: &mut String, key: &mut String) -> bool {
    lower_lossy(text, lower);
    key.clear();
    let Some(word) = comment_word(lower) else { return false };
    key.extend(lower[..word.end].chars().filter(|c| c.is_alphabetic()));
    true
}

/// Strings the comment-cue checks lower-case lines and build footer keys
/// in, kept in the scratch so that no line costs an allocation.
#[derive(Default)]
struct FooterScratch {
    lower: String,
    key: String,
    other: String,
}

/// Fill `lower` with `String::from_utf8_lossy(text).to_lowercase()`
/// without allocating (but for a line with a capital sigma, whose
/// lower case depends on its place in the word: that rare line takes the
/// standard library's way).
fn lower_lossy(text: &[u8], lower: &mut String) {
    lower.clear();
    if memchr::memmem::find(text, "\u{3a3}".as_bytes()).is_some() {
        lower.push_str(&String::from_utf8_lossy(text).to_lowercase());
        return;
    }
    crate::features::for_each_char(text, |c| match c {
        Some(c) => crate::chars::push_lower(c, lower),
        None => lower.push(char::REPLACEMENT_CHARACTER),
    });
}

/// Signs that the lines after a comments cue at line `i` are a comment
/// section: `(dates, rhythm)`. `dates`: among the next
/// [`mainblock::DATES_WINDOW`] non-blank lines, at least
/// [`mainblock::MIN_DATE_LINES`] are comment headers with a date ("Name | 9
/// Nov 2012 12:13 AM | Reply"). `rhythm`: among the next
/// [`mainblock::RHYTHM_WINDOW`] non-blank lines the short and bad ones are at
/// least as many as the good ones (comments alternate with metadata; an
/// article that goes on after an inline button is mostly good lines).
fn comment_signs(
    next_text: &[usize],
    feats: &[LineFeatures],
    classes: &[Class],
    i: usize,
) -> (bool, bool) {
    let dates = texts_after(next_text, i)
        .take(mainblock::DATES_WINDOW)
        .filter(|&k| dated_header(&feats[k]))
        .count()
        >= mainblock::MIN_DATE_LINES;
    let mut good = 0;
    let mut other = 0;
    for k in texts_after(next_text, i).take(mainblock::RHYTHM_WINDOW) {
        match classes[k] {
            Class::Good | Class::NearGood => good += 1,
            Class::Blank => {}
            _ => other += 1,
        }
    }
    (dates, other >= good)
}

/// Word stems that name comments, lower case ("44 of 69 comments loaded",
/// "Kommentare (3)", "12 комментариев").
const COMMENT_STEMS: &[&str] = &[
    "comment",
    "kommentar",
    "commentaire",
    "comentario",
    "comentário",
    "commento",
    "commenti",
    "komentarz",
    "komentář",
    "коммент",
    "комент",
    "reactie",
    "yorum",
    "hozzászólás",
    "kommentti",
];

/// Does a (short) line mention comments?
/// `lower` is scratch space.
fn mentions_comments(text: &[u8], lower: &mut String) -> bool {
    lower_lossy(text, lower);
    comment_word(lower).is_some()
}

/// Byte range of the first comment word in a lower-cased line.
fn comment_word(lower: &str) -> Option<std::ops::Range<usize>> {
    let mut start = None;
    for (i, c) in lower.char_indices().chain(std::iter::once((lower.len(), ' '))) {
        if crate::chars::is_alphanumeric(c) && !is_cjk_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let w = &lower[s..i];
            // "commentary" and "commentator" are not comment sections.
            let english_noun = w.starts_with("commentar") || w.starts_with("commentat");
            if !english_noun && COMMENT_STEMS.iter().any(|stem| w.starts_with(stem)) {
                return Some(s..i);
            }
        }
    }
    ["评论", "留言"].iter().find_map(|w| lower.find(w).map(|at| at..at + w.len()))
}

fn is_cjk_char(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// The count printed next to a comment word: "12 comments", "Comments
/// (12)", "comments: 0". `None` when no number touches the word.
/// `lower` is scratch space.
fn comment_count(text: &[u8], lower: &mut String) -> Option<u64> {
    lower_lossy(text, lower);
    let word = comment_word(lower)?;
    let is_sep =
        |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ':' | '{' | '}');
    // The run of digits right before the word, else right after it.
    let before = lower[..word.start].trim_end_matches(is_sep);
    let run = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before = &before[before.len() - run..];
    let after = lower[word.end..].trim_start_matches(is_sep);
    let after = &after[..after.bytes().take_while(u8::is_ascii_digit).count()];
    let digits = if !before.is_empty() { before } else { after };
    digits.get(..digits.len().min(18))?.parse().ok()
}

/// Does a comments header open with its count ("107 Responses to …",
/// "One thought on …")?
fn counted_header(text: &[u8]) -> bool {
    leading_count(text).is_some() || text.trim_ascii_start().starts_with(b"One ")
}

/// The number a line opens with ("19 Responses" → 19), if any.
fn leading_count(text: &[u8]) -> Option<u64> {
    let t = text.trim_ascii_start();
    let digits = &t[..t.iter().take_while(|b| b.is_ascii_digit()).count().min(18)];
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// Does a comments header quote a title: an opening quotation mark followed
/// by a word and, later, a closing one (`“…”`, `"…"`, `«…»`, `„…“`)?
fn quotes_title(text: &[u8]) -> bool {
    let Ok(t) = std::str::from_utf8(text) else { return false };
    [('“', '”'), ('"', '"'), ('«', '»'), ('„', '“'), ('„', '”'), ('‘', '’')].iter().any(
        |&(open, close)| {
            t.find(open).is_some_and(|a| {
                let rest = &t[a + open.len_utf8()..];
                rest.chars().next().is_some_and(|first| {
                    first.is_alphanumeric() && rest[first.len_utf8()..].contains(close)
                })
            })
        },
    )
}

/// Does line `i` have a normalised copy within [`PAIR_WINDOW`] lines?
fn is_paired(hashes: &[Option<u64>], i: usize) -> bool {
    let Some(h) = hashes[i] else { return false };
    let lo = i.saturating_sub(PAIR_WINDOW);
    let hi = (i + PAIR_WINDOW + 1).min(hashes.len());
    (lo..hi).any(|k| k != i && hashes[k] == Some(h))
}

/// Words of a title a caption must repeat, at most, to echo it.
const ECHO_WORDS: usize = 3;

/// Does `line` open with the first words of `title` (case and punctuation
/// ignored)? At least two words must match: the caption of a lead picture
/// often repeats the title's start ("Paris Haute Couture SS14: Serkan Cura"
/// / "Paris Haute Couture SS14, Serkan Cura, Bild via").
fn echoes_title(title: &[u8], line: &[u8]) -> bool {
    let words = |t: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(ECHO_WORDS)
            .map(str::to_lowercase)
            .collect()
    };
    let (t, l) = (words(title), words(line));
    t.len() >= 2 && l.len() >= t.len() && t == l
}

/// How far above the main block (in lines) an ingredients header may be.
/// Recipe pages list 5–30 ingredients, one per line, plus a few metadata
/// lines (time, difficulty) before the method.
const INGREDIENT_WINDOW: usize = 60;

/// An ingredient line is short ("1 Pck. Vanillepuddingpulver").
const INGREDIENT_MAX_WORDS: u32 = 12;

/// Headers of an ingredient list, lower case, without a trailing colon.
const INGREDIENT_HEADERS: &[&str] = &[
    "ingredients",
    "zutaten",
    "ingrédients",
    "ingredientes",
    "ingredienti",
    "składniki",
    "ingrediënten",
    "ingredienser",
    "ainekset",
    "malzemeler",
    "ингредиенты",
    "інгредієнти",
    "材料",
    "食材",
    "재료",
];

/// Headers of a recipe's method, lower case, without a trailing colon.
const METHOD_HEADERS: &[&str] = &[
    "instructions",
    "directions",
    "method",
    "preparation",
    "steps",
    "zubereitung",
    "préparation",
    "preparación",
    "modo de preparo",
    "preparazione",
    "procedimento",
    "przygotowanie",
    "bereiding",
    "приготовление",
    "способ приготовления",
    "hazırlanışı",
    "做法",
    "作り方",
    "조리법",
];

/// Is line `k` one of `headers` (a line of at most three words, case
/// ignored, an ending colon allowed)?
fn recipe_header(input: &[u8], s: &Scratch, k: usize, headers: &[&str]) -> bool {
    let f = &s.feats[k];
    if f.blank || f.words > 3 {
        return false;
    }
    let text = features::trim_bytes(&input[s.spans[k].content()]);
    let text = text.strip_suffix(b":").unwrap_or(text);
    std::str::from_utf8(text).is_ok_and(|t| {
        let t = t.trim();
        headers.iter().any(|h| t.chars().flat_map(char::to_lowercase).eq(h.chars()))
    })
}

/// Find the code listings of the document (see [`codeblock`]) into
/// `s.listings`. Only lines ending in a colon are tested as intros, and only
/// the lines after an intro for code.
fn find_listings(input: &[u8], s: &mut Scratch, n: usize) {
    s.listings.clear();
    let mut i = 0;
    while i < n {
        if listing_intro(input, s, i) {
            let shape = |j| listing_shape(input, s, j);
            if let Some(r) = codeblock::listing_after(i, n, shape) {
                i = r.end;
                s.listings.push(r);
                continue;
            }
        }
        i += 1;
    }
}

/// Can line `i` introduce a code listing: a line of prose words ending in a
/// colon, not dropped for what it is, not code itself?
fn listing_intro(input: &[u8], s: &Scratch, i: usize) -> bool {
    let (f, cf) = (&s.feats[i], &s.cf[i]);
    f.colon_end
        && f.words >= codeblock::INTRO_MIN_WORDS
        && f.stopwords > 0
        && !(cf.class == Class::Bad && cf.rule != Rule::LineScore)
        && !codeblock::is_code_line(&input[s.spans[i].content()])
}

/// How line `j` looks to the listing finder (on the context-free classes).
fn listing_shape(input: &[u8], s: &Scratch, j: usize) -> codeblock::Shape {
    use codeblock::Shape;
    if s.feats[j].blank {
        Shape::Blank
    } else if matches!(s.cf[j].class, Class::Good | Class::NearGood) {
        // Prose may name the code's variables ("the target_host variable").
        Shape::Prose
    } else if codeblock::is_code_line(&input[s.spans[j].content()]) {
        Shape::Code
    } else if listing_intro(input, s, j) {
        Shape::Intro
    } else {
        Shape::Other
    }
}

/// Keep the lines of an ingredient list (short, not dropped for what they
/// are, not in a boilerplate region).
fn mark_ingredients(s: &mut Scratch, range: Range<usize>) {
    for k in range {
        let (f, cf) = (&s.feats[k], &s.cf[k]);
        if !f.blank
            && f.words <= INGREDIENT_MAX_WORDS
            && !(cf.class == Class::Bad && cf.rule != Rule::LineScore)
            && s.region[k].is_none()
        {
            s.framed[k] = true;
        }
    }
}

/// A recipe below the main block ending at `end`: an ingredients header
/// within [`INGREDIENT_WINDOW`] lines, a list of quantities under it, a
/// method header within the window after that, and the method's steps
/// (lines with a stopword or a sentence end, up to the first line that has
/// neither or is dropped for what it is; lines without letters are passed
/// over). Marks the lines kept and returns the header and the last line.
fn recipe_below(input: &[u8], s: &mut Scratch, end: usize) -> Option<(usize, usize)> {
    let n = s.feats.len();
    let h = (end..n.min(end + INGREDIENT_WINDOW))
        .find(|&k| recipe_header(input, s, k, INGREDIENT_HEADERS))?;
    let m = (h + 1..n.min(h + 1 + INGREDIENT_WINDOW))
        .find(|&k| recipe_header(input, s, k, METHOD_HEADERS))?;
    if !lists_quantities(input, s, h + 1..m) {
        return None;
    }
    let mut last = None;
    for k in m + 1..n {
        let (f, cf) = (&s.feats[k], &s.cf[k]);
        if f.blank || f.letters == 0 {
            continue;
        }
        let step = f.words >= 2
            && (f.terminal || f.stopwords > 0 || f.numbered)
            && !(cf.class == Class::Bad && cf.rule != Rule::LineScore)
            && s.region[k].is_none();
        if !step {
            break;
        }
        last = Some(k);
    }
    let last = last?;
    mark_ingredients(s, h..m + 1);
    for k in m + 1..=last {
        if !s.feats[k].blank && s.feats[k].letters > 0 {
            s.framed[k] = true;
        }
    }
    Some((h, last))
}

/// An ingredient list gives quantities: at least this many of its lines
/// start with a number or a vulgar fraction ("350 g", "½ cup"), and at
/// least a third of them; a menu under an "Ingredients" link does not.
const INGREDIENT_MIN_QUANTITIES: usize = 3;

/// Do the non-blank lines of `range` read as an ingredient list (see
/// [`INGREDIENT_MIN_QUANTITIES`])?
fn lists_quantities(input: &[u8], s: &Scratch, range: Range<usize>) -> bool {
    let (mut lines, mut quantities) = (0, 0);
    for k in range {
        if s.feats[k].blank {
            continue;
        }
        lines += 1;
        let text = features::trim_bytes(&input[s.spans[k].content()]);
        let first = crate::chars::decode(text).0;
        let quantity = first
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛'));
        quantities += usize::from(quantity);
    }
    quantities >= INGREDIENT_MIN_QUANTITIES && quantities * 3 >= lines
}

/// A line that could be a title or subheading.
fn is_heading_like(f: &LineFeatures, cf: &LineClass) -> bool {
    !f.blank
        && f.words >= 1
        && f.words <= HEADING_MAX_WORDS
        && (!f.terminal || f.words <= 12)
        && !f.timestamp
        && !(cf.class == Class::Bad && cf.rule != Rule::LineScore)
}

/// `WORLD Heavy metals contaminate …`: an all-caps section word of at least
/// three letters followed by a capitalised headline.
fn section_prefixed(text: &[u8]) -> bool {
    let text = features::trim_bytes(text);
    let Some(sp) = memchr::memchr(b' ', text) else { return false };
    let (head, rest) = (&text[..sp], &text[sp + 1..]);
    let Ok(head) = std::str::from_utf8(head) else { return false };
    head.chars().count() >= 3
        && head.chars().all(|c| c.is_uppercase())
        && rest.first().is_some_and(|b| b.is_ascii_uppercase() || *b >= 0x80)
        && rest.iter().any(u8::is_ascii_lowercase)
}

/// A hard-wrapped line is at least this long (text is wrapped at 60–80
/// columns; list items and menu entries are shorter).
const WRAP_MIN_CHARS: u32 = 40;

/// Reclassify runs of hard-wrapped lines as one paragraph: consecutive
/// non-blank lines where a line of [`WRAP_MIN_CHARS`] or more without a
/// sentence end is followed by one that starts with a lower-case letter.
/// Lines already dropped for what they are (markers, shapes) are left out.
fn join_wrapped(input: &[u8], s: &mut Scratch, t: &Thresholds) {
    let n = s.cf.len();
    let joinable = |s: &Scratch, i: usize| {
        !(s.feats[i].blank || s.cf[i].class == Class::Bad && s.cf[i].rule != Rule::LineScore)
    };
    // A wrapped paragraph's last words can spell a label on their own line
    // ("… for further explanation and" / "discussion."): a label cue that
    // ends the sentence on a continuation line is part of it, not a label.
    // ("weiterlesen 5 Minuten" under a teaser has no sentence end, and
    // "Read more…" is a link.)
    let label_cue = |s: &Scratch, i: usize| {
        s.cf[i].rule == Rule::Marker
            && s.feats[i].terminal
            && s.marks[i].is_some_and(|m| m.anchor != Anchor::Any && m.kind != MarkerKind::ReadMore)
    };
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n
            && (joinable(s, j) || (j > i && label_cue(s, j)))
            && (joinable(s, j + 1) || label_cue(s, j + 1))
            && !s.feats[j].terminal
            && s.feats[j].chars >= WRAP_MIN_CHARS
            && !s.feats[j + 1].has_date
            && starts_lowercase(&input[s.spans[j + 1].content()])
        {
            j += 1;
        }
        if j > i {
            let mut agg = s.feats[i];
            for f in &s.feats[i + 1..=j] {
                agg.chars += f.chars + 1;
                agg.words += f.words;
                agg.letters += f.letters;
                agg.upper += f.upper;
                agg.digits += f.digits;
                agg.punct += f.punct;
                agg.numbers += f.numbers;
                agg.stopwords += f.stopwords;
                agg.capitalised += f.capitalised;
                agg.longest_word = agg.longest_word.max(f.longest_word);
                agg.script_letters += f.script_letters;
            }
            agg.terminal = s.feats[j].terminal;
            agg.colon_end = s.feats[j].colon_end;
            let cx = LineContext { marker: None, caption: false, foreign: false, byline: false };
            let joined = score::classify(&agg, cx, t);
            // Only ever promote: a paragraph judged as a whole is evidence
            // for its lines, never against them.
            if matches!(joined.class, Class::Good | Class::NearGood) {
                for k in i..=j {
                    if rank(joined.class) > rank(s.cf[k].class) {
                        s.cf[k] = LineClass { rule: Rule::LineScore, ..joined };
                    }
                    if k > i {
                        s.marks[k] = None;
                        s.comments[k] = false;
                    }
                }
            }
        }
        i = j + 1;
    }
}

/// Order of the classes from boilerplate to content.
fn rank(c: Class) -> u8 {
    match c {
        Class::Blank | Class::Bad => 0,
        Class::Short => 1,
        Class::NearGood => 2,
        Class::Good => 3,
    }
}

/// Does the line's text start with a lower-case letter (after whitespace
/// and opening quotes or brackets)?
fn starts_lowercase(text: &[u8]) -> bool {
    let text = features::trim_bytes(text);
    let Some(chunk) = text.utf8_chunks().next() else { return false };
    chunk
        .valid()
        .chars()
        .find(|c| !matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '„'))
        .is_some_and(char::is_lowercase)
}

/// Never empty a document that has text: keep the best block over the
/// context-free classes (or, failing that, the best-scoring line), minus
/// lines dropped for what they are (markers, shapes, foreign script).
///
/// A page without a single good line is a short post (a picture, a video,
/// a title and a caption): when a comments cue follows it ("Comments (0)",
/// "Leave a comment"), the post is above the first cue and the sidebar
/// below it, so the block is searched above the cue when there is anything
/// to keep there.
fn fallback(input: &[u8], verdicts: &mut [Verdict], s: &mut Scratch) {
    let n = s.cf.len();
    let droppable = |i: usize| s.cf[i].class == Class::Bad && s.cf[i].rule != Rule::LineScore;
    let mut key = std::mem::take(&mut s.key);
    let first_cue = (0..n).find(|&i| {
        let f = &s.feats[i];
        !f.blank
            && f.words <= mainblock::TERMINATOR_MAX_WORDS
            && (s.marks[i].is_some_and(|m| {
                m.kind == MarkerKind::Comments
                    || (m.kind == MarkerKind::End && m.anchor != Anchor::Any)
            }) || mentions_comments(&input[s.spans[i].content()], &mut key))
    });
    s.key = key;
    let n = match first_cue {
        Some(cue) if (0..cue).any(|i| !s.feats[i].blank && !droppable(i)) => cue,
        _ => n,
    };
    s.block.clear();
    s.block.extend((0..n).map(|i| {
        let class = match s.cf[i].class {
            Class::Short | Class::Bad if !droppable(i) => Class::NearGood,
            c => c,
        };
        BlockLine { class, words: s.feats[i].words }
    }));
    let range = match mainblock::best_block(&s.block) {
        Some((start, end)) => start..end,
        None => match (0..n)
            .filter(|&i| !s.feats[i].blank && !droppable(i))
            .max_by(|&a, &b| s.cf[a].score.total_cmp(&s.cf[b].score).then(b.cmp(&a)))
        {
            Some(i) => i..i + 1,
            None => return,
        },
    };
    // The post's title above a dateline, byline or tag line (which stay
    // dropped), as the main block's title search finds it.
    let metadata = |i: usize| {
        is_dateline(&s.feats[i], &s.cf[i])
            || s.marks[i].is_some_and(|m| matches!(m.kind, MarkerKind::Tags | MarkerKind::Byline))
    };
    let mut above = (0..range.start).rev().filter(|&i| !s.feats[i].blank);
    let mut skipped = 0;
    let title = above.find(|&i| {
        if skipped < mainblock::LEAD_MAX_METADATA && droppable(i) && metadata(i) {
            skipped += 1;
            return false;
        }
        true
    });
    let range = match title {
        Some(t)
            if skipped > 0
                && !droppable(t)
                && s.feats[t].words >= mainblock::LEAD_MIN_WORDS
                && is_heading_like(&s.feats[t], &s.cf[t]) =>
        {
            t..range.end
        }
        _ => range,
    };
    for i in range {
        if !s.feats[i].blank && !droppable(i) {
            let v = &mut verdicts[i];
            v.keep = true;
            v.label = if s.feats[i].words >= mainblock::FALLBACK_CONTENT_WORDS {
                Label::Content
            } else {
                Label::Heading
            };
            v.rule = Rule::Fallback;
        }
    }
}

/// Keep one blank line in each gap between two kept lines (the first blank
/// of the gap), per [`BlankLines`].
fn blank_separators(verdicts: &mut [Verdict], policy: BlankLines) {
    let mut last_kept: Option<usize> = None;
    let mut gap_blank: Option<usize> = None;
    for i in 0..verdicts.len() {
        if verdicts[i].features.blank && verdicts[i].rule != Rule::Limit {
            verdicts[i].keep = false;
            if gap_blank.is_none() && last_kept.is_some() {
                gap_blank = Some(i);
            }
            continue;
        }
        if verdicts[i].keep {
            if let (Some(_), Some(b), BlankLines::Separators) = (last_kept, gap_blank, policy) {
                verdicts[b].keep = true;
            }
            last_kept = Some(i);
            gap_blank = None;
        }
    }
}

/// The result of cleaning one document: a verdict per input line, and the
/// kept lines as borrowed slices of the input.
#[derive(Clone, Debug)]
pub struct Cleaned<'a> {
    input: &'a [u8],
    verdicts: Vec<Verdict>,
    lang: Option<Lang>,
}

impl<'a> Cleaned<'a> {
    /// One verdict per input line, in order.
    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// The input this result refers to.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The language whose stoplist was used, if one was recognised.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// Byte ranges of the kept lines (terminators included), in order.
    pub fn kept_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.verdicts.iter().filter(|v| v.keep).map(|v| v.span.range())
    }

    /// The kept lines, terminators included, byte-for-byte as in the input.
    pub fn kept_lines(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let input = self.input;
        self.kept_ranges().map(move |r| &input[r])
    }

    /// Number of kept lines.
    pub fn kept_count(&self) -> usize {
        self.verdicts.iter().filter(|v| v.keep).count()
    }

    /// Total bytes of the kept lines.
    pub fn kept_bytes(&self) -> usize {
        self.kept_ranges().map(|r| r.len()).sum()
    }

    /// Append the cleaned text to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.reserve(self.kept_bytes());
        for line in self.kept_lines() {
            out.extend_from_slice(line);
        }
    }

    /// The cleaned text as a new buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code listing between two paragraphs is kept when a sentence ending
    /// in a colon introduces it; the same lines without the intro, or with
    /// no prose after them, are dropped.
    #[test]
    fn code_listing_is_kept_in_its_frame() {
        let para = "When a file is too large to fit in memory, reading it line by line is the natural approach, and the standard library has what you need.";
        let after = "This allocates a new String for every line, which for a multi-gigabyte log adds up quickly, so it is worth reusing one buffer.";
        let code = "let file = File::open(path)?;\nfor line in BufReader::new(file).lines() {\nprintln!(\"{}\", line?);\n}";
        let cleaner = Cleaner::new(Config::default());
        let kept = |text: &str| -> Vec<bool> {
            cleaner.clean(text.as_bytes()).verdicts().iter().map(|v| v.keep).collect()
        };
        let intro = "The simplest version wraps the file in a reader and iterates over its lines:";
        let framed = format!("Menu\n{para}\n{intro}\n{code}\n{after}\n");
        assert_eq!(kept(&framed), [false, true, true, true, true, true, true, true]);
        let v = cleaner.clean(framed.as_bytes());
        assert_eq!((v.verdicts()[3].label, v.verdicts()[3].rule), (Label::Content, Rule::Context));
        let bare = format!("Menu\n{para}\n{code}\n{after}\n");
        assert_eq!(kept(&bare), [false, true, false, false, false, false, true]);
        let unclosed = format!("Menu\n{para}\n{after}\n{intro}\n{code}\nShare\n");
        assert!(kept(&unclosed)[4..].iter().all(|k| !k));
    }

    /// In hard-wrapped text a paragraph's last word can stand alone on a line
    /// and spell a label ("discussion.", a comments cue): it is the end of
    /// the sentence. A read-more cue under a wrapped teaser stays a cue.
    #[test]
    fn wrapped_sentence_end_is_not_a_label() {
        let wrapped = "Menu\n\
            The subcommittee met on Friday morning and the chairman opened the meeting at\n\
            eight, with twenty members and seven visitors in attendance. Comment from the\n\
            secretary deals with the possibility of the headform rotating on impact. We\n\
            will wait for the author to come to the next meeting for further explanation and\n\
            discussion.\n\
            The document then moves on to publication, and the editor will start work on the\n\
            possible revisions to the published text based on the comments at this ballot.\n";
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(wrapped.as_bytes());
        let v = c.verdicts();
        assert!(v[5].keep, "{:?}", v[5]);
        assert_eq!(v[5].label, Label::Content);
        assert!(v[1..].iter().all(|v| v.keep));
        let teaser = "Menu\n\
            The party leaders defend themselves before the press against an observation by the\n\
            intelligence service and even want an external panel to examine the whole matter\n\
            read more 5 minutes\n";
        let c = cleaner.clean(teaser.as_bytes());
        assert!(!c.verdicts()[3].keep);
    }

    /// A counted comments header quoting the post's title ends even a post
    /// too short for the usual minimum of text above a terminator; an
    /// unquoted one does not.
    #[test]
    fn header_naming_the_post_ends_a_short_post() {
        let page = |header: &str| {
            let mut t = String::from(
                "Study Notes\nMy New Project\nMax, born 11/6/12. Future student of the blog…\n",
            );
            t.push_str(header);
            for (name, c) in [("Anna", "Congratulations, what a beautiful little baby, and all the best to your whole family!"), ("Jeff", "Congratulations! I have been reading this blog for quite a while and I am really interested in how this changes your work."), ("Lena", "He is adorable, and he will grow up to be the most efficient student you ever saw, I am sure of it."), ("Cole", "Congratulations, and blessings on Max and his parents, this is wonderful news for all of your readers.")] {
                t.push_str(&format!("\n{name} Says:\nNovember 7th, 2012 at 9:42 pm\n{c}"));
            }
            t.push('\n');
            t
        };
        let cleaner = Cleaner::new(Config::default());
        let kept_comments = |text: &str| {
            let c = cleaner.clean(text.as_bytes());
            c.verdicts()[4..].iter().filter(|v| v.keep && v.features.words > 8).count()
        };
        assert_eq!(kept_comments(&page("4 Responses to “My New Project”")), 0);
        assert_eq!(kept_comments(&page("One Response to \"My New Project\"")), 0);
        assert!(kept_comments(&page("4 Responses")) > 0);
        assert!(quotes_title("12 comments on «Le projet»".as_bytes()));
        // A title opening with a letter of several bytes (it panicked once).
        assert!(quotes_title("12 comments on «Été indien»".as_bytes()));
        assert!(!quotes_title("12 comments on «É".as_bytes()));
        assert!(!quotes_title(b"12 comments on \"\""));
        assert!(counted_header(b" 12 Responses to"));
        assert!(!counted_header(b"Responses to 12"));
    }

    /// "19 Responses" counts comments though "response" is no comment
    /// stem: the lexicon knows the header, and its count says comments
    /// follow (here names and short comments, without dates).
    #[test]
    fn counted_responses_header_ends_the_article() {
        let para = "The store will not be closing, the company said on Tuesday, after a week of rumours that had worried its customers and partners alike.";
        let mut text = format!("Menu\n{para}\n{para} It is true.\n{para} Indeed.\n19 Responses\n");
        for (name, c) in [
            (
                "NFreak007",
                "I doubt they will, they would never close it while it is the main selling point.",
            ),
            ("Eugene", "Nice article. Thanks."),
            ("Badboy969", "How about an update already?"),
            ("Richard", "Long live the store."),
        ] {
            text.push_str(&format!("{name}\n{c}\n"));
        }
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let kept: Vec<bool> = c.verdicts().iter().map(|v| v.keep).collect();
        assert_eq!(kept[..5], [false, true, true, true, false]);
        assert!(kept[5..].iter().all(|k| !k), "{kept:?}");
        assert_eq!(leading_count(b" 19 Responses"), Some(19));
        assert_eq!(leading_count(b"Responses"), None);
    }

    /// The standfirst above the lead picture's share bar, credit and
    /// recognised caption opens the article; the picture's lines stay
    /// dropped.
    #[test]
    fn standfirst_above_the_picture_is_kept() {
        let para = "Im Bereich Reichenbacherhof bei Otterberg werden seit geraumer Zeit immer wieder land- und forstwirtschaftliche Wege mit Ästen und Baumstämmen versperrt, teilte die Polizei am Mittwoch mit.";
        let para2 = "Die Polizei ermittelt nun wegen Nötigung und bittet Zeugen darum, Hinweise unter der bekannten Telefonnummer an die Dienststelle in Kaiserslautern zu geben.";
        let text = format!(
            "Menü\nWaldwege gesperrt: Polizei ermittelt wegen Nötigung\nMittwoch, 26.01.2022 - 14:30\n\
             Immer wieder versperren Unbekannte Waldwege bei Otterberg. Nun sucht die Polizei nach Zeugen.\n\
             Whatsapp Teilen Twittern Pinnen\n© Chris - stock.adobe.com\n\
             Wer die Äste immer wieder auf die Wege zieht, ist unklar (Symbolbild).\n{para}\n{para2}\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let kept: Vec<bool> = c.verdicts().iter().map(|v| v.keep).collect();
        assert_eq!(kept[3..], [true, false, false, false, true, true], "{kept:?}");
    }

    /// Donation prompts are dropped as calls to the reader, in several
    /// languages.
    #[test]
    fn donation_prompts_are_dropped() {
        let para = "Die Stuttgarter Volleyballerinnen müssen im vierten Spiel der Finalserie um die deutsche Meisterschaft ohne ihre beste Angreiferin auskommen, teilte der Verein am Mittwoch mit.";
        let cleaner = Cleaner::new(Config::default());
        for prompt in [
            "Jetzt spenden!",
            "Jede kleine Spende hilft den notleidenden Menschen dieser Welt!",
            "Support independent journalism",
            "Apoya el periodismo incómodo",
            "Soutenez-nous",
        ] {
            let text = format!("{para}\n{prompt}\n{para} Das ist klar.\n");
            let c = cleaner.clean(text.as_bytes());
            let v = &c.verdicts()[1];
            assert!(!v.keep && v.label == Label::Social, "{prompt}: {v:?}");
        }
    }

    /// A post without a single good line keeps its title across the
    /// dateline under it (the dateline stays dropped).
    #[test]
    fn fallback_keeps_the_title_above_a_dateline() {
        let text = "Home\nAbout\nThe Human Bowling Ball\nPosted in Fun Stuff on October 12, 2012\nvia hammacher.com\nThis plays with your right brain in a big way.\n";
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let kept: Vec<bool> = c.verdicts().iter().map(|v| v.keep).collect();
        assert_eq!(kept, [false, false, true, false, true, true]);
        assert_eq!(c.verdicts()[2].rule, Rule::Fallback);
    }

    #[test]
    fn caption_echoing_the_title() {
        assert!(echoes_title(b"Dee Dee Myers", b"Dee Dee Myers Getty Images"));
        assert!(echoes_title(
            b"Paris Haute Couture SS14: Serkan Cura",
            b"Paris Haute Couture SS14, Serkan Cura, Bild via"
        ));
        // A subtitle that goes its own way, a one-word title, a shorter line.
        assert!(!echoes_title(b"Paris Haute Couture", b"Paris in spring: the shows"));
        assert!(!echoes_title(b"Brexit", b"Brexit talks stall again"));
        assert!(!echoes_title(b"Managing Python Environments", b"Managing Python"));
    }

    /// The second of two lead lines that repeats the first one's opening
    /// words is dropped as a caption.
    #[test]
    fn lead_caption_is_dropped_as_caption() {
        let para = "The press secretary of the administration has joined the company as its new head of communications, and she said that the media has been a part of her life for many years now.";
        let text = format!(
            "Menu\n\nDee Dee Myers\nDee Dee Myers Getty Images\n{para}\n{para} It is true.\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[2].keep);
        assert!(!v[3].keep);
        assert_eq!((v[3].label, v[3].rule), (Label::Caption, Rule::Shape));
    }

    /// The lower of two lead lines right above a photo credit is the lead
    /// picture's caption; the title above it is kept.
    #[test]
    fn caption_above_photo_credit_is_not_the_subtitle() {
        let para = "The press secretary of the administration has joined the company as its new head of communications, and she said that the media has been a part of her life for many years now.";
        let text = format!(
            "Menu\n\nMyers joins the company as head of communications\n\nMyers at a press briefing in Washington\n\nPhoto: Reuters\n\n{para}\n\n{para} It is true.\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[2].keep, "title {:?}", v[2]);
        assert!(!v[4].keep, "caption {:?}", v[4]);
        assert_eq!((v[6].label, v[6].rule), (Label::Credit, Rule::Marker));
        // Without the credit below it, the second line is a subtitle.
        let text = text.replace("Photo: Reuters\n\n", "");
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert!(v[2].keep && v[4].keep, "{:?}", &v[2..5]);
    }

    /// The last headline of a "headline, date" list above the article is
    /// its title when only its dateline and byline separate it from the
    /// text; a headline cut short with an ellipsis never is.
    #[test]
    fn title_across_its_dateline_from_a_list() {
        let para = "The city council voted on Thursday evening to build a second bridge over the river, ending a debate that has divided the town for more than ten years.";
        let text = format!(
            "Latest news\nStorm closes schools across the north\n5 December 2026, 09:12\nRail strike called off after late talks\n5 December 2026, 08:40\nCouncil approves new bridge over the river\n5 December 2026, 08:05\nBy Sarah Collins\n{para}\n{para} It is true.\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert_eq!((v[5].keep, v[5].rule), (true, Rule::Title), "{:?}", v[5]);
        assert!(v[..5].iter().chain(&v[6..8]).all(|v| !v.keep), "{v:?}");
        // Not across a line that is no dateline: the headline above a
        // teaser sentence stays in its list.
        let teaser = text.replace("By Sarah Collins", "Read the full story on our website");
        let v = cleaner.clean(teaser.as_bytes()).verdicts().to_vec();
        assert!(!v[5].keep, "{:?}", v[5]);
        // Cut short, the headline is a teaser.
        let cut = text.replace(
            "over the river\n5 December 2026, 08:05",
            "over the...\n5 December 2026, 08:05",
        );
        let v = cleaner.clean(cut.as_bytes()).verdicts().to_vec();
        assert!(!v[5].keep, "{:?}", v[5]);
    }

    /// Lines made mostly of numbers between the title and the text
    /// (ratings, pagination, counters) are metadata: passed over, never
    /// taken as the title.
    #[test]
    fn title_above_rating_and_pagination_lines() {
        let para = "Wir haben zwölf Winterreifen auf Schnee, Eis und nasser Fahrbahn getestet, und die Unterschiede beim Bremsen waren größer als in den Jahren zuvor.";
        let text = format!(
            "Startseite\nDie besten Winterreifen des Jahres im Test\n4 von 5 Sternen (12 Bewertungen)\nSeite 1 von 4\n{para}\n{para} Das ist wahr.\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert_eq!((v[1].keep, v[1].rule), (true, Rule::Title), "{:?}", v[1]);
        assert!(!v[2].keep && !v[3].keep, "{:?}", &v[2..4]);
    }

    #[test]
    fn union_density_scale_from_the_long_sentences() {
        let line = |words, stopwords, terminal| LineFeatures {
            words,
            stopwords,
            terminal,
            ..Default::default()
        };
        // Listed-language prose: half the words are function words.
        assert_eq!(union_density_scale(&[line(20, 10, true), line(3, 0, false)]), 1.0);
        // Chance hits only (Estonian): length decides.
        assert_eq!(union_density_scale(&[line(17, 0, true), line(22, 5, true)]), 0.0);
        // In between, in between.
        let mid = union_density_scale(&[line(20, 5, true)]);
        assert!((mid - 0.4).abs() < 1e-6, "{mid}");
        // Unpunctuated long lines (warnings, menus glued together) and short
        // lines are not the sample when there are sentences...
        assert_eq!(union_density_scale(&[line(30, 0, false), line(20, 10, true)]), 1.0);
        // ... but are in a page without any (Thai); without long lines
        // nothing changes.
        assert_eq!(union_density_scale(&[line(30, 0, false), line(5, 0, true)]), 0.0);
        assert_eq!(union_density_scale(&[line(5, 0, true)]), 1.0);
        assert_eq!(union_density_scale(&[]), 1.0);
    }

    /// A gallery's alt texts, each a file name and the post's title, are
    /// copies of the title; a sentence naming it is text.
    #[test]
    fn title_echoes_are_dropped() {
        let para = "We received photos and information about a striking residential makeover by a firm in Singapore, who claim not to have changed the structure of the house at all.";
        let text = format!(
            "Incredible Home Revival Project in Singapore [Before & After Photos]\n{para}\naa modern apartment 3 Incredible Home Revival Project in Singapore [Before & After Photos]\n{para} Really.\nkid rm bath 1 Incredible Home Revival Project in Singapore [Before & After Photos]\nSee the Incredible Home Revival Project in Singapore [Before & After Photos] on our channel.\n{para} Truly.\n"
        );
        let cleaner = Cleaner::new(Config::default());
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert!(v[0].keep, "{:?}", v[0]);
        for i in [2, 4] {
            assert_eq!(
                (v[i].keep, v[i].label, v[i].rule),
                (false, Label::Caption, Rule::Shape),
                "{i}: {:?}",
                v[i]
            );
        }
        assert!(v[5].keep, "{:?}", v[5]);
    }

    #[test]
    fn tag_lists() {
        assert!(tag_list(b"Blog, Ern\xc3\xa4hrung, Umweltschutz, Vegan"));
        assert!(tag_list(b"Aus den L\xc3\xa4ndern , Blog , sonstiges , Termine"));
        assert!(tag_list("Antisemitismus , Öffentlich-Rechtliche".as_bytes()));
        // Titles, sentences and datelines are not.
        assert!(!tag_list(b"Paris, je t'aime"));
        assert!(!tag_list(b"Sun, sea, sand and a very long summer holiday"));
        assert!(!tag_list(b"Monday, November 12, 2012, by Matthew Kang"));
        assert!(!tag_list(b"Red berries, citrus, sweet, spicy."));
        assert!(!tag_list(b"One, two, three"));
        // A title above its tag list is kept; the list is not.
        let para = "Du willst mehr über den Flächenverbrauch für Fleisch, Eier und Milcherzeugnisse erfahren? Dann bist du hier genau richtig, denn in diesem Artikel erkläre ich alles.";
        let text = format!(
            "Menü\nFlächenverbrauch für Fleisch – Warum wir ohne Tierprodukte weniger Fläche bräuchten\nBlog, Ernährung, Umweltschutz, Vegan\n{para}\n{para} Wirklich.\n"
        );
        let v = Cleaner::new(Config::default()).clean(text.as_bytes()).verdicts().to_vec();
        assert_eq!((v[1].keep, v[1].rule), (true, Rule::Title), "{:?}", v[1]);
        assert!(!v[2].keep, "{:?}", v[2]);
    }

    /// A line predicate applied to `s` with its features (no stoplist).
    fn on_line(test: fn(&[u8], &LineFeatures) -> bool, s: &str) -> bool {
        test(s.as_bytes(), &crate::testdata::features_without_stoplist(s))
    }

    #[test]
    fn share_bars() {
        let bar = |s: &str| on_line(is_share_bar, s);
        assert!(bar("FB Tweet More"));
        assert!(bar("Pinterest Email Send Text Message Print"));
        assert!(bar("Teilen Teilen Drucken Teilen Tweeten"));
        assert!(bar("Previous Post Print Print Email Email Share Share"));
        assert!(bar("auf Whatsapp teilen"));
        // German button verbs, with two section links glued to the bar.
        assert!(bar("Whatsapp Teilen Twittern Pinnen Jagdbericht Leserbrief"));
        assert!(!bar("Whatsapp kauft einen Jagdbericht Leserbrief"));
        assert!(!bar("E-Mail"));
        assert!(!bar("Send us a message"));
        assert!(!bar("Print this page"));
        assert!(!bar("Share your story with us"));
        assert!(!bar("Facebook buys a startup"));
    }

    #[test]
    fn dialogue_lines_and_pages() {
        let line = |s: &str| on_line(is_dialogue_line, s);
        assert!(line("— Сколько это будет стоить?"));
        assert!(line("—¿Qué piensa usted de todo esto?"));
        assert!(line("– Oui, bien sûr, nous le ferons."));
        assert!(!line("— Home")); // no sentence end
        assert!(!line("— Да.")); // too short
        assert!(!line("Он сказал: — да, конечно.")); // no dash first
                                                     // A Russian interview: short answers with few listed function words
                                                     // are kept with the questions when the page has four dialogue lines
                                                     // or more; a single dash line is judged alone.
        let qa = [
            "— Какие проекты станут главными в следующем году?",
            "— Прежде всего реконструкция набережной. Мы хотим, чтобы жители могли пройти пешком от моста до парка, не встречая ни одной машины.",
            "— Не вызовет ли это пробок в центре?",
            "— Мы провели моделирование вместе с транспортниками. Часть потока уйдёт на новую объездную дорогу, которая откроется весной.",
            "— Сколько это будет стоить?",
            "— Около двух миллиардов рублей, большую часть выделит региональный бюджет.",
        ];
        let text = format!("Главная\nНовости\nВойти\n{}\nЧитайте также:\n", qa.join("\n"));
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[3..9].iter().all(|v| v.keep), "{:?}", &v[3..9]);
        assert!(!v[0].keep && !v[9].keep);
    }

    #[test]
    fn label_value_facts() {
        let fact = |s: &str| on_line(label_value, s);
        assert!(fact("Préparation : 20 min"));
        assert!(fact("Prep time: 15 minutes"));
        assert!(fact("Servings: 4"));
        assert!(!fact("9:12am, EDT")); // a time, not a label
        assert!(!fact("Update: Council approves 3 new bridges over the river"));
        assert!(!fact("Pour 6 personnes"));
    }

    #[test]
    fn short_titles_named_by_the_text() {
        assert!(names_first_words(b"Kettle Island", b"Kettle Island is a small island."));
        assert!(names_first_words(b"Jane Doe ", b"Jane Doe (born 1970) is a writer."));
        assert!(!names_first_words(b"The", b"The island is small."));
        assert!(!names_first_words(b"Kettle", b"Kettlebells are heavy."));
        assert!(!names_first_words(b"Kettle Island", b"Kettle Island"));
        // In a page: the two-word title above the tagline is kept, the
        // navigation above it is not, and a two-word section label above
        // a text that does not open with it stays dropped.
        let cleaner = Cleaner::new(Config::default());
        let body = "Kettle Island is a small uninhabited island in the Gulf of Bothnia, about four kilometres off the coast of Sweden.\nThe island is covered by pine forest and has a lighthouse built in 1874, which was automated in 1962 and is now a protected building.\n";
        let text =
            format!("Jump to search\nKettle Island\nFrom Wikipedia, the free encyclopedia\n{body}");
        let c = cleaner.clean(text.as_bytes());
        let keep: Vec<bool> = c.verdicts().iter().map(|v| v.keep).collect();
        assert_eq!(keep, [false, true, false, true, true], "{:?}", c.verdicts());
        let text = format!("Jump to search\nLatest News\n{body}");
        let c = cleaner.clean(text.as_bytes());
        assert!(!c.verdicts()[1].keep, "{:?}", c.verdicts()[1]);
    }

    #[test]
    fn cut_short_and_dateline_shapes() {
        assert!(cut_short(b"Don't Upgrade to Blackberry 7, Pur... "));
        assert!(cut_short("Mysterious Blackberry ‘Development…".as_bytes()));
        assert!(!cut_short(b"Council approves new bridge"));
        assert!(!cut_short(b"Wait."));
        assert!(cut_short("Advanced Battery Saver With 2 Licences »".as_bytes()));
        assert!(cut_short(b"Find Salary Information for these Jobs >>"));
        assert!(!cut_short("Benjamin Näßler: «Liebe kennt keine Pause»".as_bytes()));
        let cleaner = Cleaner::new(Config::default());
        let text = "Council approves new bridge over the river\n5 December 2026, 08:05\nBy Sarah Collins\nPhoto: Reuters\nPolítica 04 mayo 2022 - 00:00\n";
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        let dateline = |i: usize| {
            is_dateline(
                &v[i].features,
                &LineClass { class: Class::Bad, label: v[i].label, rule: v[i].rule, score: 0.0 },
            )
        };
        // The photo credit, found by its cue, is metadata of the article
        // like the date and the byline.
        assert!(!dateline(0) && dateline(1) && dateline(2) && dateline(3), "{v:?}");
        // A date by its shape (a section word, a date and a time, not a
        // timestamp the lexicon parses whole) is a dateline too.
        assert!(!v[4].features.timestamp && dateline(4), "{:?}", v[4]);
    }

    /// A recipe's ingredient list right above its method is kept; a menu
    /// under an "Ingredients" link is not.
    #[test]
    fn ingredient_list_above_the_method_is_kept() {
        let steps = "Preheat the oven to 180 degrees and grease a round tin with a little of the butter, then line it with baking paper so that the cake comes out easily.\n\nBeat the butter and the sugar until pale, add the eggs one at a time and fold in the flour with a pinch of salt until the batter is smooth.\n\nBake for forty minutes, until a skewer comes out clean, and leave the cake to cool in the tin before you turn it out onto a rack.\n";
        let list = "Ingredients:\n\n250 g butter\n\n200 g sugar\n\n4 eggs\n\n½ tsp salt\n\nBaking paper\n\n";
        let cleaner = Cleaner::new(Config::default());
        let text = format!("Home\n\nRecipes\n\n{list}{steps}");
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(!v[0].keep && !v[2].keep, "menu {:?}", &v[..3]);
        for i in (4..=14).step_by(2) {
            assert!(v[i].keep, "line {i}: {:?}", v[i]);
        }
        // The same header as a menu entry, above a menu: not a list.
        let text = format!("Ingredients\n\nShop\n\nOur books\n\nNews\n\n{steps}");
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert!(v[..7].iter().all(|v| !v.keep), "{:?}", &v[..7]);
        // Below a longer story: the list and the method's short steps join
        // it; the servings line between and the links after do not.
        let story = "Once in a while I like to cook something simple for the family, and this dish is one that my mother used to make for us when we came home from school on a rainy day.\n\n";
        let text = format!(
            "{story}{story}{story}Servings 4\n\n{list}Directions\n\nBeat the butter and the sugar.\n\nAdd the eggs one at a time.\n\nBake for forty minutes.\n\nRelated\n\nLemon Drizzle Cake\n"
        );
        let v = cleaner.clean(text.as_bytes()).verdicts().to_vec();
        assert!(!v[6].keep, "servings {:?}", v[6]);
        for i in (8..=26).step_by(2) {
            assert!(v[i].keep, "line {i}: {:?}", v[i]);
        }
        assert!(!v[28].keep && !v[30].keep, "{:?}", &v[28..]);
    }

    #[test]
    fn closing_and_opening_sentences_join_the_article() {
        let p1 = "The press secretary of the administration has joined the company as its new head of communications, and she said that the media has been a part of her life for many years now.";
        let p2 = "She added that she expects to stay involved in public life and that she will keep writing about politics and the press for as long as people want to read it.";
        let tail = |last: &str| {
            format!("Menu\n\n{p1}\n\n{p2}\n\n{last}\n\nShare this:\n\nFacebook\n\nTwitter\n")
        };
        let cleaner = Cleaner::new(Config::default());
        let text = tail("Her last day is April 1, and the company has not named a replacement.");
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[6].keep, "{:?}", v[6]);
        assert!(!v[8].keep && !v[10].keep);
        // The same for an opening sentence above the first good paragraph.
        let text = format!(
            "Menu\n\nSign in\n\nIt can be frustrating to step on the scale and see no change.\n\n{p1}\n\n{p2}\n"
        );
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[4].keep && !v[0].keep && !v[2].keep, "{:?}", v[4]);
        // A question to the reader after the article is not its last line.
        let text = tail("Do you want to read more stories like this one?");
        let c = cleaner.clean(text.as_bytes());
        assert!(!c.verdicts()[6].keep);
    }

    /// Thai ends a sentence with a space, not a mark: a short last paragraph
    /// without punctuation is still the article's closing line, while the
    /// share label and the related-news label and headline after it are
    /// not. Above the block the same shape is left to the title search.
    #[test]
    fn unpunctuated_closing_line_in_thai() {
        let body = [
            "คณะรัฐมนตรีมีมติอนุมัติมาตรการช่วยเหลือประชาชนชุดใหม่ในวันพุธ เพื่อบรรเทาผลกระทบจากราคาสินค้าและพลังงานที่เพิ่มสูงขึ้นอย่างต่อเนื่องในช่วงหลายเดือนที่ผ่านมา",
            "รัฐมนตรีว่าการกระทรวงการคลังกล่าวว่า มาตรการดังกล่าวจะรวมถึงการลดภาษีมูลค่าเพิ่มสำหรับสินค้าอุปโภคบริโภคที่จำเป็น และการให้เงินช่วยเหลือแก่ครอบครัวที่มีรายได้น้อย",
        ];
        let last = "การประชุมครั้งต่อไปจะจัดขึ้นในเดือนมกราคมปีหน้า";
        let text = format!(
            "หน้าแรก\nข่าว\n{}\n{}\n{last}\nแชร์\nFacebook\nข่าวที่เกี่ยวข้อง\nราคาน้ำมันปรับขึ้นอีกครั้ง\n",
            body[0], body[1]
        );
        let cleaner = Cleaner::new(Config::default());
        let c = cleaner.clean(text.as_bytes());
        let v = c.verdicts();
        assert!(v[4].keep, "{:?}", v[4]);
        assert_eq!((v[4].label, v[4].rule), (Label::Content, Rule::Context));
        assert!(v[5..].iter().all(|v| !v.keep), "{:?}", &v[5..]);
        // Too short to be a sentence (under UNSPACED_TAIL_MIN_WORDS): a label.
        let short = "ขอบคุณมากครับ";
        let text = format!("หน้าแรก\n{}\n{}\n{short}\nแชร์\n", body[0], body[1]);
        let c = cleaner.clean(text.as_bytes());
        let v = &c.verdicts()[3];
        assert!(v.features.words < UNSPACED_TAIL_MIN_WORDS && !v.keep, "{v:?}");
    }

    /// The line memo changes nothing: every corpus input cleaned with a warm
    /// memo (all inputs seen before, in another order) gives the same
    /// verdicts, scores and features as with a fresh one.
    #[test]
    fn line_memo_changes_no_verdict() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut inputs = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.to_string_lossy().ends_with(".input.txt") {
                    inputs.push(std::fs::read(p).unwrap());
                }
            }
        }
        assert!(inputs.len() >= 60);
        let cleaner = Cleaner::new(Config::default());
        let fingerprint = |c: &Cleaned| {
            c.verdicts()
                .iter()
                .map(|v| {
                    format!(
                        "{:?} {} {:?} {:?} {} {:?}",
                        v.span, v.keep, v.label, v.rule, v.score, v.features
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut warm = Scratch::default();
        for input in inputs.iter().rev() {
            cleaner.clean_with(input, None, &mut warm, None);
        }
        assert!(warm.cache.hits + warm.cache.misses > 0);
        for input in &inputs {
            let fresh = cleaner.clean_with(input, None, &mut Scratch::default(), None);
            let hits = warm.cache.hits;
            let cached = cleaner.clean_with(input, None, &mut warm, None);
            assert!(warm.cache.hits > hits || input.is_empty());
            assert_eq!(fingerprint(&fresh), fingerprint(&cached));
        }
    }

    #[test]
    fn comment_counts() {
        let comment_count = |t: &[u8]| super::comment_count(t, &mut String::new());
        assert_eq!(comment_count(b"270 Comments"), Some(270));
        assert_eq!(comment_count(b"Comments (12)"), Some(12));
        assert_eq!(comment_count(b"Tuesday December 26, 2006 | permalink | comments (0)"), Some(0));
        assert_eq!(comment_count(b"44 of 69 comments loaded"), Some(69));
        assert_eq!(comment_count(b"Leave a comment"), None);
        assert_eq!(comment_count("12 комментариев".as_bytes()), Some(12));
        assert_eq!(comment_count("评论 (3)".as_bytes()), Some(3));
        assert!(!mentions_comments(b"A commentary on the budget", &mut String::new()));
    }

    /// The comment-cue checks written into scratch strings answer as the
    /// allocating versions they replaced, on every corpus and dev-set line
    /// and on odd cases (capital sigma, invalid UTF-8, long digit runs).
    #[test]
    fn comment_checks_without_allocation_equal_the_old_ones() {
        fn count_old(text: &[u8]) -> Option<u64> {
            let lower = String::from_utf8_lossy(text).to_lowercase();
            let word = comment_word(&lower)?;
            let is_sep =
                |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ':' | '{' | '}');
            let before: String = lower[..word.start]
                .trim_end_matches(is_sep)
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = lower[word.end..]
                .trim_start_matches(is_sep)
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let digits = if !before.is_empty() { before } else { after };
            digits.get(..digits.len().min(18))?.parse().ok()
        }
        fn key_old(text: &[u8]) -> Option<String> {
            let lower = String::from_utf8_lossy(text).to_lowercase();
            let word = comment_word(&lower)?;
            Some(lower[..word.end].chars().filter(|c| c.is_alphabetic()).collect())
        }
        let lines = crate::testdata::corpus_and_dev_lines_with(&[
            "ΣΧΟΛΙΑΣ Comments (3)".as_bytes(),
            "ΑΣ-Β comments 12".as_bytes(),
            b"1234567890123456789012 comments",
            b"comments: 99999999999999999999",
            "Kommentare (4) | Σ".as_bytes(),
            "12 комментариев".as_bytes(),
            b"\xff Comments (7)",
        ]);
        let (mut lower, mut key) = (String::new(), String::new());
        for line in &lines {
            let shown = String::from_utf8_lossy(line);
            assert_eq!(comment_count(line, &mut lower), count_old(line), "{shown:?}");
            let old = key_old(line);
            assert_eq!(footer_key(line, &mut lower, &mut key), old.is_some(), "{shown:?}");
            if let Some(old) = old {
                assert_eq!(key, old, "{shown:?}");
            }
            lower_lossy(line, &mut lower);
            assert_eq!(lower, String::from_utf8_lossy(line).to_lowercase(), "{shown:?}");
        }
    }

    /// Three posts of a blog index, each with its title, a paragraph and
    /// the same footer.
    fn blog_index(footer: &str) -> String {
        let mut page = String::new();
        for (k, title) in
            ["Back home at last", "Crossing the salt flats", "A night train"].iter().enumerate()
        {
            page += &format!(
                "{title}\n\nPost {k}: the train left the station two hours late, and we spent \
                 the night talking with the other travellers about the long road that was \
                 still ahead of us, the weather in the mountains and the price of the \
                 tickets, which had doubled since the summer.\n\nPosted by msshell at \
                 09:4{k} PM\n{footer} ({k})\n\n"
            );
        }
        page
    }

    #[test]
    fn dated_comment_count_ends_the_article_before_comments() {
        let c = Cleaner::new(Config::default());
        let para = "The train left the station two hours late, and we spent the night talking \
                    with the other travellers about the long road that was still ahead of us, \
                    the weather in the mountains and the price of the tickets.";
        let mut page = format!("A night train\n\n{para}\n\n{para} We slept at last.\n\n");
        page += "Seen by Jane Doe on November 7 2012. There are 4 comments.\n\n";
        for (k, who) in ["Bob", "Ann", "Tom", "Eve"].iter().enumerate() {
            page += &format!(
                "{who} on November {} 2012\n\nI took the same train last spring and it was \
                 late too, but the people on board made it worth every minute of the trip.\n\n",
                8 + k
            );
        }
        let text = String::from_utf8(c.clean(page.as_bytes()).to_vec()).unwrap();
        assert!(text.contains("We slept at last."), "{text}");
        assert!(!text.contains("I took the same train"), "comments kept:\n{text}");
    }

    #[test]
    fn blog_index_footers_do_not_end_the_article() {
        let c = Cleaner::new(Config::default());
        let page = blog_index("View/Add Comments");
        let text = String::from_utf8(c.clean(page.as_bytes()).to_vec()).unwrap();
        for k in 0..3 {
            assert!(text.contains(&format!("Post {k}:")), "post {k} lost:\n{text}");
        }
        assert!(recurring_footer_at(&page, "View/Add Comments (0)"));
        // A comments header printed once is not a recurring footer.
        let once = page.replacen("View/Add Comments (1)", "Leave a reply", 1).replacen(
            "View/Add Comments (2)",
            "Share this post",
            1,
        );
        assert!(!recurring_footer_at(&once, "View/Add Comments (0)"));
    }

    /// `recurring_footer` at the line of `page` equal to `line`.
    fn recurring_footer_at(page: &str, line: &str) -> bool {
        let c = Cleaner::new(Config::default());
        let input = page.as_bytes();
        let mut spans = Vec::new();
        lines::split_into(input, &mut spans);
        let stop = c.stoplists.union();
        let mut fs = features::Scratch::default();
        let feats: Vec<_> =
            spans.iter().map(|sp| features::compute(&input[sp.content()], stop, &mut fs)).collect();
        let classes: Vec<_> = feats
            .iter()
            .map(|f| {
                if f.blank {
                    Class::Blank
                } else if f.words >= 30 {
                    Class::Good
                } else {
                    Class::Short
                }
            })
            .collect();
        let i = spans.iter().position(|sp| &input[sp.content()] == line.as_bytes()).unwrap();
        recurring_footer(input, &spans, &feats, &classes, i, &mut FooterScratch::default())
    }

    #[test]
    fn fallback_keeps_the_short_post_above_the_comments_cue() {
        // No good line anywhere: a picture post (title, one caption line),
        // its comment links, then a sidebar with more words than the post.
        let page = "Logos for the zombie apocalypse\n\
            Created by a designer in Leeds! Via the design blog\n\
            Comments (0)\n\
            Leave a comment\n\
            Hello stranger, let us connect\n\
            you can also like my page here or add me to your circles, I post new things daily\n\
            Curious about me?\n\
            Submit a thought!\n";
        let c = Cleaner::new(Config::default());
        let cleaned = c.clean(page.as_bytes());
        let text = String::from_utf8(cleaned.to_vec()).unwrap();
        assert!(text.contains("Created by a designer"), "{text}");
        assert!(!text.contains("Curious about me"), "{text}");
        assert_eq!(cleaned.verdicts()[1].rule, Rule::Fallback);
    }

    #[test]
    fn prose_run_after_a_cue() {
        use Class::*;
        let classes = [Bad, Blank, Good, Good, Blank, Good, Short, Good];
        let words = [1, 0, 50, 60, 0, 70, 2, 80];
        let feats: Vec<_> = words
            .iter()
            .map(|&w| LineFeatures { words: w, blank: w == 0, ..LineFeatures::default() })
            .collect();
        let mut next_text = vec![classes.len(); classes.len()];
        let mut next = classes.len();
        for i in (0..classes.len()).rev() {
            if classes[i] != Blank {
                next = i;
            }
            next_text[i] = next;
        }
        // The run after line 0 stops at the short line 6.
        assert_eq!(prose_run_after(&next_text, &feats, &classes, 0), 180);
        assert_eq!(prose_run_after(&next_text, &feats, &classes, 5), 0);
        assert_eq!(prose_run_after(&next_text, &feats, &classes, 7), 0);
    }

    #[test]
    fn footer_keys() {
        let footer_key = |t: &[u8]| {
            let mut key = String::new();
            super::footer_key(t, &mut String::new(), &mut key).then_some(key)
        };
        assert_eq!(
            footer_key(b"View/Add Comments (6) | Category: Back Home").as_deref(),
            Some("viewaddcomments")
        );
        assert_eq!(
            footer_key(b"Permalink | Comments (2) & TrackBacks (1)").as_deref(),
            Some("permalinkcomments")
        );
        assert_eq!(footer_key(b"Read more"), None);
    }

    struct Menu;
    impl LineEvidence for Menu {
        fn lookup(&self, key: u64) -> Option<templates::TemplateHit> {
            let mut b = String::new();
            (Some(key) == templates::line_key(b"About our newsroom and its values", &mut b))
                .then_some(templates::TemplateHit { site_docs: 40, site_total: 50, sites: 1 })
        }
    }

    #[test]
    fn template_evidence_drops_the_line() {
        let page = "About our newsroom and its values\n\
            The council approved the new budget on Tuesday after a long debate about school \
            funding, which had divided the members of the council for months.\n";
        let c = Cleaner::new(Config::default());
        let with = c.clean_with_evidence(page.as_bytes(), &Menu);
        assert_eq!(with.verdicts()[0].label, Label::Template);
        assert_eq!(with.verdicts()[0].rule, Rule::Template { site_docs: 40 });
        assert!(!with.verdicts()[0].keep);
        // The stage switch turns it off.
        let off =
            Cleaner::new(Config::builder().stage(Stage::Templates, crate::Switch::Off).build());
        assert_ne!(
            off.clean_with_evidence(page.as_bytes(), &Menu).verdicts()[0].label,
            Label::Template
        );
    }

    #[test]
    fn cleaner_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Cleaner>();
        assert_send_sync::<Config>();
        assert_send_sync::<Cleaned<'static>>();
    }
}
