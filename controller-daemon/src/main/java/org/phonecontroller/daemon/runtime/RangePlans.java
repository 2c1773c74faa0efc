package org.phonecontroller.daemon.runtime;

import org.phonecontroller.daemon.adapters.ProtocolFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.daemon.discovery.SweepProbes;
import org.phonecontroller.daemon.failover.PhoneManagerRef;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

/** Turns the configuration into what the daemon's parts work with. */
final class RangePlans {

    private RangePlans() {
    }

    /** Every range of the configuration, by name, in file order, with its protocols built. */
    static Map<String, RangePlan> of(ControllerConfig config, Credentials credentials, ProtocolFactory protocols) {
        Map<String, RangePlan> plans = new LinkedHashMap<>();
        for (RangeConfig range : config.ranges()) {
            var rangeCredentials = credentials.forRange(range.credentials());
            plans.put(range.name(), new RangePlan(range.name(), range.addresses(),
                    ref(pm(config, range.primary())), ref(pm(config, range.fallback())),
                    protocols.forRange(range, rangeCredentials, config), range.requireRegistration(),
                    SweepProbes.of(range.protocols(), rangeCredentials.flatMap(RangeCredentials::snmp)
                            .filter(SnmpCredentials.V2c.class::isInstance)
                            .map(c -> ((SnmpCredentials.V2c) c).community()), protocols.phoneHttpPort())));
        }
        return plans;
    }

    private static PhoneManagerConfig pm(ControllerConfig config, String name) {
        return config.phoneManager(name).orElseThrow(() -> new IllegalArgumentException(
                "PhoneManager '" + name + "' is not configured"));
    }

    /** What phones are programmed with: the PhoneManager's SIP host and port. */
    static PhoneManagerRef ref(PhoneManagerConfig pm) {
        return new PhoneManagerRef(pm.name(), new ServerAddress(pm.host(), pm.port()));
    }

    /** What the health probe talks to: the probe port, over the PhoneManager's transport. */
    static Endpoint endpoint(PhoneManagerConfig pm) {
        return new Endpoint(pm.name(), new ServerAddress(pm.host(), pm.probePort()),
                Transport.valueOf(pm.transport().name()));
    }

    /** A witness {@code host} or {@code host:port} (port 7 when none is given: echo; a refusal is an answer too). */
    static Endpoint witness(String text) {
        boolean bracketedWithPort = text.startsWith("[") && text.contains("]:");
        boolean hostWithPort = !text.startsWith("[") && text.indexOf(':') >= 0
                && text.indexOf(':') == text.lastIndexOf(':');
        ServerAddress parsed = bracketedWithPort || hostWithPort ? ServerAddress.parse(text)
                : new ServerAddress(text.replace("[", "").replace("]", ""), 7);
        return new Endpoint("witness " + text, parsed, Transport.TCP);
    }
}
