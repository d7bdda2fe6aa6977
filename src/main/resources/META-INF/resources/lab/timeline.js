// One time axis in SVG: rows of bars and markers, in ms from the start of the run. The axis line carries
// data-max-ms, so that what is drawn can be read back as times (the browser tests do).
import { el, svg } from './dom.js';

const WIDTH = 760;
const LEFT = 200;
const RIGHT = 24;
const ROW = 34;
const TOP = 38;
const AXIS = 30;

export class Timeline {
  /** The shortest axis any timeline gets: set while runs are drawn side by side, so that they share one axis. */
  static floorMs = 0;

  constructor(maxMs, rows, label) {
    this.maxMs = Math.max(1, maxMs, Timeline.floorMs);
    this.rows = rows;
    this.height = TOP + rows * ROW + AXIS;
    this.root = svg('svg', { viewBox: `0 0 ${WIDTH} ${this.height}`, class: 'timeline', role: 'img',
      'aria-label': label, 'data-max-ms': this.maxMs });
    /** What a view shows: the drawing in a box that scrolls sideways on a narrow screen, keeping its text legible. */
    this.element = el('div', { class: 'chart' }, this.root);
    this.axis();
  }

  x(ms) {
    return LEFT + (Math.max(0, ms) / this.maxMs) * (WIDTH - LEFT - RIGHT);
  }

  rowY(row) {
    return TOP + row * ROW;
  }

  label(row, text) {
    this.root.append(svg('text', { x: LEFT - 8, y: this.rowY(row) + ROW / 2 + 4, class: 'row-label',
      'text-anchor': 'end' }, text));
  }

  /** A bar from one time to another; `inset` draws it thinner, inside the row (a gRPC attempt in an app attempt). */
  bar(row, fromMs, toMs, cls, title, data = {}, inset = 0) {
    const x = this.x(fromMs);
    const width = Math.max(2, this.x(toMs) - x);
    const attrs = { x, y: this.rowY(row) + 6 + inset, width, height: ROW - 12 - 2 * inset, class: cls, rx: 2 };
    for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
    const rect = svg('rect', attrs, svg('title', {}, title));
    this.root.append(rect);
    return rect;
  }

  /** A thin span under a row's bars: a backoff gap, or the policy's range for it. */
  span(row, fromMs, toMs, cls, title, offset = 0) {
    const y = this.rowY(row) + ROW - 5 + offset;
    this.root.append(svg('line', { x1: this.x(fromMs), x2: Math.max(this.x(fromMs) + 1, this.x(toMs)), y1: y, y2: y,
      class: cls }, svg('title', {}, title)));
  }

  /** A vertical line across every row at one time, labelled at the top (level 1: one line higher, to stay apart). */
  marker(ms, cls, text, data = {}, level = 0) {
    const x = this.x(ms);
    const attrs = { x1: x, x2: x, y1: TOP - 6, y2: this.height - AXIS + 4, class: `marker ${cls}` };
    for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
    const anchor = x > WIDTH - 160 ? 'end' : 'start';
    this.root.append(svg('line', attrs, svg('title', {}, text)),
      svg('text', { x: x + (anchor === 'end' ? -4 : 4), y: TOP - 8 - level * 15, class: `marker-label ${cls}`,
        'text-anchor': anchor }, text));
  }

  axis() {
    const y = this.height - AXIS + 8;
    this.root.append(svg('line', { x1: this.x(0), x2: this.x(this.maxMs), y1: y, y2: y, class: 'axis-line',
      'data-max-ms': this.maxMs }));
    const step = niceStep(this.maxMs / 6);
    for (let ms = 0; ms <= this.maxMs; ms += step) {
      this.root.append(svg('line', { x1: this.x(ms), x2: this.x(ms), y1: y, y2: y + 5, class: 'tick' }),
        svg('text', { x: this.x(ms), y: y + 17, class: 'tick-label', 'text-anchor': 'middle' },
          ms >= 1000 && step >= 1000 ? `${ms / 1000} s` : `${ms} ms`));
    }
  }
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map(m => m * power).find(s => s >= raw) || power * 10;
}
