package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import org.phonecontroller.daemon.admin.ProvisioningView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phonectl provisioning show|preview ADDRESS|MAC}: what the controller's provisioning server did for a phone. */
@Command(name = "provisioning", mixinStandardHelpOptions = true,
        description = "Provisioning-driven phones (ranges with provisioning:<profile>): what the controller served.",
        subcommands = {ProvisioningCommand.ShowCommand.class, ProvisioningCommand.PreviewCommand.class})
final class ProvisioningCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A phone's last fetch from the provisioning server: when, which file, its User-Agent and"
                    + " the servers its accounts were given (never the file's secrets).")
    static final class ShowCommand extends ClientCommand {
        @Parameters(paramLabel = "ADDRESS|MAC", description = "the phone")
        String phone;

        @Option(names = "--json", description = "Write the answer as JSON on stdout.")
        boolean json;

        @Override
        int run(AdminClient client) {
            ProvisioningView view = client.provisioning(phone, null, false);
            if (json) {
                JsonOutput.print(out(), view);
                return ExitCodes.OK;
            }
            PrintWriter out = out();
            header(out, view);
            ProvisioningView.LastFetch f = view.lastFetch();
            if (f == null) {
                out.println("Last fetch:   none since the daemon started (is the phone's provisioning URL "
                        + view.url() + "?)");
            } else {
                out.printf("Last fetch:   %s %s -> %d%n", Show.time(f.at(), clock), f.file(), f.status());
                out.printf("User-Agent:   %s (model %s, firmware %s, MAC %s)%n", f.userAgent(), dash(f.model()),
                        dash(f.firmware()), dash(f.mac()));
                out.printf("Served:       %s%n", f.accounts().isEmpty() ? "no account naming the range's servers"
                        : "accounts " + f.accounts() + " with servers " + String.join(", ", f.servers()));
                if (f.detail() != null) {
                    out.printf("Detail:       %s%n", f.detail());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Print the file the phone would get now (its per-MAC file unless --file), with the values"
                    + " of password-like keys masked. Records no fetch.")
    static final class PreviewCommand extends ClientCommand {
        @Parameters(paramLabel = "ADDRESS|MAC", description = "the phone")
        String phone;

        @Option(names = "--file", paramLabel = "NAME", description = "another file name the phone fetches")
        String file;

        @Override
        int run(AdminClient client) {
            ProvisioningView view = client.provisioning(phone, file, true);
            ProvisioningView.Preview p = view.preview();
            PrintWriter out = out();
            if (p.status() != 200) {
                err().printf("%s: %s would be answered %d: %s%n", view.phone(), p.file(), p.status(), p.reason());
                err().flush();
                return ExitCodes.PARTLY_FAILED;
            }
            out.print(p.content());
            out.flush();
            err().printf("(%s for %s, range %s, profile %s: %s)%n", p.file(), view.phone(), view.range(),
                    view.profile(), p.reason());
            err().flush();
            return ExitCodes.OK;
        }
    }

    private static void header(PrintWriter out, ProvisioningView view) {
        out.printf("Phone:        %s (range %s, profile %s)%n", view.phone(), view.range(), view.profile());
        out.printf("URL:          %s%n", view.url());
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
