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

# Sizes of files, as messages show them.
size-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}

# "Did you mean" hints (src/suggest.rs).
suggest-did-you-mean = did you mean `{ $name }`?
suggest-accepted = accepted here: { $names }
suggest-nothing-yet = there is nothing to choose from here yet

# Writing the site (src/output.rs).
output-earlier-write-failed = an earlier write failed, so nothing more was written
output-writer-stopped = a part of potline writing the site stopped unexpectedly
    .hint = build again; if this happens again, report it with the command you ran

# Folders potline refuses to write to (src/places.rs). `$why` says why; `$target` is the path
# or folder name that reason names; `$link` is where the folder named is a link to (`none`
# when it is not a link).
folder-refusal = { $why ->
    [dangling] it is a link to `{ $target }`, which does not exist
    [file] it is a file, not a folder
    [file-above] `{ $target }` above it is a file, not a folder
    [disk-root] it is the top folder of the disk, which holds everything
    [home] it is your home folder
    [holds-site] it holds the site's own files, which a build replaces
    [in-sources] it is inside the site's `{ $target }/` folder, which the build reads
    [holds-sources] it holds the site's `{ $target }/` folder, which the build reads
    [foreign] it holds files that potline did not write, and a build replaces everything in it
    [in-site] it is inside the site's folder
    [is-output] it is the folder the site is built into
    [in-output] it is inside the folder the site is built into
   *[holds-output] it holds the folder the site is built into
}
output-folder-refused = refusing to use `{ $folder }`{ $link ->
        [none] {""}
       *[other] {" "}(a link to `{ $link }`)
    } as the output folder: { folder-refusal }
    .hint = { $why ->
        [dangling] create the folder the link points to, or pass another folder, e.g. --output public
        [foreign] pass a new or empty folder, e.g. --output public, or move those files elsewhere first: potline writes over a folder only if it published it
       *[other] pass a new or empty folder outside the site's sources, e.g. --output public
    }
deploy-path-refused = deploy target `{ $name }` cannot publish to `{ $folder }`: { folder-refusal }
    .hint = set `path` of the target in site.yaml to a folder outside the site, e.g. path: /var/www/my-site

# Reading the site's folders (src/source.rs).
link-leaves-site = this is a link to `{ $target }`, outside the site; potline does not read or publish it
    .hint = copy the file into the site instead of linking to it
