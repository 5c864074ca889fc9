/**
 * Go's text/tabwriter for the settings docker-machine uses (`tabwriter.NewWriter(w, 5, 1, 3, ' ', 0)`),
 * so `ls` tables line up byte for byte: tab-terminated cells are aligned per column block; the text
 * after a line's last tab is not.
 */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const DOCKER_MACHINE_TABWRITER: TabwriterOptions = { minWidth: 5, padding: 3 };

const width = (s: string): number => [...s].length;

export function alignTabs(text: string, opts: TabwriterOptions = DOCKER_MACHINE_TABWRITER): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let line = '';
      cells.forEach((cell, j) => {
        line += cell;
        if (j < widths.length && j < cells.length - 1) line += ' '.repeat(Math.max(0, widths[j]! - width(cell)));
      });
      out.push(line);
    }
  };

  // Go's recursive column-block algorithm (tabwriter.format).
  const format = (pos: number, line0: number, line1: number): number => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current]!.length - 1) continue;
      writeLines(pos, current);
      pos = current;
      let w = opts.minWidth;
      for (; current < line1; current++) {
        const cells = lines[current]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + opts.padding);
      }
      widths.push(w);
      pos = format(pos, line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(pos, line1);
    return line1;
  };

  format(0, 0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
