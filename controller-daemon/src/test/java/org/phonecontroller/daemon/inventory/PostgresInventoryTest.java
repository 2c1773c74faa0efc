package org.phonecontroller.daemon.inventory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.TestDatabases;

class PostgresInventoryTest extends InventoryContract {

    static final String SCHEMA = TestDatabases.newSchemaName();
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.postgres(SCHEMA);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        TestDatabases.dropPostgresSchema(SCHEMA);
    }

    @Override
    Database database() {
        return database;
    }
}
