# potline messages (English): scaffold.
