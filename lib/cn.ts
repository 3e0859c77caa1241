import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names and lets later Tailwind utilities override earlier ones
 * (so `cn('px-4', className)` lets a caller's `px-2` win instead of both applying).
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
