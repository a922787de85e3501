// "goconc: Add the primitives runtime to this module": picks the module, the
// packages and the folder, asks before `go mod tidy`, and lets the server do
// the copying and the go commands (the same code as `goconc vendor-runtime`).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { runtimePackagesRequest, vendorRuntimeRequest, type VendorRuntimeParams, type VendorRuntimeResult } from '../../../server/src/protocol';
import type { ClientContext, ClientFeature } from './feature';

/** The folder of the go.mod governing the active file, or one the user picks. */
async function pickModule(): Promise<vscode.Uri | undefined> {
  const goMods = await vscode.workspace.findFiles('**/go.mod', '**/{vendor,testdata,node_modules,.*}/**', 200);
  if (goMods.length === 0) {
    void vscode.window.showWarningMessage(l10n.t('No go.mod in this workspace: run go mod init first.'));
    return undefined;
  }
  const dirs = goMods.map((u) => vscode.Uri.joinPath(u, '..'));
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const owning = dirs.filter((d) => active.path.startsWith(`${d.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
    if (owning) return owning;
  }
  if (dirs.length === 1) return dirs[0];
  const picked = await vscode.window.showQuickPick(
    dirs.map((d) => ({ label: vscode.workspace.asRelativePath(d) || '.', uri: d })),
    { title: l10n.t('Which module?') },
  );
  return picked?.uri;
}

export const vendorRuntimeClient: ClientFeature = {
  name: 'vendorRuntime',
  activate(ctx: ClientContext) {
    const { client, extension, output } = ctx;

    const run = async (params: VendorRuntimeParams): Promise<VendorRuntimeResult> =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('goconc: adding the primitives runtime') }, () =>
        client.sendRequest(vendorRuntimeRequest, params),
      );

    extension.subscriptions.push(
      vscode.commands.registerCommand('goconc.vendorRuntime', async (): Promise<VendorRuntimeResult | undefined> => {
        if (!vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(l10n.t('goconc adds the runtime only in a trusted workspace: it runs go get and go mod tidy.'));
          return undefined;
        }
        const moduleUri = await pickModule();
        if (!moduleUri) return undefined;
        const available = await client.sendRequest(runtimePackagesRequest);
        if (!available) {
          void vscode.window.showErrorMessage(l10n.t('The bundled primitives runtime was not found; reinstall goconc.'));
          return undefined;
        }
        const picked = await vscode.window.showQuickPick(
          available.packages.map((p) => ({
            label: p.dir,
            description: p.requires.length > 0 ? p.requires.join(', ') : l10n.t('standard library'),
            detail: p.alsoCopies.length > 0 ? `${p.synopsis} ${l10n.t('(also copies {0})', p.alsoCopies.join(', '))}` : p.synopsis,
            pkg: p,
          })),
          { title: l10n.t('Add the primitives runtime: packages'), canPickMany: true, matchOnDetail: true },
        );
        if (!picked || picked.length === 0) return undefined;
        const dir = await vscode.window.showInputBox({
          title: l10n.t('Add the primitives runtime: folder inside the module'),
          value: available.defaultDir,
          prompt: l10n.t('Packages are imported as <module path>/<folder>/<package>.'),
        });
        if (!dir) return undefined;
        let tidy = false;
        if (picked.some((p) => p.pkg.requires.length > 0)) {
          const runTidy = l10n.t('Run go mod tidy');
          const skip = l10n.t('Skip');
          const answer = await vscode.window.showInformationMessage(
            l10n.t('Run go mod tidy after adding {0}? It also removes requirements nothing imports.', [...new Set(picked.flatMap((p) => p.pkg.requires))].join(', ')),
            { modal: true },
            runTidy,
            skip,
          );
          if (answer === undefined) return undefined;
          tidy = answer === runTidy;
        }
        const params: VendorRuntimeParams = { moduleUri: moduleUri.toString(), dir, packages: picked.map((p) => p.pkg.dir), tidy, force: false };
        let result = await run(params);
        if (result.outcome === 'refused' && result.reason === 'conflict') {
          const overwrite = l10n.t('Overwrite');
          const answer = await vscode.window.showWarningMessage(result.message, { modal: true }, overwrite);
          if (answer !== overwrite) return result;
          result = await run({ ...params, force: true });
        }
        if (result.outcome === 'done') {
          for (const line of result.summary) output.info(line);
          const open = l10n.t('Open');
          void vscode.window.showInformationMessage(result.summary.join(' · '), open).then(async (a) => {
            const first = result.outcome === 'done' ? result.files[0] : undefined;
            if (a === open && first) await vscode.window.showTextDocument(vscode.Uri.parse(first));
          });
        } else {
          output.error(result.message);
          void vscode.window.showErrorMessage(result.message);
        }
        return result;
      }),
    );
  },
};
