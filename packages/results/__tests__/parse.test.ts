import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CiSigningError } from '../../errors/src/index.js';
import { parseResults, readResultsFile, RESULTS_SCHEMA_FILE } from '../src/index.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

function validResults(): Record<string, unknown> {
  return {
    version: 1,
    repository: 'octo-org/hello.world',
    commit: SHA,
    conclusion: 'success',
    tests: { passed: 120, failed: 0, skipped: 3 },
  };
}

const encode = (value: unknown): Uint8Array =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function refusal(bytes: Uint8Array, source = 'results.json'): CiSigningError {
  try {
    parseResults(bytes, source);
  } catch (error) {
    expect(error).toBeInstanceOf(CiSigningError);
    return error as CiSigningError;
  }
  throw new Error('parseResults accepted the input');
}

/** The problem list of a RESULTS_INVALID refusal for `document`. */
function problems(document: unknown): string[] {
  const error = refusal(encode(document));
  expect(error.code).toBe('RESULTS_INVALID');
  expect(error.message.startsWith('results.json: ')).toBe(true);
  // Positions are pinned in their own test; here only the problems.
  return error.message
    .slice('results.json: '.length)
    .split('; ')
    .map((problem) => problem.replace(/ \(line \d+, column \d+\)$/, ''));
}

function withChange(change: (results: Record<string, unknown>) => void): Record<string, unknown> {
  const results = validResults();
  change(results);
  return results;
}

describe('parseResults accepts', () => {
  test('the required fields alone', () => {
    expect(parseResults(encode(validResults()), 'results.json')).toEqual(validResults());
  });

  test('every optional field', () => {
    const full = {
      ...validResults(),
      conclusion: 'failure',
      tests: { passed: 1, failed: 1, skipped: 0 },
      coverage: { lines: 87.5 },
      failures: [
        { name: 'adds', message: 'expected 3, got 4', file: 'src/add.test.ts', line: 12 },
        { name: 'no location', message: '' },
      ],
      startedAt: '2024-05-01T12:00:00Z',
      completedAt: '2024-05-01T12:02:13.500+02:00',
      run: { id: 42, url: 'https://ci.example/42', runner: ['self-hosted'] },
    };
    expect(parseResults(encode(full), 'results.json')).toEqual(full);
  });

  test('each conclusion GitHub knows', () => {
    for (const conclusion of ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out']) {
      expect(parseResults(encode({ ...validResults(), conclusion }), 'r').conclusion).toBe(conclusion);
    }
  });

  test('extra properties at the top level and inside objects, kept as they are', () => {
    const extra = {
      ...validResults(),
      tests: { passed: 2, failed: 0, skipped: 0, todo: 4 },
      failures: [{ name: 'n', message: 'm', stack: 'at x' }],
      branch: 'main',
      metadata: { tool: 'jest', nested: [1, 2] },
    };
    const parsed = parseResults(encode(extra), 'results.json');
    expect(parsed.branch).toBe('main');
    expect(parsed.metadata).toEqual({ tool: 'jest', nested: [1, 2] });
    expect(parsed.tests.todo).toBe(4);
    expect(parsed.failures?.[0].stack).toBe('at x');
  });

  test('boundary values: zero counts, coverage 0 and 100, line 1, repository names GitHub allows', () => {
    for (const lines of [0, 100]) {
      expect(parseResults(encode({ ...validResults(), coverage: { lines } }), 'r').coverage?.lines).toBe(lines);
    }
    expect(
      parseResults(encode({ ...validResults(), tests: { passed: 0, failed: 0, skipped: 0 } }), 'r').tests.passed,
    ).toBe(0);
    expect(
      parseResults(encode({ ...validResults(), failures: [{ name: 'n', message: 'm', line: 1 }] }), 'r').failures?.[0]
        .line,
    ).toBe(1);
    for (const repository of ['a/b', 'A1-b/x.y_z-1', 'octo/.github', 'o/...']) {
      expect(parseResults(encode({ ...validResults(), repository }), 'r').repository).toBe(repository);
    }
  });

  test('a leading UTF-8 byte order mark, ignored', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(validResults())]);
    expect(parseResults(bytes, 'results.json')).toEqual(validResults());
  });

  test('non-ASCII UTF-8 text', () => {
    const results = { ...validResults(), failures: [{ name: 'überprüft 🧪', message: 'ça marche pas — 失敗' }] };
    expect(parseResults(encode(results), 'r').failures?.[0]).toEqual(results.failures[0]);
  });
});

describe('parseResults refuses', () => {
  test('an empty file', () => {
    const error = refusal(new Uint8Array(), 'out/results.json');
    expect(error.code).toBe('RESULTS_EMPTY');
    expect(error.kind).toBe('input');
    expect(error.message).toBe('out/results.json is empty (0 bytes).');
    expect(error.fix).toContain(RESULTS_SCHEMA_FILE);
  });

  test('a file of whitespace only', () => {
    const error = refusal(encode(' \n\t\r\n'));
    expect(error.code).toBe('RESULTS_EMPTY');
    expect(error.message).toBe('results.json holds only whitespace.');
  });

  test.each([
    ['a lone 0xFF byte', [0x7b, 0xff, 0x7d], 1, '0xff'],
    ['Latin-1 é before more text', [...encode('{"a":"caf'), 0xe9, ...encode('"}')], 9, '0xe9'],
    ['a multi-byte sequence cut at the end', [...encode('{"a":"'), 0xe2, 0x82], 6, '0xe2'],
    ['UTF-16 with a byte order mark', [0xff, 0xfe, 0x7b, 0x00], 0, '0xff'],
    ['an encoded surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22], 1, '0xed'],
  ])('non-UTF-8 bytes: %s, naming the offset', (_, bytes, offset, hex) => {
    const error = refusal(new Uint8Array(bytes));
    expect(error.code).toBe('RESULTS_NOT_UTF8');
    expect(error.message).toBe(`results.json is not valid UTF-8: the byte at offset ${offset} cannot be decoded.`);
    expect(error.message).not.toContain(hex);
  });

  test('malformed JSON, with line and column where JSON.parse gives a position', () => {
    const error = refusal(encode('{\n  "version": 1,\n}'));
    expect(error.code).toBe('RESULTS_NOT_JSON');
    expect(error.message).toMatch(/^results\.json is not valid JSON: .+ at line 3, column 1\.$/);
    expect(error.message).not.toContain('position');
    expect(error.fix).toContain('docs/results-format.md');
  });

  test.each([['{"version": 1'], ['{"a":}'], ['not json'], ['{"a":1} trailing']])(
    'malformed JSON %j, in one line without echoing the input',
    (text) => {
      const error = refusal(encode(text));
      expect(error.code).toBe('RESULTS_NOT_JSON');
      expect(error.message).toMatch(/^results\.json is not valid JSON: \S.*\.$/);
      expect(error.message).not.toContain('is not valid JSON.');
      expect(error.message).not.toMatch(/[\r\n]/);
    },
  );

  test.each(['version', 'repository', 'commit', 'conclusion', 'tests'])('a results file without %s', (field) => {
    expect(problems(withChange((results) => delete results[field]))).toEqual([`/${field} is required`]);
  });

  test.each(['passed', 'failed', 'skipped'])('tests without %s', (field) => {
    expect(problems(withChange((results) => delete (results.tests as Record<string, unknown>)[field]))).toEqual([
      `/tests/${field} is required`,
    ]);
  });

  test('a document that is not an object', () => {
    expect(problems([validResults()])).toEqual(['(root) must be an object, got an array of 1 item']);
    expect(problems(null)).toEqual(['(root) must be an object, got null']);
    expect(problems('"results"')).toEqual(['(root) must be an object, got a string of 7 characters']);
  });

  test('another version', () => {
    expect(problems({ ...validResults(), version: 2 })).toEqual(['/version must be 1, got a number']);
    expect(problems({ ...validResults(), version: '1' })).toEqual(['/version must be 1, got a string of 1 character']);
  });

  test.each([
    'octo',
    'octo/hello/world',
    '-octo/hello',
    'octo/..',
    'octo/.',
    ' octo/hello',
    'octo/hello world',
    'octo_org/hello',
    `${'a'.repeat(40)}/x`,
  ])('repository %j', (repository) => {
    const listed = problems({ ...validResults(), repository });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(
      /^\/repository must be "owner\/name" \(a GitHub repository\), got a string of \d+ characters$/,
    );
  });

  test('a repository that is not a string', () => {
    expect(problems({ ...validResults(), repository: { owner: 'o', name: 'n' } })).toEqual([
      '/repository must be a string, got an object',
    ]);
  });

  test.each([SHA.slice(0, 39), `${SHA}0`, SHA.toUpperCase(), SHA.replace('0', 'g'), 'abc1234'])(
    'commit %j',
    (commit) => {
      expect(problems({ ...validResults(), commit })).toEqual([
        `/commit must be a full commit sha: 40 lowercase hex digits, got a string of ${commit.length} characters`,
      ]);
    },
  );

  test('a value is never quoted: a planted token shows as its type and length', () => {
    const token = `ghp_${'A1b2C3d4'.repeat(5)}`;
    const error = refusal(encode({ ...validResults(), commit: token, conclusion: token }));
    expect(error.message).toContain(
      `/commit must be a full commit sha: 40 lowercase hex digits, got a string of ${token.length} characters`,
    );
    expect(error.message).toContain(
      `/conclusion must be one of success, failure, neutral, cancelled, skipped, timed_out, got a string of ${token.length} characters`,
    );
    expect(error.message).toMatch(/\(line \d+, column \d+\)/);
    expect(error.message).not.toContain('ghp_');
  });

  test('JSON syntax errors never quote the file: a credentials file read as results', () => {
    const error = refusal(encode('root:x:0:0:root:/root:/bin/bash\nsecret=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n'));
    expect(error.code).toBe('RESULTS_NOT_JSON');
    expect(error.message).toBe('results.json is not valid JSON: an unexpected character at line 1, column 1.');
  });

  test('an unknown conclusion', () => {
    expect(problems({ ...validResults(), conclusion: 'passed' })).toEqual([
      '/conclusion must be one of success, failure, neutral, cancelled, skipped, timed_out, got "passed"',
    ]);
  });

  test('negative, fractional and non-number counts', () => {
    expect(problems({ ...validResults(), tests: { passed: -1, failed: 1.5, skipped: '3' } })).toEqual([
      '/tests/passed must be >= 0, got a number',
      '/tests/failed must be an integer, got a number',
      '/tests/skipped must be an integer, got a string of 1 character',
    ]);
    expect(problems({ ...validResults(), tests: [1, 0, 0] })).toEqual([
      '/tests must be an object, got an array of 3 items',
    ]);
  });

  test('coverage out of range, of the wrong type, or without lines', () => {
    expect(problems({ ...validResults(), coverage: { lines: 100.1 } })).toEqual([
      '/coverage/lines must be <= 100, got a number',
    ]);
    expect(problems({ ...validResults(), coverage: { lines: -0.5 } })).toEqual([
      '/coverage/lines must be >= 0, got a number',
    ]);
    expect(problems({ ...validResults(), coverage: { lines: '80%' } })).toEqual([
      '/coverage/lines must be a number, got a string of 3 characters',
    ]);
    expect(problems({ ...validResults(), coverage: { line: 80 } })).toEqual(['/coverage/lines is required']);
    expect(problems({ ...validResults(), coverage: 80 })).toEqual(['/coverage must be an object, got a number']);
  });

  test('failures that are not a list of {name, message, file?, line?}', () => {
    expect(problems({ ...validResults(), failures: { name: 'n', message: 'm' } })).toEqual([
      '/failures must be an array, got an object',
    ]);
    expect(
      problems({
        ...validResults(),
        failures: [
          { name: 'ok', message: 'ok' },
          { message: 'm' },
          { name: 'n', message: 3 },
          { name: 'n', message: 'm', file: 7, line: 0 },
          { name: 'n', message: 'm', line: 2.5 },
          'text',
        ],
      }),
    ).toEqual([
      '/failures/1/name is required',
      '/failures/2/message must be a string, got a number',
      '/failures/3/file must be a string, got a number',
      '/failures/3/line must be >= 1, got a number',
      '/failures/4/line must be an integer, got a number',
      '/failures/5 must be an object, got a string of 4 characters',
    ]);
  });

  test.each(['2024-05-01T12:00:00', '2024-05-01', 'yesterday', '2024-13-01T00:00:00Z'])(
    'startedAt/completedAt %j',
    (value) => {
      expect(problems({ ...validResults(), startedAt: value, completedAt: value })).toEqual([
        `/startedAt must be an ISO 8601 date-time with a time zone (e.g. 2024-05-01T12:00:00Z), got a string of ${value.length} characters`,
        `/completedAt must be an ISO 8601 date-time with a time zone (e.g. 2024-05-01T12:00:00Z), got a string of ${value.length} characters`,
      ]);
    },
  );

  test('every problem at once, on one line, with the schema as the fix', () => {
    const error = refusal(
      encode({ version: 1, repository: 'nope', conclusion: 'ok', tests: { passed: -1, failed: 0 } }),
      'build/ci.json',
    );
    expect(error.message).toBe(
      'build/ci.json: /commit is required (line 1, column 1); /repository must be "owner/name" (a GitHub repository), got a string of 4 characters (line 3, column 17); /conclusion must be one of success, failure, neutral, cancelled, skipped, timed_out, got "ok" (line 4, column 17); /tests/skipped is required (line 5, column 12); /tests/passed must be >= 0, got a number (line 6, column 15)',
    );
    expect(error.fix).toContain(RESULTS_SCHEMA_FILE);
    expect(error.fix).toContain('docs/results-format.md');
    expect(error.toLine()).not.toMatch(/\n/);
  });

  test('hundreds of problems are cut off after 25, saying how many more', () => {
    const failures = Array.from({ length: 100 }, () => ({ name: 1, message: 2 }));
    const listed = problems({ ...validResults(), failures });
    expect(listed).toHaveLength(26);
    expect(listed[25]).toBe('and 175 more problems');
  });
});

test('the schema file and the format document the fix points at exist', () => {
  const root = resolve(import.meta.dirname, '../../..');
  expect(existsSync(join(root, RESULTS_SCHEMA_FILE))).toBe(true);
  expect(existsSync(join(root, 'docs/results-format.md'))).toBe(true);
});

describe('readResultsFile', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ci-results-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('returns the exact bytes read and the parsed results', async () => {
    const text = `${JSON.stringify(validResults())}\r\n`;
    const path = join(directory, 'results.json');
    await writeFile(path, text);
    const { bytes, results } = await readResultsFile(path);
    expect(Buffer.from(bytes).toString('utf8')).toBe(text);
    expect(results).toEqual(validResults());
  });

  test('names the path when the content is invalid', async () => {
    const path = join(directory, 'bad.json');
    await writeFile(path, JSON.stringify({ ...validResults(), tests: { passed: 1, failed: -2, skipped: 0 } }));
    await expect(readResultsFile(path)).rejects.toMatchObject({
      code: 'RESULTS_INVALID',
      message: expect.stringMatching(/: \/tests\/failed must be >= 0, got a number \(line 1, column \d+\)$/),
    });
  });

  test('FILE_NOT_FOUND for a missing file, pointing at the input', async () => {
    const path = join(directory, 'missing.json');
    await expect(readResultsFile(path)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      kind: 'input',
      message: `Results file ${path} does not exist.`,
      fix: expect.stringContaining('results-file'),
    });
  });

  test('FILE_NOT_REGULAR for a directory', async () => {
    await expect(readResultsFile(directory)).rejects.toMatchObject({
      code: 'FILE_NOT_REGULAR',
      message: `Results file ${directory} is a directory, not a regular file.`,
    });
  });
});
