// The descriptor's JSON Schema for the API (routes reach ingest/ only through server/).
export { descriptorJsonSchema } from '@/ingest/descriptor';
