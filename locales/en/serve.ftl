# potline messages (English): serve — the preview server, its banner, its event lines and the
# error overlay shown in the browser.

serve-banner = potline serve: previewing the site at { $url }
serve-banner-drafts = drafts and future-dated pages are shown; links point to this address
serve-banner-no-drafts = future-dated pages are shown, drafts are not; links point to this address
serve-banner-watching = watching for changes in content/, templates/, static/, themes/ and site.yaml; press Ctrl-C to stop
serve-banner-polling = polling for changes in content/, templates/, static/, themes/ and site.yaml; press Ctrl-C to stop
serve-exposed-drafts = the preview, drafts included, is reachable from other machines on the network (--bind)
serve-exposed = the preview is reachable from other machines on the network (--bind); drafts are left out (add --drafts to show them)
serve-ended = potline serve stopped
serve-listening = listening on { $url }
serve-port-taken = port { $wanted } is in use; listening on port { $got } instead
serve-no-browser = could not open a browser for the preview
    .hint = open { $url } in your browser yourself

# Why a build ran, and what it did.
serve-trigger-start = first build
serve-trigger-rescan = too many changes to follow one by one
serve-trigger-changed = { $paths }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
} changed
serve-built = { $trigger }: built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and { $sections ->
    [one] 1 section
   *[other] { $sections } sections
} in { $ms } ms
serve-files = { $count ->
    [one] 1 file
   *[other] { $count } files
}
serve-no-file-changed = no file changed
serve-files-changed = { $count ->
    [one] 1 file
   *[other] { $count } files
} changed{ $removed ->
    [0] {""}
   *[other] , { $removed } removed
}
serve-css-swapped = stylesheets swapped without reloading the pages
serve-failed-kept = { $trigger }: the build failed; still serving the last good build, with the errors over every page
serve-failed = { $trigger }: the build failed; every page shows the errors until the site builds

# The overlay over every page while the site has errors.
serve-overlay-title = potline: the site has errors
serve-overlay-kept = potline: the last change broke the build. This is the last good version of the page; it reloads by itself once the problem is fixed.
serve-overlay-failed = potline: the site could not be built. This page reloads by itself once the problem is fixed.
serve-overlay-hide = Hide

# Problems of the server itself.
serve-no-site = no `{ $file }` in `{ $path }` or any folder above it: is this a potline site?
    .hint = run potline in the site's folder (or any folder inside it), or pass --root <folder>
serve-bind-failed = could not listen on { $address }: { $reason }
    .hint = pick another port with --port
serve-ports-taken = ports { $first } to { $last } of { $ip } are all in use
    .hint = pass another one with --port, or --port 0 for any free port
serve-listen-failed = could not listen: { $reason }
serve-runtime-failed = could not start the server: { $reason }
serve-thread-failed = could not start the rebuild thread: { $reason }
serve-signal-failed = could not wait for Ctrl-C: { $reason }
serve-stopped = the server stopped: { $reason }
serve-build-panicked = internal error: the build stopped unexpectedly ({ $what }); this is a bug in potline, please report it
serve-watch-failed = watching for changes: { $reason }
serve-watch-folder-failed = could not watch `{ $path }` for changes: { $reason }
serve-link-outside = `{ $path }` is a link to `{ $target }`, outside the site: the preview does not serve it

# Answers to requests the preview refuses.
serve-foreign-host = potline serve answers only requests for localhost or the address it listens on
serve-get-only = potline serve answers only GET and HEAD
serve-not-found = not found
serve-path-bad-encoding = malformed percent-encoding in the path
serve-path-not-utf8 = the path is not UTF-8
serve-path-backslash = backslashes and NUL are not allowed in paths
serve-path-dots = `.` and `..` are not allowed in paths
serve-live-refused = potline: live reload is only for pages of this preview
serve-live-full = potline: { $count } pages already listen for live reload; close some preview tabs, and this page will connect by itself
