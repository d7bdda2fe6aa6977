// "What to notice" for the reports that do not carry their own explanation: one line, read from what the run
// reported (never from the form), that points at the part of the drawing the lesson is about.
const list = items => items.join(', ');

function retry(r) {
  const waited = (r.attempts || []).filter(a => a.backoffBeforeMs !== undefined && a.backoffBeforeMs !== null);
  const inRange = ((r.backoff || {}).checks || []).filter(c => c.ok).length;
  const why = r.stoppedBecause || (r.outcome.status === 'OK'
    ? `attempt ${r.attempts.length} succeeded, after ${r.attempts.length - 1} retries` : r.outcome.status);
  return `${why}. ${r.attempts.length} attempt(s) in ${r.elapsedMs} ms`
    + (waited.length ? `; ${inRange} of ${waited.length} backoffs fell inside the policy's range` : '') + '.';
}

function metadata(r) {
  const added = r.addedOnTheWay || [];
  const trailers = Object.keys((r.metadata || {}).trailers || {});
  return `The server received ${added.length} entries the gateway never set (${list(added) || 'none'}): the gRPC `
    + `stack added them. ${r.outcome.status === 'OK' ? 'The' : 'Even though the call failed, the'} trailers `
    + `(${list(trailers) || 'none'}) came back.`;
}

function auth(r) {
  const steps = r.steps || [];
  const unexpected = steps.filter(s => !s.asExpected);
  const refused = steps.filter(s => s.status !== 'OK');
  if (unexpected.length) {
    return `${unexpected.map(s => `"${s.step}" got ${s.status}, not ${s.expected}`).join('; ')}: the server does `
      + 'not behave as this flow expects.';
  }
  return `Each of the ${steps.length} steps ended as expected; the ${refused.length} refusal(s) `
    + `(${list([...new Set(refused.map(s => s.status))])}) are the server checking the credentials on the call.`;
}

function tls(r) {
  const t = r.tls || {};
  const peer = t.peerCertificate || {};
  return `This call negotiated ${t.protocol} with ${t.cipherSuite}; the server proved it is `
    + `${list(peer.subjectAlternativeNames || []) || peer.subject} with a certificate issued by ${peer.issuer}`
    + (t.localCertificate ? ', and the gateway proved itself with a client certificate.' : '; no client certificate '
      + 'was asked for.');
}

function tlsFailure(r) {
  if (r.outcome.status === 'OK') return 'Every step passed, so the call was answered: compare with a failing case.';
  return `The handshake failed at "${r.failedStepInWords}"${r.asExpected ? ', the step this case breaks' : ''}; `
    + `the client only got ${r.outcome.status}, and the reason below is all it can tell.`;
}

function keepalive(r) {
  const c = r.client || {};
  const s = r.server || {};
  const failing = (r.checks || []).filter(check => !check.ok);
  return `The client pings after ${c.effectiveTimeMs} ms without reads and the server permits one ping per `
    + `${s.permitTimeMs} ms: ${failing.length ? `${failing.length} rule(s) fail, so the server would answer `
      + 'GOAWAY too_many_pings' : 'they agree'}. The channel went ${r.channelStateBefore} → ${r.channelStateAfter}.`;
}

function faultTolerance(r) {
  const apps = r.appAttempts || [];
  const grpc = apps.reduce((n, a) => n + (a.grpcAttempts || []).length, 0);
  const breaker = r.circuitBreaker || {};
  return `${apps.length} application attempt(s) made ${grpc} gRPC attempt(s) in all, of a worst case of `
    + `${(r.amplification || {}).worstCase}; the ${r.answeredBy} answered, and the breaker went `
    + `${breaker.before} → ${breaker.after}.`;
}

function config(r) {
  const backends = ((r.client || {}).balancing || {}).backends || [];
  const warnings = r.warnings || [];
  return `${backends.filter(b => b.inRotation).length} of ${backends.length} backend(s) in rotation; `
    + `${warnings.length ? `${warnings.length} warning(s): start with "${warnings[0]}"` : 'no warnings'}.`;
}

const NOTICES = { retry, metadata, 'auth/basic': auth, 'auth/session': auth, 'auth/token': auth, tls,
  'tls/failure': tlsFailure, keepalive, 'fault-tolerance': faultTolerance, config };

/** The report's own explanation, or one read from it; null when there is neither. */
export function notice(key, report) {
  if (report.explanation) return report.explanation;
  const write = NOTICES[key];
  try {
    return write ? write(report) : null;
  } catch {
    return null; // a report without the fields a line needs: the drawing still says it
  }
}
