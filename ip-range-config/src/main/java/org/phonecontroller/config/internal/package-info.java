/**
 * How the loader works: a located YAML tree ({@link org.phonecontroller.config.internal.YamlTreeReader}), readers
 * per part of the file that report every problem into {@link org.phonecontroller.config.internal.Problems}, and
 * the checks across ranges and files. Not an API: use {@link org.phonecontroller.config.ConfigLoader}.
 */
package org.phonecontroller.config.internal;
