// How each scenario's report is drawn. Every view returns one element; what it draws carries classes and data-*
// attributes named after the report's fields, so that a test can compare the drawing with the report.
import { badge, el, facts } from './dom.js';
import { Timeline } from './timeline.js';

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
function attempts(r, list, extra) {
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

function attemptTable(list) {
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

function metadata(r) {
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

/**
 * The silent peer on one time axis: the channel's states, each proxied connection (its silence and every read the
 * silence dropped, up or down), and grpc-java's attempts; markers where the silence began, where the client gave the
 * connection up, the latest keepalive should have, and where the call ended.
 */
function silentPeer(r) {
  const entries = r.timeline || [];
  const states = entries.filter(e => e.source === 'channel');
  const connections = r.connections || [];
  const list = r.attempts || [];
  const maxMs = Math.max(r.elapsedMs, r.detectionBoundMs || 0, ...list.map(end)) * 1.05;
  const t = new Timeline(maxMs, 1 + connections.length + list.length, `a peer silent from ${r.silenceAtMs} ms`);
  t.label(0, 'channel');
  states.forEach((s, i) => {
    const until = i + 1 < states.length ? states[i + 1].atMs : r.elapsedMs;
    t.bar(0, s.atMs, until, `state state-${s.what.toLowerCase()}`, `${s.what} from ${s.atMs} ms`,
      { state: s.what, ms: s.atMs });
  });
  connections.forEach((c, i) => {
    const row = 1 + i;
    const prefix = `connection ${c.id}: `;
    const mine = entries.filter(e => e.source === 'proxy' && e.what.startsWith(prefix));
    const opened = (entries.find(e => e.what === `connection ${c.id} opened`) || { atMs: 0 }).atMs;
    const closed = entries.find(e => e.what.startsWith(`connection ${c.id} closed`));
    t.label(row, `connection ${c.id}`);
    t.bar(row, opened, closed ? closed.atMs : r.elapsedMs, 'connection',
      `connection ${c.id}: ${c.bytesUpstream} bytes up, ${c.bytesDownstream} down`
        + (c.closedBy ? `, closed by ${c.closedBy} (${c.closedHow})` : ''), { id: c.id });
    const began = mine.find(e => / silence .* began$/.test(e.what));
    if (began) {
      const ended = mine.find(e => / silence .* ended$/.test(e.what));
      t.span(row, began.atMs, ended ? ended.atMs : (closed ? closed.atMs : r.elapsedMs), 'silence',
        `silent from ${began.atMs} ms`);
    }
    mine.filter(e => / dropped \d+ bytes/.test(e.what)).forEach(e => {
      const up = e.what.endsWith('upstream');
      t.bar(row, e.atMs, e.atMs, `drop ${up ? 'up' : 'down'}`, `${e.what.slice(prefix.length)} at ${e.atMs} ms`
        + (up ? ' (from the client)' : ' (from the server)'), { ms: e.atMs, direction: up ? 'upstream' : 'downstream' },
        up ? 0 : 8);
    });
  });
  list.forEach((a, i) => {
    const row = 1 + connections.length + i;
    t.label(row, `attempt #${a.number} ${a.status}`);
    t.bar(row, start(a), end(a), `attempt ${ok(a.status) ? 'ok' : 'failed'}`,
      `attempt ${a.number}: ${a.status} after ${a.durationMs} ms`, { number: a.number, status: a.status });
  });
  if (r.silenceAtMs !== undefined) {
    t.marker(r.silenceAtMs, 'marker-silence', `silent: ${r.silenceAtMs} ms`, { ms: r.silenceAtMs }, 1);
  }
  if (r.detectedAtMs !== undefined) {
    t.marker(r.detectedAtMs, 'marker-detected', `given up: ${r.detectedAtMs} ms`, { ms: r.detectedAtMs }, 1);
  }
  if (r.detectionBoundMs !== undefined) {
    t.marker(r.detectionBoundMs, 'marker-bound', '', { ms: r.detectionBoundMs }); // named in the legend
  }
  t.marker(r.elapsedMs, 'marker-end', `call ended: ${r.elapsedMs} ms, ${r.outcome.status}`, { ms: r.elapsedMs });
  const k = r.keepalive || {};
  return el('section', {}, t.element,
    el('p', { class: 'legend' }, 'The channel\'s states as grpc-java reported them. Under each connection, the dashed ',
      'line is the silence; each tick is a read the proxy dropped: up from the client (a keepalive ping, encrypted), ',
      'down from the server. The attempts are grpc-java\'s own. The grey dashed line is the latest keepalive should ',
      'have given the connection up: silence + time + timeout + 1 s.'),
    facts([['keepalive', k.enabled ? `a ping after ${k.timeMs} ms without reads, ${k.timeoutMs} ms for its ack`
      : 'off'],
    ['silence began', `${r.silenceAtMs} ms`],
    ['client gave the connection up', r.detectedAtMs !== undefined ? `${r.detectedAtMs} ms` : 'never'],
    ['within silence + time + timeout + 1 s', r.detectedWithinBound],
    ['the call', `${r.outcome.status} after ${r.elapsedMs} ms`]]));
}

/**
 * Calls over links that fail on purpose: each backend's connections as the proxy saw them (the fault as a line, a
 * reset connection in red), then every attempt of every call with the backend it went to.
 */
function badNetwork(r) {
  const connections = r.connections || [];
  const calls = r.calls || [];
  const rows = calls.flatMap(c => (c.attempts || []).map(a => ({ c, a })));
  const closedAt = c => (c.record.closedAtMs ?? null) === null ? r.elapsedMs : c.openedAtMs + c.record.closedAtMs;
  const deadline = calls.length === 1 && calls[0].deadlineMs ? calls[0].startMs + calls[0].deadlineMs : 0;
  const maxMs = Math.max(r.elapsedMs, deadline, ...calls.map(c => c.startMs + c.elapsedMs),
    ...connections.map(closedAt)) * 1.05;
  const rotation = (r.timeline || []).filter(e => / rotation$/.test(e.what));
  const rotating = (r.backends || []).filter(b => rotation.some(e => e.source === b.name));
  const top = rotating.length + connections.length;
  const t = new Timeline(maxMs, top + rows.length, `${calls.length} calls over ${(r.backends || []).length} links`);
  rotating.forEach((b, row) => { // the balancer's view of each backend: in rotation or not, and why
    const changes = rotation.filter(e => e.source === b.name);
    t.label(row, `${b.name} in rotation`);
    changes.forEach((e, i) => {
      const inRotation = e.what.endsWith(', in rotation');
      t.bar(row, e.atMs, i + 1 < changes.length ? changes[i + 1].atMs : r.elapsedMs,
        `rotation ${inRotation ? 'in' : 'out'}`, `${e.what} from ${e.atMs} ms`, { ms: e.atMs, rotation: inRotation ? 'in' : 'out' });
    });
  });
  connections.forEach((c, i) => {
    const row = rotating.length + i;
    const rec = c.record;
    t.label(row, `${c.backend} connection ${rec.id}`);
    t.bar(row, c.openedAtMs, closedAt(c), `connection${rec.closedHow === 'RST' ? ' reset' : ''}`,
      `${c.backend} connection ${rec.id}: ${rec.bytesUpstream} bytes up, ${rec.bytesDownstream} down`
        + (rec.closedBy ? `, closed by ${rec.closedBy} (${rec.closedHow})` : ''), { id: rec.id, backend: c.backend });
    (rec.events || []).filter(e => / began$/.test(e.what)).forEach(e => { // only where the fault met it
      const id = e.what.split(' ')[0];
      const ended = rec.events.find(x => x.what.startsWith(`${id} `) && / ended$/.test(x.what));
      t.span(row, c.openedAtMs + e.atMs, ended ? c.openedAtMs + ended.atMs : closedAt(c), 'fault',
        `${c.backend}: ${e.what.slice(id.length + 1, -' began'.length)}`);
    });
  });
  rows.forEach(({ c, a }, i) => {
    const row = top + i;
    const from = c.startMs + start(a);
    const classes = ['attempt', ok(a.status) ? 'ok' : 'failed', c.winner === a.number && c.attempts.length > 1 ? 'winner' : '',
      a.status === 'CANCELLED' ? 'cancelled' : '', a.transparentRetry ? 'transparent' : ''].filter(Boolean).join(' ');
    t.label(row, `call ${c.number} #${a.number} → ${a.backend || '?'}`);
    t.bar(row, from, from + Math.max(a.durationMs || 0, 0), classes, `call ${c.number}, attempt ${a.number} to `
      + `${a.backend || 'no backend'}: ${a.status} after ${a.durationMs} ms`
      + (a.transparentRetry ? ' (transparent retry)' : '') + (a.description ? ` (${a.description})` : ''),
    { call: c.number, number: a.number, status: a.status, backend: a.backend || '' });
  });
  if (deadline) {
    t.marker(deadline, 'marker-bound', '', { ms: deadline }); // named in the legend
  }
  const last = calls[calls.length - 1];
  if (last) {
    t.marker(last.startMs + last.elapsedMs, 'marker-end', `call ${last.number} ended: ${last.outcome.status}`,
      { ms: last.startMs + last.elapsedMs });
  }
  return el('section', {}, t.element,
    el('p', { class: 'legend' }, rotating.length ? 'On top, whether the balancer kept each backend in rotation (green) '
      + 'or not (grey). ' : '', 'Each backend\'s connections as its proxy saw them: the dark line is the fault in ',
      'force, a red bar a connection the proxy reset. Below, every attempt grpc-java made, with the backend it went ',
      'to; the attempt that answered, where there were several, is outlined.',
      deadline ? ' The grey dashed line is the deadline.' : ''),
    facts([...(r.backends || []).map(b => [`backend ${b.name} (${b.address})`, b.fault || 'no fault']),
      ['the calls', calls.map(c => `${c.outcome.status} after ${c.elapsedMs} ms`).join(', ')]]));
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

/** The server's side of keepalive: the channel's states and the open call on one axis, the GOAWAY marked. */
function tooManyPings(r) {
  const entries = r.timeline || [];
  const states = entries.filter(e => e.source === 'channel');
  const ended = entries.find(e => e.source === 'call' && e.what.startsWith('ended'));
  const maxMs = Math.max(r.elapsedMs, 1) * 1.05;
  const t = new Timeline(maxMs, 2, `pings every ${r.clientKeepaliveTimeMs} ms, ${r.serverPermitTimeMs} ms permitted`);
  t.label(0, 'channel');
  states.forEach((s, i) => {
    const until = i + 1 < states.length ? states[i + 1].atMs : r.elapsedMs;
    t.bar(0, s.atMs, until, `state state-${s.what.toLowerCase()}`, `${s.what} from ${s.atMs} ms`,
      { state: s.what, ms: s.atMs });
  });
  t.label(1, 'open call (Watch)');
  t.bar(1, 0, ended ? ended.atMs : r.elapsedMs, `attempt ${r.goawayAtMs !== undefined ? 'failed' : 'ok'}`,
    ended ? ended.what : 'still open', { status: r.outcome.status });
  for (let ms = r.clientKeepaliveTimeMs; ms < (ended ? ended.atMs : r.elapsedMs); ms += r.clientKeepaliveTimeMs) {
    t.span(1, ms - 40, ms + 40, 'ping', `a keepalive ping is due about ${ms} ms in`);
  }
  if (r.goawayAtMs !== undefined) {
    t.marker(r.goawayAtMs, 'marker-detected', `GOAWAY: ${r.goawayAtMs} ms`, { ms: r.goawayAtMs }, 1);
  }
  return el('section', {}, t.element,
    el('p', { class: 'legend' }, 'The ticks on the call are when the client\'s keepalive is due (every ',
      `${r.clientKeepaliveTimeMs} ms); the server permits one ping per ${r.serverPermitTimeMs} ms.`),
    facts([['GOAWAY', r.goaway || 'none came'], ['the open call', `${r.outcome.status}`],
      ['grpc-java then', r.clientKeepaliveAfter], ['the next call', r.secondCall && r.secondCall.status]]));
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
  try {
    return reports.map(r => draw(key, r));
  } finally {
    Timeline.floorMs = 0;
  }
}

/** The drawing of a report, or its top-level facts for a scenario without a view of its own. */
export function draw(key, report) {
  const view = VIEWS[key];
  if (view) return view(report);
  return facts(Object.entries(report).filter(([, v]) => typeof v !== 'object'));
}
