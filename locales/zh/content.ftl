# potline 中文提示：content。
