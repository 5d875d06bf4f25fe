import { execFile } from 'node:child_process';
import test from 'ava';
import { DEMO, cleanEnv } from './runtime-child.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled demo as `npm run demo` does, on the in-process bus (no AMQP_URL). */
function runDemo(): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--enable-source-maps', DEMO],
      { env: cleanEnv({}), timeout: 110_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The group sections of the demo's output: the heading, then the indented lines under it. */
function groupSections(stdout: string): string[][] {
  const sections: string[][] = [];
  let current: string[] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('Group demo-group ')) sections.push((current = [line]));
    else if (current !== undefined && line.startsWith('  ')) current.push(line);
    else current = undefined;
  }
  return sections;
}

test('npm run demo converges a group to 3 servers in both load balancers, scales it to 1 and exits 0', async (t) => {
  const run = await runDemo();
  t.is(run.code, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const out = run.stdout;
  t.regex(out, /on the in-process bus/);
  t.regex(
    out,
    /Seeded tenant \d+ \(region ORD\) with\n {2}CLB \d+ "demo-clb" .* and RCv3 pool [0-9a-f-]{36} "demo-pool"/,
  );
  t.regex(out, /Converging group demo-group to 3 servers:\n {2}\[ +0\.\ds\] job accepted\n/);
  t.regex(out, /cycle 0: 3 CreateServer/);
  t.regex(out, /Converging group demo-group to 1 server:/);
  t.regex(out, /cycle 0: 2 DeleteServer/);

  const sections = groupSections(out);
  t.is(sections.length, 2);
  const [three = [], one = []] = sections;
  t.regex(three[0] ?? '', /: 3 servers$/);
  t.is(three.filter((line) => / ACTIVE {2}.* ENABLED\/ONLINE {2}ACTIVE$/.test(line)).length, 3);
  t.truthy(three.find((line) => /^ {2}CLB \d+ "demo-clb" \(ACTIVE\): 3 nodes$/.test(line)));
  t.truthy(three.find((line) => /^ {2}RCv3 pool [0-9a-f-]{36} "demo-pool": 3 nodes$/.test(line)));
  t.regex(one[0] ?? '', /: 1 server$/);
  t.is(one.filter((line) => / ACTIVE {2}.* ENABLED\/ONLINE {2}ACTIVE$/.test(line)).length, 1);
  t.truthy(one.find((line) => /^ {2}CLB \d+ "demo-clb" \(ACTIVE\): 1 node$/.test(line)));
  t.truthy(one.find((line) => /^ {2}RCv3 pool [0-9a-f-]{36} "demo-pool": 1 node$/.test(line)));

  t.regex(out, /Stopping the stack\.\nDemo finished in \d+\.\ds\.\n$/);
  t.notRegex(out, /demo failed/);
  t.is(run.stderr, '', 'no warnings or errors were logged');
});
