import type { Contact } from '../../api/schemas';
import { asciiWord } from './catalog';
import { COMPANIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from './names';
import type { Rng } from './prng';

const FIRST_CONTACT_NUMBER = 10_000;

export function contactCountFor(workitemCount: number): number {
  // Repeat callers are the norm: about one contact per ten workitems, within sane bounds.
  return Math.min(50_000, Math.max(50, Math.round(workitemCount / 10)));
}

export function buildContacts(rng: Rng, count: number): Contact[] {
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const number = FIRST_CONTACT_NUMBER + i;
    const contact: Contact = {
      _id: `ct_${number}`,
      firstName,
      lastName,
      phone: usPhoneNumber(rng),
      email: `${asciiWord(firstName)}.${asciiWord(lastName)}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`,
    };
    if (rng.chance(0.35)) {
      contact.company = rng.pick(COMPANIES);
    }
    contacts.push(contact);
  }
  return contacts;
}

/** An E.164 North-American number with a valid area code and exchange (neither starts with 0 or 1). */
export function usPhoneNumber(rng: Rng): string {
  const area = rng.int(2, 9) * 100 + rng.int(0, 99);
  const exchange = rng.int(2, 9) * 100 + rng.int(0, 99);
  const line = rng.int(0, 9999);
  return `+1${area}${exchange}${String(line).padStart(4, '0')}`;
}

/** Social handles follow from the contact, so one person keeps the same handle everywhere. */
export function socialHandle(contact: Contact, network: 'Facebook' | 'Instagram' | 'Twitter'): string {
  const first = asciiWord(contact.firstName ?? 'guest');
  const last = asciiWord(contact.lastName ?? 'user');
  const digits = contact._id.replace(/\D/g, '').slice(-3);
  switch (network) {
    case 'Facebook':
      return `facebook.com/${first}.${last}.${digits}`;
    case 'Instagram':
      return `@${first}_${last}`;
    case 'Twitter':
      return `@${first}${last.charAt(0)}${digits}`;
  }
}
