import { z } from 'zod';
import { FACTOR_KEYS, FACTORS, type FactorKey, parseFactorValue } from '@/lib/factors';
import type { FactorValue } from '@/lib/apiTypes';
import { requireWrite } from '@/server/auth/token';
import { readJson } from '@/server/http/body';
import { ApiError, handle, json } from '@/server/http/errors';
import { updateFactors } from '@/server/store/runs';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ runId: string }> };

const body = z.record(z.string(), z.unknown());

export const PATCH = handle(async (request: Request, ctx: Ctx) => {
  requireWrite(request);
  const { runId } = await ctx.params;
  const raw = body.parse(await readJson(request, 'a JSON object {"<factor>": value}'));
  const values: Partial<Record<FactorKey, FactorValue>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!FACTOR_KEYS.includes(key as FactorKey)) {
      throw new ApiError(
        422,
        'UNKNOWN_FACTOR',
        `unknown factor "${key}" (known: ${FACTOR_KEYS.join(', ')})`,
      );
    }
    const parsed = FACTORS[key as FactorKey].schema.safeParse(value);
    if (value !== null && !parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(422, 'INVALID_FACTOR', `${key}: ${issue?.message ?? 'invalid value'}`);
    }
    values[key as FactorKey] = value === null ? null : parseFactorValue(key as FactorKey, value);
  }
  const factors = await updateFactors(runId, values);
  if (!factors) throw new ApiError(404, 'NOT_FOUND', `no run ${runId}`);
  return json({ factors });
});
