/**
 * The configuration contract: {@link org.phonecontroller.config.ConfigLoader} turns {@code controller.yaml} and
 * its credentials file into a {@link org.phonecontroller.config.ConfigLoadResult}: either
 * {@link org.phonecontroller.config.ControllerConfig} with {@link org.phonecontroller.config.Credentials}, both
 * immutable records, or every {@link org.phonecontroller.config.ConfigProblem} at once, located as
 * {@code file:line:column}. See {@code docs/configuration.md} for the file format.
 */
package org.phonecontroller.config;
