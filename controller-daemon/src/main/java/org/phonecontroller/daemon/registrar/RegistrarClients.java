package org.phonecontroller.daemon.registrar;

import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.RegistrarConfig;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.registrar.AsteriskAmiClient;
import org.phonecontroller.protocols.registrar.KamailioJsonRpcClient;
import org.phonecontroller.protocols.registrar.RegistrarClient;
import org.phonecontroller.protocols.registrar.RegistrarLimits;

/** Builds the client of a PhoneManager's configured registrar view. */
@FunctionalInterface
public interface RegistrarClients {

    RegistrarClient forPhoneManager(PhoneManagerConfig phoneManager, RegistrarConfig registrar);

    /** The real clients: JSON-RPC over HTTP for Kamailio, AMI over TCP for Asterisk (user from the credentials). */
    static RegistrarClients standard(Credentials credentials, TimeSource time) {
        return (pm, registrar) -> {
            RegistrarLimits limits = RegistrarLimits.DEFAULTS.withTimeout(registrar.timing().timeout());
            return switch (registrar) {
                case RegistrarConfig.KamailioJsonRpc k -> new KamailioJsonRpcClient(k.url(), limits);
                case RegistrarConfig.AsteriskAmi a -> {
                    var ami = credentials.byKey().get(a.credentials()).ami().orElseThrow(() ->
                            new IllegalStateException("credentials '" + a.credentials() + "' have no ami user"));
                    yield new AsteriskAmiClient(a.host(), a.port(), ami.user(), ami.secret(), limits, time.clock());
                }
            };
        };
    }
}
