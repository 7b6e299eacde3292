// A failed fetch as one sentence a person can act on, chosen by the error's kind (never its text).
import { isNcxError } from '../api/errors';
import type { ValidationIssue } from '../api/workitemsApi';
import type { L10n } from '../model/format/l10n';

export interface FetchErrorText {
  message: string;
  /** Whether trying again can help (it cannot for a missing workitem or a refused permission). */
  retryable: boolean;
  kind?: string;
  /** For a workitem the server sent but we could not read: where it failed validation. */
  issues?: ValidationIssue[];
}

export function describeFetchError(error: unknown, workitemId: string, l10n: L10n): FetchErrorText {
  if (!isNcxError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { message: l10n.t('Could not load workitem {0}: {1}', workitemId, detail), retryable: true };
  }
  const { kind, details } = error;
  switch (kind) {
    case 'notFound':
      return { kind, retryable: false, message: l10n.t('Workitem {0} does not exist (any more).', workitemId) };
    case 'unauthorized':
      return { kind, retryable: true, message: l10n.t('The server did not accept your sign-in. Sign in again, then retry.') };
    case 'forbidden':
      return {
        kind,
        retryable: false,
        message:
          details.missingPermission !== undefined
            ? l10n.t('Your sign-in lacks the permission {0} needed to read this workitem.', details.missingPermission)
            : l10n.t('Your sign-in is not allowed to read this workitem.'),
      };
    case 'rateLimited':
      return {
        kind,
        retryable: true,
        message:
          details.retryAfterMs !== undefined
            ? l10n.t('The server is limiting requests; retry in {0} s.', Math.ceil(details.retryAfterMs / 1000))
            : l10n.t('The server is limiting requests; retry in a moment.'),
      };
    case 'timeout':
      return { kind, retryable: true, message: l10n.t('The server took too long to answer.') };
    case 'network':
      return { kind, retryable: true, message: l10n.t('Could not reach the server. Check the connection, then retry.') };
    case 'server':
      return { kind, retryable: true, message: l10n.t('The server failed to answer ({0}).', details.status ?? kind) };
    case 'malformed': {
      const text: FetchErrorText = {
        kind,
        retryable: true,
        message: l10n.t('The server sent a workitem this version cannot read: {0}', error.message),
      };
      if (details.issues !== undefined && details.issues.length > 0) text.issues = details.issues;
      return text;
    }
    case 'badRequest':
      return { kind, retryable: false, message: l10n.t('The server refused the request: {0}', error.message) };
    case 'conflict':
      return { kind, retryable: true, message: l10n.t('The server reported a conflict: {0}', error.message) };
    case 'cancelled':
      return { kind, retryable: true, message: l10n.t('Loading was cancelled.') };
  }
}
