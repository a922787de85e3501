// `goconc vettool`: the Go engine's absolute path (built first when needed),
// for `go vet -vettool=$(goconc vettool) ./...`, which gets the go command's
// build cache and parallelism with goconc's analyzers.
import { ensureEngineBinary } from '../goEngine/engineBinary';
import type { CliIO } from './checkCommand';
import { UsageError } from './usageError';

export async function vettoolCommand(args: string[], io: CliIO): Promise<number> {
  if (args.length > 0) throw new UsageError(`vettool takes no arguments, got "${args.join(' ')}"`);
  try {
    io.out(ensureEngineBinary({ goBin: process.env.GOCONC_GO, onBuild: (msg) => io.err(`goconc: ${msg}`) }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return 0;
}
