// The `--platform` options of `sbpl query` (and `sbpl run`): their names and help, without the blob decoders
// and graph evaluator that reading a platform layer needs (query-platform.ts, loaded only when one is given).

import type { ProfileCliOptions } from './common.js';

export interface PlatformCliOptions extends ProfileCliOptions {
  platform?: string;
  platformProfile?: string;
}

export const PLATFORM_OPTION_HELP = {
  platform: 'also hold the request to a platform profile, as the kernel holds every process: FILE (SBPL, read with the same -D/-I/--os) or BLOB (compiled profile); both layers must allow, and the answer says which decided',
  platformProfile: 'with --platform BLOB of a profile collection: the profile in it to use as the platform layer',
};
