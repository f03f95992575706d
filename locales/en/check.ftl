# potline messages (English): check.
