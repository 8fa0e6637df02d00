import { Type, type Static } from '@sinclair/typebox';

/** Every non-2xx reply from central has this shape; `error` is a stable kebab-case code. */
export const ErrorReply = Type.Object({
  error: Type.String({ pattern: '^[a-z0-9-]+$' }),
  message: Type.String(),
}, { additionalProperties: true });
export type ErrorReply = Static<typeof ErrorReply>;
