// Opens every page of a built site in headless Chromium at phone and desktop widths and checks
// what a person meets: no horizontal scrolling, one visible h1, the skip link as the first stop of
// the keyboard, no request to another host, and no accessibility violation found by axe-core
// (WCAG 2.1 A and AA rules, colour contrast included). Usage: node pages.mjs <built-site-folder>
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveFolder } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const root = path.resolve(process.argv[2]);
const pages = fs.readdirSync(root, { recursive: true })
  .filter((f) => f.endsWith(".html"))
  .map((f) => "/" + f.replace(/\\/g, "/").replace(/index\.html$/, ""))
  .sort();

const server = await serveFolder(root);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
try {
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.on("request", (r) => { if (!r.url().startsWith(base)) problems.push(`${r.url()} requested from ${page.url()}`); });
    // Every stylesheet, image and script a page asks for must exist.
    page.on("response", (r) => { if (r.status() >= 400 && r.request().resourceType() !== "document") problems.push(`${r.url()} answered ${r.status()} for ${page.url()}`); });
    for (const url of pages) {
      await page.goto(base + url, { waitUntil: "load" });
      const where = `${url} at ${width}px`;
      const layout = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        h1: [...document.querySelectorAll("h1")].filter((h) => h.getBoundingClientRect().height > 0).length,
        lang: document.documentElement.lang,
      }));
      if (layout.overflow > 1) problems.push(`${where}: scrolls sideways by ${layout.overflow}px`);
      if (layout.h1 !== 1) problems.push(`${where}: ${layout.h1} visible h1 elements`);
      if (!layout.lang) problems.push(`${where}: <html> has no lang`);
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      if (first !== "#main") problems.push(`${where}: the first Tab stop is ${first}, not the skip link`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
      for (const v of result.violations) {
        problems.push(`${where}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`checked ${pages.length} pages at 320px and 1280px`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
