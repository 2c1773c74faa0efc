package org.phonecontroller.daemon.inventory;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.TestDatabases;

class H2InventoryTest extends InventoryContract {

    @TempDir
    static Path folder;
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2(folder);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }
}
