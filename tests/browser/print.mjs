#!/usr/bin/env node
// Prints every election's notice of result in a built site to PDF with
// headless Chromium, as a reader's "Print" would on A4, and checks that each
// fits on one sheet and that the site's header and navigation are not
// printed.
//
//   node tests/browser/print.mjs SITE_DIR [PDF_DIR] [REQUIRED_NOTICE ...]
//
// REQUIRED_NOTICE names a notice that must be there, as
// `elections/<slug>/notice/index.html`; the PDFs are kept in PDF_DIR.
// Prints `N passed, M failed` last and exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { htmlFiles, toPosix } from './files.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const [siteArg, pdfArg = 'target/notices', ...required] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: print.mjs SITE_DIR [PDF_DIR] [REQUIRED_NOTICE ...]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const pdfDir = path.resolve(pdfArg);

let passed = 0;
let failed = 0;
const pass = (what) => {
  passed += 1;
  console.log(`ok   ${what}`);
};
const fail = (what, why) => {
  failed += 1;
  console.log(`FAIL ${what}: ${why}`);
};

/** Pages in a PDF as Chromium writes it: one `/Type /Page` object each. */
function pdfPages(bytes) {
  const text = bytes.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

const notices = htmlFiles(site).filter((p) => /^elections\/[^/]+\/notice\/index\.html$/.test(p));
for (const want of required) {
  if (!notices.includes(want)) fail(want, 'no such notice in the site');
}

fs.mkdirSync(pdfDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext();
  // Nothing leaves the machine: only the site's own files load.
  await context.route(/^(?!file:)/, (route) => route.abort());
  for (const notice of notices) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, notice)).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (selector) => [...document.querySelectorAll(selector)]
        .some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
      return {
        // The whole header: the site's title and navigation.
        navigation: ['.site-header', '.site-nav', '.breadcrumbs', '.skip-link'].filter(visible),
        notice: visible('.notice h1'),
        candidates: document.querySelectorAll('.notice tbody tr').length,
      };
    });
    const slug = notice.split('/')[1];
    const file = path.join(pdfDir, `${slug}.pdf`);
    // Margins about a browser's default, which its header and footer lines
    // (date, address, page number) sit in.
    const margin = { top: '12mm', bottom: '12mm', left: '14mm', right: '14mm' };
    const pdf = await page.pdf({ path: file, format: 'A4', margin, printBackground: false });
    const sheets = pdfPages(pdf);
    const what = `${notice} (${shown.candidates} table rows)`;
    if (!shown.notice) fail(what, 'the notice is not printed');
    else if (shown.navigation.length) fail(what, `the site's ${shown.navigation.join(', ')} would be printed`);
    else if (sheets !== 1) fail(what, `prints on ${sheets} A4 pages, not one (${toPosix(path.relative(process.cwd(), file))})`);
    else pass(`${what}: one A4 page`);
    await page.close();
  }
} finally {
  await browser.close();
}
if (notices.length === 0) fail(site, 'no notice of result found');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
