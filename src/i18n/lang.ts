export type Lang = 'hi' | 'en';
export const defaultLang: Lang = 'hi';
