#!/usr/bin/env node
// Real-browser checks of a built psephos site.
//
//   node tests/browser/check.mjs SITE_DIR SCREENSHOT_DIR
//
// Serves SITE_DIR on 127.0.0.1, opens every page in headless Chromium at two
// phone widths and a desktop width, and checks:
//   - accessibility with axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA),
//     one check per (page, width);
//   - the layout (layout.mjs): no table cell or chart text cut off or
//     hidden sideways, and chart text at least 12px as rendered, one check
//     per (page, width);
//   - that every internal link, stylesheet, image and script resolves, and
//     that every #fragment names an element in the target page, one check
//     per page;
//   - the HTML with the Nu HTML Checker (vnu.jar), one check for the site.
// It also writes full-page screenshots of a few representative pages.
// The last line printed is "N passed, M failed"; the exit code is 1 if
// anything failed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { htmlFiles, toPosix } from './files.mjs';
import { collectLayoutProblems, MIN_CHART_TEXT_PX } from './layout.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// 320 px: the narrowest phones in use; 390 px: a common phone.
const WIDTHS = [320, 390, 1280];
const HEIGHT = 900;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const NAV_TIMEOUT_MS = 30_000;
const AXE_TIMEOUT_MS = 60_000;
const VNU_TIMEOUT_MS = 180_000;
// A safety net: the whole run is stopped after this long.
const RUN_TIMEOUT_MS = Number(process.env.BROWSER_CHECK_TIMEOUT_SECONDS || 300) * 1000;
const SHOW_NODES = 3;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.pdf': 'application/pdf',
};

// ---------------------------------------------------------------- arguments

const [siteArg, shotArg] = process.argv.slice(2);
if (!siteArg || !shotArg || process.argv.length > 4) {
  console.error('usage: node tests/browser/check.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
if (!fs.existsSync(siteArg) || !fs.statSync(siteArg).isDirectory()) {
  console.error(`check.mjs: ${siteArg} is not a directory`);
  process.exit(2);
}
const SITE = fs.realpathSync(siteArg);
const SHOTS = path.resolve(shotArg);

// ------------------------------------------------------------------ helpers

const results = { passed: 0, failed: 0 };
const record = (ok) => { if (ok) results.passed += 1; else results.failed += 1; };

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const oneLine = (s, max = 200) => {
  const flat = String(s).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

// The URL path a visitor uses for a page: "a/b/index.html" is "/a/b/".
function urlPathFor(rel) {
  const segments = rel.split('/').map(encodeURIComponent);
  if (segments[segments.length - 1] === 'index.html') segments[segments.length - 1] = '';
  return `/${segments.join('/')}`;
}

// ------------------------------------------------------------------- server

// Maps a request path to a file inside SITE. Returns {file}, {redirect} or
// {status} for an error.
function resolveRequest(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { status: 400 };
  const candidate = path.resolve(SITE, `.${decoded}`);
  const inside = (p) => p === SITE || p.startsWith(SITE + path.sep);
  if (!inside(candidate)) return { status: 403 };
  let real;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return { status: 404 };
  }
  if (!inside(real)) return { status: 403 }; // a symlink out of the site
  const stat = fs.statSync(real);
  if (stat.isDirectory()) {
    if (!decoded.endsWith('/')) return { redirect: `${pathname}/` };
    const index = path.join(real, 'index.html');
    return fs.existsSync(index) && fs.statSync(index).isFile() ? { file: index } : { status: 404 };
  }
  if (decoded.endsWith('/')) return { status: 404 };
  return stat.isFile() ? { file: real } : { status: 404 };
}

function handle(req, res) {
  const send = (status, body = '', headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  let pathname;
  try {
    pathname = new URL(req.url, 'http://127.0.0.1').pathname;
  } catch {
    return send(400, 'bad request\n');
  }
  const found = resolveRequest(pathname);
  if (found.redirect) return send(301, '', { Location: found.redirect });
  if (found.status) return send(found.status, `${found.status}\n`);
  const type = CONTENT_TYPES[path.extname(found.file).toLowerCase()] || 'application/octet-stream';
  let body;
  try {
    body = fs.readFileSync(found.file);
  } catch {
    return send(404, '404\n');
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function startServer() {
  const server = http.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ------------------------------------------------------------- Nu checker

function startVnu() {
  const require = createRequire(import.meta.url);
  let jar;
  try {
    jar = String(require('vnu-jar'));
  } catch {
    jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  }
  const args = ['-jar', jar, '--skip-non-html', '--errors-only', '--format', 'gnu', SITE];
  let child;
  const done = new Promise((resolve) => {
    let output = '';
    let timer;
    try {
      child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, output: '', error: error.message });
      return;
    }
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (error) => { clearTimeout(timer); resolve({ code: null, output, error: error.message }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, output, error: signal ? `killed by ${signal}` : null });
    });
    timer = setTimeout(() => child.kill('SIGKILL'), VNU_TIMEOUT_MS);
  });
  return { done, kill: () => { if (child && child.exitCode === null) child.kill('SIGKILL'); } };
}

// gnu format: "FILE":L.C-L.C: error: MESSAGE  ->  FILE:L:C: MESSAGE
function formatVnuLine(line) {
  const m = /^"(.*)":(\d+)(?:\.(\d+))?(?:-\d+\.\d+)?: (?:error|fatal|non-document-error)(?: [^:]*)?: (.*)$/.exec(line);
  if (!m) return line;
  let file = m[1].replace(/^file:/, '');
  if (path.isAbsolute(file)) file = toPosix(path.relative(SITE, file));
  return `${file}:${m[2]}:${m[3] || 0}: ${m[4]}`;
}

// ------------------------------------------------------------- the browser

// What the page links to, and which fragments it answers to.
function collectPageFacts() {
  const links = [];
  const attrs = [['a[href], area[href]', 'href'], ['link[href]', 'href'], ['img[src]', 'src'], ['script[src]', 'src']];
  for (const [selector, attr] of attrs) {
    for (const el of document.querySelectorAll(selector)) {
      const raw = el.getAttribute(attr);
      let url = null;
      try { url = new URL(raw, document.baseURI).href; } catch { url = null; }
      links.push({ tag: el.localName, attr, raw, url });
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  const names = [...document.querySelectorAll('a[name]')].map((el) => el.getAttribute('name'));
  return { links, ids, names };
}

// Content a reader has to scroll sideways to see: the page itself, or a
// scrolling box such as a wide table. Reported as notes, not counted.
function collectSidewaysScrolling() {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    found.push(`the page is ${root.scrollWidth}px wide, more than the ${window.innerWidth}px window`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      const caption = el.querySelector('caption');
      const name = el.getAttribute('aria-label') || (caption && caption.textContent.trim()) || el.localName;
      found.push(`"${name}" scrolls sideways: ${el.clientWidth}px of ${el.scrollWidth}px shown`);
    }
  }
  return found;
}

function describeNode(node) {
  const target = (node.target || []).map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(', ');
  return { target, html: oneLine(node.html, 240) };
}

async function main() {
  const pages = htmlFiles(SITE);
  console.log(`psephos browser checks: ${pages.length} pages in ${SITE} at widths ${WIDTHS.join(' and ')}`);
  if (pages.length === 0) {
    console.log('FAIL no *.html pages found');
    record(false);
    return;
  }

  const vnu = startVnu();
  const server = await startServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  console.log(`serving on ${origin}/`);

  let browser;
  const cleanup = async () => {
    vnu.kill();
    if (browser) await browser.close().catch(() => {});
    if (server.listening) {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
    }
  };
  // Past the time limit, closing the browser makes whatever is in flight
  // fail at once; the loops below then stop at their next step.
  let timedOut = false;
  const stopIfTimedOut = () => {
    if (timedOut) throw new Stop(`the run took longer than ${RUN_TIMEOUT_MS / 1000}s (BROWSER_CHECK_TIMEOUT_SECONDS)`);
  };
  const watchdog = setTimeout(() => {
    timedOut = true;
    cleanup();
    // If something still hangs, give up on it.
    setTimeout(() => {
      console.log(`\nFAIL the run took longer than ${RUN_TIMEOUT_MS / 1000}s and did not stop`);
      console.log(`${results.passed} passed, ${results.failed + 1} failed`);
      process.exit(1);
    }, 30_000).unref();
  }, RUN_TIMEOUT_MS);
  watchdog.unref();

  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    const shotTargets = [
      ['home', pages.find((p) => p === 'index.html')],
      ['election', pages.find((p) => /^elections\/[^/]+\/index\.html$/.test(p))],
      ['authority', pages.find((p) => /^elections\/[^/]+\/authorities\/[^/]+\/index\.html$/.test(p))],
      ['candidate', pages.find((p) => /^elections\/[^/]+\/candidates\/[^/]+\/index\.html$/.test(p))],
    ];
    const shotFor = new Map(shotTargets.filter(([, p]) => p).map(([name, p]) => [p, name]));
    fs.mkdirSync(SHOTS, { recursive: true });

    // page rel path -> { links: Map(url -> link), ids: Set, loaded: bool }
    const facts = new Map(pages.map((p) => [p, { links: new Map(), ids: new Set(), names: new Set(), loaded: false }]));
    const byRule = new Map();
    const layoutFailures = [];
    let layoutPassed = 0;
    const smallestText = new Map(); // width -> smallest chart text, px
    const notes = [];
    const sideways = [];
    const shots = [];

    console.log(`\n== Accessibility: axe-core, tags ${AXE_TAGS.join(', ')}`);
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: HEIGHT }, deviceScaleFactor: 1 });
      // Nothing leaves this machine: only our own server is reachable.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        return url.startsWith(`${origin}/`) || url.startsWith('data:') ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      page.setDefaultTimeout(NAV_TIMEOUT_MS);
      let current = '';
      page.on('pageerror', (e) => notes.push(`${current} @${width}: script error: ${oneLine(e.message)}`));
      page.on('console', (m) => { if (m.type() === 'error') notes.push(`${current} @${width}: console error: ${oneLine(m.text())}`); });
      page.on('requestfailed', (r) => notes.push(`${current} @${width}: request failed: ${r.url()} (${r.failure()?.errorText})`));

      for (const rel of pages) {
        stopIfTimedOut();
        const urlPath = urlPathFor(rel);
        current = urlPath;
        const label = `${urlPath} @${width}`;
        try {
          const response = await page.goto(origin + urlPath, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
          if (!response || response.status() !== 200) throw new Error(`HTTP ${response ? response.status() : 'no response'}`);
          await page.evaluate(() => document.fonts.ready);

          const pageFacts = await page.evaluate(collectPageFacts);
          for (const s of await page.evaluate(collectSidewaysScrolling)) sideways.push(`${label}: ${s}`);
          const f = facts.get(rel);
          f.loaded = true;
          for (const link of pageFacts.links) if (!f.links.has(link.url ?? link.raw)) f.links.set(link.url ?? link.raw, link);
          pageFacts.ids.forEach((id) => f.ids.add(id));
          pageFacts.names.forEach((n) => f.names.add(n));

          const layout = await page.evaluate(collectLayoutProblems, MIN_CHART_TEXT_PX);
          record(layout.problems.length === 0);
          if (layout.problems.length === 0) layoutPassed += 1;
          if (layout.smallestChartText !== null) {
            smallestText.set(width, Math.min(smallestText.get(width) ?? Infinity, layout.smallestChartText));
          }
          if (layout.problems.length) {
            layoutFailures.push({ label, problems: layout.problems, hiddenCells: layout.hiddenCells });
          }

          if (shotFor.has(rel)) {
            const file = path.join(SHOTS, `${shotFor.get(rel)}-${width}.png`);
            await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
            shots.push(file);
          }

          const axe = await withTimeout(new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), AXE_TIMEOUT_MS, 'axe');
          const violations = axe.violations;
          record(violations.length === 0);
          if (violations.length === 0) {
            console.log(`PASS ${label}`);
            continue;
          }
          console.log(`FAIL ${label}: ${violations.length} axe violation${violations.length === 1 ? '' : 's'}`);
          for (const v of violations) {
            console.log(`  - ${v.id} (${v.impact}): ${v.help}  [${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}]`);
            console.log(`    ${v.helpUrl}`);
            for (const node of v.nodes.slice(0, SHOW_NODES)) {
              const d = describeNode(node);
              console.log(`      ${d.target}`);
              console.log(`        ${d.html}`);
              if (node.failureSummary) console.log(`        ${oneLine(node.failureSummary.replace(/\n/g, ' '), 300)}`);
            }
            if (v.nodes.length > SHOW_NODES) console.log(`      … and ${v.nodes.length - SHOW_NODES} more`);
            const entry = byRule.get(v.id) || { impact: v.impact, help: v.help, places: new Set() };
            entry.places.add(label);
            byRule.set(v.id, entry);
          }
        } catch (error) {
          stopIfTimedOut();
          record(false);
          console.log(`FAIL ${label}: ${oneLine(error.message, 400)}`);
        }
      }
      await context.close();
    }

    // ----------------------------------------------------------- layout
    console.log(`\n== Layout: no table cell or chart text cut off, chart text at least ${MIN_CHART_TEXT_PX}px`);
    console.log(`${layoutPassed} of ${pages.length * WIDTHS.length} page views pass`);
    for (const width of WIDTHS) {
      const px = smallestText.get(width);
      if (px !== undefined) console.log(`  smallest chart text at ${width}px wide: ${px.toFixed(1)}px`);
    }
    for (const { label, problems, hiddenCells } of layoutFailures) {
      console.log(`FAIL ${label}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, ${hiddenCells} table cell${hiddenCells === 1 ? '' : 's'} cut off`);
      for (const p of problems.slice(0, 8)) console.log(`  - ${p}`);
      if (problems.length > 8) console.log(`  … and ${problems.length - 8} more`);
    }

    // ------------------------------------------------------------ links
    console.log('\n== Links: same-origin a/link/img/script URLs answer 200; #fragments exist');
    const statusCache = new Map(); // pathname -> {status, file}
    const statusOf = async (pathname) => {
      if (!statusCache.has(pathname)) {
        let status;
        try {
          const r = await fetch(origin + pathname, { redirect: 'follow', signal: AbortSignal.timeout(NAV_TIMEOUT_MS) });
          await r.arrayBuffer();
          status = r.status;
        } catch (error) {
          status = `error: ${error.message}`;
        }
        const found = resolveRequest(pathname);
        statusCache.set(pathname, { status, file: found.file || (found.redirect ? resolveRequest(found.redirect).file : null) });
      }
      return statusCache.get(pathname);
    };
    const fragmentTargets = new Map(); // absolute file -> { ids:Set, names:Set } for pages not visited
    const factsForFile = async (file) => {
      const rel = toPosix(path.relative(SITE, file));
      if (facts.has(rel) && facts.get(rel).loaded) return facts.get(rel);
      if (!fragmentTargets.has(file)) {
        const text = fs.readFileSync(file, 'utf8');
        const ids = new Set([...text.matchAll(/\sid\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
        fragmentTargets.set(file, { ids, names: new Set() });
      }
      return fragmentTargets.get(file);
    };

    for (const rel of pages) {
      stopIfTimedOut();
      const f = facts.get(rel);
      const label = urlPathFor(rel);
      if (!f.loaded) {
        record(false);
        console.log(`FAIL ${label}: page did not load, links not checked`);
        continue;
      }
      const broken = [];
      let checked = 0;
      let skipped = 0;
      for (const link of f.links.values()) {
        const where = `<${link.tag} ${link.attr}="${oneLine(link.raw, 120)}">`;
        if (!link.url) { broken.push(`${where}: not a valid URL`); continue; }
        const url = new URL(link.url);
        if (url.protocol === 'file:') { broken.push(`${where}: file: URL`); continue; }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') { skipped += 1; continue; } // mailto:, tel:, data:, …
        if (url.origin !== origin) { skipped += 1; continue; } // another host
        checked += 1;
        const { status, file } = await statusOf(url.pathname);
        if (status !== 200) { broken.push(`${where} -> ${url.pathname}: HTTP ${status}`); continue; }
        let fragment = url.hash.slice(1);
        const directive = fragment.indexOf(':~:');
        if (directive >= 0) fragment = fragment.slice(0, directive);
        if (!fragment || fragment.toLowerCase() === 'top') continue;
        if (!file || !/\.html?$/i.test(file)) continue; // fragments of non-HTML resources are not checked
        let decoded = fragment;
        try { decoded = decodeURIComponent(fragment); } catch { /* keep it raw */ }
        const target = await factsForFile(file);
        const has = (s) => target.ids.has(s) || target.names.has(s);
        if (!has(decoded) && !has(fragment)) broken.push(`${where} -> ${url.pathname}: no element with id "${decoded}"`);
      }
      record(broken.length === 0);
      const counts = `${checked} internal URL${checked === 1 ? '' : 's'}, ${skipped} external skipped`;
      if (broken.length === 0) {
        console.log(`PASS ${label} (${counts})`);
      } else {
        console.log(`FAIL ${label}: ${broken.length} broken (${counts})`);
        for (const b of broken) console.log(`  - ${b}`);
      }
    }

    // -------------------------------------------------------- screenshots
    console.log('\n== Screenshots');
    for (const [name, rel] of shotTargets) {
      if (!rel) console.log(`  (no page for "${name}" in this site)`);
    }
    for (const file of shots) {
      const rel = path.relative(process.cwd(), file);
      console.log(`  ${rel.startsWith('..') ? file : rel}`);
    }

    // --------------------------------------------------------- Nu checker
    console.log('\n== Nu HTML Checker (vnu.jar --errors-only)');
    const v = await vnu.done;
    stopIfTimedOut();
    const lines = v.output.split(/\r?\n/).filter((l) => l.trim() !== '');
    const ok = v.code === 0 && !v.error && lines.length === 0;
    record(ok);
    if (ok) {
      console.log('PASS no errors');
    } else {
      if (v.error) console.log(`FAIL could not run the Nu checker: ${v.error}`);
      else console.log(`FAIL ${lines.length} error${lines.length === 1 ? '' : 's'} (exit ${v.code})`);
      for (const line of lines) console.log(`  ${formatVnuLine(line)}`);
    }

    // ------------------------------------------------------------ summary
    if (notes.length) {
      console.log('\n== Notes (not counted): browser console and network');
      for (const n of [...new Set(notes)]) console.log(`  ${n}`);
    }
    if (sideways.length) {
      console.log('\n== Notes (not counted): content that needs sideways scrolling');
      for (const n of sideways) console.log(`  ${n}`);
    }
    if (byRule.size) {
      console.log('\n== axe violations by rule');
      for (const [id, e] of byRule) {
        console.log(`  ${id} (${e.impact}): ${e.help} — ${e.places.size} page view${e.places.size === 1 ? '' : 's'}`);
      }
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

// Stops the run with a message and no stack trace.
class Stop extends Error {}

const started = Date.now();
try {
  await main();
} catch (error) {
  record(false);
  console.log(`\nFAIL the checks stopped: ${error instanceof Stop ? error.message : error.stack || error}`);
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)}s)`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
