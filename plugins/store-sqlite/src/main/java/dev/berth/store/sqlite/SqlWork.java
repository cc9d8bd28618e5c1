package dev.berth.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of work on a lent connection, run by {@link SqliteDatabase}. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
