/**
 * Registrar views in the daemon: {@link org.phonecontroller.daemon.registrar.RegistrarViews} reads every configured
 * PhoneManager's registrar in bulk every few seconds (one read in flight per PhoneManager) and answers the
 * reconciler's {@link org.phonecontroller.daemon.failover.Registrations} questions and the admin API's counts.
 */
package org.phonecontroller.daemon.registrar;
