// Item 7's first half: signs that the service runs as several instances —
// Kubernetes workloads with replicas > 1, HorizontalPodAutoscalers, Helm
// values with a replica count > 1, docker-compose `deploy.replicas`/`scale`.
import { basename } from 'node:path';
import { format, type Locale } from '../l10n/locale';
import { readText } from './ci/ciDefinitions';
import { lineColumn } from './ci/scriptSource';
import { child, entries, stringValue, yamlRoots } from './ci/yamlNodes';
import { isScalar, type Node } from 'yaml';
import { checklistText as t } from './checklistText';
import type { Evidence } from './types';

const workloads = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout']);

function numberOf(node: Node | undefined): number | undefined {
  const v = stringValue(node);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Helm's `autoscaling: {enabled: false, maxReplicas: 10}` scales nothing. */
function isDisabled(node: Node | undefined): boolean {
  const enabled = child(node, 'enabled');
  return isScalar(enabled) && (enabled.value === false || enabled.value === 'false');
}

export function multiInstanceSigns(yamlFiles: readonly string[], locale: Locale): Evidence[] {
  const out: Evidence[] = [];
  for (const file of yamlFiles) {
    const text = readText(file);
    if (text === undefined) continue;
    const at = (node: Node | undefined) => lineColumn(text, node?.range?.[0] ?? 0);
    const add = (node: Node | undefined, message: string) => out.push({ kind: 'deployment', file, ...at(node), message, negative: false });
    const name = basename(file);
    const compose = /^(docker-)?compose([.-].*)?\.ya?ml$/.test(name);
    const helmValues = /^values([.-].*)?\.ya?ml$/.test(name);
    for (const root of yamlRoots(text)) {
      const kind = stringValue(child(root, 'kind'));
      const meta = stringValue(child(child(root, 'metadata'), 'name')) ?? '?';
      const spec = child(root, 'spec');
      if (kind && workloads.has(kind)) {
        const replicas = numberOf(child(spec, 'replicas'));
        if (replicas !== undefined && replicas > 1) add(child(spec, 'replicas'), format(t.replicas, locale, { kind, name: meta, replicas }));
      } else if (kind === 'HorizontalPodAutoscaler') {
        const max = numberOf(child(spec, 'maxReplicas'));
        if (max !== undefined && max > 1) add(child(spec, 'maxReplicas'), format(t.hpa, locale, { name: meta, max }));
      }
      if (compose) {
        for (const [svc, def] of entries(child(root, 'services'))) {
          const replicas = child(child(def, 'deploy'), 'replicas');
          const scale = child(def, 'scale');
          for (const [field, node] of [['deploy.replicas', replicas], ['scale', scale]] as const) {
            const n = numberOf(node);
            if (n !== undefined && n > 1) add(node, format(t.composeReplicas, locale, { name: svc, field, replicas: n }));
          }
        }
      }
      if (helmValues) {
        const visit = (node: Node | undefined, path: string[], depth: number) => {
          if (depth > 4) return;
          for (const [k, v] of entries(node)) {
            const n = numberOf(v);
            if ((k === 'replicaCount' || k === 'replicas' || (k === 'maxReplicas' && !isDisabled(node))) && n !== undefined && n > 1) {
              add(v, format(t.helmReplicas, locale, { path: [...path, k].join('.'), replicas: n }));
            } else visit(v, [...path, k], depth + 1);
          }
        };
        visit(root, [], 0);
      }
    }
  }
  return out;
}
