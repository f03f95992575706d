//! Fuzz target: `potline::fuzzing::slugs_and_urls` on arbitrary bytes (see its documentation).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| potline::fuzzing::slugs_and_urls(data));
