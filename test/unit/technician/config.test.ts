import t from 'tap';
import { loadKioskConfig } from '../../../config/load.js';
import { tempDir, writeTestConfig } from '../../helpers/config.js';

t.test('technician listener defaults and ECORNER_TECHNICIAN_PORT', async (t) => {
  const file = writeTestConfig(tempDir(), (c) => delete c.technician);
  const plain = loadKioskConfig({ fallbackFile: file, env: {}, simulator: true });
  t.same(plain.config.technician, { host: '0.0.0.0', port: 8443 });
  t.same(plain.config.ui, { livenessTimeoutSeconds: 90 });
  t.equal(loadKioskConfig({ fallbackFile: file, env: { ECORNER_TECHNICIAN_PORT: '9443' }, simulator: true }).config.technician.port, 9443);
  t.throws(() => loadKioskConfig({ fallbackFile: file, env: { ECORNER_TECHNICIAN_PORT: 'https' }, simulator: true }), /ECORNER_TECHNICIAN_PORT: must be a port number/);
});
