// The `edgeperf.yaml` descriptor (issue 4; documented in docs/formats.md): a small file a user
// puts in a deployment folder (or an archive) to name the run, its campaign, state or correct
// factors, and map addresses to sites for captures. Factor keys and value schemas are those of
// lib/factors.ts: one spelling everywhere.
import { z } from 'zod';
import { FACTOR_KEYS, FACTORS, type FactorKey } from '@/lib/factors';

export const DESCRIPTOR_VERSION = 1;

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const IPV4_CIDR = new RegExp(`^${IPV4}/(?:3[0-2]|[12]?\\d)$`);
const IPV6_CIDR = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\/(?:12[0-8]|1[01]\d|[1-9]?\d)$/;

export const cidrSchema = z
  .string()
  .trim()
  .refine((s) => IPV4_CIDR.test(s) || IPV6_CIDR.test(s), {
    message: 'expected a CIDR such as 10.0.1.0/24 or fd00::/64',
  })
  .describe('An address block in CIDR notation: 10.0.1.0/24, 10.0.1.7/32, fd00::/64');

export const siteSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .describe('Site name, as in the reservation (grp1) or free (paris)'),
    cidr: z
      .union([cidrSchema, z.array(cidrSchema).min(1)])
      .describe('The addresses of the site: one CIDR or a list of them'),
  })
  .strict();

const factorShape = Object.fromEntries(
  FACTOR_KEYS.map((key) => [
    key,
    FACTORS[key].schema
      .nullable()
      .optional()
      .describe(
        `${FACTORS[key].label}${FACTORS[key].fingerprint ? '' : ' (not in the fingerprint)'}; null = unknown`,
      ),
  ]),
) as { [K in FactorKey]: z.ZodOptional<z.ZodNullable<(typeof FACTORS)[K]['schema']>> };

export const descriptorFactorsSchema = z
  .object(factorShape)
  .strict()
  .describe('Factors of the run; they win over the factors derived from the files');

export const descriptorSchema = z
  .object({
    version: z.literal(DESCRIPTOR_VERSION).optional().describe('Descriptor format version (1)'),
    name: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Run name (default: the folder or archive name)'),
    campaign: z.string().trim().min(1).optional().describe('Campaign name; created when new'),
    factors: descriptorFactorsSchema.optional(),
    sites: z
      .array(siteSchema)
      .optional()
      .describe('Address → site map, used to attribute captured traffic to sites'),
    notes: z.string().optional().describe('Free text shown with the run'),
  })
  .strict()
  .describe('edgeperf.yaml: describes one run (one deployment + one benchmark execution)');

export type DescriptorInput = z.input<typeof descriptorSchema>;

/** The JSON Schema of the descriptor (served at /api/schema/descriptor). */
export function descriptorJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(descriptorSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://edgeperf.local/api/schema/descriptor',
    title: 'edgeperf.yaml',
  };
}
