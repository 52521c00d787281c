// What the CLI prints goes through here: layer names and messages can come from a file, and a
// file must not be able to move the cursor, clear the screen or retitle the terminal.
import { format } from 'node:util';

// Escape sequences (CSI, OSC up to BEL or ST, two-character ESC forms), then any other control
// character except newline and tab.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The text with terminal escape sequences and control characters removed. */
export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** console.log for the CLI: the same formatting, without what a terminal would act on. */
export function print(...args: unknown[]): void {
  console.log(printable(format(...args)));
}

/** console.error, likewise. */
export function printError(...args: unknown[]): void {
  console.error(printable(format(...args)));
}
