// Values a hostile or careless tenant can put into any text field of a workitem, and realistic
// workitems (shaped like the NCX documentation's example) that carry them in every field the
// panel, the tree and the tooltip show, and in keys as well as values. Scripts in these payloads
// would set `window.__pwned`, so a browser test can tell whether any of them ran.
import type { TimeEvent, Workitem } from '../../../../src/api/schemas';
import { realisticWorkitem } from '../../api/fixtures/workitems';

export const HOSTILE_PAYLOADS: readonly string[] = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg/onload=window.__pwned="svg">',
  '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
  'javascript:window.__pwned="link"',
  '<a href="javascript:window.__pwned=\'anchor\'">call back</a>',
  '</style><script>window.__pwned="style"</script>',
  '</script><script nonce="">window.__pwned="nonce"</script>',
  '</textarea></title><script>window.__pwned="rawtext"</script>',
  '" onmouseover="window.__pwned=\'dq\'" data-x="',
  "' autofocus onfocus='window.__pwned=\"sq\"' x='",
  '${window.__pwned="template"}',
  '{{constructor.constructor(\'window.__pwned="angular"\')()}}',
  '<%= window.__pwned = "erb" %>',
  '<!-- --><script>window.__pwned="comment"</script><!--',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=\'meta\'">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body{background:url(https://evil.example/beacon)}</style>',
  '[Reset password](command:workbench.action.terminal.new) **urgent** ![x](https://evil.example/p.png)',
  '$(zap) &lt;b&gt; &amp;amp; &#60;script&#62;',
  'invoice\u202Egpj.exe\u202C from \u2066Acme\u2069',
  'zero\u200Bwidth\uFEFF and \u2028line\u2029separators',
  'nul\u0000byte and \u001B[31mansi',
  'lone \uD800 surrogate',
  '👩🏽‍💻 Đặng Thị Hồng 🇻🇳 on call 🚀📞',
  'مرحبا بالعالم עברית',
  'x'.repeat(100_000),
  '<script>'.repeat(5000),
];

/** The text fields of a workitem and its contact, every one of them set to `payload`. */
function textFields(payload: string): Partial<Workitem> {
  return {
    currentStateName: payload,
    agentUsername: payload,
    selectedQueue: payload,
    from: payload,
    to: payload,
    campaignId: payload,
    dispositionId: payload,
    summary: payload,
  };
}

/** A workitem of the documentation's shape with `payload` everywhere a server could put text. */
export function hostileWorkitem(payload: string, index: number): Workitem {
  const base = realisticWorkitem(index);
  const events: TimeEvent[] = [
    ...(base.timeEvents ?? []),
    { type: payload, timestamp: base.createdAt + 120_000, userId: payload, state: payload, queueId: payload, note: payload },
  ];
  return {
    ...base,
    ...textFields(payload),
    // The id stays readable in test output; the payload rides along in it.
    workitemId: `wi_hostile_${index}_${payload.slice(0, 200)}`,
    state: index % 2 === 0 ? base.state : payload,
    channelType: index % 3 === 0 ? base.channelType : payload,
    type: index % 4 === 0 ? base.type : payload,
    actions: ['hold', payload, 'hangup'],
    contact: {
      _id: payload,
      firstName: payload,
      lastName: payload,
      company: payload,
      phone: payload,
      email: payload,
      [payload]: payload,
    },
    timeEvents: events,
    data: { [payload]: payload, nested: { note: payload, list: [payload, payload] }, url: payload },
    [payload.slice(0, 500)]: payload,
  };
}

export function hostileWorkitems(): Workitem[] {
  return HOSTILE_PAYLOADS.map((payload, index) => hostileWorkitem(payload, index));
}

/** A long call whose older events (beyond the first window of 200) carry every payload. */
export function hostileLongCall(): Workitem {
  const base = realisticWorkitem(7);
  const events: TimeEvent[] = [];
  for (let i = 0; i < 260; i += 1) {
    const payload = HOSTILE_PAYLOADS[i % HOSTILE_PAYLOADS.length] ?? '';
    const short = payload.slice(0, 300);
    events.push({ type: i % 2 === 0 ? 'held' : short, timestamp: base.createdAt + i * 1000, userId: short, state: short, note: short });
  }
  return { ...base, workitemId: 'wi_hostile_long', timeEvents: events };
}
