package org.phonecontroller.lab;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.phonecontroller.lab.internal.ControlApiServer;
import org.phonecontroller.lab.internal.Ipv4Ranges;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phone-lab --config lab.yaml [--control 127.0.0.1:8790]}: runs the lab in the foreground until SIGTERM or
 * Ctrl-C. Exit codes: 0 stopped normally, 1 could not start (e.g. a port in use), 2 usage or lab.yaml error.
 */
@Command(name = "phone-lab", mixinStandardHelpOptions = true,
        description = "Simulated phones and PhoneManagers on loopback addresses, driven by a control API.")
public final class PhoneLabMain implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "the lab.yaml to run")
    private Path config;

    @Option(names = "--control", defaultValue = "127.0.0.1:8790",
            description = "HOST:PORT of the control API (loopback only; default ${DEFAULT-VALUE})")
    private String control;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PhoneLabMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress controlAddress;
        try {
            controlAddress = parseControl(control);
        } catch (IllegalArgumentException e) {
            err.println("phone-lab: --control " + control + ": " + e.getMessage());
            return 2;
        }
        LabConfig labConfig;
        try {
            labConfig = new LabConfigLoader().load(config);
        } catch (LabConfigException e) {
            err.println("phone-lab: " + config + " is not a usable lab configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        PhoneLab lab;
        try {
            lab = PhoneLab.start(labConfig);
        } catch (IllegalStateException e) {
            err.println("phone-lab: " + e.getMessage());
            return 1;
        }
        ControlApiServer api;
        try {
            api = new ControlApiServer(lab, controlAddress);
            api.start();
        } catch (java.io.IOException e) {
            lab.close();
            err.println("phone-lab: cannot open the control API at " + control + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            api.close();
            lab.close();
            stopped.countDown();
        }, "phone-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("phone lab ready: %d phones, %d PhoneManagers in %d ms; control API http://%s:%d/status%n",
                labConfig.phoneCount(), labConfig.phoneManagers().size(), lab.startupMillis(),
                controlAddress.getAddress().getHostAddress(), controlAddress.getPort());
        out.flush();
        stopped.await();
        return 0;
    }

    static InetSocketAddress parseControl(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT");
        }
        int address = Ipv4Ranges.parseAddress(text.substring(0, colon));
        if (!Ipv4Ranges.isLoopback(address & 0xffffffffL)) {
            throw new IllegalArgumentException("the control API must listen on a 127.x.y.z address");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is outside 0..65535");
        }
        return new InetSocketAddress(AddressList.toInet(address), port);
    }

}
