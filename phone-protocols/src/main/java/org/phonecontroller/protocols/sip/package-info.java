/**
 * A small RFC 3261 codec and the SIP requests the controller sends.
 *
 * <ul>
 *   <li>Model: {@link org.phonecontroller.protocols.sip.SipMessage} = {@link org.phonecontroller.protocols.sip.SipRequest}
 *       | {@link org.phonecontroller.protocols.sip.SipResponse}, with ordered, case-insensitive
 *       {@link org.phonecontroller.protocols.sip.SipHeaders} (compact forms expanded to long names).</li>
 *   <li>Wire: {@link org.phonecontroller.protocols.sip.SipParser} (datagram mode and stream framing, typed
 *       {@link org.phonecontroller.protocols.sip.SipParseException}, {@link org.phonecontroller.protocols.sip.SipLimits}),
 *       {@link org.phonecontroller.protocols.sip.SipEncoder}, and the Apache MINA
 *       {@link org.phonecontroller.protocols.sip.SipCodecFactory}.</li>
 *   <li>Requests: {@link org.phonecontroller.protocols.sip.SipRequests} (OPTIONS, NOTIFY check-sync, REGISTER),
 *       {@link org.phonecontroller.protocols.sip.SipRequestBuilder}, {@link org.phonecontroller.protocols.sip.SipResponses}.</li>
 *   <li>Use: {@link org.phonecontroller.protocols.sip.SipUdpClient}, {@link org.phonecontroller.protocols.sip.SipDiscovery}
 *       with its {@link org.phonecontroller.protocols.sip.UserAgentTable}, {@link org.phonecontroller.protocols.sip.SipNotifier}.</li>
 * </ul>
 */
package org.phonecontroller.protocols.sip;
