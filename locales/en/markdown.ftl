# potline messages (English): markdown.
