import { z } from 'zod';
import { wireCode, wireString } from './fields.js';

/** `POST /payAuth/token`: lower-case keys, no other headers. */
export const tokenRequestSchema = z.object({
  pay2_id: z.string().min(1).max(30),
  pay2_key: z.string().min(1).max(50),
});

/** Success: RTN_CD "0000" with TOKEN (a JWT). Failure: another RTN_CD, RTN_MSG, no TOKEN. */
export const tokenResponseSchema = z.looseObject({
  RTN_CD: wireCode(),
  RTN_MSG: wireString(),
  TOKEN: z.string().nullish(),
});

export type TokenRequest = z.infer<typeof tokenRequestSchema>;
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
