import test from 'ava';
import { metricValue, nonJsonLines } from '../../../test/chaos/core/prometheus-text.js';

const TEXT = [
  '# HELP process_resident_memory_bytes Resident memory size in bytes.',
  '# TYPE process_resident_memory_bytes gauge',
  'process_resident_memory_bytes{service="auth"} 61440000',
  'process_resident_memory_bytes_total 1',
  'kelp_jobs_total 7',
].join('\n');

test('metricValue reads a sample with or without labels, and only the exact name', (t) => {
  t.deepEqual(
    [
      metricValue(TEXT, 'process_resident_memory_bytes'),
      metricValue(TEXT, 'kelp_jobs_total'),
      metricValue(TEXT, 'nope'),
    ],
    [61_440_000, 7, null],
  );
});

test('nonJsonLines reports broken and forged lines with their numbers', (t) => {
  t.deepEqual(nonJsonLines('{"a":1}\nforged line\n\n[1]\n{"b":2}'), [
    { line: 2, text: 'forged line' },
    { line: 4, text: '[1]' },
  ]);
});
