// How the scenarios of a network that fails for real are drawn: the silent peer, calls over faulty links, and the
// server's answer to pings too frequent. Same conventions as views.js: classes and data-* attributes after the
// report's fields.
import { el, facts } from './dom.js';
import { Timeline } from './timeline.js';

const start = a => a.startMs || 0;
const end = a => start(a) + Math.max(a.durationMs || 0, 0);
const ok = status => status === 'OK';

/**
 * The silent peer on one time axis: the channel's states, each proxied connection (its silence and every read the
 * silence dropped, up or down), and grpc-java's attempts; markers where the silence began, where the client gave the
 * connection up, the latest keepalive should have, and where the call ended.
 */
export function silentPeer(r) {
  const entries = r.timeline || [];
  const states = entries.filter(e => e.source === 'channel');
  const connections = r.connections || [];
  const list = r.attempts || [];
  const maxMs = Math.max(r.elapsedMs, r.detectionBoundMs || 0, ...list.map(end)) * 1.05;
  const silent = r.silenceAtMs !== undefined && r.silenceAtMs !== null; // not when the call ended before the silence
  const t = new Timeline(maxMs, 1 + connections.length + list.length,
    silent ? `a peer silent from ${r.silenceAtMs} ms` : 'a peer that never went silent');
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
  if (silent) {
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
    ['silence began', silent ? `${r.silenceAtMs} ms` : 'never: the call ended first'],
    ['client gave the connection up', r.detectedAtMs !== undefined ? `${r.detectedAtMs} ms` : 'never'],
    ['within silence + time + timeout + 1 s', r.detectedWithinBound],
    ['the call', `${r.outcome.status} after ${r.elapsedMs} ms`]]));
}

/**
 * Calls over links that fail on purpose: each backend's connections as the proxy saw them (the fault as a line, a
 * reset connection in red), then every attempt of every call with the backend it went to.
 */
export function badNetwork(r) {
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

/** The server's side of keepalive: the channel's states and the open call on one axis, the GOAWAY marked. */
export function tooManyPings(r) {
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
