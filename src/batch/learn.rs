//! Pass one of cross-document templates: stream a batch and count, per
//! site, in how many documents each normalised line occurs.

use super::*;
use crate::templates::{Counts, KeyScratch, Learner};

/// Count the template statistics of everything `options` names: the same
/// inputs, globs, formats, text and URL fields and sites as
/// [`run_batch`] would clean (outputs, explanations and `resume` are
/// ignored; nothing is written).
///
/// Records are counted in parallel, per thread, and the counts merged per
/// chunk and folded in input order by a [`Learner`] under
/// [`BatchOptions::template_memory`]; the result is identical for any
/// thread count and input order. Bad records and unreadable inputs are
/// reported to `reporter` and in the [`Summary`] and left uncounted;
/// with [`BatchOptions::strict`], the first one is returned as the error.
pub fn learn_templates(
    options: &BatchOptions,
    reporter: &dyn Reporter,
) -> Result<(TemplateStats, Summary), BatchError> {
    let started = Instant::now();
    let mut o = options.clone();
    o.output = Output::Stdout;
    o.explain = Explain::Off;
    o.resume = false;
    o.templates = None;
    let checked = validate(&o)?;
    let threads =
        o.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("deboil-learn-{i}"))
        .build()
        .map_err(|e| BatchError::usage(format!("cannot start {threads} threads: {e}")))?;
    reporter.start(if reporter.wants_total() { total_bytes(&o, &checked) } else { None });
    let (stats, mut summary) = pool.install(|| learn_engine(&o, checked, reporter))?;
    summary.elapsed = started.elapsed();
    Ok((stats, summary))
}

/// What counting one chunk produced.
#[derive(Default)]
struct Counted {
    counts: Counts,
    documents: u64,
    records: u64,
    /// Bad records, by their unit's index in the chunk.
    errors: Vec<(usize, BatchError)>,
}

impl Counted {
    fn merge(mut self, other: Counted) -> Counted {
        self.counts.merge(other.counts);
        self.documents += other.documents;
        self.records += other.records;
        self.errors.extend(other.errors);
        self
    }
}

fn learn_engine(
    o: &BatchOptions,
    checked: Checked,
    reporter: &dyn Reporter,
) -> Result<(TemplateStats, Summary), BatchError> {
    let mut producer = Producer {
        options: o,
        walk: InputWalk::new(o.inputs.clone(), checked.globs, None),
        out_dir: None,
        stream_compression: Compression::None,
        current: None,
        counter: Arc::new(AtomicU64::new(0)),
        counted: 0,
        skipped_bytes: 0,
        outputs: HashSet::new(),
    };
    let mut learner = Learner::new(o.template_memory);
    let mut summary = Summary::default();
    let mut next = producer.next_chunk();
    let mut pending: Option<(Chunk, Counted)> = None;
    let mut open = OpenFile::None;
    while let Some(chunk) = next.take() {
        let ((folded, read), counted) = rayon::join(
            || {
                let folded = pending.take().map_or(Ok(()), |(c, d)| {
                    fold(o, &mut learner, &mut summary, &mut open, reporter, c, d)
                });
                let go_on = folded.is_ok() && !o.cancel.load(Ordering::Relaxed);
                (folded, if go_on { producer.next_chunk() } else { None })
            },
            || count_chunk(o, &chunk),
        );
        // Only an error in strict mode.
        folded?;
        pending = Some((chunk, counted));
        next = read;
    }
    if o.cancel.load(Ordering::Relaxed) {
        summary.interrupted = true;
        return Ok((learner.finish(), summary));
    }
    if let Some((c, d)) = pending.take() {
        fold(o, &mut learner, &mut summary, &mut open, reporter, c, d)?;
    }
    Ok((learner.finish(), summary))
}

/// The input file whose records are being folded, across chunks.
#[derive(Clone, Copy, Debug, Default)]
enum OpenFile {
    /// Between files.
    #[default]
    None,
    /// A file is open; `failed` once it had an error.
    Open {
        /// Whether the file or one of its records failed.
        failed: bool,
    },
}

/// Account for a counted chunk, in input order, and add its counts.
fn fold(
    o: &BatchOptions,
    learner: &mut Learner,
    summary: &mut Summary,
    open: &mut OpenFile,
    reporter: &dyn Reporter,
    chunk: Chunk,
    mut counted: Counted,
) -> Result<(), BatchError> {
    counted.errors.sort_by_key(|(i, _)| *i);
    let mut errors = counted.errors.into_iter().peekable();
    let mut unit = 0;
    let mut first = None;
    // As the cleaning pass counts them: a file with an error, of its own or
    // of one of its records, counts once among the failed files, whichever
    // chunks its records fell in.
    let mut fail = |summary: &mut Summary, open: &mut OpenFile, e: BatchError| {
        reporter.error(&e);
        summary.stats.errors += 1;
        if o.strict && first.is_none() {
            first = Some(e.clone());
        }
        summary.add_failure(e);
        match open {
            OpenFile::Open { failed } => *failed = true,
            OpenFile::None => summary.stats.files_failed += 1,
        }
    };
    for event in chunk.events {
        match event {
            Event::Open(..) => {
                summary.stats.files += 1;
                *open = OpenFile::Open { failed: false };
            }
            Event::Fail(e) => fail(summary, open, e),
            Event::Unit(_) => {
                while let Some((_, e)) = errors.next_if(|(i, _)| *i == unit) {
                    fail(summary, open, e);
                }
                unit += 1;
            }
            Event::Close => {
                if let OpenFile::Open { failed: true } = open {
                    summary.stats.files_failed += 1;
                }
                *open = OpenFile::None;
            }
            Event::Skip => {}
        }
    }
    summary.stats.records += counted.records;
    summary.stats.documents += counted.documents;
    summary.stats.input_bytes += chunk.raw_bytes;
    reporter.advance(chunk.raw_bytes, counted.documents);
    learner.add(counted.counts);
    first.map_or(Ok(()), Err)
}

fn count_chunk(o: &BatchOptions, chunk: &Chunk) -> Counted {
    let units = chunk.units();
    units
        .par_iter()
        .enumerate()
        .fold(
            || (Counted::default(), KeyScratch::default()),
            |(mut c, mut s), (i, u)| {
                if let Err(e) = count_unit(o, u, &mut c, &mut s) {
                    c.errors.push((i, e));
                }
                (c, s)
            },
        )
        .map(|(c, _)| c)
        .reduce(Counted::default, Counted::merge)
}

fn count_unit(
    o: &BatchOptions,
    unit: &Unit,
    c: &mut Counted,
    s: &mut KeyScratch,
) -> Result<(), BatchError> {
    let ctx = &unit.ctx;
    match &unit.record {
        Record::Text(text) => {
            c.records += 1;
            c.documents += 1;
            c.counts.add_document(&site_for(o.site_from, ctx, || None), text, s);
        }
        Record::Jsonl(line) => {
            if line.is_blank() {
                return Ok(());
            }
            c.records += 1;
            let record = JsonlRecord::parse(line.content(), &o.text_field)
                .map_err(|e| BatchError::input(&ctx.display, Some(line.number), e.to_string()))?;
            let site = site_for(o.site_from, ctx, || record.string_field(&o.url_field));
            c.documents += 1;
            c.counts.add_document(&site, record.text().as_bytes(), s);
        }
        Record::Warc(record) => {
            c.records += 1;
            let Some(range) = record.text_range() else { return Ok(()) };
            let site = site_for(o.site_from, ctx, || record.target_uri().map(str::to_owned));
            c.documents += 1;
            c.counts.add_document(&site, &record.block()[range], s);
        }
    }
    Ok(())
}
