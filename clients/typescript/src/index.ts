export * from './constants';
export * from './frames';
export * from './schema';
export * from './crypto';
export * from './udp';
export * from './connection';
export * from './clients';
export * from './game';
