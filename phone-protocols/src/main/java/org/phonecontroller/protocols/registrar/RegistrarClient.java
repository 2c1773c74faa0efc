package org.phonecontroller.protocols.registrar;

import java.util.concurrent.CompletableFuture;

/**
 * Reads who is registered at one PhoneManager, in bulk. Callers ask at most every few seconds; the client never
 * sends one request per phone.
 */
public interface RegistrarClient extends AutoCloseable {

    /**
     * One bulk read of the registrar's live contacts, bounded by the client's timeout and size limit. The future
     * fails with {@link RegistrarException} when the registrar cannot be read (no answer, refused, login failed,
     * malformed or oversized reply): the view is then unknown, never empty.
     */
    CompletableFuture<RegistrarDump> dump();

    /** The kind as configured, e.g. {@code kamailio-jsonrpc}. */
    String kind();

    @Override
    void close();
}
