/**
 * What the daemon adds to ip-range-config's validation: the checks that need the adapters' knowledge (which
 * profiles exist), through {@link org.phonecontroller.daemon.config.KnownProfiles#loader()}.
 */
package org.phonecontroller.daemon.config;
