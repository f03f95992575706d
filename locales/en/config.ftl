# potline messages (English): config.

config-messages-language = `messages_language: { $value }` is not a language potline speaks
    .hint = write `messages_language: zh` for Chinese or `messages_language: en` for English
