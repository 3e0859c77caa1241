import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf } from '@/core/schemas/field-errors';

describe('fieldErrorsOf', () => {
  it('groups messages by dotted path, whole-input problems under "_"', () => {
    const schema = z.object({ a: z.object({ value: z.number() }), b: z.string().min(2) }).refine(() => false, 'never');
    const parsed = schema.safeParse({ a: { value: 'x' }, b: '' });
    expect(parsed.success).toBe(false);
    const fields = fieldErrorsOf(parsed.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(['a.value', 'b']);
    expect(fieldErrorsOf([{ path: [], message: 'whole' }, { path: [], message: 'again' }])).toEqual({ _: ['whole', 'again'] });
  });
});
