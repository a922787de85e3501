// Preloaded (`node --require`) into a measured process: writes its peak resident
// set size in kilobytes (worker threads included: same process) to the file
// named by GOCONC_BENCH_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.GOCONC_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
