/** Where `npm start` keeps its database, queue and e-mails in the browser tests, apart from .data/. */
export const devServerData = "test-results/dev-db";
