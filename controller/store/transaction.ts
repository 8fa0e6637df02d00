// One helper for "all of this or none of it" on the kiosk database. Nested
// calls join the outer transaction (a savepoint), so a caller can group
// steps that are each transactional on their own.
import type { DatabaseSync } from 'node:sqlite';

let savepoints = 0;

export function transaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) {
    const name = `sp${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw err;
    }
  }
  // IMMEDIATE: take the write lock at the start, so the commit cannot fail on it.
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
