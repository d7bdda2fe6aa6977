// One time axis in SVG: rows of bars and markers, in ms from the start of the run. The axis line carries
// data-max-ms, so that what is drawn can be read back as times (the browser tests do).
import { el, svg } from './dom.js';

const WIDE = 760;
const RIGHT = 24;
const TOP = 38;
const AXIS = 30;
/** Below this width the row labels go above their bars, so that the bars keep the width. */
const NARROW = 560;
/** About how wide a 12 px label is per character: labels are placed before they are on screen to be measured. */
const CHAR_PX = 6.8;

/** The width a drawing gets: that of the page's main column, at most WIDE, so that 12 px text stays 12 px. */
function available() {
  const main = document.getElementById('main');
  const inner = main ? main.clientWidth - 2 * parseFloat(getComputedStyle(main).paddingLeft || '0') : WIDE;
  return Math.round(Math.max(300, Math.min(WIDE, Timeline.widthPx || inner || WIDE)));
}

export class Timeline {
  /** The shortest axis any timeline gets: set while runs are drawn side by side, so that they share one axis. */
  static floorMs = 0;
  /** The width to draw at, when the drawing goes somewhere narrower than the main column (side by side). */
  static widthPx = 0;

  constructor(maxMs, rows, label) {
    this.maxMs = Math.max(1, maxMs, Timeline.floorMs);
    this.rows = rows;
    this.width = available();
    this.narrow = this.width < NARROW;
    this.left = this.narrow ? 8 : 200;
    this.row = this.narrow ? 46 : 34;
    this.height = TOP + rows * this.row + AXIS;
    this.root = svg('svg', { viewBox: `0 0 ${this.width} ${this.height}`, width: this.width, class: 'timeline',
      role: 'img', 'aria-label': label, 'data-max-ms': this.maxMs, 'data-narrow': String(this.narrow) });
    /** What a view shows: the drawing at the width it has, in a box that scrolls only if the screen is narrower. */
    this.element = el('div', { class: 'chart' }, this.root);
    this.axis();
  }

  x(ms) {
    return this.left + (Math.max(0, ms) / this.maxMs) * (this.width - this.left - RIGHT);
  }

  rowY(row) {
    return TOP + row * this.row;
  }

  label(row, text) {
    this.root.append(this.narrow
      ? svg('text', { x: this.left, y: this.rowY(row) + 12, class: 'row-label' }, text)
      : svg('text', { x: this.left - 8, y: this.rowY(row) + this.row / 2 + 4, class: 'row-label',
        'text-anchor': 'end' }, text));
  }

  /** A bar from one time to another; `inset` draws it thinner, inside the row (a gRPC attempt in an app attempt). */
  bar(row, fromMs, toMs, cls, title, data = {}, inset = 0) {
    const x = this.x(fromMs);
    const width = Math.max(2, this.x(toMs) - x);
    const top = this.narrow ? 16 : 6; // narrow: under the label
    const attrs = { x, y: this.rowY(row) + top + inset, width, height: this.row - top - 6 - 2 * inset, class: cls,
      rx: 2 };
    for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
    const rect = svg('rect', attrs, svg('title', {}, title));
    this.root.append(rect);
    return rect;
  }

  /** A thin span under a row's bars: a backoff gap, or the policy's range for it. */
  span(row, fromMs, toMs, cls, title, offset = 0) {
    const y = this.rowY(row) + this.row - 5 + offset;
    this.root.append(svg('line', { x1: this.x(fromMs), x2: Math.max(this.x(fromMs) + 1, this.x(toMs)), y1: y, y2: y,
      class: cls }, svg('title', {}, title)));
  }

  /** A vertical line across every row at one time, labelled at the top (level 1: one line higher, to stay apart). */
  marker(ms, cls, text, data = {}, level = 0) {
    const x = this.x(ms);
    const attrs = { x1: x, x2: x, y1: TOP - 6, y2: this.height - AXIS + 4, class: `marker ${cls}` };
    for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
    // the label starts at the line, or ends there near the right edge, and never leaves the drawing
    const textWidth = text.length * CHAR_PX;
    const from = Math.max(2, Math.min(x + 4 > this.width - textWidth - 2 ? x - 4 - textWidth : x + 4,
      this.width - textWidth - 2));
    this.root.append(svg('line', attrs, svg('title', {}, text)),
      svg('text', { x: from, y: TOP - 8 - level * 15, class: `marker-label ${cls}` }, text));
  }

  axis() {
    const y = this.height - AXIS + 8;
    this.root.append(svg('line', { x1: this.x(0), x2: this.x(this.maxMs), y1: y, y2: y, class: 'axis-line',
      'data-max-ms': this.maxMs }));
    const step = niceStep(this.maxMs / (this.narrow ? 3 : 6));
    for (let ms = 0; ms <= this.maxMs; ms += step) {
      this.root.append(svg('line', { x1: this.x(ms), x2: this.x(ms), y1: y, y2: y + 5, class: 'tick' }),
        svg('text', { x: this.x(ms), y: y + 17, class: 'tick-label', 'text-anchor': ms === 0 && this.narrow ? 'start'
          : 'middle' },
          ms >= 1000 && step >= 1000 ? `${ms / 1000} s` : `${ms} ms`));
    }
  }
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map(m => m * power).find(s => s >= raw) || power * 10;
}
