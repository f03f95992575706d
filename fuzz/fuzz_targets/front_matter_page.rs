//! Fuzz target: `potline::fuzzing::front_matter_page` on arbitrary bytes (see its documentation).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| potline::fuzzing::front_matter_page(data));
