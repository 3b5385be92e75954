/** The simulated CookiePay account every scenario uses. */
export const benchAccount = { apiId: 'bench-shop', apiKey: 'bench-api-key-0123456789' } as const;

export const benchAccountEnv = {
  COOKIEPAY_API_ID: benchAccount.apiId,
  COOKIEPAY_API_KEY: benchAccount.apiKey,
} as const;
