package org.phonecontroller.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Logback was started by the test run (logback-test.xml): each configure here is the "started before" case. */
class DaemonLoggingTest {

    @TempDir
    Path folder;

    private String configurationFile;
    private String logs;

    @BeforeEach
    void remember() {
        configurationFile = System.getProperty(DaemonLogging.CONFIGURATION_FILE);
        logs = System.getProperty(DaemonLogging.LOGS_PROPERTY);
    }

    @AfterEach
    void restore() throws Exception {
        set(DaemonLogging.CONFIGURATION_FILE, configurationFile);
        set(DaemonLogging.LOGS_PROPERTY, logs);
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    private static void set(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void withoutAFileNamedTheDaemonLogsIntoItsFolderThroughTheJarsConfiguration() throws Exception {
        System.clearProperty(DaemonLogging.CONFIGURATION_FILE);
        Path logsFolder = folder.resolve("logs");

        DaemonLogging.configure(logsFolder);
        LoggerFactory.getLogger("daemon-logging-test").info("hello from the daemon");

        assertThat(Files.readString(logsFolder.resolve("phonecontroller.log"))).contains("hello from the daemon");
        assertThat(DaemonLogging.writesInto((LoggerContext) LoggerFactory.getILoggerFactory(),
                logsFolder.toAbsolutePath().toString())).isTrue();
    }

    @Test
    void theFileTheLauncherNamesIsTheOneUsedWithTheFolder() throws Exception {
        Path conf = Files.writeString(folder.resolve("admin-logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>${phonecontroller.logs}/admins-own.log</file>
                    <encoder><pattern>ADMIN %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """);
        System.setProperty(DaemonLogging.CONFIGURATION_FILE, conf.toString());
        Path logsFolder = folder.resolve("var-logs");

        DaemonLogging.configure(logsFolder);
        LoggerFactory.getLogger("daemon-logging-test").info("kept the admin's file");

        assertThat(Files.readString(logsFolder.resolve("admins-own.log"))).isEqualTo("ADMIN kept the admin's file\n");
        assertThat(logsFolder.resolve("phonecontroller.log")).doesNotExist();
    }

    @Test
    void aFileThatIsNowhereIsAClearError() {
        System.setProperty(DaemonLogging.CONFIGURATION_FILE, folder.resolve("missing.xml").toString());

        assertThatThrownBy(() -> DaemonLogging.configure(folder))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.xml")
                .hasMessageContaining("neither a URL, a class path resource nor a file");
    }
}
