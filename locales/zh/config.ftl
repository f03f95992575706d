# potline 中文提示：config。

config-messages-language = potline 不支持 `messages_language: { $value }` 这种语言
    .hint = 中文写 `messages_language: zh`，英文写 `messages_language: en`
