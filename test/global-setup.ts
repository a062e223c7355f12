// Runs once before the whole suite. The PostgreSQL part is added with the store.
export default async function setup(): Promise<void> {}
