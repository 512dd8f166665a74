// Type guards the message validators of every channel build on: messages cross a boundary, so
// nothing in them is trusted until it has been checked.

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isNumOrNull = (v: unknown): v is number | null => v === null || isNum(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
/** A whole number >= 0. */
export const isCount = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;
