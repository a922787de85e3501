// The client features, activated in order. Add a feature by adding one line.
import type { ClientFeature } from './feature';

export const clientFeatures: ClientFeature[] = [];
