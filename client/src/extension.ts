// The extension: starts the goconc language server and shows its state.
// All analysis happens in the server; this file only wires VS Code to it.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { indexStatusNotification } from '../../server/src/protocol';
import { clientFeatures } from './features/registry';
import { configureL10n, uiLanguage } from './language';
import { docsLinkMiddleware, registerRuleDocs } from './ruleDocs';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  configureL10n(context.extensionUri);
  const output = vscode.window.createOutputChannel('goconc', { log: true });
  const status = vscode.window.createStatusBarItem('goconc.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'goconc';
  status.text = '$(sync~spin) goconc';
  status.tooltip = l10n.t('goconc is indexing the workspace');
  status.command = 'goconc.showOutput';
  status.show();

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    // Go files and go.mod are watched at the server's request (it registers workspace/didChangeWatchedFiles).
    synchronize: { configurationSection: 'goconc' },
    outputChannel: output,
    middleware: docsLinkMiddleware(context.extensionUri),
    // Read at every (re)start, so a restart after the user grants trust tells the server.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted, language: uiLanguage() }),
  };
  client = new LanguageClient('goconc', 'goconc', serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('goconc.showOutput', () => output.show()),
    registerRuleDocs(context),
    vscode.commands.registerCommand('goconc.restartServer', async () => {
      await client?.restart();
    }),
    // Trusted-only server features (race runs, go get) start working once the user trusts the folder.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.restart();
    }),
    // The server's messages switch at once (restart); strings the extension already showed need a window reload.
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('goconc.language')) return;
      configureL10n(context.extensionUri);
      await client?.restart();
      const reload = l10n.t('Reload Window');
      if ((await vscode.window.showInformationMessage(l10n.t('goconc now uses {0}. Reload the window to switch every label.', uiLanguage() === 'ko' ? '한국어' : 'English'), reload)) === reload) {
        await vscode.commands.executeCommand('workbench.action.reloadWindow');
      }
    }),
  );

  await client.start();
  for (const feature of clientFeatures) {
    try {
      await feature.activate({ extension: context, client, output });
    } catch (err) {
      output.error(`goconc: ${feature.name} failed to start: ${(err as Error).message}`);
    }
  }
  context.subscriptions.push(
    client.onNotification(indexStatusNotification, (s) => {
      if (s.state === 'ready') {
        status.text = '$(check) goconc';
        status.tooltip = l10n.t('goconc analysed {0} Go files', s.files);
      } else {
        status.text = `$(sync~spin) goconc ${s.done}/${s.files}`;
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
