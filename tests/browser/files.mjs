// Helpers shared by the browser checks.
import fs from 'node:fs';
import path from 'node:path';

export const toPosix = (p) => p.split(path.sep).join('/');

// Every *.html file under dir, as sorted POSIX paths relative to dir.
export function htmlFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) found.push(toPosix(path.relative(dir, full)));
    }
  };
  walk(dir);
  return found.sort();
}
