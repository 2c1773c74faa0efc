package org.phonecontroller.protocols.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

/**
 * Whatever bytes a source hands us, the overlay gives a served file or a clear refusal, never another exception; and
 * a served file in which an account was overlaid reads back with the desired servers (never half overlaid).
 * Regression mode over {@code OverlayFuzzTestInputs/} in the default build.
 */
class OverlayFuzzTest {

    private static final ProvisioningProfiles PROFILES = ProvisioningProfiles.builtIn();
    private static final ProvisionedServer PRIMARY = ProvisionedServer.of(ServerAddress.parse("10.0.0.10:5060"),
            Transport.UDP);
    private static final ProvisionedServer FALLBACK = ProvisionedServer.of(ServerAddress.parse("10.0.1.10:5070"),
            Transport.TLS);
    private static final Overlay.Request REQUEST = new Overlay.Request(List.of(PRIMARY, FALLBACK),
            List.of(FALLBACK, PRIMARY));

    @FuzzTest(maxDuration = "60s")
    void everyFileIsServedOverlaidOrRefused(byte[] content) {
        for (String name : PROFILES.names()) {
            ProvisioningProfile profile = PROFILES.get(name).orElseThrow();
            Overlay.Rendered rendered;
            try {
                rendered = Overlay.render(profile, content, REQUEST);
            } catch (UnparsableFileException refused) {
                continue;
            }
            for (int account : rendered.accounts()) {
                try {
                    assertThat(Overlay.servers(profile, rendered.content(), account).subList(0,
                            rendered.servers().size())).as(name).isEqualTo(rendered.servers());
                } catch (UnparsableFileException e) {
                    throw new AssertionError(name + ": a served file does not parse again: " + e.getMessage(), e);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void profilesAreParsedOrRefusedWithProblems(String yaml) {
        try {
            ProvisioningProfiles.parse("fuzz.yaml", yaml);
        } catch (InvalidProvisioningProfileException expected) {
            // listed problems: fine
        }
    }
}
