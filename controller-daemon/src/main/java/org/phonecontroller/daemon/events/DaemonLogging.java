package org.phonecontroller.daemon.events;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Switches Logback to the daemon's configuration when {@code phonectl daemon} starts: the file named by the system
 * property {@code logback.configurationFile} (the installed launcher names {@code conf/logback.xml}, which the admin
 * may edit and Logback rereads), else the jar's {@code logback-daemon.xml} (rolling {@code phonecontroller.log} in the
 * logs folder plus the console). Other commands keep the CLI's quiet {@code logback.xml}.
 *
 * <p>The logs folder reaches the file as {@code ${phonecontroller.logs}}. When nothing has logged yet (the daemon
 * command configures logging before anything logs), Logback's own start-up reads the daemon's file once, with the
 * folder; only when Logback was started before (tests, embedding) is it reset and configured again.
 */
public final class DaemonLogging {

    public static final String LOGS_PROPERTY = "phonecontroller.logs";
    /** Logback's own system property: the configuration file its start-up reads. */
    static final String CONFIGURATION_FILE = "logback.configurationFile";
    private static final String DAEMON_CONFIGURATION = "logback-daemon.xml";

    private DaemonLogging() {
    }

    /** Configures Logback to write into {@code logsFolder}; does nothing when Logback is not the SLF4J backend. */
    public static void configure(Path logsFolder) {
        String folder = logsFolder.toAbsolutePath().toString();
        System.setProperty(LOGS_PROPERTY, folder);
        if (System.getProperty(CONFIGURATION_FILE) == null) {
            System.setProperty(CONFIGURATION_FILE, DAEMON_CONFIGURATION);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (writesInto(context, folder)) {
            return; // Logback started just now, from the daemon's file with this folder
        }
        URL url = configurationUrl(System.getProperty(CONFIGURATION_FILE));
        context.reset();
        context.putProperty(LOGS_PROPERTY, folder);
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure daemon logging from " + url + ": " + e.getMessage(), e);
        }
    }

    /** Whether a file appender of the root logger writes into {@code folder}. */
    static boolean writesInto(LoggerContext context, String folder) {
        var appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof FileAppender<?> file && file.getFile() != null
                    && new File(file.getFile()).getAbsoluteFile().toPath().normalize()
                    .startsWith(Path.of(folder).normalize())) {
                return true;
            }
        }
        return false;
    }

    /** As Logback resolves {@code logback.configurationFile}: a URL, a class path resource, or a file. */
    private static URL configurationUrl(String name) {
        try {
            return URI.create(name).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            // not a URL: a resource or a file
        }
        URL resource = DaemonLogging.class.getClassLoader().getResource(name);
        if (resource != null) {
            return resource;
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the logging configuration " + name + " (" + CONFIGURATION_FILE
                    + ") is neither a URL, a class path resource nor a file");
        }
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("the logging configuration " + name + ": " + e.getMessage(), e);
        }
    }
}
