# potline messages (English): content.
