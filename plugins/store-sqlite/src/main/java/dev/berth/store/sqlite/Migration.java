package dev.berth.store.sqlite;

import java.util.List;

/**
 * One step of the schema's history. Applied steps are never edited: a later release changes the
 * schema by adding a step with the next version.
 */
record Migration(int version, String description, List<String> statements) {
  Migration {
    statements = List.copyOf(statements);
  }
}
