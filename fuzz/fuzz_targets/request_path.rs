//! Fuzz target: `potline::fuzzing::request_path` on arbitrary bytes (see its documentation).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| potline::fuzzing::request_path(data));
