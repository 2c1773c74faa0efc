package org.phonecontroller.daemon.adapters;

import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.daemon.discovery.AddressSweep;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.sweep.Sweeper;

/** Builds the protocols of a range, in its configured order, with its credentials. */
public interface ProtocolFactory extends AutoCloseable {

    /**
     * @throws IllegalArgumentException naming the protocol when one cannot be built (unknown profile, no
     *                                  credentials of the needed kind)
     */
    List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials, ControllerConfig config);

    /** The TCP port of the phones' HTTP APIs, which discovery's TCP-connect sweep asks. */
    default int phoneHttpPort() {
        return 80;
    }

    /** The sweep step of discovery: the real sweeper; tests of fake phones say which addresses answer. */
    default AddressSweep discoverySweep() {
        return new Sweeper()::run;
    }

    /** Releases sockets and threads shared by the protocols built. */
    @Override
    void close();
}
