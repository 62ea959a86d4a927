import Database from 'better-sqlite3';

/**
 * Opens a SQLite file set up for our use: WAL so readers never block the writer, and
 * synchronous=NORMAL, which in WAL mode survives a killed process (kill -9) without losing a
 * committed transaction; only an OS crash could lose the last few.
 */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
