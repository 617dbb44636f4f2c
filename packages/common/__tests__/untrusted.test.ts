import {
  describeEnumValue,
  describeName,
  describeShape,
  quotableText,
  redactUrl,
  urlHasCredentials,
} from '../src/index.js';
import { CiSigningError, describeError } from '../../errors/src/index.js';
import { escapeText } from '../../results/src/index.js';

test('describeShape names type and length, never the value', () => {
  expect(describeShape('ghp_secret')).toBe('a string of 10 characters');
  expect(describeShape('x')).toBe('a string of 1 character');
  expect(describeShape([1, 2])).toBe('an array of 2 items');
  expect(describeShape(42)).toBe('a number');
  expect(describeShape(true)).toBe('a boolean');
  expect(describeShape({ a: 1 })).toBe('an object');
  expect(describeShape(null)).toBe('null');
});

test('describeEnumValue shows only short lower-case words', () => {
  expect(describeEnumValue('sucess')).toBe('"sucess"');
  expect(describeEnumValue('timed_out')).toBe('"timed_out"');
  expect(describeEnumValue('Success')).toBe('a string of 7 characters');
  expect(describeEnumValue('a'.repeat(21))).toBe('a string of 21 characters');
  expect(describeEnumValue('ghp_abc123')).toBe('a string of 10 characters');
});

test('redactUrl drops user, password, query and fragment', () => {
  expect(redactUrl('https://user:ghp_x@ghe.example.com/api/v3?token=1#f')).toBe('https://ghe.example.com/api/v3');
  expect(redactUrl('https://api.github.com')).toBe('https://api.github.com');
  expect(redactUrl('ghp_notaurl')).toBe('a value of 11 characters that is not a URL');
  expect(urlHasCredentials('https://a:b@h/')).toBe(true);
  expect(urlHasCredentials('https://h/')).toBe(false);
});

test('terminal escapes from content never reach a printed line', () => {
  const hostile = 'name\u001b[31mred\u001b]0;title\u0007\u001b[2J';
  const line = describeError(new CiSigningError('USAGE', `file ${hostile}`, 'fix'));
  expect(line).toBe('USAGE: file namered. Fix: fix');
  expect(escapeText(hostile)).not.toContain('\u001b');
});

test('quotableText replaces every run that could be a secret by its length, and keeps commit shas', () => {
  const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
  expect(quotableText(`Bad credentials ${token} for run`)).toBe('Bad credentials [40 characters not shown] for run');
  expect(quotableText('No commit found for SHA: 0123456789abcdef0123456789abcdef01234567')).toBe(
    'No commit found for SHA: 0123456789abcdef0123456789abcdef01234567',
  );
  expect(quotableText('Resource not accessible by integration')).toBe('Resource not accessible by integration');
});

test('describeName quotes a plain check name, and describes anything that could hide a secret', () => {
  expect(describeName('local-ci / linux')).toBe('"local-ci / linux"');
  expect(describeName(`ghp_${'x'.repeat(36)}`)).toBe('a string of 40 characters');
  expect(describeName('a'.repeat(101))).toBe('a string of 101 characters');
  expect(describeName(7)).toBe('a number');
});
