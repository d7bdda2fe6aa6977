// A form for any protobuf message, built from the shapes GET /demo/explorer gives (fields by their proto3 JSON names,
// kinds, enum values, nested types): each control reads back its value as proto3 JSON, and leaves a field it was not
// given out, so that the server sees exactly what the learner set.
import { el } from './dom.js';

const INTEGERS = ['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32'];
const LONGS = ['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'];
const JSON_FORMS = ['google.protobuf.Struct', 'google.protobuf.Value', 'google.protobuf.ListValue',
  'google.protobuf.Any', 'google.protobuf.Empty'];
const WRAPPED = { 'google.protobuf.DoubleValue': 'double', 'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64', 'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32', 'google.protobuf.UInt32Value': 'uint32', 'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string', 'google.protobuf.BytesValue': 'bytes' };
const HINTS = { 'google.protobuf.Timestamp': 'RFC 3339, e.g. 2026-12-03T10:00:00Z',
  'google.protobuf.Duration': 'seconds and an s, e.g. 1.5s', 'google.protobuf.FieldMask': 'paths, comma-separated',
  bytes: 'base64', int64: 'a whole number (sent as a JSON string)' };
/** Nested messages open this deep; a deeper one (a message that contains itself) is written as JSON. */
const MAX_DEPTH = 4;

let ids = 0;

/** A control for one value of a kind: {element, read()}; read() is undefined when nothing was given. */
function scalar(kind, label, field, shapes, depth) {
  const id = `m-${++ids}`;
  const hint = HINTS[kind] || (LONGS.includes(kind) ? HINTS.int64 : '');
  const labelled = input => el('div', { class: 'field' }, el('label', { for: id }, label), input,
    el('small', {}, el('code', {}, field.protoName || field.name), ` ${kindName(kind, field)}`, hint && `, ${hint}`));
  if (kind === 'message') return message(field.message, label, shapes, depth + 1, field);
  if (kind === 'enum') {
    const input = el('select', { id, 'data-field': field.name }, el('option', { value: '' }, '(not set)'),
      field.enumValues.map(v => el('option', { value: v }, v)));
    return { element: labelled(input), read: () => input.value || undefined };
  }
  if (kind === 'bool') {
    const input = el('select', { id, 'data-field': field.name }, el('option', { value: '' }, '(not set)'),
      el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
    return { element: labelled(input), read: () => (input.value === '' ? undefined : input.value === 'true') };
  }
  if (WRAPPED[kind]) return scalar(WRAPPED[kind], label, field, shapes, depth);
  if (JSON_FORMS.includes(kind)) {
    const input = el('textarea', { id, rows: 2, 'data-field': field.name, placeholder: '{}' });
    return { element: labelled(input), read: () => {
      if (!input.value.trim()) return undefined;
      try {
        input.setCustomValidity('');
        return JSON.parse(input.value);
      } catch {
        input.setCustomValidity('not JSON');
        return input.value; // sent as it is: the server names the field it cannot read
      }
    } };
  }
  const numeric = INTEGERS.includes(kind) || kind === 'float' || kind === 'double';
  const input = el('input', { id, type: numeric ? 'number' : 'text', step: INTEGERS.includes(kind) ? 1 : 'any',
    inputmode: numeric || LONGS.includes(kind) ? 'numeric' : undefined, 'data-field': field.name, autocomplete: 'off',
    placeholder: HINTS[kind] ? HINTS[kind].replace(/^.*e\.g\. /, '') : '' });
  return { element: labelled(input), read: () => {
    if (input.value === '') return undefined;
    return numeric ? Number(input.value) : input.value;
  } };
}

const kindName = (kind, field) => (kind === 'enum' ? 'enum' : kind.replace('google.protobuf.', ''))
  + (field.repeated ? ', repeated' : '');

/** A repeated field: its items, one control each, added and removed by the learner. */
function repeated(field, label, shapes, depth, itemOf) {
  const items = [];
  const list = el('ol', { class: 'items' });
  const add = el('button', { type: 'button', class: 'secondary add', 'data-add': field.name, onclick: () => {
    const item = itemOf(items.length + 1);
    const entry = { ...item };
    const li = el('li', {}, item.element, el('button', { type: 'button', class: 'secondary remove', onclick: () => {
      items.splice(items.indexOf(entry), 1);
      li.remove();
    } }, 'Remove'));
    items.push(entry);
    list.append(li);
  } }, `Add ${field.kind === 'map' ? 'an entry' : 'an item'}`);
  return { element: el('fieldset', { class: 'repeated', 'data-field': field.name }, el('legend', {}, label,
    ' ', el('code', {}, field.protoName)), list, add),
  read: () => {
    const values = items.map(i => i.read());
    return values.length ? values : undefined;
  } };
}

function control(field, shapes, depth) {
  const label = field.name;
  if (field.kind === 'map') {
    const control = repeated(field, label, shapes, depth, n => {
      const key = scalar(field.mapKey.kind, `key ${n}`, field.mapKey, shapes, depth);
      const value = scalar(field.mapValue.kind, `value ${n}`, { ...field.mapValue, name: `${field.name}.value` },
        shapes, depth);
      return { element: el('div', { class: 'entry' }, key.element, value.element),
        read: () => [key.read(), value.read()] };
    });
    return { element: control.element, read: () => {
      const pairs = control.read();
      return pairs && Object.fromEntries(pairs.filter(([k]) => k !== undefined));
    } };
  }
  if (field.repeated) {
    return repeated(field, label, shapes, depth, n => scalar(field.kind, `${label} ${n}`,
      { ...field, repeated: false }, shapes, depth));
  }
  return scalar(field.kind, label, field, shapes, depth);
}

/** A message's fields in a box; an object of those set, or undefined when none is. */
export function message(type, label, shapes, depth = 0, field = null) {
  const shape = shapes[type];
  if (!shape || depth > MAX_DEPTH) {
    return scalar('google.protobuf.Struct', label, field || { name: label }, shapes, depth);
  }
  const controls = shape.fields.map(f => [f.name, control(f, shapes, depth)]);
  const box = el(depth ? 'details' : 'div', { class: `message depth-${depth}`, 'data-type': type,
    'data-field': field ? field.name : '' },
  depth ? el('summary', {}, label, ' ', el('code', {}, type)) : '', controls.map(([, c]) => c.element),
  shape.fields.length ? '' : el('p', { class: 'muted' }, `${type} has no fields.`));
  return { element: box, read: () => {
    const set = controls.map(([name, c]) => [name, c.read()]).filter(([, v]) => v !== undefined);
    return set.length ? Object.fromEntries(set) : (depth ? undefined : {});
  } };
}
