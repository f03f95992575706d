// The Baise Aluminum site in headless Chromium, where a phone reader meets it: the header is one
// row and at most 72 px high at 320 and 390 px (wordmark, the other language, search and the
// menu, which opens without JavaScript), the language switcher leads to the twin of search,
// taxonomy, term, list and 404 pages (keeping the search query), and the dark colour scheme passes
// axe-core's WCAG 2.1 AA rules. Run by tests/brand_site.rs: node brand.mjs <built-site-folder>
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveFolder } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const root = path.resolve(process.argv[2]);
const server = await serveFolder(root);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
const MAX_HEADER = 72;

/** The header's height and whether each of its controls sits inside its one row. */
async function headerLayout(page) {
  return page.evaluate(() => {
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const parts = [".brand", ".lang-switch a", ".search-link", ".nav-menu > summary"].map((s) => {
      const element = document.querySelector(s);
      const box = element?.getBoundingClientRect();
      const shown = !!box && box.width > 0 && getComputedStyle(element).visibility !== "hidden";
      return { s, shown, inside: shown && box.top >= header.top && box.bottom <= header.bottom && box.right <= window.innerWidth };
    });
    return { height: header.height, parts };
  });
}

async function phoneHeaders(context) {
  const page = await context.newPage();
  for (const url of ["/", "/zh/", "/news/symposium-ecological-aluminum-industry/", "/zh/news/2022-conference-carbon-label/", "/enterprises/chinalco-guangxi-branch/", "/figures/", "/zh/search/"]) {
    await page.goto(base + url, { waitUntil: "load" });
    const layout = await headerLayout(page);
    const where = `${url} at ${page.viewportSize().width}px`;
    if (layout.height > MAX_HEADER) problems.push(`${where}: the header is ${layout.height}px high`);
    for (const part of layout.parts) {
      if (part.s === ".search-link" && url.endsWith("/search/")) continue;
      if (!part.inside) problems.push(`${where}: ${part.s} is ${part.shown ? "outside the header's row" : "not shown"}`);
    }
  }
  // The menu opens without JavaScript and holds every main link.
  await page.goto(base + "/news/", { waitUntil: "load" });
  await page.click(".nav-menu > summary");
  const links = await page.evaluate(() => [...document.querySelectorAll(".nav-menu__panel a")].filter((a) => a.getBoundingClientRect().height > 0).map((a) => a.getAttribute("href")));
  if (links.join(" ") !== "/ /news/ /enterprises/ /figures/ /investors/ /about/") problems.push(`the phone menu shows ${links.join(" ")}`);
  await page.close();
}

/** The visible link of the switcher, and where following it lands. */
async function followSwitcher(page, url) {
  const response = await page.goto(base + url, { waitUntil: "load" });
  const link = page.locator(".lang-switch a:visible");
  const href = await link.getAttribute("href");
  await Promise.all([page.waitForURL((u) => u.pathname + u.search === href), link.click()]);
  const h1 = await page.locator("h1:visible").count();
  return { status: response.status(), href, h1 };
}

async function switcherTwins(context) {
  const page = await context.newPage();
  const cases = [
    ["/search/", "/zh/search/"],
    ["/zh/search/", "/search/"],
    ["/tags/", "/zh/tags/"],
    ["/tags/brand/", "/zh/tags/"],
    ["/segment/alumina/", "/zh/segment/alumina/"],
    ["/zh/segment/power/", "/segment/power/"],
    ["/news/page/2/", "/zh/news/"],
    ["/no-such-page/", "/zh/404.html"],
  ];
  for (const [url, twin] of cases) {
    const found = await followSwitcher(page, url);
    if (found.href !== twin) problems.push(`${url}: the switcher goes to ${found.href}, not ${twin}`);
    if (found.h1 !== 1) problems.push(`${url}: ${twin} has ${found.h1} visible h1`);
  }
  // A search keeps its query across languages, and Chinese words on the English page offer the
  // Chinese results.
  await page.goto(base + "/search/?q=" + encodeURIComponent("氧化铝"), { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent.includes("氧化铝"));
  const offer = await page.evaluate(() => {
    const other = document.querySelector("[data-search-other]");
    return { shown: !other.hidden, href: other.querySelector("a").getAttribute("href") };
  });
  const query = "/zh/search/?q=" + encodeURIComponent("氧化铝");
  if (!offer.shown || offer.href !== query) problems.push(`a Chinese query on /search/ offers ${JSON.stringify(offer)}`);
  const kept = await page.locator(".lang-switch a:visible").getAttribute("href");
  if (kept !== query) problems.push(`the switcher of /search/?q=氧化铝 goes to ${kept}`);
  await page.click("[data-search-other] a");
  await page.waitForFunction(() => document.querySelectorAll("[data-search-results] a").length > 0);
  await page.close();
}

async function darkContrast(context) {
  const page = await context.newPage();
  for (const url of ["/", "/zh/", "/news/2008-alumina-capacity/", "/figures/", "/zh/milestones/"]) {
    await page.goto(base + url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
    for (const v of result.violations) {
      problems.push(`${url} in dark mode at ${page.viewportSize().width}px: ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
  }
  await page.close();
}

try {
  for (const width of [320, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await phoneHeaders(context);
    await context.close();
  }
  const phone = await browser.newContext({ viewport: { width: 320, height: 800 } });
  await switcherTwins(phone);
  await phone.close();
  for (const width of [320, 1280]) {
    const dark = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: "dark" });
    await darkContrast(dark);
    await dark.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("header, switcher and dark mode checked");
