export { createStore, INDEXED_FIELDS } from './createStore';
