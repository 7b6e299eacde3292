import { SEARCH_DEFAULT_ROWS, SEARCH_MAX_ROWS } from '../../api/paths';
import { BadRequestError } from '../contracts';

export interface Paging {
  rows: number;
  start: number;
}

/** Checks `rows` (0…1000, default 100) and `start` (0 or more, default 0). Throws BadRequestError. */
export function checkPaging(rows: number | undefined, start: number | undefined): Paging {
  const checkedRows = rows ?? SEARCH_DEFAULT_ROWS;
  const checkedStart = start ?? 0;
  if (!Number.isInteger(checkedRows) || checkedRows < 0 || checkedRows > SEARCH_MAX_ROWS) {
    throw new BadRequestError(`rows must be an integer from 0 to ${SEARCH_MAX_ROWS}, got ${String(rows)}`);
  }
  if (!Number.isInteger(checkedStart) || checkedStart < 0) {
    throw new BadRequestError(`start must be an integer of 0 or more, got ${String(start)}`);
  }
  return { rows: checkedRows, start: checkedStart };
}
