/**
 * {@link org.phonecontroller.protocols.HealthProbe} implementations: {@code sip-options}
 * ({@link org.phonecontroller.protocols.probe.SipOptionsProbe}), {@code tcp}, {@code http} and {@code snmp}, built
 * from configuration by {@link org.phonecontroller.protocols.probe.HealthProbes} with
 * {@link org.phonecontroller.protocols.probe.ProbeSettings}. Every probe owns its timeout and its future always
 * completes normally.
 */
package org.phonecontroller.protocols.probe;
