// Custom LSP requests and notifications, typed once and imported by both the
// client and the server. Keep this file free of Node- or vscode-only imports.
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';

export interface IndexStatus {
  state: 'indexing' | 'ready';
  files: number;
  done: number;
}

/** Server → client: indexing progress and readiness (drives the status bar). */
export const indexStatusNotification = new NotificationType<IndexStatus>('goconc/indexStatus');

export interface FindingSummary {
  rule: string;
  severity: string;
  uri: string;
  line: number;
  character: number;
  message: string;
}

/** Client → server: every current finding in the workspace (checklist, tests). */
export const allFindingsRequest = new RequestType0<FindingSummary[], void>('goconc/allFindings');

/** Server → client: findings changed somewhere in the workspace. */
export const findingsChangedNotification = new NotificationType<{ uris: string[] }>('goconc/findingsChanged');
