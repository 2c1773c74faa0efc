package org.phonecontroller.daemon.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}: where the client commands find the daemon's admin endpoint and token. */
final class ClientOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The daemon's configuration (for admin.listen and admin.tokenFile). Default: the first of"
                    + " $PHONECONTROLLER_HOME/conf/controller.yaml, /etc/phonecontroller/controller.yaml,"
                    + " ./conf/controller.yaml.")
    Path config;

    AdminEndpoint endpoint(Map<String, String> environment) {
        Path file = config != null ? config : AdminEndpoint.defaultConfig(environment, Path.of("").toAbsolutePath());
        return AdminEndpoint.read(file);
    }
}
