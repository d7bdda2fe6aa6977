// The runs a learner made, kept in this browser only (localStorage; the server keeps nothing): the last few of each
// scenario, and one pinned run per scenario to compare the next ones with.
const KEEP = 5;
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage off (private mode, a sandboxed frame): runs are simply not kept
  }
})();

function read(name, fallback) {
  try {
    return JSON.parse(storage?.getItem(name) ?? 'null') ?? fallback;
  } catch {
    return fallback;
  }
}

function write(name, value) {
  try {
    storage?.setItem(name, JSON.stringify(value));
  } catch {
    // full or off: the page works on without it
  }
}

/** The last runs of a scenario, newest first: {link, at, report}. */
export const recent = key => read(`lab.runs.${key}`, []);

export function remember(key, run) {
  write(`lab.runs.${key}`, [run, ...recent(key).filter(r => r.at !== run.at)].slice(0, KEEP));
}

export const pinned = key => read(`lab.pinned.${key}`, null);

export const pin = (key, run) => write(`lab.pinned.${key}`, run);

export const unpin = key => storage?.removeItem(`lab.pinned.${key}`);

const attemptsOf = r => r.attempts || (r.calls || []).flatMap(c => c.attempts || []) || [];

/** What a learner compares two runs by, read from the reports (never from the parameters). */
export function measures(report) {
  const attempts = report.appAttempts ? report.appAttempts : attemptsOf(report);
  const backoffs = attempts.map(a => a.backoffBeforeMs).filter(ms => ms !== undefined && ms !== null);
  return [
    ['outcome', (report.outcome || {}).status ?? '—'],
    ['elapsed', report.elapsedMs !== undefined ? `${report.elapsedMs} ms` : '—'],
    ['attempts', attempts.length],
    ['backoffs', backoffs.length ? `${backoffs.length}, ${backoffs.reduce((a, b) => a + b, 0)} ms in all` : 'none'],
  ];
}
