/**
 * Every doctor check, in the order they run and print. The order matters: reachability and
 * protocol findings explain why a canary is skipped, and the collector check reads its counters
 * after the canary has been sent. Neighbours come after the collector check, so a neighbour's canary
 * never counts as the configured one. The app-sdk check comes after the checks that stay on this
 * machine (listeners, sampling, propagation): its child process loads the NodeSDK from the moment
 * the doctor starts, and those checks run meanwhile instead of waiting for it.
 */
import type { Check } from '../types.js';
import { appSdkCheck } from './app-sdk.js';
import { backendCheck } from './backend.js';
import { canaryCheck } from './canary.js';
import { collectorCheck } from './collector.js';
import { collectorConfigCheck } from './collector-config.js';
import { configurationCheck } from './configuration.js';
import { listenersCheck } from './listeners.js';
import { neighboursCheck } from './neighbours.js';
import { propagationCheck } from './propagation.js';
import { protocolCheck } from './protocol.js';
import { reachabilityCheck } from './reachability.js';
import { samplingCheck } from './sampling.js';
import { tuningCheck } from './tuning.js';

export const ALL_CHECKS: readonly Check[] = [
  configurationCheck,
  reachabilityCheck,
  protocolCheck,
  canaryCheck,
  collectorCheck,
  collectorConfigCheck,
  neighboursCheck,
  listenersCheck,
  samplingCheck,
  propagationCheck,
  appSdkCheck,
  backendCheck,
  tuningCheck,
];

export const CHECK_IDS: readonly string[] = ALL_CHECKS.map((check) => check.id);
