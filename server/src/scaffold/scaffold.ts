// The wizard's entry points, free of LSP and VS Code: look up a pattern,
// check the answers, generate code for a target module.
import type { Locale } from '../l10n/locale';
import { resolveAnswers } from './answers';
import { findPattern, patterns } from './patterns';
import type { Answers, GeneratedCode, Pattern, TargetFacts } from './types';

export type ScaffoldResult =
  | { ok: true; pattern: Pattern; answers: Answers; generated: GeneratedCode }
  | { ok: false; errors: { param: string; message: string }[] };

export function scaffold(patternId: string, given: Answers, target: TargetFacts, locale: Locale): ScaffoldResult {
  const pattern = findPattern(patternId);
  if (!pattern) return { ok: false, errors: [{ param: 'pattern', message: `unknown pattern "${patternId}"` }] };
  const { values, errors } = resolveAnswers(pattern.params, given, locale);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, pattern, answers: values, generated: pattern.generate(values, target) };
}

/** The parameter `--name` fills: the first identifier parameter. */
export function nameParam(pattern: Pattern): string | undefined {
  return pattern.params.find((p) => p.kind === 'identifier')?.id;
}

export { patterns, findPattern };
