#!/usr/bin/env node
// facegate-esignet: the verifier service signup-service's Java plugin calls.
import { FacegateError } from '@facegate/core';
import { startService } from './service/run';

try {
  const service = await startService();
  console.log(`facegate eSignet verifier '${service.config.ESIGNET_VERIFIER_ID}' listening on ${service.url}`);
  const stop = () => void service.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(FacegateError.isInstance(error) ? `✗ ${error.message}` : error);
  process.exit(1);
}
