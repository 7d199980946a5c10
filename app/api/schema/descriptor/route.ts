// The JSON Schema of the edgeperf.yaml descriptor (docs/formats.md), for editors and scripts.
import { descriptorJsonSchema } from '@/server/descriptor';
import { handle, json } from '@/server/http/errors';

export const dynamic = 'force-static';

export const GET = handle(async () => json(descriptorJsonSchema()));
