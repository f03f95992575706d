# potline messages (English): build.
