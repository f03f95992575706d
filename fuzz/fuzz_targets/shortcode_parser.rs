//! Fuzz target: `potline::fuzzing::shortcode_parser` on arbitrary bytes (see its documentation).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| potline::fuzzing::shortcode_parser(data));
