# potline's messages in English: the words every other message uses.
# Each entry's code is stable: it is shown by `potline check --format json` and listed in
# docs/writing.md. `.hint` says how to fix the problem.

label-error = error
label-warning = warning
label-note = note
label-hint = hint
caused-by = caused by

errors-found = { $count ->
    [one] 1 error found; nothing was published
   *[other] { $count } errors found; nothing was published
}

io-failed = could not { $action ->
    [read] read
    [write] write
    [open] open
    [remove] remove
    [copy] copy
    [replace] replace
    [create] create
    [create-folder] create the folder
    [remove-folder] remove the folder
    [read-folder] read the folder
    [move] move
    [list] list
    [follow-the-link] follow the link
    [flush] finish writing
    [create-link] create the link
   *[other] { $action }
} `{ $path }`

# "Did you mean": the name a writer probably meant, or the names there are.
suggest-did-you-mean = did you mean `{ $name }`?
suggest-accepted-here = accepted here: { $names }
suggest-nothing-yet = there is nothing to choose from here yet
