/**
 * The subset of Go's text/template that docker-machine users put in `ls -f` and `inspect -f`:
 * literal text, `{{.Field.Path}}`, `{{.}}` and `{{json .Field}}`, with `{{-`/`-}}` trimming.
 * Anything else is refused with a clear error instead of being printed wrongly.
 */
export class TemplateError extends Error {}

type Node = { kind: 'text'; text: string } | { kind: 'field'; path: string[]; json: boolean; source: string };

const ACTION = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;

export function parseGoTemplate(source: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  let trimNext = false;
  for (const m of source.matchAll(ACTION)) {
    let text = source.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    if (text) nodes.push({ kind: 'text', text });
    const body = m[2]!;
    const json = /^json\s+/.test(body);
    const expr = json ? body.replace(/^json\s+/, '') : body;
    if (!/^\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?$/.test(expr)) {
      throw new TemplateError(`Template parsing error: unsupported action {{${body}}} (fields like {{.Name}} and {{json .Driver}} are supported)`);
    }
    nodes.push({ kind: 'field', path: expr === '.' ? [] : expr.slice(1).split('.'), json, source: body });
    trimNext = m[3] === '-';
    last = m.index + m[0].length;
  }
  let tail = source.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (tail.includes('{{')) throw new TemplateError('Template parsing error: unclosed action');
  if (tail) nodes.push({ kind: 'text', text: tail });
  return nodes;
}

/** Go's fmt %v for JSON-like values. */
export function formatGoValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return `map[${entries.map(([k, x]) => `${k}:${formatGoValue(x)}`).join(' ')}]`;
  }
  return String(v);
}

export function executeGoTemplate(nodes: Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    let value: unknown = data;
    for (const key of node.path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new TemplateError(`template: can't evaluate field ${key} in {{${node.source}}}`);
      }
      const obj = value as Record<string, unknown>;
      // Own fields only: `.constructor` or `.__proto__` must not reach JavaScript's prototypes.
      if (!Object.hasOwn(obj, key)) throw new TemplateError(`template: can't evaluate field ${key} in {{${node.source}}}`);
      value = obj[key];
    }
    out += node.json ? JSON.stringify(value ?? null) : formatGoValue(value);
  }
  return out;
}

export function renderGoTemplate(source: string, data: unknown): string {
  return executeGoTemplate(parseGoTemplate(source), data);
}
