/**
 * The `lang` of a page the product renders (the Explain view, the practice server's pages): the language its words are
 * in, so screen readers pronounce them and browsers hyphenate and translate them correctly.
 */

/**
 * `tag` when it is shaped like a BCP 47 language tag (`en`, `de`, `zh-cn`, `pt-BR`), else `en`: the value goes into an
 * attribute and may come from outside, so nothing else gets through.
 */
export function htmlLanguage(tag: string | undefined): string {
  return tag !== undefined && /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'en';
}
