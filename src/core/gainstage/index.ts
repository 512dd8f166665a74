export * from './units';
export * from './chain';
