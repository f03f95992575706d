# potline messages (English): images.
