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
  const data = { Name: 'gen1', Driver: { IPAddress: '127.0.0.1', Port: 22 }, Labels: ['a=b', 'c=d'], Nil: null, On: true, Html: '<b>&' };
  it.each([
    ['{{.Name}}', 'gen1'],
    ['{{ .Name }}: {{.Driver.IPAddress}}:{{.Driver.Port}}', 'gen1: 127.0.0.1:22'],
    ['{{json .Labels}}', '["a=b","c=d"]'],
    ['{{.Labels}}', '[a=b c=d]'],
    ['{{.Nil}} {{.On}}', '<nil> true'],
    ['{{json .Driver}}', '{"IPAddress":"127.0.0.1","Port":22}'],
    ['a  {{- .Name -}}  b', 'agen1b'],
    ['{{.Driver}}', 'map[IPAddress:127.0.0.1 Port:22]'],
    ['{{prettyjson .Driver}}', '{\n    "IPAddress": "127.0.0.1",\n    "Port": 22\n}'],
    ['{{json .Html}}', '"\\u003cb\\u003e\\u0026"'],
    ['{{upper .Name}} {{lower "ABC"}}', 'GEN1 abc'],
    ['{{.Name | upper}}', 'GEN1'],
    ['{{split .Driver.IPAddress "."}}', '[127 0 0 1]'],
    ['{{join .Labels ","}}', 'a=b,c=d'],
    ['{{printf "%s:%d" .Driver.IPAddress .Driver.Port}}', '127.0.0.1:22'],
    ['{{.Name | printf "name=%q"}}', 'name="gen1"'],
    ['{{printf "%s %s" .Name}}', 'gen1 %!s(MISSING)'],
    ['{{json .}}', '{"Name":"gen1","Driver":{"IPAddress":"127.0.0.1","Port":22},"Labels":["a=b","c=d"],"Nil":null,"On":true,"Html":"\\u003cb\\u003e\\u0026"}'],
  ])('%s', (tpl, expected) => {
    expect(renderGoTemplate(tpl, data)).toBe(expected);
  });

  it.each(['{{.Missing}}', '{{range .Labels}}x{{end}}', '{{.Name', '{{.Name.Deeper}}', '{{upper}}', '{{join .Labels}}', '{{.Name | .On}}', '{{$x := 1}}', '{{.Name |}}', '{{.constructor}}', '{{join (split "x y" " ") "-"}}'])('refuses %s', (tpl) => {
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
