// Dispatches `goconc <command>`; every failure the user can fix becomes one
// line on stderr and exit code 2, never a stack trace.
import { format, localeFromEnv, pickLocale, type Locale } from '../l10n/locale';
import { checkCommand, type CliIO } from './checkCommand';
import { checklistCommand } from './checklistCommand';
import { cliMessages as m } from './cliMessages';
import { raceCommand } from './raceCommand';
import { scaffoldCommand } from './scaffoldCommand';
import { testCommand } from './testCommand';
import { UsageError } from './usageError';
import { vendorRuntimeCommand } from './vendorRuntimeCommand';
import { vettoolCommand } from './vettoolCommand';

export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

/** Commands by name; later features register theirs here. */
export const cliCommands: Record<string, CliCommand> = {
  check: checkCommand,
  checklist: checklistCommand,
  race: raceCommand,
  scaffold: scaffoldCommand,
  test: testCommand,
  'vendor-runtime': vendorRuntimeCommand,
  vettool: vettoolCommand,
};

/** Pulls `--lang x` / `--lang=x` out of the arguments. */
function takeLang(args: string[]): { locale: Locale | undefined; rest: string[] } {
  const rest: string[] = [];
  let locale: Locale | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang') {
      const v = args[++i];
      if (v !== 'en' && v !== 'ko') throw new UsageError(`--lang must be en or ko, got "${v ?? ''}"`);
      locale = v;
    } else if (a.startsWith('--lang=')) {
      const v = a.slice(7);
      if (v !== 'en' && v !== 'ko') throw new UsageError(`--lang must be en or ko, got "${v}"`);
      locale = pickLocale(v);
    } else rest.push(a);
  }
  return { locale, rest };
}

export async function runCli(argv: string[], base: Omit<CliIO, 'locale'>): Promise<number> {
  let locale = localeFromEnv();
  try {
    const { locale: chosen, rest } = takeLang(argv);
    locale = chosen ?? locale;
    const io: CliIO = { ...base, locale };
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(m.usage[locale]);
      return name ? 0 : 2;
    }
    const command = cliCommands[name];
    if (!command) throw new UsageError(format(m.unknownCommand, locale, { name }));
    if (args.includes('--help') || args.includes('-h')) {
      io.out(m.usage[locale]);
      return 0;
    }
    return await command(args, io);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError) base.err(`goconc: ${e.message}`);
    else if (e.code?.startsWith('ERR_PARSE_ARGS')) base.err(`goconc: ${format(m.badOption, locale, { error: e.message })}`);
    else base.err(`goconc: internal error: ${e.message}`);
    return 2;
  }
}
