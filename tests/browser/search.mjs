// The site search of a built site in headless Chromium, used the way a reader uses it: with the
// keyboard only. Run by tests/search.rs, which writes the expectations.
//
//   node search.mjs check <built-site-folder> <spec.json>
//   node search.mjs measure <built-site-folder> [/zh/search/] <query>...   (sizes, latencies: JSON)
//
// spec.json: { "searches": [{ "q", "via": "page" | "header", "page": "/search/", "home": "/",
// "first": "/url/", "mark": "text", "open": true, "more": 12 } or { "q", "none": true }],
// "terms": [{ "text", "terms": [...] }], "nojs": [{ "page": "/search/", "text" }], "axe": true,
// "republish": { "folder", "before", "after", "first" } }.
// A search is typed into the box of the search page `page` (default /search/), or of the header
// of `home` (default /); `first` is the URL of the first result, `mark` a text that must be
// highlighted in it, `open` follows the first result with the keyboard, `more` is the number of
// results (over ten) that "more results" must bring. `terms` compares the browser's tokenizer
// with potline's; `nojs` opens search pages with JavaScript off and expects `text`; `republish`
// searches `before`, replaces the site with the build in `folder` under the open page, then
// expects `after` to find `first`.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveFolder } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const [mode, folder, ...rest] = process.argv.slice(2);
const root = path.resolve(folder);
const server = await serveFolder(root);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];

/** Presses Tab until `selector` has the focus; false if it never gets it. */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
  }
  return false;
}

/** Waits until the status names the query `q` and the list is complete; returns what is shown. */
async function waitForResults(page, q) {
  await page.waitForFunction((q) => {
    const status = document.querySelector("[data-search-status]");
    const list = document.querySelector("[data-search-results]");
    return status && status.textContent.includes(q) && list && !list.hasAttribute("aria-busy");
  }, q, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.querySelector("[data-search-status]").textContent,
    results: [...document.querySelectorAll("[data-search-results] > li")].map((li) => ({
      url: new URL(li.querySelector("a").href).pathname,
      title: li.querySelector("a").textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
      text: li.textContent.replace(/\s+/g, " ").trim(),
    })),
    more: !!document.querySelector("[data-search-more]")?.getClientRects().length,
  }));
}

async function search(page, spec) {
  const where = `search for "${spec.q}" (${spec.via ?? "page"})`;
  if (spec.via === "header") {
    await page.goto(base + (spec.home ?? "/"), { waitUntil: "load" });
    if (!(await tabTo(page, "input[name=q]"))) return problems.push(`${where}: the header search box cannot be reached with Tab`);
  } else {
    await page.goto(base + (spec.page ?? "/search/"), { waitUntil: "load" });
    if (!(await tabTo(page, "[data-potline-search] input[name=q]"))) return problems.push(`${where}: the search box cannot be reached with Tab`);
  }
  await page.keyboard.type(spec.q);
  await page.keyboard.press("Enter");
  if (spec.via === "header") await page.waitForURL((url) => url.pathname.endsWith("/search/"));
  const found = await waitForResults(page, spec.q);
  const address = new URL(page.url()).searchParams.get("q");
  if (address !== spec.q) problems.push(`${where}: the address holds q=${address}`);
  if (spec.none) {
    if (found.results.length) problems.push(`${where}: expected nothing, found ${found.results.map((r) => r.url).join(", ")}`);
    return;
  }
  const first = found.results[0];
  if (!first) return problems.push(`${where}: no results (status: ${found.status})`);
  if (first.url !== spec.first) problems.push(`${where}: the first result is ${first.url}, not ${spec.first} (${found.results.map((r) => r.url).join(", ")})`);
  if (spec.mark && !first.marks.some((m) => m.toLowerCase().includes(spec.mark.toLowerCase()))) {
    problems.push(`${where}: "${spec.mark}" is not highlighted in the first result (marks: ${first.marks.join(" | ")})`);
  }
  const shown = Math.min(found.results.length, 10);
  if (found.results.length > 10) problems.push(`${where}: ${found.results.length} results shown at once`);
  if (found.more !== found.results.length < (spec.more ?? 0)) problems.push(`${where}: the "more results" button is ${found.more ? "shown" : "hidden"}`);
  if (spec.more) {
    // The next results come from the keyboard too, and the focus moves to the first of them.
    if (!(await tabTo(page, "[data-search-more]"))) return problems.push(`${where}: "more results" cannot be reached with Tab`);
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] > li").length === n, spec.more, { timeout: 10000 });
    const focused = await page.evaluate(() => [...document.querySelectorAll("[data-search-results] a")].indexOf(document.activeElement));
    if (focused !== shown) problems.push(`${where}: after "more results", the focus is on result ${focused}, not ${shown}`);
  }
  if (spec.open) {
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    if (!focused || new URL(focused, base).pathname !== spec.first) return problems.push(`${where}: ArrowDown focuses ${focused}, not the first result`);
    await Promise.all([page.waitForURL((url) => url.pathname === spec.first), page.keyboard.press("Enter")]);
  }
}

async function check(spec) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("request", (r) => { if (!r.url().startsWith(base)) problems.push(`${r.url()} requested`); });
  for (const s of spec.searches ?? []) await search(page, s);
  if (spec.terms?.length) {
    await page.goto(base + "/search/", { waitUntil: "load" });
    const got = await page.evaluate((cases) => cases.map((c) => window.potlineSearch.terms(c.text)), spec.terms);
    spec.terms.forEach((c, i) => {
      if (JSON.stringify(got[i]) !== JSON.stringify(c.terms)) {
        problems.push(`terms of "${c.text}": the browser gives ${JSON.stringify(got[i])}, potline ${JSON.stringify(c.terms)}`);
      }
    });
  }
  if (spec.axe && spec.searches?.length) {
    // Accessibility of the page with results and highlights shown.
    const first = spec.searches.find((s) => !s.none && s.via !== "header");
    await page.goto(`${base}${first.page ?? "/search/"}?q=${encodeURIComponent(first.q)}`, { waitUntil: "load" });
    await waitForResults(page, first.q);
    await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
    for (const v of result.violations) problems.push(`search results: ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }
  if (spec.republish) await republished(page, spec.republish);
  await context.close();
  for (const expected of spec.nojs ?? []) await withoutJavaScript(expected);
}

/** The site is published again while the search page is open (its postings files replaced):
 * the next query still works, on the new index. */
async function republished(page, { folder, before, after, first }) {
  await page.goto(base + "/search/", { waitUntil: "load" });
  await tabTo(page, "[data-potline-search] input[name=q]");
  await page.keyboard.type(before);
  await page.keyboard.press("Enter");
  await waitForResults(page, before);
  fs.rmSync(path.join(root, "search"), { recursive: true, force: true });
  fs.cpSync(folder, root, { recursive: true });
  await page.keyboard.press("Control+A");
  await page.keyboard.type(after);
  await page.keyboard.press("Enter");
  const found = await waitForResults(page, after).catch(() => null);
  if (found?.results[0]?.url !== first) problems.push(`after publishing again, "${after}" finds ${found ? found.results.map((r) => r.url).join(", ") || "nothing" : "no answer"}, not ${first}`);
}

async function withoutJavaScript(expected) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}${expected.page}?q=x`, { waitUntil: "load" });
  const seen = await page.evaluate(() => {
    const note = document.querySelector("[data-search-nojs]");
    return note && {
      visible: note.getBoundingClientRect().height > 0 && !note.hidden,
      text: note.textContent.replace(/\s+/g, " ").trim(),
      links: [...note.querySelectorAll("a")].map((a) => a.getAttribute("href")),
    };
  });
  if (!seen?.visible) problems.push(`without JavaScript, ${expected.page} shows no explanation`);
  else {
    if (!seen.text.includes(expected.text)) problems.push(`without JavaScript, ${expected.page} says "${seen.text}"`);
    for (const link of seen.links) {
      const response = await page.goto(new URL(link, base).href);
      if (response?.status() !== 200) problems.push(`without JavaScript, the note links to ${link}, which gives ${response?.status()}`);
    }
    if (seen.links.length < 2) problems.push(`without JavaScript, the note offers ${seen.links.length} links`);
  }
  await context.close();
}

/** Index sizes and, per query, the time to results and the bytes fetched: first query on a fresh
 * page (nothing cached) and the same query again. */
async function measure(args) {
  const searchPage = args[0]?.startsWith("/") ? args.shift() : "/search/";
  const queries = args;
  const manifests = fs.readdirSync(root, { recursive: true })
    .map((f) => f.replace(/\\/g, "/"))
    .filter((f) => /(^|\/)search\/index\.json$/.test(f));
  const sizes = {};
  for (const manifest of manifests) {
    const dir = path.join(root, path.dirname(manifest));
    const files = fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
    const sum = (list) => list.reduce((n, f) => n + fs.statSync(f).size, 0);
    sizes[manifest] = {
      manifest: fs.statSync(path.join(dir, "index.json")).size,
      postingsFiles: files.filter((f) => f.includes(`${path.sep}t${path.sep}`)).length,
      postingsBytes: sum(files.filter((f) => f.includes(`${path.sep}t${path.sep}`))),
      records: files.filter((f) => f.includes(`${path.sep}d${path.sep}`)).length,
      recordBytes: sum(files.filter((f) => f.includes(`${path.sep}d${path.sep}`))),
      script: fs.statSync(path.join(dir, "search.js")).size,
    };
  }
  const timings = [];
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + searchPage, { waitUntil: "load" });
    const bodies = [];
    page.on("response", (r) => { if (r.url().includes("/search/") && !r.url().endsWith(".js")) bodies.push(r.body().then((b) => b.length)); });
    const result = await page.evaluate(async (q) => {
      const url = document.querySelector("[data-potline-search]").getAttribute("data-index");
      const search = window.potlineSearch.index(url);
      const t0 = performance.now();
      const cold = await search(q);
      const t1 = performance.now();
      await search(q);
      const t2 = performance.now();
      return { total: cold.total, coldMs: t1 - t0, warmMs: t2 - t1 };
    }, q);
    await page.waitForTimeout(100);
    const sizes = await Promise.all(bodies);
    timings.push({ q, ...result, requests: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) });
    await context.close();
  }
  console.log(JSON.stringify({ sizes, timings }, null, 2));
}

try {
  if (mode === "check") await check(JSON.parse(fs.readFileSync(rest[0], "utf8")));
  else if (mode === "measure") await measure(rest);
  else problems.push(`unknown mode ${mode}: use check or measure`);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
