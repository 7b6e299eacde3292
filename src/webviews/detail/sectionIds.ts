// The parts of a workitem page that are drawn again on their own when the workitem changes: each
// is one top-level element whose id is its name. The page keeps what the others hold (an opened
// section, the picture's zoom, older timeline rows, a loaded transcript).
export const DETAIL_SECTION_IDS = ['header', 'issues', 'fields', 'contact', 'timeline', 'conversation', 'raw'] as const;

export type DetailSectionId = (typeof DETAIL_SECTION_IDS)[number];
