// How often pushed changes are shown at most, in the tree and in open panels. Showing one costs no
// request (each change carries its workitem), only a redraw: the first change after a quiet spell
// shows at once, a burst a few times a second, so a change is on screen well within 250 ms.
export const LIVE_SHOW_GAP_MS = 200;
