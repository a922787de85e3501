// goconc.changeRuleSeverity (from the "Change severity for this rule" code
// action): picks a severity and writes `goconc.rules.<id>` where it already
// is set (folder, workspace or user), else in the workspace — the server
// re-reads its settings on the change and republishes.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ClientFeature } from './feature';

const severities = ['error', 'warning', 'information', 'hint', 'off'] as const;

async function changeSeverity(rule: unknown): Promise<void> {
  if (typeof rule !== 'string' || !/^[a-z0-9-]+$/.test(rule)) return;
  const cfg = vscode.workspace.getConfiguration('goconc.rules');
  const current = cfg.get<string>(rule);
  const labels: Record<(typeof severities)[number], string> = {
    error: l10n.t('Error'),
    warning: l10n.t('Warning'),
    information: l10n.t('Information'),
    hint: l10n.t('Hint (no squiggle)'),
    off: l10n.t('Off (not reported)'),
  };
  const pick = await vscode.window.showQuickPick(
    severities.map((s) => ({ label: labels[s], description: s === current ? l10n.t('current') : '', value: s })),
    { title: l10n.t('Severity of {0}', rule) },
  );
  if (!pick || pick.value === current) return;
  const inspect = cfg.inspect<string>(rule);
  const target =
    inspect?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspect?.workspaceValue !== undefined || (inspect?.globalValue === undefined && vscode.workspace.workspaceFolders?.length)
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await cfg.update(rule, pick.value, target);
}

export const ruleSeverity: ClientFeature = {
  name: 'rule severity',
  activate(ctx) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand('goconc.changeRuleSeverity', changeSeverity));
  },
};
