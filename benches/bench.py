#!/usr/bin/env python3
"""Measures potline against Hugo on generated sites and writes benches/results.json.

Run through benches/run.sh, which checks the tools and builds potline first. For each size:

- generate the two sites (benches/gen_site.py, cached while the generator and sizes match),
- build each once to check it works (a potline that rejects `taxonomies:` in site.yaml gets
  the site without lists, and the fact is recorded),
- in rounds, one hyperfine invocation per round that runs potline cold, Hugo cold, potline warm,
  Hugo warm (so both tools see the same background load), and, for a potline that has
  `build --force`, a warm build that renders everything again although nothing changed (what a
  warm build costs without the record of the last build), each under `/usr/bin/time -v` for
  the peak RSS. A cold build has no output and nothing the tool kept, and its sources are read
  just before it, so that no tool is timed reading a disk after the other tool's memory pushed
  them out of the page cache; every timed build starts after `sync` (see SETTLE),
- output size (`du -sb`), file and HTML page counts by kind.

Then the serve figure on the 10,000-page site (or the largest size measured): the time from a
one-page save to the rebuild the server reports, for `hugo server` and `potline serve`.

Python 3 standard library only. Every wait is bounded; only processes started here are stopped.
"""

import argparse
import hashlib
import json
import glob
import os
import platform
import queue
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd, timeout, **kw):
    """Runs a command (a list), returns (exit code, stdout+stderr). Never raises on failure."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout, **kw)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return -1, out + f"\n(timed out after {timeout} s)"
    except OSError as e:
        return -1, str(e)


def first_line(cmd):
    code, out = run(cmd, 30)
    return out.strip().splitlines()[0] if code == 0 and out.strip() else "unknown"


# --- machine and versions -----------------------------------------------------------------

def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kib = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_kib = int(line.split()[1])
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_at_start": os.getloadavg(),
    }


def versions(potline, rev):
    """`rev`: the commit potline was built from (a clean export), else the working tree's."""
    if rev:
        commit, dirty = rev, False
    else:
        commit = first_line(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
        _, status = run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no",
                         "--", "src", "Cargo.toml", "Cargo.lock"], 30)
        dirty = bool(status.strip())
    return {
        "potline_commit": commit,
        "potline_dirty": dirty,
        "potline": first_line([potline, "--version"]),
        "hugo": first_line(["hugo", "version"]),
        "hyperfine": first_line(["hyperfine", "--version"]),
        "python": platform.python_version(),
    }


# --- sites ---------------------------------------------------------------------------------

def generator_hash():
    h = hashlib.sha256()
    for root, _dirs, files in sorted(os.walk(HERE)):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name == "gen_site.py" or os.sep + "templates" + os.sep in path:
                h.update(path.encode())
                with open(path, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()[:16]


def generate(size, seed, work, no_lists):
    out = os.path.join(work, str(size))
    stamp_path = os.path.join(out, "stamp.json")
    stamp = {"pages": size, "seed": seed, "no_lists": no_lists, "generator": generator_hash()}
    try:
        with open(stamp_path) as f:
            if json.load(f) == stamp:
                log(f"{size} pages: reusing the generated sites in {out}")
                return out
    except (OSError, ValueError):
        pass
    log(f"{size} pages: generating the sites into {out}")
    cmd = [sys.executable, os.path.join(HERE, "gen_site.py"), "--pages", str(size),
           "--seed", str(seed), "--out", out] + (["--no-lists"] if no_lists else [])
    code, text = run(cmd, 3600)
    if code != 0:
        raise SystemExit(f"gen_site.py failed:\n{text}")
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)
    return out


class Tool:
    """How to build one of the two sites, and where its output goes."""

    def __init__(self, name, site, build_cmd, clean_paths):
        self.name = name
        self.site = site
        self.build_cmd = build_cmd
        self.clean_paths = clean_paths
        self.output = clean_paths[0]

    def clean_cmd(self):
        # A trailing `*` is a glob for the shell: quote the folder, not the pattern.
        return "rm -rf " + " ".join(
            shlex.quote(p[:-1]) + "*" if p.endswith("*") else shlex.quote(p) for p in self.clean_paths)

    def read_sources_cmd(self):
        # Cold means no output and nothing kept by the tool, not sources on disk only: Hugo's
        # 17 GiB at 100,000 pages pushes the sources out of the page cache, and the build after
        # it would otherwise time the disk.
        return f"find {shlex.quote(self.site)} -type f -exec cat {{}} + >/dev/null"

    def clean(self):
        for pattern in self.clean_paths:
            for p in glob.glob(pattern):
                if os.path.isdir(p):
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    os.remove(p)


def tools_for(out, potline):
    p_site = os.path.join(out, "potline")
    h_site = os.path.join(out, "hugo")
    return [
        Tool("potline", p_site, [potline, "build", "--root", p_site],
             # Cold means cold: potline's spare tree and manifests go too (see docs/reference.md).
             [os.path.join(p_site, "public"), os.path.join(p_site, ".public.staging"),
              os.path.join(p_site, ".public.spare"), os.path.join(p_site, ".public.manifest-*"),
              os.path.join(p_site, ".public.record*")]),
        Tool("hugo", h_site, ["hugo", "--source", h_site, "--quiet"],
             [os.path.join(h_site, "public"), os.path.join(h_site, "resources")]),
    ]


def check_build(tool, timeout):
    tool.clean()
    code, text = run(tool.build_cmd, timeout)
    return code == 0, text.strip()


LISTS_REJECTED = re.compile(r"unknown (field|key).*(taxonomies|feeds)|(taxonomies|feeds).*unknown",
                            re.I | re.S)


def prepare_size(size, args, potline):
    """Generates the sites and checks both build; falls back to a site without lists for a
    potline that rejects them. Returns (out, tools, notes)."""
    notes = {"potline_lists": True, "potline_error": None, "hugo_error": None}
    out = generate(size, args.seed, args.work, no_lists=False)
    tools = tools_for(out, potline)
    ok, text = check_build(tools[0], args.timeout)
    if not ok and LISTS_REJECTED.search(text):
        log(f"potline rejects taxonomies/feeds in site.yaml: regenerating without them\n{text}")
        notes["potline_lists"] = False
        notes["potline_lists_error"] = text
        out = generate(size, args.seed, args.work, no_lists=True)
        tools = tools_for(out, potline)
        ok, text = check_build(tools[0], args.timeout)
    if not ok:
        notes["potline_error"] = text
        log(f"potline failed to build the {size}-page site:\n{text}")
    else:
        notes["potline_summary"] = text.splitlines()[-1] if text else ""
    ok_h, text_h = check_build(tools[1], args.timeout)
    if not ok_h:
        notes["hugo_error"] = text_h
        log(f"hugo failed to build the {size}-page site:\n{text_h}")
    return out, tools, notes


# --- timing --------------------------------------------------------------------------------

# Run before every timed build. Without it a build shares the machine with the writing-out of
# the gigabytes the previous build wrote, and (ext4 without a journal) the inodes `rm -rf`
# freed stay "recently deleted" for five minutes more while their table blocks are unwritten:
# every new inode steps over them. A 100,000-page potline build right after Hugo's took 25 s
# instead of 20 s (2026-11-29). With `sync`, only the tool's own previous output, deleted just
# before, is still recent: the same for every tool and size.
SETTLE = "sync"


def timed(cmd, rss_file):
    """The command line hyperfine runs: the build under /usr/bin/time -v, appending to a file."""
    return shlex.join(["/usr/bin/time", "-v", "-a", "-o", rss_file] + cmd) + " >/dev/null 2>&1"


TIME_FIELDS = {"Maximum resident set size (kbytes)": "rss",
               "User time (seconds)": "user", "System time (seconds)": "system"}


def read_time_log(path):
    """From a /usr/bin/time -v log (one block per run): every run's peak RSS in KiB, and its user
    and system CPU time in seconds."""
    values = {"rss": [], "user": [], "system": []}
    try:
        with open(path) as f:
            for line in f:
                name, _, value = line.strip().rpartition(": ")
                key = TIME_FIELDS.get(name)
                if key == "rss":
                    values[key].append(int(value))
                elif key:
                    values[key].append(float(value))
    except OSError:
        pass
    return values


def supports_force(potline):
    """Does this potline have `build --force` (render everything although nothing changed)?"""
    code, text = run([potline, "build", "--help"], 60)
    return code == 0 and "--force" in text


def measure_rounds(size, tools, rounds, workdir, timeout):
    """`rounds` hyperfine invocations, each running every tool cold then warm once, in turn."""
    names, commands, prepares, rss_files = [], [], [], {}
    for mode in ("cold", "warm"):
        for tool in tools:
            key = f"{tool.name}-{mode}"
            rss_files[key] = os.path.join(workdir, f"rss-{size}-{key}.log")
            if os.path.exists(rss_files[key]):
                os.remove(rss_files[key])
            names.append(key)
            commands.append(timed(tool.build_cmd, rss_files[key]))
            # `sync` first: no run is timed while the kernel writes out what an earlier run
            # wrote or deleted (see SETTLE).
            prepares.append(f"{tool.clean_cmd()} && {SETTLE} && {tool.read_sources_cmd()}"
                            if mode == "cold" else SETTLE)
    potline = tools[0]
    if supports_force(potline.build_cmd[0]):
        key = "potline-forced"
        rss_files[key] = os.path.join(workdir, f"rss-{size}-{key}.log")
        if os.path.exists(rss_files[key]):
            os.remove(rss_files[key])
        names.append(key)
        commands.append(timed(potline.build_cmd + ["--force"], rss_files[key]))
        prepares.append(SETTLE)
    times = {k: [] for k in names}
    hyperfine_cmd = None
    for r in range(rounds):
        export = os.path.join(workdir, f"hyperfine-{size}-{r}.json")
        cmd = ["hyperfine", "--runs", "1", "--style", "basic", "--export-json", export]
        for name, command, prep in zip(names, commands, prepares):
            cmd += ["--prepare", prep, "--command-name", name, command]
        if hyperfine_cmd is None:
            hyperfine_cmd = shlex.join(cmd)
        # The warm builds need an output: the cold ones of the same round leave it.
        log(f"{size} pages: round {r + 1}/{rounds}")
        code, text = run(cmd, timeout * 4 + 60)
        if code != 0:
            log(f"hyperfine failed:\n{text}")
            return None, hyperfine_cmd, text
        with open(export) as f:
            for result in json.load(f)["results"]:
                times[result["command"]].append(result["mean"])
    results = {}
    for key in names:
        ts = times[key]
        logged = read_time_log(rss_files[key])
        rss = logged["rss"]
        results[key] = {
            "user_s": logged["user"],
            "system_s": logged["system"],
            "times_s": ts,
            "median_s": statistics.median(ts),
            "min_s": min(ts),
            "stddev_s": statistics.stdev(ts) if len(ts) > 1 else 0.0,
            "rss_kib": rss,
            "peak_rss_kib": max(rss) if rss else None,
            "median_rss_kib": int(statistics.median(rss)) if rss else None,
        }
    return results, hyperfine_cmd, None


def classify(rel):
    """The kind of an output HTML file, by its path relative to the output root."""
    parts = rel.split("/")
    if rel == "index.html":
        return "home"
    if rel == "404.html":
        return "404"
    top = parts[0]
    if top in ("news", "enterprises"):
        if len(parts) == 2 or parts[1] == "page":
            return f"{top} list"
        return "news article" if top == "news" else "enterprise profile"
    if top == "tags":
        return "tags index" if len(parts) == 2 else "tag page"
    return "other page"


def inventory(output):
    """Files, bytes (du -sb), and HTML pages by kind; Hugo's /page/1/ redirects apart."""
    code, du = run(["du", "-sb", output], 600)
    size = int(du.split()[0]) if code == 0 else None
    files = 0
    kinds = {}
    redirects = 0
    for root, _dirs, names in os.walk(output):
        for name in names:
            files += 1
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, output).replace(os.sep, "/")
            if "/page/1/" in "/" + rel and os.path.getsize(path) < 2048:
                with open(path, encoding="utf-8", errors="replace") as f:
                    if 'http-equiv="refresh"' in f.read():
                        redirects += 1
                        continue
            kind = classify(rel)
            kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "bytes": size,
        "files": files,
        "html_pages": sum(kinds.values()),
        "redirect_pages": redirects,
        "by_kind": dict(sorted(kinds.items())),
    }


# --- serve ---------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process started by this script, its output read line by line with times."""

    def __init__(self, cmd, cwd=None):
        self.cmd = cmd
        self.lines = queue.Queue()
        self.log = []
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     text=True, bufsize=1, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            stamp = time.monotonic()
            self.log.append(line.rstrip("\n"))
            self.lines.put((stamp, line.rstrip("\n")))
        self.lines.put((time.monotonic(), None))

    def wait_for(self, pattern, timeout):
        """The first line matching `pattern` within `timeout` s: (time seen, match) or None."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                stamp, line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            m = re.search(pattern, line)
            if m:
                return stamp, m

    def drain(self):
        while True:
            try:
                self.lines.get_nowait()
            except queue.Empty:
                return

    def stop(self):
        """Stops this process only (by its PID): SIGTERM, then SIGKILL after 10 s."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def edit_cycle(server, page, done_pattern, edits, timeout):
    """Appends a sentence to `page`, waits for the rebuild line; `edits` times, restoring the
    file at the end. Returns a list of {reported_ms, observed_ms} (None for a timeout)."""
    with open(page, encoding="utf-8") as f:
        original = f.read()
    samples = []
    try:
        for i in range(edits):
            time.sleep(1.5)  # let the watcher settle between edits
            server.drain()
            text = original + f"\nEdited for the benchmark, edit {i + 1}.\n"
            started = time.monotonic()
            with open(page, "w", encoding="utf-8") as f:
                f.write(text)
            seen = server.wait_for(done_pattern, timeout)
            if seen is None:
                samples.append({"reported_ms": None, "observed_ms": None})
                log(f"  edit {i + 1}: no rebuild line within {timeout} s")
                continue
            stamp, m = seen
            samples.append({"reported_ms": float(m.group(1)),
                            "observed_ms": round((stamp - started) * 1000, 1)})
            log(f"  edit {i + 1}: reported {m.group(1)} ms, seen after {samples[-1]['observed_ms']} ms")
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
    return samples


def summarize(samples):
    rep = [s["reported_ms"] for s in samples if s["reported_ms"] is not None]
    obs = [s["observed_ms"] for s in samples if s["observed_ms"] is not None]
    return {
        "samples": samples,
        "median_reported_ms": statistics.median(rep) if rep else None,
        "median_observed_ms": statistics.median(obs) if obs else None,
    }


def serve_one(label, cmd, ready_pattern, done_pattern, page, args):
    log(f"serve: {label}: {shlex.join(cmd)}")
    server = Server(cmd)
    try:
        ready = server.wait_for(ready_pattern, args.timeout)
        if ready is None:
            return {"command": shlex.join(cmd), "available": False,
                    "error": "did not become ready within the timeout:\n" + "\n".join(server.log[-20:])}
        result = summarize(edit_cycle(server, page, done_pattern, args.edits, 120))
        result.update({"command": shlex.join(cmd), "available": True})
        return result
    finally:
        server.stop()


def measure_serve(out, tools, potline, args):
    p_site, h_site = tools[0].site, tools[1].site
    news = sorted(os.listdir(os.path.join(p_site, "content", "news")))
    name = [n for n in news if n != "_index.md"][len(news) // 2]
    results = {"size_dir": out, "page": f"content/news/{name}", "edits": args.edits}

    # Hugo: renders to memory; "Total in N ms" after each rebuild. Default (fast render: only
    # recently visited pages are re-rendered) and --disableFastRender (everything).
    for label, extra in (("hugo", []), ("hugo-full", ["--disableFastRender"])):
        port = free_port()
        cmd = ["hugo", "server", "--source", h_site, "--bind", "127.0.0.1", "--port", str(port),
               "--watch"] + extra
        results[label] = serve_one(label, cmd, r"Web Server is available|Press Ctrl\+C to stop",
                                   r"Total in (\d+(?:\.\d+)?) ?ms",
                                   os.path.join(h_site, "content", "news", name), args)

    code, help_text = run([potline, "serve", "--help"], 30)
    if code != 0:
        results["potline"] = {"available": False, "error": "`potline serve` does not exist in this build"}
        return results
    port = free_port()
    cmd = [potline, "serve", "--root", p_site, "--port", str(port)]
    if "--bind" in help_text:
        cmd += ["--bind", "127.0.0.1"]
    results["potline"] = serve_one("potline", cmd, r"first build: built|built \d+ pages",
                                   r"changed: built .* in (\d+(?:\.\d+)?) ?ms",
                                   os.path.join(p_site, "content", "news", name), args)
    return results


# --- main ----------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--potline", required=True, help="the potline binary (release build)")
    parser.add_argument("--sizes", default="1000,10000", help="page counts, comma-separated")
    parser.add_argument("--rounds", default="1000:5,10000:3,100000:2",
                        help="rounds per size, `size:n,...` (default 5 for 1k, 3 for 10k, 2 for 100k)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rev", help="the commit the potline binary was built from, if not "
                                      "the working tree")
    parser.add_argument("--work", default="/tmp/potline-bench", help="where the sites are generated")
    parser.add_argument("--edits", type=int, default=5, help="edits per server for the serve figure")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve figure")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed for one build")
    parser.add_argument("--json", default=os.path.join(HERE, "results.json"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rounds = {int(k): int(v) for k, v in (x.split(":") for x in args.rounds.split(","))}
    os.makedirs(args.work, exist_ok=True)
    potline = os.path.abspath(args.potline)

    results = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": machine(),
        "versions": versions(potline, args.rev),
        "invocation": os.environ.get("BENCH_INVOCATION"),
        "seed": args.seed,
        "work": args.work,
        "generate_command": f"python3 benches/gen_site.py --pages N --seed {args.seed} --out {args.work}/N",
        "sizes": {},
    }
    serve_out = None
    for size in sizes:
        out, tools, notes = prepare_size(size, args, potline)
        entry = {"notes": notes, "commands": {t.name: shlex.join(t.build_cmd) for t in tools}}
        working = [t for t in tools if not notes.get(f"{t.name}_error")]
        if working:
            n = rounds.get(size, 1)
            timings, hcmd, error = measure_rounds(size, working, n, args.work, args.timeout)
            entry.update({"rounds": n, "hyperfine_command": hcmd, "timings": timings,
                          "hyperfine_error": error})
            entry["outputs"] = {t.name: inventory(t.output) for t in working}
        results["sizes"][str(size)] = entry
        if size <= 10000 and not notes.get("hugo_error"):
            serve_out = (out, tools)
    if not args.no_serve and serve_out:
        results["serve"] = measure_serve(serve_out[0], serve_out[1], potline, args)
    results["machine"]["load_at_end"] = os.getloadavg()
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
    with open(args.json, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    log(f"wrote {args.json}")


if __name__ == "__main__":
    main()
