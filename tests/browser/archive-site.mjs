#!/usr/bin/env node
// Writes a small archive site for the browser checks: the example site with
// two small elections of the same office in other years (so its office has a
// page of three elections) and 51 more news items in 2018 (so the index and that
// year's news each run to a second page).
//
//   node tests/browser/archive-site.mjs EXAMPLE_SITE_DIR OUT_DIR

import fs from 'node:fs';
import path from 'node:path';

const [example, out] = process.argv.slice(2);
if (!example || !out || process.argv.length > 4) {
  console.error('usage: node tests/browser/archive-site.mjs EXAMPLE_SITE_DIR OUT_DIR');
  process.exit(2);
}
fs.cpSync(path.join(example, 'content'), path.join(out, 'content'), { recursive: true });
const elections = path.join(out, 'content', 'elections');
// Small elections of the same office: its page lists three elections.
for (const [year, date, winner] of [['2021', '2021-05-06', 'Ann Ash'], ['2013', '2013-05-02', 'Bob Birch']]) {
  const folder = path.join(elections, `${year}-cambridgeshire-peterborough-mayor`);
  fs.mkdirSync(folder);
  fs.writeFileSync(
    path.join(folder, 'election.yaml'),
    `title: ${year} Cambridgeshire and Peterborough mayoral election\n` +
      'office: Mayor of Cambridgeshire and Peterborough\n' +
      `date: ${date}\nsystem: supplementary-vote\n` +
      'parties:\n  - {id: red, name: Red Party, colour: "#cc0000"}\n' +
      `candidates:\n  - {id: winner, name: ${winner}, party: red}\n` +
      '  - {id: runner-up, name: Cat Cedar}\n' +
      'areas:\n  - id: all\n    name: The whole area\n' +
      '    first: {winner: 6000, runner-up: 4000}\n' +
      'declared:\n  winner: winner\n  totals: {winner: 6000, runner-up: 4000}\n',
  );
}
const news = path.join(out, 'content', 'news');
for (let i = 0; i < 51; i++) {
  const month = String(12 - Math.floor(i / 28)).padStart(2, '0');
  const day = String(28 - (i % 28)).padStart(2, '0');
  fs.writeFileSync(
    path.join(news, `2018-item-${i}.md`),
    `---\ntitle: Archive item ${i} <of> "2018" & more\ndate: 2018-${month}-${day}\n` +
      `summary: A short item, number ${i}, for the archive's pages.\n---\nItem ${i}.\n`,
  );
}
