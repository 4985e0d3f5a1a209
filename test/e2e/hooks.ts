// Root hooks for the e2e layer: a screenshot of every open workbench when a test fails, and the tail
// of its Gateway Chat log.
import { Workbench } from '../harness/workbench';

export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    // A failure that mocha will retry leaves the state unset: photograph and log those too.
    if (!test || test.state === 'passed') return;
    const name = `FAILED-${test.fullTitle()}`.replace(/[^\w.-]+/g, '-').slice(0, 120);
    for (const wb of Workbench.open_) {
      await wb.screenshot(name).catch(() => undefined);
      // CI keeps only the console: the extension's own log says what the host was doing.
      console.log(wb.extensionLogTail(40));
    }
  },
};
