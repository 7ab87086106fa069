// The chain's arithmetic lives in @phala-mining/math so that clients compute exactly what the pallets compute.
export * from '@phala-mining/math';
