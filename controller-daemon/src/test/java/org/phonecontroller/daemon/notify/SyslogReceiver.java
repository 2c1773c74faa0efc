package org.phonecontroller.daemon.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * rsyslog (Debian package rsyslog) in the foreground, receiving RFC 5424 over UDP and TCP (octet counting) on a
 * loopback address and writing "facility.severity app-name msgid structured-data msg" per line.
 */
final class SyslogReceiver implements AutoCloseable {
    private final Process process;
    private final Path log;

    SyslogReceiver(Path folder, String address, int udpPort, int tcpPort) {
        try {
            Path work = Files.createDirectories(folder.resolve("rsyslog"));
            log = work.resolve("syslog.log");
            Path conf = work.resolve("rsyslog.conf");
            Files.writeString(conf, """
                    global(workDirectory="%s")
                    module(load="imudp")
                    module(load="imtcp")
                    input(type="imudp" address="%s" port="%d")
                    input(type="imtcp" address="%s" port="%d")
                    template(name="fields" type="string"
                             string="%%syslogfacility%%.%%syslogseverity%% %%app-name%% %%msgid%% %%structured-data%% %%msg%%\\n")
                    *.* action(type="omfile" file="%s" template="fields")
                    """.formatted(work, address, udpPort, address, tcpPort, log));
            Files.createFile(log);
            process = new ProcessBuilder("rsyslogd", "-n", "-f", conf.toString(), "-i", work.resolve("pid").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("rsyslogd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rsyslogd (Debian package rsyslog)", e);
        }
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
