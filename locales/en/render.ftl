# potline messages (English): render.
