'use client';
// A NativeSelect over a fixed list of values (an enum, a list of codes): the option loop and the
// cast of the chosen value back to its type, written once instead of at every such select.
import type { ReactNode } from 'react';
import { NativeSelect, type NativeSelectProps } from './native-select';

export interface ChoiceSelectProps<V extends string> extends Omit<NativeSelectProps, 'value' | 'onChange' | 'children'> {
  value: V;
  /** The values, in the order they are offered. */
  choices: readonly V[];
  /** An option's text. */
  label: (value: V) => ReactNode;
  onValueChange: (value: V) => void;
}

export function ChoiceSelect<V extends string>({ choices, label, onValueChange, ...props }: ChoiceSelectProps<V>) {
  return (
    <NativeSelect {...props} onChange={(e) => onValueChange(e.target.value as V)}>
      {choices.map((c) => (
        <option key={c} value={c}>
          {label(c)}
        </option>
      ))}
    </NativeSelect>
  );
}
