export * from './units';
export * from './chain';
export * from './rig';
export * from './checks';
export * from './reconcile';
export * from './catalogue';
export * from './recommend';
