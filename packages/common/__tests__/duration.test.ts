import { formatSeconds, parseDuration, parseDurationMs, parseNonNegativeInteger } from '../src/index.js';

describe('parseDuration: the one grammar for max-age, --expires, wait-timeout and rate-limit-wait', () => {
  test.each([
    ['90s', 90],
    ['30m', 1800],
    ['24h', 86400],
    ['7d', 604800],
    ['2w', 1209600],
    ['1y', 31536000],
    ['1d 12h', 129600],
    [' 15M ', 900],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text, { name: 'max-age' })).toBe(seconds);
  });

  test('0 only where allowed', () => {
    expect(parseDuration('0', { name: 'wait-timeout', zeroAllowed: true })).toBe(0);
    expect(() => parseDuration('0', { name: 'max-age' })).toThrow(
      expect.objectContaining({ code: 'USAGE', kind: 'usage' }),
    );
    expect(() => parseDuration('0s', { name: 'max-age' })).toThrow(/must be longer than 0/);
  });

  test.each(['', '10', '5 minutes', '-1h', '1.5h', 'h'])('%j is refused as a usage error naming the input', (text) => {
    expect(() => parseDuration(text, { name: 'wait-interval' })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('wait-interval') }),
    );
  });
});

test('formatSeconds names non-zero units, largest first', () => {
  expect(formatSeconds(0)).toBe('0s');
  expect(formatSeconds(45)).toBe('45s');
  expect(formatSeconds(5400)).toBe('1h 30m');
  expect(formatSeconds(183600)).toBe('2d 3h');
});

describe('parseNonNegativeInteger', () => {
  test('whole numbers from 0', () => {
    expect(parseNonNegativeInteger('min-tests', ' 12 ')).toBe(12);
    expect(parseNonNegativeInteger('retries', '0', 20)).toBe(0);
  });

  test.each(['-1', '1.5', 'x', '', '1e3'])('%j is refused', (text) => {
    expect(() => parseNonNegativeInteger('min-tests', text)).toThrow(
      /min-tests .* must be a whole number 0 or greater/,
    );
  });

  test('an upper bound names it', () => {
    expect(() => parseNonNegativeInteger('retries', '21', 20)).toThrow(/from 0 to 20/);
  });
});

test('parseDurationMs: the same grammar plus ms, for wait-timeout and wait-interval only', () => {
  expect(parseDurationMs('15s', { name: 'wait-interval' })).toBe(15000);
  expect(parseDurationMs('500ms', { name: 'wait-interval' })).toBe(500);
  expect(parseDurationMs('1m 500ms', { name: 'wait-timeout' })).toBe(60500);
  expect(parseDurationMs('0', { name: 'wait-timeout', zeroAllowed: true })).toBe(0);
  expect(() => parseDurationMs('0ms', { name: 'wait-interval' })).toThrow(/wait-interval "0ms" must be longer than 0/);
  expect(() => parseDurationMs('5 parsecs', { name: 'wait-interval' })).toThrow(
    expect.objectContaining({ code: 'USAGE' }),
  );
  expect(() => parseDuration('500ms', { name: 'max-age' })).toThrow(expect.objectContaining({ code: 'USAGE' }));
});
