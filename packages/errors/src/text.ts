// Text that reaches a log line or an error message: one line, no terminal control sequences.
// It lives beside the errors because every message is built with it, and errors import nothing.

/** Folds every run of white space (newlines included) into one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences, then any C0/C1 control
// left over (tab and newline are kept; oneLine folds them where one line is wanted).
/* eslint-disable no-control-regex -- matching control characters is the point */
const TERMINAL_SEQUENCES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

/** Removes ANSI/OSC escapes and control characters from remote or file content before it is printed. */
export function stripControl(text: string): string {
  return text.replace(TERMINAL_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}

/** Text from outside (a report, an API body) made safe for one log line. */
export function safeLine(text: string): string {
  return oneLine(stripControl(text));
}
