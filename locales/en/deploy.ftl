# potline messages (English): deploy.
