# potline messages (English): serve.
