// The body of scripts/demo.sh: installs the freshly packaged .vsix into a hermetic code-server,
// opens a scratch copy of examples/ and serves it until Ctrl+C.
import { CodeServer, buildVsix, copyExamples } from '../test/e2e/harness';

async function main(): Promise<void> {
  const vsix = buildVsix();
  const workspace = copyExamples();
  const port = process.env.GOCONC_DEMO_PORT ? Number(process.env.GOCONC_DEMO_PORT) : undefined;
  const server = await CodeServer.start({ workspace, vsix, port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(`\ngoconc (${vsix.replace(/^.*\//, '')}) is running in VS Code on a copy of examples/ (${workspace}).`);
  console.log(`Open this in your browser:\n\n  ${server.folderUrl()}\n`);
  console.log('Open internal/inventory/inventory.go (locks, maps) or internal/stock/stock.go (GORM, Redis) to see the findings, press Ctrl+. on a squiggle for a fix.');
  console.log('Press Ctrl+C to stop.');
  if (process.env.GOCONC_DEMO_EXIT_AFTER_START === '1') await stop();
  setInterval(() => undefined, 1 << 30);
}

main().catch((err: Error) => {
  console.error(`goconc: ${err.message}`);
  process.exit(1);
});
