// Turns whatever a handler threw into its HTTP answer. Bad input of any kind must end as a 4xx;
// only a genuine bug in the sandbox becomes a 500.
import { BadRequestError, IllegalActionError, QuerySyntaxError, WorkitemNotFoundError } from '../contracts';
import { HttpError, badRequest, notFound } from './httpError';

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) {
    return error;
  }
  if (error instanceof QuerySyntaxError) {
    return badRequest(`Query parameter 'q' is not valid: ${error.message}`, {
      in: 'query',
      field: 'q',
      ...(error.position === undefined ? {} : { position: error.position }),
    });
  }
  if (error instanceof BadRequestError) {
    return badRequest(error.message);
  }
  if (error instanceof WorkitemNotFoundError) {
    return notFound(`Workitem '${error.workitemId}' does not exist.`);
  }
  if (error instanceof IllegalActionError) {
    // The state machine's message already names the workitem, the state and the action.
    return new HttpError(409, 'conflict', error.message, {
      workitemId: error.workitemId,
      state: error.state,
      action: error.action,
    });
  }
  return new HttpError(500, 'internal', 'The sandbox failed to handle the request; see its log.');
}
