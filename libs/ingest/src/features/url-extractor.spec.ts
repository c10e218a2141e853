import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { extractUrlDomains, isShortenerDomain } from './url-extractor';

const { url } = shippedIngestConfig().lexicons;
const domainsOf = (text: string): string[] => extractUrlDomains(text.toLowerCase(), url);

describe(extractUrlDomains.name, () => {
  it.each([
    ['Claim at winner-prize.co.uk/now', ['winner-prize.co.uk']],
    ['Update KYC: secure-pay.in/kyc', ['secure-pay.in']],
    ['Track it at a1.parcel-help.us/t', ['a1.parcel-help.us']],
    ['Отметки: gosuslugi-help.id/x', ['gosuslugi-help.id']],
    ['Подробнее: kaspi-bonus.kz', ['kaspi-bonus.kz']],
    ['Пример: пример.рф', ['пример.рф']],
  ])('finds bare domains under any public suffix: %s', (text, expected) => {
    expect(domainsOf(text)).toEqual(expected);
  });

  it.each([
    ['Go to http:/kaspi-check.top/login', ['kaspi-check.top']],
    ['Go to http:///halyk-secure.site/a', ['halyk-secure.site']],
    ['Open https://winner@kcell-gift.top/x', ['kcell-gift.top']],
    ['Open http://wap. my-prize.com/?n=1', ['wap.my-prize.com']],
    ['Open http://95.141.32.7:81/orders', ['95.141.32.7']],
    ['hxxps://kce11[.]top/win', ['kce11.top']],
    ['See www.example.com and kcell . kz', ['example.com', 'kcell.kz']],
  ])('recovers malformed and obfuscated links: %s', (text, expected) => {
    expect(domainsOf(text)).toEqual(expected);
  });

  it('reports a masked host as a constant, never as the text standing in its place', () => {
    expect(domainsOf('Follow this link www.××××× to read it')).toEqual(['masked.invalid']);
  });

  it.each([
    'You won the lottery.Top up your balance now',
    'I was there at 5.30 and it was fine.Call me',
    'ok.so what now? i.e. nothing',
    'Write to info@kcell.kz about it',
    'The total is 2.50 and 14.99',
  ])('reads no link into glued sentences, numbers or e-mail addresses: %s', (text) => {
    expect(domainsOf(text)).toEqual([]);
  });

  it('flags link shorteners by host or registrable domain', () => {
    expect(isShortenerDomain('bit.ly', url)).toBe(true);
    expect(isShortenerDomain('clck.ru', url)).toBe(true);
    expect(isShortenerDomain('www2.bit.ly', url)).toBe(true);
    expect(isShortenerDomain('kaspi.kz', url)).toBe(false);
  });
});
