package org.phonecontroller.daemon.events;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Switches Logback to the daemon's configuration ({@code logback-daemon.xml}: rolling {@code phonecontroller.log}
 * in the logs folder plus the console) when {@code phonectl daemon} starts; other commands keep the CLI's quiet one.
 */
public final class DaemonLogging {

    public static final String LOGS_PROPERTY = "phonecontroller.logs";

    private DaemonLogging() {
    }

    /** Reconfigures Logback to write into {@code logsFolder}; does nothing when Logback is not the SLF4J backend. */
    public static void configure(Path logsFolder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var url = DaemonLogging.class.getResource("/logback-daemon.xml");
        if (url == null) {
            throw new IllegalStateException("logback-daemon.xml is missing from the classpath");
        }
        context.reset();
        context.putProperty(LOGS_PROPERTY, logsFolder.toAbsolutePath().toString());
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure daemon logging: " + e.getMessage(), e);
        }
    }
}
