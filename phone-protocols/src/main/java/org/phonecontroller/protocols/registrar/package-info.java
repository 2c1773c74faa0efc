/**
 * Registrar views: who is registered at a PhoneManager, read from the registrar itself in one bulk request.
 * {@link org.phonecontroller.protocols.registrar.RegistrarClient} is the API; its implementations are
 * {@code kamailio-jsonrpc} ({@link org.phonecontroller.protocols.registrar.KamailioJsonRpcClient}, JSON-RPC
 * {@code ul.dump} over HTTP) and {@code asterisk-ami}
 * ({@link org.phonecontroller.protocols.registrar.AsteriskAmiClient}, AMI {@code PJSIPShowContacts}). Every read is
 * bounded in time and size; a registrar that does not answer fails the read (unknown), it never yields an empty
 * dump.
 */
package org.phonecontroller.protocols.registrar;
