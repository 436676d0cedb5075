#!/usr/bin/env node
// Nothing from the content runs in the reader's browser.
//
//   node tests/browser/xss.mjs PSEPHOS_BINARY
//
// Reads the corpus in xss-vectors.json and:
//   - builds sites whose every free-text field (names, titles, descriptions,
//     roles, link titles and the text after `https://` of every address) and
//     every Markdown body (text, headings, emphasis, code, links, images,
//     reference links, autolinks, quotes, lists, table cells, footnotes)
//     carries the `text` vectors, one batch of vectors per site;
//   - loads every page of those sites in headless Chromium, tabs through
//     it and fires focus and hover events on every element, and fails a page
//     on any dialog, any call of alert/confirm/prompt/print, the sentinel
//     `window.__xss`, an `on*` attribute, a script-capable address, a script
//     other than valid JSON-LD, or an element that content must never make
//     (iframe, object, embed, base, meta http-equiv, style, form controls);
//   - builds sites with one vector in a field that must refuse it (heading
//     attributes, colours, photo, link and source addresses, base_url, ids)
//     and fails unless the build stops with an error at file:line:column.
//     A build that succeeds anyway has its pages loaded as above, so what
//     would have run is counted.
// The last line printed is "N passed, M failed"; the exit code is 1 if
// anything failed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { htmlFiles } from './files.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const NAV_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = Number(process.env.BROWSER_CHECK_TIMEOUT_SECONDS || 300) * 1000;
// Vectors per site: each single-valued field holds a whole batch.
const BATCH = 16;
const TABS = 30;

const [binArg] = process.argv.slice(2);
if (!binArg || process.argv.length > 3) {
  console.error('usage: node tests/browser/xss.mjs PSEPHOS_BINARY');
  process.exit(2);
}
const PSEPHOS = path.resolve(binArg);
const corpus = JSON.parse(fs.readFileSync(new URL('./xss-vectors.json', import.meta.url), 'utf8'));

const results = { passed: 0, failed: 0 };
const record = (ok) => { if (ok) results.passed += 1; else results.failed += 1; };
const oneLine = (s, max = 160) => {
  const flat = JSON.stringify(String(s)).slice(1, -1);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

// ------------------------------------------------------------ the sites

// A YAML double-quoted scalar: JSON's escapes are a subset of YAML's.
const q = (s) => JSON.stringify(s);
const joined = (vectors) => vectors.join(' ');
const address = (vectors) => `https://example.org/?${joined(vectors)}`;

// One Markdown body using every vector in every construct. Heading text
// never ends a line with `}`, which would make it a heading attribute.
function markdown(vectors, tag) {
  const parts = [`## Plain attributes {#plain-${tag} .note}`, ''];
  vectors.forEach((v, j) => {
    const id = `${tag}-${j}`;
    parts.push(
      `## Heading ${j} ${v} .`, '',
      v, '',
      `*${v}* **${v}** ~~${v}~~ \`${v}\``, '',
      `[link ${j} ${v}](<${v}>) [bare ${j}](${v}) ![image ${j} ${v}](<${v}>) [titled ${j}](https://example.org/ "${v}")`, '',
      `[reference ${j}][r-${id}] <${v}>`, '',
      `[r-${id}]: <${v}>`, '',
      `> ${v}`, '',
      `- ${v}`, '',
      `| ${v} | b |`, '|---|---|', `| ${v} | c |`, '',
      `Footnote ${j}.[^f-${id}]`, '',
      `[^f-${id}]: ${v}`, '',
    );
  });
  return `${parts.join('\n')}\n`;
}

const write = (root, rel, text) => {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

// A 1×1 PNG, so that a local photo is a real file.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// Writes a site whose free text is `vectors`; `o` replaces single fields
// with something that must be refused.
function writeSite(root, vectors, o = {}) {
  // Data fields refuse control characters (a refused field below checks
  // that), so they get the vectors without them; Markdown bodies get every
  // vector whole.
  const data = vectors.map((v) => v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ''));
  const all = joined(data);
  const election = 'e-2026';
  write(root, 'static/img/photo.png', PNG);
  write(root, 'content/site.yaml', [
    `title: ${q(`Site ${all}`)}`,
    `publisher: ${q(`Publisher ${all}`)}`,
    ...(o.baseUrl ? [`base_url: ${q(o.baseUrl)}`] : []),
    'language: en-GB', '',
  ].join('\n'));
  const c1 = o.candidateId ?? 'c1';
  write(root, `content/elections/${election}/election.yaml`, [
    `title: ${q(`Election ${all}`)}`,
    `office: ${q(`Office ${o.office ?? all}`)}`,
    `authority: ${q(`Authority ${all}`)}`,
    'date: 2026-06-19',
    'system: supplementary-vote',
    `source: ${q(o.electionSource ?? address(data))}`,
    `returning_officer: {name: ${q(`Officer ${all}`)}, title: ${q(`Title ${all}`)}}`,
    'parties:',
    `  - {id: p1, name: ${q(`Party one ${all}`)}, colour: ${q(o.colour ?? '#1d70b8')}}`,
    `  - {id: p2, name: ${q(`Party two ${all}`)}, colour: "#00703c"}`,
    'candidates:',
    `  - {id: ${q(c1)}, name: ${q(`Candidate one ${all}`)}, party: p1, person: person-1}`,
    `  - {id: c2, name: ${q(`Candidate two ${all}`)}, party: p2, person: person-2}`,
    `  - {id: c3, name: ${q(`Candidate three ${all}`)}, person: person-3, surname: ${q(`Surname ${all}`)}, other_names: ${q(`Other names ${all}`)}, description: ${q(`Description ${all}`)}}`,
    'areas:',
    `  - {id: north, name: ${q(`North ${all}`)}, tile: {x: 0, y: 0}, first: {${q(c1)}: 4120, c2: 3870, c3: 1950}, second: {${q(c1)}: 700, c2: 720}}`,
    `  - {id: south, name: ${q(`South ${all}`)}, tile: {x: 0, y: 1}, first: {${q(c1)}: 3500, c2: 3640, c3: 1410}, second: {${q(c1)}: 560, c2: 510}}`,
    '',
  ].join('\n'));
  const body = (tag) => markdown(vectors, tag)
    + (o.headingAttributes && tag === 'person-1' ? `\n## Figures ${o.headingAttributes}\n` : '')
    + (o.profileBody && tag === 'person-1' ? `\n${o.profileBody}\n` : '');
  for (const n of [1, 2, 3]) {
    // A photo is a file in static/ (a web address is refused).
    const photo = n === 1 ? (o.photo ?? 'img/photo.png') : n === 2 ? 'img/photo.png' : null;
    write(root, `content/people/person-${n}.md`, [
      '---',
      `name: ${q(`Person ${n} ${all}`)}`,
      `role: ${q(`Role ${all}`)}`,
      ...(photo ? [`photo: ${q(photo)}`, `photo_alt: ${q(`Photo ${n} ${all}`)}`] : []),
      'links:',
      `  - {title: ${q(`Link ${all}`)}, url: ${q(n === 1 && o.linkUrl ? o.linkUrl : address(data))}}`,
      '---',
      body(`person-${n}`),
    ].join('\n'));
  }
  for (const n of [1, 2]) {
    write(root, `content/news/news-${n}.md`, [
      '---',
      `title: ${q(`News ${n} ${all}`)}`,
      `date: 2026-06-2${n}`,
      `summary: ${q(`Summary ${all}`)}`,
      `source: {name: ${q(`Source ${all}`)}, url: ${q(n === 1 && o.newsSourceUrl ? o.newsSourceUrl : address(data))}}`,
      `elections: [${election}]`,
      'people: [person-1, person-2]',
      '---',
      body(`news-${n}`),
    ].join('\n'));
    write(root, `content/pages/page-${n}.md`, [
      '---',
      `title: ${q(`Page ${n} ${all}`)}`,
      `description: ${q(`Description ${all}`)}`,
      '---',
      body(`page-${n}`),
    ].join('\n'));
  }
}

function build(root) {
  const run = spawnSync(PSEPHOS, ['build', root, '--out', path.join(root, 'public'), '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { ok: run.status === 0, status: run.status, stderr: run.stderr || String(run.error || '') };
}

// How each refused field is filled, and which file its error must name.
const REFUSED = {
  heading_attributes: [(v) => ({ headingAttributes: v }), 'content/people/person-1.md'],
  colour: [(v) => ({ colour: v }), 'election.yaml'],
  photo: [(v) => ({ photo: v }), 'content/people/person-1.md'],
  link_url: [(v) => ({ linkUrl: v }), 'content/people/person-1.md'],
  news_source_url: [(v) => ({ newsSourceUrl: v }), 'content/news/news-1.md'],
  election_source: [(v) => ({ electionSource: v }), 'election.yaml'],
  base_url: [(v) => ({ baseUrl: v }), 'content/site.yaml'],
  candidate_id: [(v) => ({ candidateId: v }), 'election.yaml'],
  nul_in_text: [(v) => ({ profileBody: v }), 'content/people/person-1.md'],
  control_in_text: [(v) => ({ office: v }), 'election.yaml'],
};

// ------------------------------------------------------------- the server

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.xml': 'application/xml', '.csv': 'text/csv' };
let served = '';
function handle(req, res) {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.resolve(served, `.${rel}`);
  if (!file.startsWith(served + path.sep) && file !== served) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
  res.end(fs.readFileSync(file));
}

// ---------------------------------------------------------- in the page

// Runs before any page script: counts every dialog function a payload calls.
function instrument() {
  window.__xssCalls = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...args) {
      window.__xssCalls.push(name);
      return name === 'print' ? undefined : original.apply(window, args);
    };
  }
}

// Focus and hover every element, so that onfocus/onmouseover payloads fire.
function provoke() {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['focus', 'focusin', 'mouseover', 'mouseenter', 'pointerover', 'animationstart', 'toggle']) {
      el.dispatchEvent(new Event(type));
    }
    if (typeof el.focus === 'function') el.focus();
  }
}

// What the content put in the page that could run script.
function scan() {
  const findings = [];
  const where = (el) => `<${el.localName}${el.id ? `#${el.id}` : ''}>`;
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcdoc'];
  const forbidden = 'iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], style, form, input, textarea, select, button, keygen, isindex, marquee, link[rel=import]';
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) findings.push(`${where(el)} has ${name}="${attr.value.slice(0, 60)}"`);
      if (urlAttributes.includes(name)) {
        const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(value) || /^data:text\/html/.test(value)) {
          findings.push(`${where(el)} has ${name}="${attr.value.slice(0, 60)}"`);
        }
      }
    }
  }
  for (const el of document.querySelectorAll(forbidden)) findings.push(`content made ${where(el)}`);
  for (const script of document.querySelectorAll('script')) {
    if (script.type !== 'application/ld+json') {
      findings.push(`a script: ${script.outerHTML.slice(0, 80)}`);
      continue;
    }
    if (script.children.length > 0) findings.push('the JSON-LD script has elements inside');
    try {
      JSON.parse(script.textContent);
    } catch (e) {
      findings.push(`the JSON-LD is broken: ${e.message}`);
    }
  }
  return { findings, sentinel: window.__xss !== undefined, calls: window.__xssCalls || [] };
}

// ------------------------------------------------------------------ main

const stats = { vectors: 0, pages: 0, sites: 0, builds: 0, ran: 0, dialogs: 0 };

async function loadSite(browser, origin, dir, label) {
  served = fs.realpathSync(dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort()));
  await context.addInitScript(instrument);
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  let dialogs = [];
  page.on('dialog', (d) => { dialogs.push(`${d.type()}(${d.message()})`); d.dismiss().catch(() => {}); });
  for (const rel of htmlFiles(dir)) {
    const urlPath = `/${rel.replace(/index\.html$/, '')}`;
    dialogs = [];
    let problems = [];
    try {
      await page.goto(origin + urlPath, { waitUntil: 'load' });
      for (let i = 0; i < TABS; i += 1) await page.keyboard.press('Tab');
      await page.mouse.move(10, 10);
      await page.mouse.move(640, 450, { steps: 5 });
      await page.evaluate(provoke);
      await page.waitForTimeout(50);
      const seen = await page.evaluate(scan);
      if (dialogs.length + seen.calls.length > 0 || seen.sentinel) stats.ran += 1;
      stats.dialogs += dialogs.length;
      problems = [
        ...dialogs.map((d) => `dialog ${d}`),
        ...seen.calls.map((c) => `called ${c}()`),
        ...(seen.sentinel ? ['set window.__xss'] : []),
        ...seen.findings,
      ];
    } catch (e) {
      problems = [`could not load: ${e.message.split('\n')[0]}`];
    }
    stats.pages += 1;
    record(problems.length === 0);
    if (problems.length) {
      console.log(`FAIL ${label} ${urlPath}`);
      for (const p of problems.slice(0, 5)) console.log(`     ${oneLine(p)}`);
      if (problems.length > 5) console.log(`     … and ${problems.length - 5} more`);
    }
  }
  await context.close();
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psephos-xss-'));
  const server = http.createServer(handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const watchdog = setTimeout(() => {
    console.log(`\nFAIL the run took longer than ${RUN_TIMEOUT_MS / 1000}s`);
    console.log(`${results.passed} passed, ${results.failed + 1} failed`);
    process.exit(1);
  }, RUN_TIMEOUT_MS);
  watchdog.unref();
  try {
    const text = corpus.text;
    stats.vectors = text.length + corpus.heading_attributes.length
      + Object.values(corpus.refused).reduce((n, list) => n + list.length, 0);

    console.log(`== Free text: ${text.length} vectors in every text field and Markdown body, ${BATCH} per site`);
    for (let start = 0; start < text.length; start += BATCH) {
      const root = path.join(work, `text-${start}`);
      writeSite(root, text.slice(start, start + BATCH));
      const built = build(root);
      stats.builds += 1;
      record(built.ok);
      if (!built.ok) {
        console.log(`FAIL site of vectors ${start}..${start + BATCH - 1} did not build:\n${built.stderr}`);
        continue;
      }
      stats.sites += 1;
      await loadSite(browser, origin, path.join(root, 'public'), `vectors ${start}..${Math.min(start + BATCH, text.length) - 1}`);
    }

    console.log('\n== Refused fields: the build stops at the file, line and column');
    const refused = { heading_attributes: corpus.heading_attributes, ...corpus.refused };
    let n = 0;
    for (const [field, vectors] of Object.entries(refused)) {
      const [override, file] = REFUSED[field];
      for (const vector of vectors) {
        n += 1;
        const root = path.join(work, `refused-${n}`);
        writeSite(root, ['plain text'], override(vector));
        const built = build(root);
        stats.builds += 1;
        const located = new RegExp(`--> \\S*${file.replace(/[.]/g, '\\.')}:\\d+:\\d+`).test(built.stderr);
        const ok = !built.ok && built.status === 1 && located;
        record(ok);
        if (!ok) {
          console.log(`FAIL ${field} ${oneLine(vector)}: ${built.ok ? 'the site built' : `no error located in ${file}:\n${built.stderr}`}`);
          if (built.ok) await loadSite(browser, origin, path.join(root, 'public'), `${field} ${oneLine(vector, 40)}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n${stats.vectors} vectors, ${stats.builds} builds, ${stats.pages} pages loaded; script ran on ${stats.ran} pages (${stats.dialogs} dialogs)`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exitCode = results.failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.log(`FAIL ${e.stack || e}`);
  console.log(`${results.passed} passed, ${results.failed + 1} failed`);
  process.exit(1);
});
