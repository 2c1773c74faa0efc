package org.phonecontroller.daemon.storage;

/** The embedded database file is already open in another process: another daemon runs on the same data. */
public class StorageLockedException extends StorageException {

    private static final long serialVersionUID = 1L;

    public StorageLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
