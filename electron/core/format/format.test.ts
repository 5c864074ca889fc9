import { describe, expect, it } from 'vitest';
import { renderGoTemplate, TemplateError } from './goTemplate';
import { compareNatural } from './naturalSort';
import { alignTabs } from './tabwriter';

describe('alignTabs (Go tabwriter 5,1,3)', () => {
  it.each([
    ['a\tb\n', 'a    b\n'],
    ['NAME\tX\nlonger-name\ty\n', 'NAME          X\nlonger-name   y\n'],
    ['a\t\tc\n', 'a         c\n'], // an empty column still takes minwidth
    ['a\tb\t\n', 'a    b    \n'],
    ['no tabs\n', 'no tabs\n'],
    ['a\tb\nlong line without tabs\nccccccc\td\n', 'a    b\nlong line without tabs\nccccccc   d\n'],
    ['ü\tx\n', 'ü    x\n'],
  ])('%j', (input, expected) => {
    expect(alignTabs(input)).toBe(expected);
  });
});

describe('Go template subset', () => {
  const data = { Name: 'gen1', Driver: { IPAddress: '127.0.0.1', Port: 22 }, Labels: ['a=b', 'c=d'], Nil: null, On: true };
  it.each([
    ['{{.Name}}', 'gen1'],
    ['{{ .Name }}: {{.Driver.IPAddress}}:{{.Driver.Port}}', 'gen1: 127.0.0.1:22'],
    ['{{json .Labels}}', '["a=b","c=d"]'],
    ['{{.Labels}}', '[a=b c=d]'],
    ['{{.Nil}} {{.On}}', '<nil> true'],
    ['{{json .Driver}}', '{"IPAddress":"127.0.0.1","Port":22}'],
    ['a  {{- .Name -}}  b', 'agen1b'],
    ['{{.Driver}}', 'map[IPAddress:127.0.0.1 Port:22]'],
  ])('%s', (tpl, expected) => {
    expect(renderGoTemplate(tpl, data)).toBe(expected);
  });

  it.each(['{{.Missing}}', '{{range .Labels}}x{{end}}', '{{.Name', '{{.Name.Deeper}}'])('refuses %s', (tpl) => {
    expect(() => renderGoTemplate(tpl, data)).toThrow(TemplateError);
  });
});

describe('compareNatural', () => {
  it('orders numbers by value inside names', () => {
    expect(['node10', 'node2', 'alpha', 'node1', 'b2', 'b10a', 'b10'].sort(compareNatural)).toEqual([
      'alpha',
      'b2',
      'b10',
      'b10a',
      'node1',
      'node2',
      'node10',
    ]);
  });
});
