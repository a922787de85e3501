// The server features, in the order they register. Add a feature by adding
// one line here; server.ts never changes for it.
import { checklistFeature } from './checklistFeature';
import type { ServerFeature } from './feature';
import { raceFeature } from './raceFeature';
import { snippetFeature } from './snippetFeature';
import { vendorRuntimeFeature } from './vendorRuntimeFeature';
import { wizardFeature } from './wizardFeature';

export const serverFeatures: ServerFeature[] = [checklistFeature, raceFeature, vendorRuntimeFeature, wizardFeature, snippetFeature];
