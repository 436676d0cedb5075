#!/usr/bin/env node
// Writes a small archive site for the browser checks: the example site with
// two small elections of the same office in other years (so its office has a
// page of four elections), 51 more news items in 2018 naming the 2017 election
// and James Palmer (so the index and that year's news each run to a second
// page, and the lists of news on their pages are capped), and an election of
// 13 areas (so its area pages lead to their neighbours) whose office, areas and
// news hold words longer than a phone is wide, which must wrap rather than
// widen the page.
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
// Small elections of the same office, in years the example has none: its
// page lists four elections.
for (const [year, date, winner] of [['2009', '2009-05-07', 'Ann Ash'], ['2013', '2013-05-02', 'Bob Birch']]) {
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
      `summary: A short item, number ${i}, for the archive's pages.\n` +
      // Named on the election's, the person's and the candidacy's pages,
      // whose lists of news are then capped.
      'elections: [2017-cambridgeshire-peterborough-mayor]\npeople: [james-palmer]\n' +
      `---\nItem ${i}.\n`,
  );
}

// Words longer than a 320 px screen is wide, as a long name or an address
// pasted in without spaces would be.
const LONG = 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch'.repeat(2);
const long = path.join(elections, '2019-long-names-mayor');
fs.mkdirSync(long);
let areas = '';
for (let i = 0; i < 13; i++) {
  const name = i % 4 === 0 ? `${LONG} ${i}` : `Area ${i} of the long names`;
  areas += `  - id: area-${i}\n    name: ${name}\n    first: {winner: ${600 + i}, runner-up: 400}\n`;
}
let total = 0;
for (let i = 0; i < 13; i++) total += 600 + i;
fs.writeFileSync(
  path.join(long, 'election.yaml'),
  'title: 2019 long names mayoral election\n' +
    `office: "Mayor of ${LONG} \\u202E & <Co>"\n` +
    'date: 2019-05-02\nsystem: supplementary-vote\n' +
    'parties:\n  - {id: red, name: Red Party, colour: "#cc0000"}\n' +
    'candidates:\n  - {id: winner, name: Dan Dogwood, party: red}\n' +
    '  - {id: runner-up, name: Eve Elm}\n' +
    `areas:\n${areas}` +
    `declared:\n  winner: winner\n  totals: {winner: ${total}, runner-up: ${400 * 13}}\n`,
);
fs.writeFileSync(
  path.join(news, '2019-long-words.md'),
  `---\ntitle: The ${LONG} count\ndate: 2019-05-03\n` +
    `summary: Results for ${LONG} are in.\nelections: [2019-long-names-mayor]\n---\nSee ${LONG}.\n`,
);
// A free page's title is a link in every page's navigation.
fs.writeFileSync(
  path.join(out, 'content', 'pages', 'long-words.md'),
  `---\ntitle: About ${LONG}\n---\nA page whose title is longer than a phone is wide.\n`,
);
