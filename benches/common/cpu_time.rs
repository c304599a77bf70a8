//! A Criterion measurement of the benchmark thread's CPU time, so that
//! figures taken on a shared machine (other processes competing for the
//! cores) are not inflated by time spent waiting for a core. On an idle
//! machine it equals wall time for these single-threaded benches.
//!
//! Linux only (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, nanoseconds);
//! elsewhere it falls back to wall time. Throughput is shown in decimal
//! units (1 MB/s = 10^6 bytes per second), as in `docs/performance.md`.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::Throughput;

/// Thread CPU time (Linux) or wall time (elsewhere), in nanoseconds.
pub struct CpuTime;

#[cfg(target_os = "linux")]
fn now_ns() -> u64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    /// `CLOCK_THREAD_CPUTIME_ID` in Linux's `<time.h>`.
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec (two 64-bit fields on the
    // 64-bit Linux targets this is built for); the clock id is a constant
    // Linux defines. glibc/musl are linked by std.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

#[cfg(not(target_os = "linux"))]
fn now_ns() -> u64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        now_ns()
    }
    fn end(&self, start: u64) -> u64 {
        now_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NanosFormatter
    }
}

/// Formats nanoseconds as times and throughputs (decimal units).
struct NanosFormatter;

impl ValueFormatter for NanosFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = if typical < 1e3 {
            (1.0, "ns")
        } else if typical < 1e6 {
            (1e3, "µs")
        } else if typical < 1e9 {
            (1e6, "ms")
        } else {
            (1e9, "s")
        };
        for v in values {
            *v /= div;
        }
        unit
    }

    fn scale_throughputs(&self, typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let (amount, units): (f64, [&'static str; 4]) = match *t {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => {
                (n as f64, ["B/s", "KB/s", "MB/s", "GB/s"])
            }
            Throughput::Bits(n) => (n as f64, ["b/s", "Kb/s", "Mb/s", "Gb/s"]),
            Throughput::Elements(n) => (n as f64, ["elem/s", "Kelem/s", "Melem/s", "Gelem/s"]),
            Throughput::ElementsAndBytes { elements, .. } => {
                (elements as f64, ["elem/s", "Kelem/s", "Melem/s", "Gelem/s"])
            }
        };
        let per_second = amount * 1e9 / typical;
        let k = if per_second < 1e3 {
            0
        } else if per_second < 1e6 {
            1
        } else if per_second < 1e9 {
            2
        } else {
            3
        };
        let div = 1e3f64.powi(k as i32);
        for v in values {
            *v = amount * 1e9 / *v / div;
        }
        units[k]
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
