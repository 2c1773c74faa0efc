/**
 * The admin API of the daemon: the contract the daemon implements ({@link org.phonecontroller.daemon.admin.AdminOperations}
 * and its records), the loopback HTTP + JSON server that exposes it with a bearer token
 *, the token file, and the metrics
 * ({@link org.phonecontroller.daemon.admin.ControllerMetrics}).
 */
package org.phonecontroller.daemon.admin;
