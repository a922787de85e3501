// The client features, activated in order. Add a feature by adding one line.
import { checklistView } from './checklistView';
import type { ClientFeature } from './feature';
import { raceClient } from './raceClient';

export const clientFeatures: ClientFeature[] = [raceClient, checklistView];
