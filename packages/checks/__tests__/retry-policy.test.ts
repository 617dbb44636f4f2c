import { classifyFailure, computeWait, GitHubRequestError, permanentError } from '../src/index.js';
import { retryLogLine } from '../src/retry-policy.js';
import { gitHubMessage } from '../src/http-errors.js';

const POST = { method: 'POST', path: '/repos/o/r/check-runs', repository: 'o/r' };
const GET = { method: 'GET', path: '/repos/o/r/commits/abc/check-runs', repository: 'o/r' };
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const base = { retryDelayMs: 2000, maxWaitMs: 120000, nowMs: NOW, random: () => 0 };

function httpError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error('request failed'), { status, response: { status, headers, data } });
}

describe('computeWait', () => {
  it('backs off 2, 4, 8 s by default', () => {
    expect([1, 2, 3].map((attempt) => computeWait({ ...base, attempt }).ms)).toEqual([2000, 4000, 8000]);
    expect(computeWait({ ...base, attempt: 1 }).reason).toBe('backoff');
  });

  it('adds at most 10% jitter', () => {
    expect(computeWait({ ...base, attempt: 2, random: () => 0.999 }).ms).toBe(Math.round(4000 + 4000 * 0.1 * 0.999));
    expect(computeWait({ ...base, attempt: 2, random: () => 0.5 }).ms).toBe(4200);
  });

  it('honours retry-after in seconds and as an HTTP date, before anything else', () => {
    expect(
      computeWait({
        ...base,
        attempt: 3,
        headers: { 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 50) },
      }),
    ).toEqual({
      ms: 7000,
      reason: 'retry-after',
    });
    expect(
      computeWait({ ...base, attempt: 1, headers: { 'retry-after': new Date(NOW + 12000).toUTCString() } }),
    ).toEqual({ ms: 12000, reason: 'retry-after' });
    expect(computeWait({ ...base, attempt: 1, headers: { 'retry-after': '0' } }).ms).toBe(0);
  });

  it('waits for x-ratelimit-reset only when the budget is spent', () => {
    const reset = String(NOW / 1000 + 30);
    expect(
      computeWait({ ...base, attempt: 1, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } }),
    ).toEqual({ ms: 30000, reason: 'rate-limit-reset' });
    // GitHub sends the reset on every answer; with budget left it must not turn a 503 into a long wait.
    expect(
      computeWait({ ...base, attempt: 1, headers: { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': reset } }),
    ).toEqual({ ms: 2000, reason: 'backoff' });
    expect(
      computeWait({
        ...base,
        attempt: 1,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) },
      }).ms,
    ).toBe(0);
  });

  it("caps a failure's wait at maxWaitMs, but waits as long as a rate limit asks (the budget bounds it)", () => {
    expect(computeWait({ ...base, attempt: 1, headers: { 'retry-after': '3600' } }).ms).toBe(120000);
    expect(computeWait({ ...base, attempt: 10 }).ms).toBe(120000);
    const reset = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) };
    expect(computeWait({ ...base, attempt: 1, maxWaitMs: 5000, rateLimit: 'primary', headers: reset }).ms).toBe(
      3601000,
    );
    expect(computeWait({ ...base, attempt: 1, rateLimit: 'secondary', headers: { 'retry-after': '300' } }).ms).toBe(
      300000,
    );
  });

  it("waits at least a minute, doubling, on a secondary rate limit without retry-after (GitHub's docs)", () => {
    expect([1, 2, 3].map((attempt) => computeWait({ ...base, attempt, rateLimit: 'secondary' }))).toEqual([
      { ms: 60000, reason: 'secondary-rate-limit' },
      { ms: 120000, reason: 'secondary-rate-limit' },
      { ms: 240000, reason: 'secondary-rate-limit' },
    ]);
  });
});

describe('classifyFailure', () => {
  const options = { timedOut: false, timeoutMs: 30000 };

  it.each([500, 502, 503, 504])('retries %i with the outcome unknown', (status) => {
    const failure = classifyFailure(httpError(status, '<html>bad gateway</html>'), POST, options);
    expect(failure).toMatchObject({ outcomeUnknown: true, status });
    expect(failure.description).toMatch(new RegExp(`^GitHub answered ${status} \\(`));
    expect(failure.description).not.toContain('<html>');
  });

  it('retries 429 and rate-limit 403s, whose writes were not applied', () => {
    expect(
      classifyFailure(httpError(429, { message: 'Too many' }, { 'retry-after': '1' }), POST, options),
    ).toMatchObject({ outcomeUnknown: false });
    const secondary = classifyFailure(
      httpError(403, {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      }),
      POST,
      options,
    );
    expect(secondary).toMatchObject({ outcomeUnknown: false });
    expect(secondary.description).toContain('secondary rate limit');
    expect(
      classifyFailure(httpError(403, { message: 'Forbidden' }, { 'x-ratelimit-remaining': '0' }), POST, options)
        .rateLimit,
    ).toBe('primary');
    expect(secondary.rateLimit).toBe('secondary');
  });

  it('retries network errors; a refused connection never reached GitHub', () => {
    const reset = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(classifyFailure(reset, POST, options)).toMatchObject({ outcomeUnknown: true });
    expect(classifyFailure(reset, POST, options).description).toContain('ECONNRESET');
    const refused = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyFailure(refused, POST, options)).toMatchObject({ outcomeUnknown: false });
    expect(classifyFailure(new Error('socket hang up'), POST, options).description).toContain('socket hang up');
  });

  it('treats our own timeout as transient with the outcome unknown', () => {
    const failure = classifyFailure(new Error('aborted'), POST, { timedOut: true, timeoutMs: 1500 });
    expect(failure).toMatchObject({ outcomeUnknown: true, description: 'GitHub did not answer within 1.5 s' });
  });

  it.each([
    [401, { message: 'Bad credentials' }, 'GITHUB_BAD_TOKEN', /valid, unexpired token/],
    [
      403,
      { message: 'Resource not accessible by integration' },
      'GITHUB_TOKEN_LACKS_CHECKS_PERMISSION',
      /permissions: checks: write.*forks/,
    ],
    [
      403,
      { message: 'You must authenticate via a GitHub App.' },
      'GITHUB_TOKEN_CANNOT_WRITE_CHECKS',
      /GITHUB_TOKEN in Actions, or GitHub App credentials/,
    ],
    [403, { message: 'Must have admin rights' }, 'GITHUB_FORBIDDEN', /checks: write/],
    [404, { message: 'Not Found' }, 'GITHUB_NOT_FOUND', /repository name/],
    [
      422,
      {
        message: 'Validation Failed',
        errors: [{ resource: 'CheckRun', code: 'invalid', message: 'head_sha is not a valid commit' }],
      },
      'GITHUB_VALIDATION_FAILED',
      /commit sha/,
    ],
    [400, { message: 'Problems parsing JSON' }, 'GITHUB_REQUEST_REJECTED', /not retried/],
  ])('stops at once on %i with a cause and a fix (%s)', (status, body, code, fix) => {
    const failure = classifyFailure(httpError(status, body), POST, options);
    expect(failure.rateLimit).toBeUndefined();
    expect(failure.permanent).toBeInstanceOf(GitHubRequestError);
    expect(failure.permanent?.code).toBe(code);
    expect(failure.permanent?.kind).toBe('github');
    expect(failure.permanent?.status).toBe(status);
    expect(failure.permanent?.fix).toMatch(fix);
    expect(failure.permanent?.message).toContain('POST /repos/o/r/check-runs');
  });

  it("puts GitHub's validation message into the 422 error", () => {
    const failure = classifyFailure(
      httpError(422, { message: 'Validation Failed', errors: [{ message: 'head_sha is not a valid commit' }] }),
      POST,
      options,
    );
    expect(failure.permanent?.message).toContain('Validation Failed: head_sha is not a valid commit');
  });

  it('asks for checks: read when a read is refused', () => {
    const error = permanentError(403, 'Resource not accessible by integration', GET);
    expect(error.message).toContain('checks: read');
    expect(error.fix).toContain('checks: read');
  });
});

describe('messages', () => {
  it('summarises GitHub bodies on one line and ignores HTML pages', () => {
    expect(gitHubMessage({ message: 'Validation\nFailed', errors: ['a', { message: 'b' }, { code: 'c' }] })).toBe(
      'Validation Failed: a; b; {"code":"c"}',
    );
    expect(gitHubMessage('<html><body>502</body></html>')).toBe('');
    expect(gitHubMessage('plain text')).toBe('plain text');
    expect(gitHubMessage(undefined)).toBe('');
  });

  it('never quotes a token that an error body carries', () => {
    const token = `ghp_${'Z'.repeat(36)}`;
    const said = gitHubMessage({ message: `Bad red ${token} secret-body-content`, errors: [{ message: token }] });
    expect(said).not.toContain(token);
    expect(said).toBe('Bad red [40 characters not shown] secret-body-content: [40 characters not shown]');
  });

  it('logs the wait it will take, the reason and the attempt', () => {
    const failure = classifyFailure(httpError(503, ''), POST, { timedOut: false, timeoutMs: 1 });
    expect(retryLogLine(failure, POST, { ms: 4000, reason: 'backoff' }, 'attempt 2 of 4')).toBe(
      'GitHub answered 503 (Service Unavailable) on POST /repos/o/r/check-runs; retrying in 4.0 s (attempt 2 of 4)',
    );
    expect(retryLogLine(failure, POST, { ms: 1000, reason: 'retry-after' }, 'x')).toContain(
      'retrying in 1.0 s as retry-after asks',
    );
    expect(retryLogLine(failure, POST, { ms: 1000, reason: 'rate-limit-reset' }, 'x')).toContain(
      'until the rate limit resets',
    );
    expect(retryLogLine(failure, POST, { ms: 60000, reason: 'secondary-rate-limit' }, 'x')).toContain(
      'at least a minute',
    );
  });
});
