// How each scenario's report is drawn. Every view returns one element; what it draws carries classes and data-*
// attributes named after the report's fields, so that a test can compare the drawing with the report.
import { badge, el, facts } from './dom.js';
import { Timeline } from './timeline.js';
import { badNetwork, silentPeer, tooManyPings } from './network-views.js';

const start = a => a.startMs || 0;
const end = a => start(a) + Math.max(a.durationMs || 0, 0);
const ok = status => status === 'OK';

function deadline(r) {
  const wait = r.server || {};
  const maxMs = Math.max(r.deadlineMs, r.serverDelayMs, r.elapsedMs, wait.afterMs || 0) * 1.08;
  const t = new Timeline(maxMs, 2, `deadline ${r.deadlineMs} ms against a ${r.serverDelayMs} ms wait`);
  t.label(0, `deadline ${r.deadlineMs} ms`);
  t.bar(0, 0, r.deadlineMs, 'deadline', `the client's deadline: ${r.deadlineMs} ms`, { ms: r.deadlineMs });
  t.label(1, `server wait ${r.serverDelayMs} ms`);
  t.bar(1, 0, r.serverDelayMs, 'planned', `the wait the server was asked for: ${r.serverDelayMs} ms`);
  if (wait.afterMs !== undefined && wait.afterMs !== null) {
    t.bar(1, 0, wait.afterMs, 'server-wait', `the server's wait ended (${wait.waitEnded}) after ${wait.afterMs} ms`,
      { ms: wait.afterMs });
    t.marker(wait.afterMs, 'marker-server', `server stopped: ${wait.afterMs} ms`, { ms: wait.afterMs }, 1);
  }
  t.marker(r.elapsedMs, 'marker-end', `call ended: ${r.elapsedMs} ms, ${r.outcome.status}`, { ms: r.elapsedMs });
  return el('section', {}, t.element,
    el('p', { class: 'legend' }, 'Yellow: the client\'s deadline. Pale blue: the wait the server was asked for; ',
      'dark blue: how long it really waited. The lines: where the call ended for the client, and where the server ',
      'stopped waiting.'),
    facts([['the call', `${r.outcome.status} after ${r.elapsedMs} ms`],
    ['the server', wait.waitEnded ? `its wait ended ${wait.waitEnded} after ${wait.afterMs} ms` : 'no record'],
    ['waits still in progress', wait.waitsInProgress]]));
}

/** Attempts on one axis, a row each, with the real gap before each retry and the policy's range for it. */
export function attempts(r, list, extra) {
  const checks = new Map(((r.backoff || {}).checks || []).map(c => [c.attempt, c]));
  const boundEnds = list.slice(1).map((a, i) => {
    const check = checks.get(a.number);
    return check && check.expectedMs ? end(list[i]) + check.expectedMs.maxMs : 0;
  });
  const maxMs = Math.max(r.elapsedMs || 0, ...list.map(end), ...boundEnds) * 1.05;
  const t = new Timeline(maxMs, list.length, `${list.length} attempts`);
  list.forEach((a, row) => {
    const classes = ['attempt', ok(a.status) ? 'ok' : 'failed', extra(a)].filter(Boolean).join(' ');
    t.label(row, `#${a.number} ${a.status}`);
    if (row > 0 && a.backoffBeforeMs !== undefined && a.backoffBeforeMs !== null) {
      const from = end(list[row - 1]);
      t.span(row, from, start(a), 'backoff', `waited ${a.backoffBeforeMs} ms before attempt ${a.number}`);
      const check = checks.get(a.number);
      if (check && check.expectedMs) {
        const { minMs, maxMs } = check.expectedMs;
        const why = check.source === 'PUSHBACK' ? `the server's pushback sets ${minMs}..${maxMs} ms`
          : `the policy allows ${minMs}..${maxMs} ms (bound ${check.boundMs} ms)`;
        t.span(row, from + minMs, from + maxMs, `bound${check.ok ? '' : ' outside'}`,
          `${why}; it waited ${check.waitedMs} ms`, 4);
      }
    }
    t.bar(row, start(a), end(a), classes, `attempt ${a.number}: ${a.status} after ${a.durationMs} ms`
      + (a.description ? ` (${a.description})` : ''), { number: a.number, status: a.status });
  });
  t.marker(r.elapsedMs, 'marker-end', `answered: ${r.elapsedMs} ms`, { ms: r.elapsedMs });
  return t.element;
}

export function attemptTable(list) {
  return el('table', { class: 'attempts' }, el('thead', {}, el('tr', {},
    ['#', 'start ms', 'ms', 'backoff before', 'status', 'server saw attempt'].map(h => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, list.map(a => el('tr', {}, el('td', {}, a.number), el('td', {}, a.startMs),
    el('td', {}, a.durationMs),
    el('td', {}, a.backoffBeforeMs ?? ''), el('td', {}, badge(a.status), a.description ? ` ${a.description}` : ''),
    el('td', {}, a.servedAs ?? '')))));
}

function retry(r) {
  const why = r.stoppedBecause || (ok(r.outcome.status)
    ? `attempt ${r.attempts.length} succeeded, so no further attempt was needed` : r.outcome.status);
  return el('section', {}, attempts(r, r.attempts, () => ''),
    el('p', { class: 'stopped' }, el('strong', {}, 'Why it stopped: '), why),
    el('p', { class: 'legend' }, 'Thin lines: the real wait before each retry (above) and the range the policy ',
      'allows for it (below, red when the wait fell outside).'),
    attemptTable(r.attempts));
}

function hedging(r) {
  const extra = a => [a.number === r.winner ? 'winner' : '', a.status === 'CANCELLED' ? 'cancelled' : ''].join(' ');
  return el('section', {}, attempts(r, r.attempts, extra),
    el('p', {}, r.winner ? `Attempt ${r.winner} won; ` : 'No attempt won; ',
      `${r.attempts.filter(a => a.status === 'CANCELLED').length} cancelled when it did.`),
    facts((r.serverWaits || []).map(w => [`server wait of attempt ${w.attempt}`, `${w.ended} after ${w.afterMs} ms`])),
    attemptTable(r.attempts));
}

function faultTolerance(r) {
  const apps = r.appAttempts || [];
  const inner = apps.flatMap(app => (app.grpcAttempts || []).map(g => end(g) + start(app)));
  const t = new Timeline(Math.max(r.elapsedMs || 0, ...apps.map(end), ...inner) * 1.05, Math.max(apps.length, 1),
    `${apps.length} application attempts`);
  apps.forEach((app, row) => {
    t.label(row, `app #${app.number} ${app.result}`);
    t.bar(row, start(app), end(app), `app-attempt ${ok(app.result) ? 'ok' : 'failed'}`,
      `application attempt ${app.number}: ${app.result} after ${app.durationMs} ms`, { number: app.number });
    (app.grpcAttempts || []).forEach(g => t.bar(row, start(app) + start(g), start(app) + end(g),
      `attempt grpc-attempt ${ok(g.status) ? 'ok' : 'failed'}`, `gRPC attempt ${g.number}: ${g.status}`,
      { app: app.number, number: g.number, status: g.status }, 6));
  });
  const breaker = r.circuitBreaker || {};
  const states = [breaker.before, ...(breaker.transitions || []).map(tr => tr.to)];
  if (breaker.after && breaker.after !== states[states.length - 1]) states.push(breaker.after);
  const drawing = apps.length ? [t.element,
    el('p', { class: 'legend' }, 'Each row is one attempt of SmallRye Fault Tolerance (outlined); the small bars ',
      'inside it are the gRPC attempts grpc-java made for it.')]
    : el('p', { class: 'no-attempt' }, 'No attempt was made, so there is nothing to draw: ', r.fallbackReason);
  return el('section', {}, drawing,
    el('p', { class: 'breaker' }, el('strong', {}, `Circuit breaker ${breaker.name || ''}: `),
      states.map((s, i) => [i ? ' → ' : '', el('span', { class: `state state-${String(s).toLowerCase()}` }, s)])),
    facts([['answered by', r.answeredBy], ['answer', r.answer], ['fallback because', r.fallbackReason],
      ['worst case', r.amplification && `${r.amplification.appAttempts} × ${r.amplification.grpcAttempts} = `
        + `${r.amplification.worstCase} calls`]]));
}

export function metadata(r) {
  const added = new Set(r.addedOnTheWay || []);
  const column = (title, values) => el('div', { class: 'md-column' }, el('h3', {}, title),
    el('dl', {}, Object.entries(values || {}).map(([k, v]) => [
      el('dt', { class: added.has(k) ? 'added' : '' }, k, added.has(k) ? el('span', { class: 'tag' }, 'added') : ''),
      el('dd', {}, v)])));
  const m = r.metadata || {};
  return el('section', {}, el('div', { class: 'md-grid' }, column('sent by the gateway', m.sent),
    column('received by the server', m.serverReceived), column('response headers', m.headers),
    column('trailers', m.trailers)),
  el('p', { class: 'legend' }, el('span', { class: 'tag' }, 'added'), ' what the gRPC stack put on the wire that ',
    'the gateway did not send: ', [...added].join(', ') || 'nothing'));
}

function auth(r) {
  return el('section', {}, el('ol', { class: 'steps' }, (r.steps || []).map(s => {
    const refused = !ok(s.status);
    return el('li', { class: `step ${refused ? 'refused' : 'accepted'}${s.asExpected ? '' : ' unexpected'}`,
      'data-status': s.status, 'data-expected': s.expected },
    el('div', { class: 'step-head' }, el('strong', {}, s.step), ' ',
      badge(refused ? `refused: ${s.status}` : 'accepted', refused ? (s.asExpected ? 'expected-refusal' : 'failed')
        : 'ok')),
    el('div', {}, `expected ${s.expected}, got ${s.status}${s.asExpected ? '' : ': NOT as expected'}`),
    el('div', { class: 'muted' }, s.credentials), s.detail ? el('div', { class: 'muted' }, s.detail) : '');
  })));
}

function certificate(c) {
  return c && facts([['subject', c.subject], ['issuer', c.issuer],
    ['names', (c.subjectAlternativeNames || []).join(', ')],
    ['valid', `${c.notBefore} to ${c.notAfter}`]]);
}

function tls(r) {
  const t = r.tls || {};
  return el('section', {}, facts([['protocol', t.protocol], ['cipher suite', t.cipherSuite]]),
    el('h3', {}, 'The certificate the server presented'), certificate(t.peerCertificate),
    t.localCertificate ? [el('h3', {}, 'The client certificate sent'), certificate(t.localCertificate)] : '',
    warnings(r.warnings));
}

function keepalive(r) {
  const c = r.client || {};
  const s = r.server || {};
  return el('section', {}, el('table', { class: 'compare' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { scope: 'col' }, 'client'), el('th', { scope: 'col' },
      'server'))),
    el('tbody', {}, [['ping every (ms)', c.effectiveTimeMs, s.timeMs], ['ack timeout (ms)', c.timeoutMs, s.timeoutMs],
      ['pings without calls', c.withoutCalls, s.permitWithoutCalls],
      ['fastest ping permitted (ms)', '', s.permitTimeMs]]
      .map(([k, a, b]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, a), el('td', {}, b))))),
  checks(r.checks), warnings(r.notes),
  facts([['channel', `${r.channelStateBefore} → ${r.channelStateAfter}`], ['compatible', r.compatible]]));
}

/** The steps of a TLS connection in order, the one the client's failure points at marked, and that failure's text. */
function tlsFailure(r) {
  return el('section', {}, el('ol', { class: 'tls-steps' }, (r.steps || []).map(s => el('li', {
    class: `tls-step ${s.result.toLowerCase().replace('_', '-')}`, 'data-step': s.step, 'data-result': s.result },
  badge(s.result, s.result === 'FAILED' ? 'failed' : s.result === 'PASSED' ? 'ok' : 'skipped'), ` ${s.words}`))),
  facts([['failed at', r.failedStepInWords || 'no step: the call was answered'],
    ['the step this case must fail at', r.asExpected ? 'this one' : 'another one: see the reason'],
    ['client certificates', r.clientAuth === 'REQUIRE' ? 'required by the server' : 'not asked for']]),
  r.reason ? [el('h3', {}, 'The failure as the client got it'), el('pre', { class: 'reason' }, r.reason)] : '',
  el('h3', {}, 'The material of the run'), el('ul', { class: 'material' }, (r.material || []).map(m => el('li', {}, m))));
}

function config(r) {
  const c = r.client || {};
  const backends = (c.balancing || {}).backends || [];
  return el('section', {}, warnings(r.warnings),
    el('h3', {}, 'Backends of the gateway channel'),
    el('table', { class: 'backends' }, el('thead', {}, el('tr', {}, ['address', 'state', 'health', 'in rotation',
      'picks'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, backends.map(b => el('tr', { class: b.inRotation ? 'in' : 'out' }, el('td', {}, b.address),
      el('td', {}, badge(b.state, b.state === 'READY' ? 'ok' : 'failed')), el('td', {}, b.health),
      el('td', {}, b.inRotation ? 'yes' : 'no'), el('td', {}, b.picks))))),
    el('h3', {}, 'Retries and hedging'),
    facts([['retry policy', c.retry && JSON.stringify(c.retry.policy)],
      ['retry attempts in force', c.retry && c.retry.effectiveMaxAttempts],
      ['hedging policy', c.hedging && JSON.stringify(c.hedging.policy)],
      ['hedged attempts in force', c.hedging && c.hedging.effectiveMaxAttempts]]),
    el('h3', {}, 'Server'),
    facts([['port', (r.server || {}).port], ['TLS', r.server && r.server.tls && (r.server.tls.enabled
      ? `${r.server.tls.protocols.join(', ')}, client certificates ${r.server.tls.clientAuth}` : 'off')]]));
}

function checks(list) {
  return el('ul', { class: 'checks' }, (list || []).map(c => el('li', { class: c.ok ? 'ok' : 'failed' },
    badge(c.ok ? 'OK' : 'FAILS'), ` ${c.rule}: ${c.detail}`)));
}

function warnings(list) {
  return list && list.length ? el('ul', { class: 'warnings', 'aria-label': 'warnings' },
    list.map(w => el('li', { class: 'warning' }, w))) : '';
}

const VIEWS = { deadline, retry, hedging, 'fault-tolerance': faultTolerance, metadata, 'auth/basic': auth,
  'auth/session': auth, 'auth/token': auth, tls, keepalive, 'keepalive/silent-peer': silentPeer,
  'keepalive/too-many-pings': tooManyPings, 'tls/failure': tlsFailure, config, 'bad-network/latency': badNetwork,
  'bad-network/reset': badNetwork, 'bad-network/slow-backend': badNetwork, 'bad-network/silent-backend': badNetwork };

const retryPolicy = p => `retry: up to ${p.maxAttempts} attempts, backoff ${p.initialBackoff} to ${p.maxBackoff} `
  + `×${p.backoffMultiplier}, on ${p.retryableStatusCodes.join(', ')}`;
const hedgingPolicy = p => `hedging: up to ${p.maxAttempts} attempts, ${p.hedgingDelay} apart, going on after `
  + `${p.nonFatalStatusCodes.join(', ')}`;

/** The policy or settings a run had, in words, read from its report (never from the form); null when it says none. */
export function inForce(r) {
  const p = r.policy;
  if (p && p.retry) return retryPolicy(p.retry);
  if (p && p.hedging) return hedgingPolicy(p.hedging);
  if (p && p.retryableStatusCodes) return retryPolicy(p);
  if (p && p.hedgingDelay) return hedgingPolicy(p);
  const k = r.keepalive;
  if (k && k.enabled !== undefined) {
    return k.enabled ? `keepalive: a ping after ${k.timeMs} ms without reads, ${k.timeoutMs} ms for its ack`
      : 'keepalive: off';
  }
  if (r.clientKeepaliveTimeMs !== undefined) {
    return `keepalive: the client pings every ${r.clientKeepaliveTimeMs} ms; the server permits one per `
      + `${r.serverPermitTimeMs} ms`;
  }
  return null;
}

/** Drawings of several reports on one time axis: each drawn once for its own axis, then again on the longest. */
export function drawOnOneAxis(key, reports) {
  const axes = reports.map(r => draw(key, r).querySelector('svg.timeline'))
    .map(svg => (svg ? Number(svg.dataset.maxMs) : 0));
  Timeline.floorMs = Math.max(0, ...axes);
  const main = document.getElementById('main');
  const room = main ? main.clientWidth - 40 : 700;
  Timeline.widthPx = room >= 2 * 320 + 12 ? (room - 12) / 2 : room; // side by side while both fit, else stacked
  try {
    return reports.map(r => draw(key, r));
  } finally {
    Timeline.floorMs = 0;
    Timeline.widthPx = 0;
  }
}

/** The drawing of a report, or its top-level facts for a scenario without a view of its own. */
export function draw(key, report) {
  const view = VIEWS[key];
  if (view) return view(report);
  return facts(Object.entries(report).filter(([, v]) => typeof v !== 'object'));
}
