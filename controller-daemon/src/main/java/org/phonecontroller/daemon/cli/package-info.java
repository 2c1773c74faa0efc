/**
 * {@code phonectl}, the picocli command line: {@link org.phonecontroller.daemon.cli.Phonectl} is the root whose
 * subcommand list grows with each command; {@link org.phonecontroller.daemon.cli.ExitCodes} is the one list of
 * exit codes. Commands print through picocli's writers, never {@code System.out}.
 */
package org.phonecontroller.daemon.cli;
