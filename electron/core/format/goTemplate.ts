/**
 * The subset of Go's text/template that docker-machine users put in `ls -f` and `inspect -f`:
 * literal text, `{{.Field.Path}}` and `{{.}}`, string and number literals, pipelines
 * (`{{.Name | upper}}`), and the functions docker-machine's docs and callers use: `json`,
 * `prettyjson` (docker-machine's own), `upper`, `lower`, `split`, `join`, `printf`; with
 * `{{-`/`-}}` trimming. Anything else (range, if, variables) is refused with a clear error
 * instead of being printed wrongly.
 */
export class TemplateError extends Error {}

type Operand = { kind: 'field'; path: string[] } | { kind: 'literal'; value: unknown };
type Command = { fn: string | null; args: Operand[] };
type Node = { kind: 'text'; text: string } | { kind: 'action'; pipeline: Command[]; source: string };

const ACTION = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\||[^\s|]+)/gy;
const FIELD = /^\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?$/;

/** Go's encoding/json escapes these inside strings; docker-machine's `json` output has them so. */
const goJson = (text: string): string => text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const str = (v: unknown): string => (typeof v === 'string' ? v : formatGoValue(v));

/** Go's fmt verbs that templates use: %s %v %d %q %t and %%. */
function printf(format: unknown, ...args: unknown[]): string {
  let i = 0;
  return String(format).replace(/%([%svdqt])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const v = args[i++];
    return verb === 'q' ? JSON.stringify(str(v)) : str(v);
  });
}

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  json: (v) => goJson(JSON.stringify(v ?? null)),
  prettyjson: (v) => goJson(JSON.stringify(v ?? null, null, 4)),
  upper: (v) => str(v).toUpperCase(),
  lower: (v) => str(v).toLowerCase(),
  split: (s, sep) => str(s).split(str(sep)),
  join: (list, sep) => {
    if (!Array.isArray(list)) throw new TemplateError('template: join: the first argument is not a list');
    return list.map(str).join(str(sep));
  },
  printf,
};
const ARITY: Record<string, number> = { json: 1, prettyjson: 1, upper: 1, lower: 1, split: 2, join: 2 };

function operand(token: string, body: string): Operand {
  if (FIELD.test(token)) return { kind: 'field', path: token === '.' ? [] : token.slice(1).split('.') };
  if (token.startsWith('"')) return { kind: 'literal', value: JSON.parse(token) as string };
  if (token.startsWith('`')) return { kind: 'literal', value: token.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(token)) return { kind: 'literal', value: Number(token) };
  throw new TemplateError(`Template parsing error: unsupported action {{${body}}} (fields like {{.Name}}, {{json .Driver}} and {{.Name | upper}} are supported)`);
}

function parsePipeline(body: string): Command[] {
  const tokens = [...body.matchAll(TOKEN)].map((m) => m[1]!);
  if (tokens.join('').replace(/\s/g, '') !== body.replace(/\s/g, '')) throw new TemplateError(`Template parsing error: cannot read {{${body}}}`);
  const commands: Command[] = [{ fn: null, args: [] }];
  for (const token of tokens) {
    const current = commands[commands.length - 1]!;
    if (token === '|') {
      if (current.fn === null && current.args.length === 0) throw new TemplateError(`Template parsing error: missing command in {{${body}}}`);
      commands.push({ fn: null, args: [] });
    } else if (current.fn === null && current.args.length === 0 && Object.hasOwn(FUNCTIONS, token)) current.fn = token;
    else current.args.push(operand(token, body));
  }
  for (const [i, c] of commands.entries()) {
    // A value stands alone or starts the pipeline; every later command is a function taking the value.
    if (c.fn === null && (c.args.length !== 1 || i > 0)) throw new TemplateError(`Template parsing error: unsupported action {{${body}}}`);
    const given = c.args.length + (i > 0 ? 1 : 0);
    if (c.fn !== null && c.fn in ARITY && given !== ARITY[c.fn]) throw new TemplateError(`template: wrong number of args for ${c.fn}: want ${ARITY[c.fn]} got ${given}`);
  }
  return commands;
}

export function parseGoTemplate(source: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  let trimNext = false;
  for (const m of source.matchAll(ACTION)) {
    let text = source.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    if (text) nodes.push({ kind: 'text', text });
    nodes.push({ kind: 'action', pipeline: parsePipeline(m[2]!), source: m[2]! });
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

function resolveField(path: string[], data: unknown, source: string): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TemplateError(`template: can't evaluate field ${key} in {{${source}}}`);
    }
    const obj = value as Record<string, unknown>;
    // Own fields only: `.constructor` or `.__proto__` must not reach JavaScript's prototypes.
    if (!Object.hasOwn(obj, key)) throw new TemplateError(`template: can't evaluate field ${key} in {{${source}}}`);
    value = obj[key];
  }
  return value;
}

export function executeGoTemplate(nodes: Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    let piped: unknown[] = [];
    for (const command of node.pipeline) {
      const args = [...command.args.map((a) => (a.kind === 'field' ? resolveField(a.path, data, node.source) : a.value)), ...piped];
      piped = [command.fn === null ? args[0] : FUNCTIONS[command.fn]!(...args)];
    }
    out += formatGoValue(piped[0]);
  }
  return out;
}

export function renderGoTemplate(source: string, data: unknown): string {
  return executeGoTemplate(parseGoTemplate(source), data);
}
