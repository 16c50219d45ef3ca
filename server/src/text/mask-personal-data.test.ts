import { describe, expect, it } from 'vitest';
import { maskPersonalData, passesLuhn } from './mask-personal-data';

describe('passesLuhn', () => {
  it('accepts valid card numbers and rejects near misses', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });
});

describe('maskPersonalData', () => {
  it('masks email addresses', () => {
    const r = maskPersonalData('Mail me at jane.doe+shop@example.co.uk please');
    expect(r).toEqual({ text: 'Mail me at [email] please', masked: 1 });
  });

  it.each([
    ['+1 (555) 123-4567'],
    ['+44 20 7946 0958'],
    ['+49 30 1234567'],
    ['+4930123456'],
    ['555-123-4567'],
    ['(555) 123-4567'],
    ['555.123.4567'],
    ['555 123 4567'],
    ['1-800-555-0199'],
  ])('masks the phone number %s', (phone) => {
    const r = maskPersonalData(`call me on ${phone} tomorrow`);
    expect(r).toEqual({ text: 'call me on [phone] tomorrow', masked: 1 });
  });

  it.each([
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['4111111111111111'],
    ['3782 822463 10005'],
    ['6011000990139424'],
  ])('masks the Luhn-valid card number %s', (card) => {
    const r = maskPersonalData(`my card is ${card}, charge it`);
    expect(r).toEqual({ text: 'my card is [card], charge it', masked: 1 });
  });

  it.each([
    ['5551234567'],
    ['2125550123'],
    ['15551234567'],
    ['٥٥٥١٢٣٤٥٦٧'],
    ['５５５１２３４５６７'],
    ['555\u200b123\u200b4567'],
  ])('masks the bare phone number %j', (phone) => {
    const r = maskPersonalData(`text me at ${phone} when it ships`);
    expect(r).toEqual({ text: 'text me at [phone] when it ships', masked: 1 });
  });

  it.each([['123-45-6789'], ['123 45 6789'], ['078-05-1120'], ['１２３－４５－６７８９']])(
    'masks the social security number %j',
    (ssn) => {
      const r = maskPersonalData(`my SSN: ${ssn}, for the credit check`);
      expect(r).toEqual({ text: 'my SSN: [ssn], for the credit check', masked: 1 });
    },
  );

  it('masks nine bare digits only when they are named as an SSN', () => {
    expect(maskPersonalData('my social security number is 123456789')).toEqual({
      text: 'my social security number is [ssn]',
      masked: 1,
    });
    expect(maskPersonalData('ssn#123456789 thanks').text).toBe('ssn#[ssn] thanks');
    expect(maskPersonalData('order 123456789 status').masked).toBe(0);
  });

  it.each([['000-12-3456'], ['666-12-3456'], ['912-34-5678'], ['123-00-4567'], ['123-45-0000']])(
    'leaves %j alone: no SSN is ever issued in that range',
    (text) => {
      expect(maskPersonalData(`ref ${text}`).masked).toBe(0);
    },
  );

  it.each([
    ['DE89 3704 0044 0532 0130 00'],
    ['DE89370400440532013000'],
    ['GB82 WEST 1234 5698 7654 32'],
    ['gb82west12345698765432'],
    ['FR14 2004 1010 0505 0001 3M02 606'],
    ['NL91ABNA0417164300'],
    ['ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００'],
  ])('masks the IBAN %j', (iban) => {
    const r = maskPersonalData(`refund to ${iban} please`);
    expect(r).toEqual({ text: 'refund to [iban] please', masked: 1 });
  });

  it('masks an IBAN that runs into a following word of letters and digits', () => {
    expect(maskPersonalData('IBAN DE89 3704 0044 0532 0130 00 AB12 ok').text).toBe(
      'IBAN [iban] AB12 ok',
    );
  });

  it('leaves IBAN-shaped text with a wrong checksum alone', () => {
    expect(maskPersonalData('code DE88 3704 0044 0532 0130 00').masked).toBe(0);
  });

  it.each([
    ['jane＠example.com'],
    ['ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
    ['ja\u200bne@exa\u200bmple.com'],
    ['josé.garcía@correo.es'],
    ['user@bücher.de'],
  ])('masks the e-mail address %j', (email) => {
    const r = maskPersonalData(`write to ${email} today`);
    expect(r).toEqual({ text: 'write to [email] today', masked: 1 });
  });

  it.each([
    ['４１１１ １１１１ １１１１ １１１１'],
    ['٤١١١١١١١١١١١١١١١'],
    ['४१११-१११११-११११-१११'],
    ['4111\u200b1111\u200b1111\u200b1111'],
  ])('masks the card number written %j', (card) => {
    const r = maskPersonalData(`card ${card} thanks`);
    expect(r).toEqual({ text: 'card [card] thanks', masked: 1 });
  });

  it('leaves long numbers that fail the Luhn check alone (they are not cards)', () => {
    const r = maskPersonalData('order 4111111111111112 please');
    expect(r.masked).toBe(0);
    expect(r.text).toBe('order 4111111111111112 please');
  });

  it('masks several items and counts them', () => {
    const r = maskPersonalData(
      'I am bob@mail.com, phone 555-123-4567, card 5555 5555 5555 4444 and +44 20 7946 0958',
    );
    expect(r.text).toBe('I am [email], phone [phone], card [card] and [phone]');
    expect(r.masked).toBe(4);
  });

  it.each([
    'Show me laptops under $1,299',
    'phones under 300',
    'between 500 and 1000 dollars',
    'a budget of $500-$1000',
    'budget 500-1000',
    'Is IPH15PRO-256 in stock?',
    'the $1,299.99 one',
    'I paid 1299.99 in 2024',
    'top 3 tvs, 65 inch, 4k, 120 Hz',
    'Galaxy S24 Ultra 512GB',
    'price range 1000-2000',
    'laptops under 1299',
    'show me 10 phones under 999 dollars',
    'SKU 100234 or SKU-20240517',
    'model number KD-65X85K, 2 of them',
    'Galaxy S24, iPhone 15 Pro Max 256GB, Pixel 8a',
    'I want 3 tvs between 500 and 2000',
    'is the 1234567890 product id right?',
    'order 0123456789 arrived damaged',
    'released 1700000000 seconds after the epoch',
    'ISBN 0306406152',
    'a 2-in-1 laptop with 16 GB RAM and a 1 TB SSD',
    'USB-C 3.2 Gen 2x2, 20 Gbps',
    'budget $2,000,000,000 lol',
    'rated 4.5/5 by 12,345 buyers',
    'Sony WH-1000XM5 vs Bose QC45',
    'dimensions 123-45-67 cm',
  ])('does not mangle ordinary shopping text: %s', (text) => {
    expect(maskPersonalData(text)).toEqual({ text, masked: 0 });
  });
});
