import { CiSigningError, describeError, oneLine, safeLine, stripControl } from '../src/index.js';

test('oneLine folds every run of white space', () => {
  expect(oneLine('  a\n\n b\t c\r\n')).toBe('a b c');
});

test('stripControl removes ANSI colours, cursor moves, OSC titles and hyperlinks, and bare controls', () => {
  const hostile =
    '\u001b[31mred\u001b[0m \u001b[2J\u001b[Hcleared \u001b]0;pwned title\u0007\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ bell\u0007 nul\u0000 c1\u009b31m';
  expect(stripControl(hostile)).toBe('red cleared link bell nul c1');
  expect(stripControl('keeps\ttabs\nand newlines')).toBe('keeps\ttabs\nand newlines');
});

test('safeLine is both', () => {
  expect(safeLine('\u001b[1mbold\u001b[0m\nnext')).toBe('bold next');
});

test('describeError gives one line for errors and anything thrown', () => {
  expect(describeError(new CiSigningError('USAGE', 'two\nlines.', 'Do it.'))).toBe('USAGE: two lines. Fix: Do it.');
  expect(describeError(new Error('boom\nagain'))).toBe('INTERNAL: boom again');
  expect(describeError('plain')).toBe('INTERNAL: plain');
});

test('toLine puts a full stop before Fix: when the cause lacks one, and never doubles it', () => {
  expect(new CiSigningError('USAGE', 'no stop', 'Do it.').toLine()).toBe('USAGE: no stop. Fix: Do it.');
  expect(new CiSigningError('USAGE', 'has one.', 'Do it.').toLine()).toBe('USAGE: has one. Fix: Do it.');
  expect(new CiSigningError('USAGE', 'asks?', 'Do it.').toLine()).toBe('USAGE: asks? Fix: Do it.');
  expect(new CiSigningError('USAGE', 'trailing space \n', 'Do it.').toLine()).toBe(
    'USAGE: trailing space. Fix: Do it.',
  );
  expect(new CiSigningError('USAGE', 'no fix', '').toLine()).toBe('USAGE: no fix');
});
