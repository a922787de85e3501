// A server feature (race runner, checklist, wizard…) plugs into the language
// server through this seam so server.ts stays wiring only and features do not
// edit each other's code.
import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { AnalysisSession } from '../session/analysisSession';
import type { ContentChange } from '../session/openDocument';

export interface ServerContext {
  connection: Connection;
  session: AnalysisSession;
  /** Workspace folders as absolute paths. */
  roots(): string[];
  /** Whether the client says the workspace is trusted (initializationOptions.trusted). */
  trusted(): boolean;
  /** Re-analyses the given files and publishes their diagnostics. */
  republish(paths: string[]): void;
  toPath(uri: string): string;
  toUri(path: string): string;
  /** Called after each publish of findings (absolute paths; empty after indexing a workspace with no Go files). */
  onFindingsChanged(listener: (paths: string[]) => void): void;
  /**
   * Calls `listener` after a document's text changed: with the editor's
   * changes, or without them when the file was closed or changed on disk.
   */
  onDocumentChanged(listener: (path: string, changes?: readonly ContentChange[]) => void): void;
}

export interface ServerFeature {
  name: string;
  /** Capabilities merged into the initialize result. */
  capabilities?(): ServerCapabilities;
  /** Called once after `initialize`, before the workspace is indexed. */
  register(ctx: ServerContext): void;
}
