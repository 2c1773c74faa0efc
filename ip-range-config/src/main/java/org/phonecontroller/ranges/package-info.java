/**
 * IP address ranges without name resolution: {@link org.phonecontroller.ranges.IpRange} (CIDR, inclusive spans,
 * single addresses; IPv4 and IPv6; lazy iteration), {@link org.phonecontroller.ranges.IpAddresses} (literals
 * parsed and formatted by hand, never through DNS) and {@link org.phonecontroller.ranges.RangeIndex} (address to
 * range in O(log n), every overlap by one sweep).
 */
package org.phonecontroller.ranges;
