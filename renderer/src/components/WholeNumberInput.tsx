import type { InputHTMLAttributes } from 'react';

/** A number field that reports a value only once it is a whole number within bounds (a half-typed one is left alone). */
export function WholeNumberInput({ min, max, value, onValue, ...rest }: { min: number; max: number; value: number; onValue(n: number): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'min' | 'max' | 'value' | 'type' | 'onChange'>) {
  return (
    <input
      {...rest}
      type="number"
      min={min}
      max={max}
      value={value}
      onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= min && e.target.valueAsNumber <= max && onValue(e.target.valueAsNumber)}
    />
  );
}
