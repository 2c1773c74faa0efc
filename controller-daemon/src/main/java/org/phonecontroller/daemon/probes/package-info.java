/**
 * From a configured PhoneManager to its health probe ({@link org.phonecontroller.daemon.probes.PhoneManagerProbes}):
 * the one place where the daemon and {@code phonectl probe} turn {@code tls.trust} and {@code credentials:} into the
 * probe's settings.
 */
package org.phonecontroller.daemon.probes;
