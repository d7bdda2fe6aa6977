// Pieces of a run's result that every page shows the same way: a refusal, the raw JSON, a copy button's action.
import { badge, el } from './dom.js';

/** A refused request: its status as the badge, then the problem's words and each parameter it names. */
export function refused(problem) {
  return [el('p', { class: 'outcome' }, badge(`HTTP ${problem.status ?? '?'}`, 'expected-refusal'), ' refused'),
    el('div', { role: 'alert', class: 'problem' }, el('strong', {}, problem.title || 'Refused'), ': ',
    problem.detail || '',
    el('ul', {}, (problem.invalidParams || []).map(p => el('li', {}, `${p.name}: ${p.reason}`))))];
}

/** The report a run answered, or the problem it was refused with; a body that is not JSON becomes a problem. */
export async function fetchReport(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  try {
    return { ok: response.ok, report: JSON.parse(text) };
  } catch {
    return { ok: response.ok, report: { title: `HTTP ${response.status}`, detail: text } };
  }
}

export function raw(report) {
  return el('details', { class: 'raw' }, el('summary', {}, 'Raw JSON'),
    el('pre', {}, JSON.stringify(report, null, 2)));
}

export async function copyText(text, button, label = 'Copy curl') {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = label === 'Copy curl' ? 'Select and copy the command' : 'Copy it from the address bar';
  }
  setTimeout(() => { button.textContent = label; }, 2000);
}
