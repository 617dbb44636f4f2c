import { CiSigningError } from '../../errors/src/index.js';
import { formatSeconds, parseNonNegativeInteger } from '../../common/src/index.js';
import { buildPolicy, parseAllowUnsigned, parseMaxAge, parsePercentOrEmpty } from '../src/index.js';

function usageError(action: () => unknown): CiSigningError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    expect((error as CiSigningError).kind).toBe('usage');
    expect((error as CiSigningError).code).toBe('USAGE');
    return error as CiSigningError;
  }
  throw new Error('no error was thrown');
}

describe('parseMaxAge', () => {
  test('is the common duration grammar', () => {
    expect(parseMaxAge('1d12h')).toBe(129600);
    expect(parseMaxAge('36H')).toBe(129600);
  });

  test('empty means no limit', () => {
    expect(parseMaxAge('')).toBeNull();
    expect(parseMaxAge('   ')).toBeNull();
  });

  test.each(['24', 'h', '1.5h', '-1h', 'one day', '1h-', '0h', '0s 0m', `${'9'.repeat(20)}w`])(
    'refuses %j, naming the input',
    (text) => {
      const error = usageError(() => parseMaxAge(text));
      expect(error.message).toContain(`max-age "${text}"`);
      expect(error.fix).toMatch(/24h/);
    },
  );

  test('names another input when asked', () => {
    expect(usageError(() => parseMaxAge('soon', 'max-skew')).message).toMatch(/^max-skew "soon"/);
  });
});

describe('parseAllowUnsigned', () => {
  test('false, empty and true, in any case', () => {
    expect(parseAllowUnsigned('false')).toBe(false);
    expect(parseAllowUnsigned('')).toBe(false);
    expect(parseAllowUnsigned('FALSE')).toBe(false);
    expect(parseAllowUnsigned('true')).toBe(true);
    expect(parseAllowUnsigned(' True ')).toBe(true);
  });

  test('a date is that day at midnight UTC', () => {
    expect(parseAllowUnsigned('2030-01-31')).toEqual(new Date('2030-01-31T00:00:00.000Z'));
    expect(parseAllowUnsigned('2028-02-29')).toEqual(new Date('2028-02-29T00:00:00.000Z'));
  });

  test.each(['yes', '1', '2030-02-30', '2029-02-29', '2030-13-01', '2030-1-31', '31.01.2030', '2030-01-31T00:00:00Z'])(
    'refuses %j',
    (text) => {
      const error = usageError(() => parseAllowUnsigned(text));
      expect(error.message).toBe(
        `allow-unsigned "${text}" must be false, true or a date YYYY-MM-DD (unsigned results accepted through the end of that day, UTC).`,
      );
    },
  );
});

describe('parseNonNegativeInteger', () => {
  test.each([
    ['0', 0],
    ['7', 7],
    [' 12 ', 12],
  ])('%j is %d', (text, value) => {
    expect(parseNonNegativeInteger('min-tests', text)).toBe(value);
  });

  test.each(['', '-1', '1.5', '1e3', '0x10', 'ten', '99999999999999999999'])('refuses %j', (text) => {
    expect(usageError(() => parseNonNegativeInteger('max-failed-tests', text)).message).toBe(
      `max-failed-tests "${text}" must be a whole number 0 or greater.`,
    );
  });
});

describe('parsePercentOrEmpty', () => {
  test.each([
    ['80', 80],
    ['72.5', 72.5],
    ['0', 0],
    ['100', 100],
    ['85%', 85],
    [' 90 % ', 90],
  ])('%j is %d', (text, value) => {
    expect(parsePercentOrEmpty('min-coverage', text)).toBe(value);
  });

  test('empty means not checked', () => {
    expect(parsePercentOrEmpty('min-coverage', '')).toBeNull();
    expect(parsePercentOrEmpty('min-coverage', ' ')).toBeNull();
  });

  test.each(['100.1', '-5', 'eighty', '.5', '1e2', '50%%'])('refuses %j', (text) => {
    expect(usageError(() => parsePercentOrEmpty('min-coverage', text)).message).toBe(
      `min-coverage "${text}" must be a percentage from 0 to 100, e.g. 80 or 72.5.`,
    );
  });
});

describe('buildPolicy', () => {
  test('defaults for absent or empty inputs match verify/action.yml', () => {
    const defaults = { allowUnsigned: false, maxFailedTests: 0, minCoverage: null, minTests: 1, maxAgeSeconds: null };
    expect(buildPolicy({})).toEqual(defaults);
    expect(buildPolicy({ allowUnsigned: '', maxFailedTests: '', minCoverage: '', minTests: ' ', maxAge: '' })).toEqual(
      defaults,
    );
  });

  test('every input parsed', () => {
    expect(
      buildPolicy({
        allowUnsigned: '2030-01-31',
        maxFailedTests: '2',
        minCoverage: '80',
        minTests: '10',
        maxAge: '7d',
      }),
    ).toEqual({
      allowUnsigned: new Date('2030-01-31T00:00:00Z'),
      maxFailedTests: 2,
      minCoverage: 80,
      minTests: 10,
      maxAgeSeconds: 604800,
    });
  });

  test('a bad value is a usage error naming its input', () => {
    expect(usageError(() => buildPolicy({ minTests: 'many' })).message).toMatch(/^min-tests "many"/);
    expect(usageError(() => buildPolicy({ maxAge: 'forever' })).message).toMatch(/^max-age "forever"/);
    expect(usageError(() => buildPolicy({ allowUnsigned: 'sometimes' })).message).toMatch(
      /^allow-unsigned "sometimes"/,
    );
    expect(usageError(() => buildPolicy({ minCoverage: '150' })).message).toMatch(/^min-coverage "150"/);
    expect(usageError(() => buildPolicy({ maxFailedTests: '-1' })).message).toMatch(/^max-failed-tests "-1"/);
  });
});

test.each([
  [0, '0s'],
  [45, '45s'],
  [3600, '1h'],
  [5400, '1h 30m'],
  [93784, '1d 2h 3m 4s'],
  [604800, '7d'],
])('formatSeconds(%d) = %s', (seconds, text) => {
  expect(formatSeconds(seconds)).toBe(text);
});
