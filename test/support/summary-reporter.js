// The spec reporter plus one plain closing line ("unit: N passed, N failed, N skipped") that CI
// reads to tell a run that tested something from one that ran nothing.
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const label = (options && options.reporterOption && options.reporterOption.label) || 'unit';
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`${label}: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
