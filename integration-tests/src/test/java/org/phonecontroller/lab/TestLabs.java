package org.phonecontroller.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Starts small labs for tests, each on its own 127.31.x.y addresses and a free wildcard HTTP port. */
final class TestLabs {
    private TestLabs() {
    }

    /** Parses lab.yaml text in which {@code HTTP_PORT} stands for a free TCP port. */
    static LabConfig config(String yaml) {
        try {
            return new LabConfigLoader().parse("test-lab.yaml", yaml.replace("HTTP_PORT",
                    Integer.toString(freeTcpPort())));
        } catch (LabConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static PhoneLab start(String yaml) {
        return PhoneLab.start(config(yaml));
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
