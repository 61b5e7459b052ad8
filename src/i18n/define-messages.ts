// Every string a person sees comes from a bundle made here, Hindi first. A message missing
// in English (or one English has that Hindi lacks) is a type error: both maps share the key
// set of the Hindi one. Bundles are split by feature so a lazily loaded screen brings its
// own words with it.
import { useLang, type Lang } from './lang.ts';

export type MessageBundle<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

export function defineMessages<const Hi extends Record<string, string>>(
  hi: Hi,
  en: { readonly [K in keyof Hi]: string },
): MessageBundle<keyof Hi & string> {
  return { hi, en };
}

/** The bundle's messages in the language chosen on this tablet. */
export function useMessages<K extends string>(
  bundle: MessageBundle<K>,
): Readonly<Record<K, string>> {
  return bundle[useLang()];
}

/** Puts values into a message's `{name}` places: fill('{n} waiting', { n: 3 }). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
