// Fills defaults into the user's answers and checks each against its kind,
// so templates only ever see valid identifiers, types and numbers.
import { format, type Locale } from '../l10n/locale';
import { durationExpression, isGoIdentifier, isGoType, nameErrors } from './names';
import type { Answers, ParamSpec } from './types';

export interface ResolvedAnswers {
  values: Answers;
  errors: { param: string; message: string }[];
}

export function resolveAnswers(params: ParamSpec[], given: Answers, locale: Locale): ResolvedAnswers {
  const values: Answers = {};
  const errors: ResolvedAnswers['errors'] = [];
  for (const p of params) {
    const raw = given[p.id];
    const value = raw === undefined || raw.trim() === '' ? p.default : raw.trim();
    values[p.id] = value;
    const bad = (text: (typeof nameErrors)[keyof typeof nameErrors], extra: Record<string, string> = {}) =>
      errors.push({ param: p.id, message: format(text, locale, { value, ...extra }) });
    switch (p.kind) {
      case 'identifier':
        if (!isGoIdentifier(value)) bad(nameErrors.identifier);
        break;
      case 'type':
        // An empty default means "let the template choose".
        if (value !== '' && !isGoType(value)) bad(nameErrors.type);
        break;
      case 'int':
        if (!/^[1-9]\d{0,6}$/.test(value)) bad(nameErrors.int);
        break;
      case 'duration':
        if (!durationExpression(value)) bad(nameErrors.duration);
        break;
      case 'bool':
        if (value !== 'true' && value !== 'false') bad(nameErrors.choice, { allowed: 'true|false' });
        break;
      case 'choice':
        if (!p.choices?.some((c) => c.value === value)) bad(nameErrors.choice, { allowed: (p.choices ?? []).map((c) => c.value).join('|') });
        break;
      case 'fields':
        if (value !== '' && !value.split(',').every((f) => isGoIdentifier(f.trim()))) bad(nameErrors.identifier);
        break;
    }
  }
  return { values, errors };
}
