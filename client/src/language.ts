// One UI language at a time: goconc.language (auto|en|ko) overrides VS Code's
// display language. The extension's strings, the server's messages (told via
// initializationOptions) and the webviews all follow the same choice, so an
// English UI never shows Korean paragraphs next to English ones.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export type UiLanguage = 'en' | 'ko';

export function uiLanguage(): UiLanguage {
  const setting = vscode.workspace.getConfiguration('goconc').get<string>('language', 'auto');
  const raw = setting === 'en' || setting === 'ko' ? setting : vscode.env.language;
  return /^ko(\b|[-_])/i.test(raw) ? 'ko' : 'en';
}

/**
 * Loads the string bundle of the chosen language synchronously (fsPath), so
 * no string is looked up before it is there; English is the source language
 * and needs no bundle.
 */
export function configureL10n(extensionUri: vscode.Uri): UiLanguage {
  const lang = uiLanguage();
  if (lang === 'en') l10n.config({ contents: {} });
  else l10n.config({ fsPath: vscode.Uri.joinPath(extensionUri, 'l10n', `bundle.l10n.${lang}.json`).fsPath });
  return lang;
}
