package org.phonecontroller.daemon.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.HttpCredentials;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.probes.PhoneManagerProbes;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolFactory;
import org.phonecontroller.protocols.ProtocolSettings;

/**
 * The adapters of phone-protocols ({@link PhoneProtocolFactory}: SNMP profiles, Polycom REST, Snom, Grandstream),
 * built with each range's credentials and the scan's timeout and retries. The phones' HTTP port is the vendors'
 * standard one unless the system property {@value #HTTP_PORT_PROPERTY} names another (phone labs on loopback).
 */
public final class DefaultProtocolFactory implements ProtocolFactory {

    /** System property: the TCP port of the phones' HTTP APIs, when not 80/443. */
    public static final String HTTP_PORT_PROPERTY = "phonecontroller.phoneHttpPort";

    private final PhoneProtocolFactory factory;
    private final OptionalInt httpPort;

    public DefaultProtocolFactory(ControllerConfig config) {
        this(config, Integer.getInteger(HTTP_PORT_PROPERTY) == null ? OptionalInt.empty()
                : OptionalInt.of(Integer.getInteger(HTTP_PORT_PROPERTY)));
    }

    public DefaultProtocolFactory(ControllerConfig config, OptionalInt httpPort) {
        this.factory = new PhoneProtocolFactory(Optional.of(config.profilesDir()));
        this.httpPort = httpPort;
    }

    @Override
    public int phoneHttpPort() {
        return httpPort.orElse(80);
    }

    @Override
    public List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials,
                                        ControllerConfig config) {
        ProtocolSettings settings = ProtocolSettings.defaults().withTimeout(config.scan().timeout())
                .withRetries(Math.min(config.scan().retries(), 10));
        if (credentials.isPresent()) {
            settings = withCredentials(settings, credentials.get());
        }
        List<PhoneProtocol> protocols = new ArrayList<>();
        for (String name : range.protocols()) {
            boolean http = PhoneProtocolFactory.HTTP_PROTOCOLS.contains(name);
            protocols.add(factory.create(name, http && httpPort.isPresent()
                    ? new ProtocolSettings(settings.timeout(), settings.retries(), settings.snmp(), settings.http(),
                            settings.tls(), httpPort) : settings));
        }
        return protocols;
    }

    private static ProtocolSettings withCredentials(ProtocolSettings settings, RangeCredentials credentials) {
        ProtocolSettings result = settings;
        if (credentials.snmp().isPresent()) {
            result = result.withSnmp(PhoneManagerProbes.snmp(credentials.snmp().get()));
        }
        if (credentials.http().isPresent()) {
            HttpCredentials http = credentials.http().get();
            result = result.withHttp(new org.phonecontroller.protocols.http.HttpCredentials(http.user(),
                    http.password()));
        }
        return result;
    }

    @Override
    public void close() {
        factory.close();
    }
}
