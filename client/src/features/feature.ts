// A client feature (commands, code lenses, views) plugs in here so that
// extension.ts stays the activation wiring only.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface ClientContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
}

export interface ClientFeature {
  name: string;
  /** Called after the language client started. */
  activate(ctx: ClientContext): void | Promise<void>;
}
