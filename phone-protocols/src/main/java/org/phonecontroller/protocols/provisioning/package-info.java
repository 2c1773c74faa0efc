/**
 * Provisioning-driven phones (Yealink, Cisco MPP, Poly, Snom, Grandstream, Fanvil, ...): vendor knowledge as data
 * ({@link org.phonecontroller.protocols.provisioning.ProvisioningProfile}, YAML) and the one pure render step that
 * overlays the SIP servers of a phone's provisioning file ({@link org.phonecontroller.protocols.provisioning.Overlay}).
 * Serving the files and triggering the phones is the daemon's part.
 */
package org.phonecontroller.protocols.provisioning;
