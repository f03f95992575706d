//! Fuzz target: `potline::fuzzing::markdown_safe_html` on arbitrary bytes (see its documentation).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| potline::fuzzing::markdown_safe_html(data));
