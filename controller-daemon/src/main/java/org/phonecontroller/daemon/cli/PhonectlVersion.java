package org.phonecontroller.daemon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code phonectl --version}: the build's version, written into a resource by Maven. */
final class PhonectlVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PhonectlVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"phonectl " + properties.getProperty("version", "(unknown version)"),
                "Java ${java.version} (${java.vendor})"};
    }
}
