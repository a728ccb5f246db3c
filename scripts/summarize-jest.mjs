// Reads jest's --json output and prints "<passed> <failed> <postgresTests>":
// the test totals, and how many tests ran against PostgreSQL (TestDatabases
// puts the database id in each test's name).
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('0 1 0');
  process.exit(0);
}
let postgres = 0;
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed' && /POSTGRES/.test(test.fullName)) postgres++;
  }
}
// A suite that fails to run (syntax error, missing module) has no assertions:
// count it as a failure so it cannot hide.
const brokenSuites = (report.testResults ?? []).filter(
  s => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
).length;
console.log(
  `${report.numPassedTests} ${
    report.numFailedTests + brokenSuites
  } ${postgres}`,
);
