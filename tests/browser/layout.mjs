// What a reader on a narrow screen would miss: checked in the page by
// check.mjs at every width (see README.md, "Layout").
//
// `collectLayoutProblems` runs inside the page (page.evaluate), so it uses
// nothing from this module's scope.

/** Chart text smaller than this (in CSS pixels, as rendered) is too small. */
export const MIN_CHART_TEXT_PX = 12;

// Returns { problems: [string], smallestChartText: number|null,
// hiddenCells: number }.
export function collectLayoutProblems(minTextPx) {
  const problems = [];
  const viewport = document.documentElement.clientWidth;
  const slack = 0.5; // sub-pixel rounding
  const describe = (el) => {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    return `<${el.localName}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> "${short}"`;
  };
  const clips = (el) => getComputedStyle(el).overflowX !== 'visible';
  const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';

  // 1. The page itself must not be wider than the window.
  const root = document.documentElement;
  if (root.scrollWidth > viewport + 1) {
    problems.push(`the page is ${root.scrollWidth}px wide, more than the ${viewport}px window`);
  }

  // 2. No box that clips or scrolls may hold content wider than itself: what
  //    is past its edge is hidden until the reader scrolls sideways.
  for (const el of document.body.querySelectorAll('*')) {
    if (!rendered(el) || !clips(el)) continue;
    const { width, height } = el.getBoundingClientRect();
    if (width <= 1 || height <= 1) continue; // visually hidden helpers
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el).slice(0, 80)} hides content sideways: ${el.clientWidth}px of ${el.scrollWidth}px shown`);
    }
  }

  // The part of the window an element can be seen in: the window, cut down
  // by every ancestor that clips. Null inside a box of 1px or less: text
  // hidden on purpose for screen readers only (such as a header row that
  // narrow screens show beside each figure instead).
  const visibleBox = (el) => {
    let left = 0;
    let right = viewport;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (a === document.body || !clips(a)) continue;
      const r = a.getBoundingClientRect();
      left = Math.max(left, r.left + a.clientLeft);
      right = Math.min(right, r.left + a.clientLeft + a.clientWidth);
      if (a.clientWidth <= 1 || a.clientHeight <= 1) return null;
    }
    return { left, right };
  };
  const outside = (rects, box) => rects.some((r) => r.width > 0 && (r.left < box.left - slack || r.right > box.right + slack));

  // 3. Every table cell's text (every figure and label) is fully in view,
  //    and inside its own cell, not spilling over the next one.
  let hiddenCells = 0;
  for (const cell of document.querySelectorAll('table th, table td')) {
    if (!rendered(cell) || cell.textContent.trim() === '') continue;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = [...range.getClientRects()];
    const r = cell.getBoundingClientRect();
    const box = visibleBox(cell);
    if (!box) continue;
    if (outside([...text, r], box)) {
      hiddenCells += 1;
      problems.push(`table cell ${describe(cell)} is cut off: ${Math.round(r.left)}–${Math.round(r.right)}px in a ${viewport}px window`);
    } else if (outside(text, { left: r.left, right: r.right })) {
      hiddenCells += 1;
      problems.push(`table cell ${describe(cell)} spills out of its ${Math.round(r.width)}px cell`);
    }
  }

  // 4. Chart text: big enough to read, and in view.
  let smallest = null;
  for (const text of document.querySelectorAll('svg text')) {
    if (!rendered(text)) continue;
    const ctm = text.getScreenCTM();
    if (!ctm) continue;
    const scale = Math.hypot(ctm.a, ctm.b);
    const px = parseFloat(getComputedStyle(text).fontSize) * scale;
    smallest = smallest === null ? px : Math.min(smallest, px);
    if (px < minTextPx - 0.01) {
      problems.push(`chart text "${text.textContent.trim()}" is ${px.toFixed(1)}px, less than ${minTextPx}px`);
    }
    const box = visibleBox(text);
    if (box && outside([...text.getClientRects()], box)) {
      const r = text.getBoundingClientRect();
      problems.push(`chart text "${text.textContent.trim()}" is cut off: ${Math.round(r.left)}–${Math.round(r.right)}px in a ${viewport}px window`);
    }
  }
  // 5. The map of counting areas: each tile's text stays inside its tile
  //    (white text spilling onto the white page cannot be read), and is big
  //    enough to read.
  for (const tile of document.querySelectorAll('.tile-map .tile')) {
    if (!rendered(tile)) continue;
    const r = tile.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(tile);
    const text = [...range.getClientRects()];
    if (outside(text, { left: r.left, right: r.right })) {
      problems.push(`map tile ${describe(tile)} spills out of its ${Math.round(r.width)}px tile`);
    }
    for (const part of tile.querySelectorAll('.tile-name, .tile-leader')) {
      const px = parseFloat(getComputedStyle(part).fontSize);
      smallest = smallest === null ? px : Math.min(smallest, px);
      if (px < minTextPx - 0.01) {
        problems.push(`map text "${part.textContent.trim()}" is ${px.toFixed(1)}px, less than ${minTextPx}px`);
      }
    }
  }
  return { problems, smallestChartText: smallest, hiddenCells };
}
