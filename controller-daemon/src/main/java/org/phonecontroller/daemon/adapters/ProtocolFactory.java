package org.phonecontroller.daemon.adapters;

import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.protocols.PhoneProtocol;

/** Builds the protocols of a range, in its configured order, with its credentials. */
public interface ProtocolFactory extends AutoCloseable {

    /**
     * @throws IllegalArgumentException naming the protocol when one cannot be built (unknown profile, no
     *                                  credentials of the needed kind)
     */
    List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials, ControllerConfig config);

    /** Releases sockets and threads shared by the protocols built. */
    @Override
    void close();
}
