// Live reload as a writer sees it, in headless Chromium, against `potline serve` of a copy of
// tests/fixtures/serve-site: editing the Markdown shows the new text by itself; a CSS change is
// swapped in without reloading the page; a broken front matter shows the errors over the last
// good page (as text, not HTML) and fixing it removes them; after the server restarts, the page
// reconnects and catches up with what changed meanwhile; an idle page keeps its connection.
// Usage: node live-reload.mjs <potline-binary> <site-folder>   (run by tests/serve.rs)
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { chromium } from "playwright-core";

const [potline, root] = process.argv.slice(2);
if (!potline || !root) {
  console.error("usage: node live-reload.mjs <potline-binary> <site-folder>");
  process.exit(2);
}
const page_md = path.join(root, "content/news/hello.md");
const css = path.join(root, "static/css/site.css");
const TIMEOUT = 10_000;

// Polls `check` in the page until it returns a truthy value; survives the page reloading.
async function waitFor(page, what, check, arg) {
  const deadline = Date.now() + TIMEOUT;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await page.evaluate(check, arg);
      if (last) return last;
    } catch (error) {
      last = String(error); // the page was reloading: try again
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${TIMEOUT} ms waiting for ${what} (last: ${last})`);
}

const output = [];

// Starts `potline serve` on `port` (0: any) and resolves with the process and its URL.
function startServer(port) {
  const child = spawn(potline, ["serve", "--root", root, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.on("data", (d) => output.push(String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`potline serve did not start:\n${output.join("")}`)), TIMEOUT);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line + "\n");
      const found = line.match(/previewing the site at (\S+)/);
      if (found) {
        clearTimeout(timer);
        resolve({ child, url: found[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`potline serve exited with ${code}:\n${output.join("")}`)));
  });
}

// Stops it with Ctrl-C (SIGINT), by its own process handle; kills it if it does not stop.
async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT);
  await exited;
  clearTimeout(timer);
}

const hello = (text) => `---\ntitle: Hello\ndate: 2024-01-01\n---\n${text}\n`;
const mainText = () => document.querySelector("main")?.textContent ?? "";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let server = await startServer(0);
try {
  const url = server.url;
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(new URL("news/hello/", url).href, { waitUntil: "load" });
  await waitFor(page, "the original text", (t) => document.body.innerText.includes(t), "Original hello text.");
  // The page listens before we change anything.
  await waitFor(page, "the live-reload connection", () => window.potlineLiveReload?.connected);

  // Left idle for longer than the server lets a silent connection live (5 s), the page keeps
  // its connection: the browser answers the server's pings by itself.
  await new Promise((resolve) => setTimeout(resolve, 6500));
  const idle = await page.evaluate(() => window.potlineLiveReload);
  if (!idle.connected || idle.connections !== 1) throw new Error(`the idle page lost its connection: ${JSON.stringify(idle)}`);

  let started = Date.now();
  fs.writeFileSync(page_md, hello("Edited while the browser watched."));
  await waitFor(page, "the edited text", (t) => document.body.innerText.includes(t), "Edited while the browser watched.");
  console.log(`edit to new text on screen: ${Date.now() - started} ms`);

  // A stylesheet change is swapped in: the page is not reloaded (the marker survives).
  await waitFor(page, "the live-reload connection", () => window.potlineLiveReload?.connected);
  await page.evaluate(() => { window.potlineMarker = 42; });
  started = Date.now();
  fs.writeFileSync(css, "body { color: rgb(1, 2, 3); }\n");
  await waitFor(page, "the new colour", () => getComputedStyle(document.body).color === "rgb(1, 2, 3)");
  const kept = await page.evaluate(() => window.potlineMarker);
  if (kept !== 42) throw new Error("the page was reloaded for a CSS-only change");
  console.log(`stylesheet change on screen without reload: ${Date.now() - started} ms`);

  // A broken front matter: the errors appear over the last good page, as text.
  fs.writeFileSync(page_md, "---\ntitle: Hello\ndate: \"<b>2024-13-01</b>\"\n---\nBroken text.\n");
  const overlay = await waitFor(page, "the error overlay", () => {
    const o = document.getElementById("potline-overlay");
    return o && o.getBoundingClientRect().height > 0 ? { text: o.innerText, bold: o.querySelectorAll("b").length } : null;
  });
  if (!overlay.text.includes("content/news/hello.md:3:")) throw new Error(`the overlay lacks the location: ${overlay.text}`);
  if (!overlay.text.includes("<b>2024-13-01</b>") || overlay.bold !== 0) throw new Error(`the overlay did not escape the message: ${overlay.text}`);
  const still = await page.evaluate(mainText);
  if (!still.includes("Edited while the browser watched.")) throw new Error(`the last good page is gone: ${still}`);

  // Fixing the file removes the overlay and shows the fix.
  fs.writeFileSync(page_md, hello("Fixed, and the overlay is gone."));
  await waitFor(page, "the fix without overlay", (t) => document.body.innerText.includes(t) && !document.getElementById("potline-overlay"), "Fixed, and the overlay is gone.");

  // The server stops; the file changes meanwhile; once it is back on the same port, the page
  // reconnects by itself and reloads, because the build it shows is not the one served.
  await waitFor(page, "the live-reload connection", () => window.potlineLiveReload?.connected);
  await stopServer(server.child);
  fs.writeFileSync(page_md, hello("Changed while the server was down."));
  server = await startServer(new URL(url).port);
  started = Date.now();
  await waitFor(page, "the text changed during the restart", (t) => document.body.innerText.includes(t), "Changed while the server was down.");
  console.log(`restart to page caught up: ${Date.now() - started} ms`);

  if (errors.length) throw new Error(`errors in the page: ${errors.join("; ")}`);
  console.log("live reload works in Chromium");
} catch (error) {
  console.error(`server output:\n${output.join("")}`);
  throw error;
} finally {
  await browser.close();
  await stopServer(server.child);
}
