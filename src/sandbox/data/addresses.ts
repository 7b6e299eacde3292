import type { WorkitemType } from '../../api/domain';
import type { Contact } from '../../api/schemas';
import type { SandboxQueue } from './catalog';
import { socialHandle } from './contacts';

export interface Addresses {
  from: string;
  to: string;
}

/** `from` / `to` as the channel writes them: phone numbers, mailboxes, social handles, web addresses. */
export function addressesFor(type: WorkitemType, contact: Contact, queue: SandboxQueue): Addresses {
  const phone = contact.phone ?? queue.phoneNumber;
  const email = contact.email ?? `${contact._id}@example.com`;
  switch (type) {
    case 'InboundCall':
    case 'InboundSMS':
    case 'Whatsapp':
      return { from: phone, to: queue.phoneNumber };
    case 'OutboundCall':
    case 'PredictiveCall':
    case 'OutboundSMS':
      return { from: queue.phoneNumber, to: phone };
    case 'InboundEmail':
      return { from: email, to: queue.email };
    case 'OutboundEmail':
      return { from: queue.email, to: email };
    case 'Chat':
      return { from: email, to: 'acme.example.com/chat' };
    case 'Facebook':
    case 'Instagram':
    case 'Twitter':
      return { from: socialHandle(contact, type), to: queue.socialHandle };
    case 'VideoMeeting':
      return { from: email, to: `meet.acme.example.com/${queue._id}` };
  }
}
