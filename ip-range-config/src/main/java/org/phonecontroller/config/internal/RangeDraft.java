package org.phonecontroller.config.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.ranges.IpRange;

/**
 * A range as read, with where each part was written, for the checks that look across ranges and files.
 *
 * @param config              the range, when every part of it was readable
 * @param nameNode            where the name is written (or the range's mapping, without a name)
 * @param addressNodes        each block and where it is written
 * @param protocols           the known protocols it lists
 * @param protocolNodes       where each of {@code protocols} is written (same order)
 * @param credentialsKey      its key in the credentials file ({@code credentials:}, else the name)
 * @param credentialsNode     where {@code credentials:} is written, if it is
 * @param protocolNodes       where each known protocol is written
 */
public record RangeDraft(Optional<RangeConfig> config, String name, YamlNode nameNode, List<Located> addressNodes,
                         List<String> protocols, List<YamlNode> protocolNodes, String credentialsKey,
                         Optional<YamlNode> credentialsNode) {

    /** A block of addresses and where it is written. */
    public record Located(IpRange range, YamlNode node) {
    }

    public RangeDraft {
        addressNodes = List.copyOf(addressNodes);
        protocols = List.copyOf(protocols);
        protocolNodes = List.copyOf(protocolNodes);
    }
}
