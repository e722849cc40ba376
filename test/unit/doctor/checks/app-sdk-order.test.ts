import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../../src/doctor/checks/index.js';

describe('the order doctor runs its checks in', () => {
  it('runs app-sdk after the checks that stay on this machine, so they overlap the NodeSDK loading in its child', () => {
    const appSdk = CHECK_IDS.indexOf('app-sdk');
    for (const local of ['listeners', 'sampling', 'propagation']) expect(CHECK_IDS.indexOf(local), local).toBeLessThan(appSdk);
    // It reads the collector's counters around its own export: after otel-proc's canary and the collector check.
    for (const sender of ['canary', 'collector', 'neighbours']) expect(CHECK_IDS.indexOf(sender), sender).toBeLessThan(appSdk);
  });
});
