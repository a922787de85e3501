// The client features, activated in order. Add a feature by adding one line.
import { checklistView } from './checklistView';
import type { ClientFeature } from './feature';
import { raceClient } from './raceClient';
import { ruleSeverity } from './ruleSeverity';
import { vendorRuntimeClient } from './vendorRuntimeClient';
import { wizardPanel } from './wizardPanel';

export const clientFeatures: ClientFeature[] = [raceClient, checklistView, vendorRuntimeClient, wizardPanel, ruleSeverity];
