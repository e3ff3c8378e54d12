/**
 * Builds seed/demo-cmdb.json: the demo estate of a municipal e-government data centre (市政务数据中心),
 * in the import format. Deterministic: the same script writes the same file.
 * Run: npx tsx tools/seed-demo/build.ts > seed/demo-cmdb.json
 */
import { cis, contracts, deps, orgUnits, services, suppliers } from './estate.js';
// The parts in order: each writes its rows (and draws its random numbers) when it is loaded.
import './organisation.js';
import './facilities.js';
import './network.js';
import './compute.js';
import './applications.js';
import './catalog-technical.js';
import './catalog-business.js';
import './addresses.js';
import './contracts.js';

console.log(
  JSON.stringify(
    { orgUnits, suppliers, configurationItems: cis, services, contracts, dependencies: deps },
    null,
    1,
  ),
);
console.error(
  `demo estate: ${orgUnits.length} org units, ${suppliers.length} suppliers, ${cis.length} CIs, ${services.length} services, ${deps.length} dependencies, ${contracts.length} contracts`,
);
