# potline messages (English): cli.
