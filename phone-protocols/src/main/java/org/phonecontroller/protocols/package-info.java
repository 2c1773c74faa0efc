/**
 * The SPI through which the controller talks to phones and PhoneManagers.
 *
 * <ul>
 *   <li>{@link org.phonecontroller.protocols.PhoneProtocol}: one implementation per way of talking to a phone
 *       (SNMP with a profile, a vendor HTTP API, SIP). Identifies a phone, reads the servers it uses, pushes a
 *       {@link org.phonecontroller.protocols.ServerAssignment}, reads its call state.</li>
 *   <li>{@link org.phonecontroller.protocols.HealthProbe}: judges whether a PhoneManager answers.</li>
 * </ul>
 *
 * Everything is asynchronous with explicit timeouts: a future never stays incomplete longer than the timeout the
 * adapter was built with, and no adapter blocks a shared thread. Failures are values
 * ({@link org.phonecontroller.protocols.PushResult.Failed}, {@link org.phonecontroller.protocols.ProbeResult.Down})
 * or a {@link org.phonecontroller.protocols.PhoneProtocolException}; both carry a
 * {@link org.phonecontroller.protocols.FailureReason}. Secrets never appear in any message.
 */
package org.phonecontroller.protocols;
