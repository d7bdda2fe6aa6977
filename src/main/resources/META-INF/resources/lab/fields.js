// Form fields from the OpenAPI description: each input carries its parameter's bounds, default and allowed values,
// with the description as its label and the parameter's own name as the small print.
import { el } from './dom.js';

let openapi = { components: { schemas: {} } };

/** The document the fields are read from (GET /q/openapi). */
export function useOpenApi(document) {
  openapi = document;
}

/** The operation of a method and path, or {} when the document has none. */
export function operation(method, path) {
  return ((openapi.paths || {})[path] || {})[method.toLowerCase()] || {};
}

/** A schema with its $ref and allOf parts folded in (SmallRye writes a default beside a $ref as allOf). */
export function resolve(schema) {
  if (!schema) return {};
  if (schema.$ref) return resolve(openapi.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.allOf) {
    const { allOf, ...own } = schema;
    return Object.assign({}, ...allOf.map(resolve), own);
  }
  return schema;
}

const types = schema => [].concat(schema.type || []);

/** One form field from an OpenAPI parameter or body property: its input carries the schema's bounds. */
export function field(name, schema, description, where, secret) {
  schema = resolve(schema);
  const id = `field-${where}-${name}`;
  const choices = (schema.enum || []).filter(v => v !== null);
  let input;
  if (choices.length) {
    input = el('select', { id, name }, el('option', { value: '' }, '(server default)'),
      choices.map(v => el('option', { value: v, selected: String(v) === String(schema.default) }, v)));
  } else if (types(schema).includes('boolean')) {
    // a box on by default is sent as false when cleared: left out, the server would take its default, true
    input = el('input', { id, name, type: 'checkbox', checked: schema.default === true,
      'data-default-on': schema.default === true });
  } else if (types(schema).includes('integer') || types(schema).includes('number')) {
    input = el('input', { id, name, type: 'number', min: schema.minimum, max: schema.maximum,
      step: types(schema).includes('integer') ? 1 : 'any', value: schema.default, inputmode: 'numeric' });
  } else {
    input = el('input', { id, name, type: secret ? 'password' : 'text', maxlength: schema.maxLength,
      autocomplete: 'off' });
  }
  input.dataset.where = where;
  const bounds = schema.minimum !== undefined || schema.maximum !== undefined
    ? `${schema.minimum ?? ''}..${schema.maximum ?? ''}` : '';
  // the description is the plain label; the parameter's own name, its bounds and default are the small print
  const label = description ? description[0].toUpperCase() + description.slice(1) : name;
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    input, el('small', {}, [el('code', {}, name), bounds && ` ${bounds}`, schema.default !== undefined
      && !choices.length && `, default ${schema.default}`]));
}

