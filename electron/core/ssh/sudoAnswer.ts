/**
 * A password to write only when a prompt appears on stderr (once), and a marker after which the
 * command has started and its stdin ends. Both markers are removed from what the caller sees.
 */
export interface SudoAnswer {
  prompt: string;
  reply: string;
  ready: string;
}

/** What to do with one chunk of stderr: text to show, and whether to answer or end stdin now. */
export interface SudoStep {
  show: string;
  write?: string;
  endStdin?: boolean;
}

/**
 * Reads a sudo-wrapped command's stderr (see `asRoot`): until the root shell announces itself,
 * stderr is sudo's and held back; its prompt is answered once (a second prompt means the password
 * was refused: stdin ends so sudo gives up at once instead of asking three times); the announcement
 * ends stdin (the command reads EOF, never the password) and everything after passes through.
 */
export class SudoResponder {
  private held: string | null = '';
  private answered = false;

  constructor(private readonly answer: SudoAnswer) {}

  push(text: string): SudoStep {
    if (this.held === null) return { show: text };
    const step: SudoStep = { show: '' };
    this.held += text;
    if (this.held.includes(this.answer.prompt)) {
      this.held = this.held.split(this.answer.prompt).join('');
      if (this.answered) step.endStdin = true;
      else step.write = this.answer.reply;
      this.answered = true;
    }
    const at = this.held.indexOf(`${this.answer.ready}\n`);
    if (at >= 0) {
      step.show = this.held.slice(0, at) + this.held.slice(at + this.answer.ready.length + 1);
      step.endStdin = true;
      this.held = null;
    }
    return step;
  }

  /** The stream ended: whatever sudo said and was held back (its refusal) is shown. */
  end(): string {
    const rest = this.held ?? '';
    this.held = null;
    return rest;
  }
}
