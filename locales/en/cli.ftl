# potline messages (English): cli — the command line: the summary line of `potline build`, the
# progress shown on a terminal, and the command line's own problems.

# The summary of a build: its parts are joined by `summary-separator`.
summary-build = built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and { $sections ->
    [one] 1 section
   *[other] { $sections } sections
} in { $ms } ms: { $written ->
    [one] 1 file
   *[other] { $written } files
} written, { $unchanged } unchanged; skipped { $drafts ->
    [one] 1 draft
   *[other] { $drafts } drafts
} and { $future ->
    [one] 1 future-dated page
   *[other] { $future } future-dated pages
}
summary-build-kept = nothing changed since the last build
summary-images = images: { $processed } processed, { $cached } from cache
summary-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
summary-separator = {"; "}

# `potline build --verbose`: the stages of a build.
cli-timing-stage = { $stage ->
    [config-and-templates] config and templates
    [up-to-date-check] up-to-date check
   *[other] { $stage }
}

# Progress, on a terminal only.
cli-progress-building = building the site
cli-progress-pictures = processing pictures
cli-progress-finishing = checking links and writing the site
cli-progress-checking = checking the site
cli-progress-external = checking external links

# The command line.
cli-site-found = potline: using the site in { $path }
cli-lang-unknown = --lang `{ $code }`: potline speaks en or zh
cli-seconds = expected a number of seconds between 0 and 600, e.g. 10 or 2.5
cli-disk-full = could not { $action ->
    [write] write
    [create] create
    [copy] copy
    [create-folder] create the folder
    [replace] replace
    [move] move
    [flush] finish writing
   *[other] { $action }
} `{ $path }`: the disk is full ({ $reason })
    .hint = free some space and build again; `{ $output }` was left exactly as it was
