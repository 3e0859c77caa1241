'use client';

import { VisuallyHidden as VisuallyHiddenPrimitive } from 'radix-ui';

/** Content for screen readers only (Radix VisuallyHidden). The `sr-only` class does the same in CSS. */
export const VisuallyHidden = VisuallyHiddenPrimitive.Root;
export type VisuallyHiddenProps = VisuallyHiddenPrimitive.VisuallyHiddenProps;
