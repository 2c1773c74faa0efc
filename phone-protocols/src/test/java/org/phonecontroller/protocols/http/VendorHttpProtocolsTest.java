package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/** The vendor HTTP adapters against a small fake phone that follows the vendors' documentation. */
class VendorHttpProtocolsTest {

    private static final ServerAddress PM_A = new ServerAddress("127.0.0.10", 5060);
    private static final ServerAddress PM_B = new ServerAddress("127.0.1.10", 5070);
    private static final HttpCredentials GOOD = new HttpCredentials(FakeVendorPhone.USER, FakeVendorPhone.PASSWORD);
    private static final HttpCredentials BAD = new HttpCredentials(FakeVendorPhone.USER, "not-the-password");

    private final HttpTransport transport = HttpTransport.create(new TlsPolicy.PlainHttp(), Duration.ofSeconds(2));
    private FakeVendorPhone phone;

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        transport.close();
    }

    enum Vendor { POLYCOM, SNOM, GRANDSTREAM }

    private PhoneProtocol protocol(Vendor vendor, HttpCredentials credentials) throws Exception {
        if (phone == null) {
            phone = new FakeVendorPhone();
        }
        return switch (vendor) {
            case POLYCOM -> new PolycomRestProtocol(transport, credentials, phone.port(), InstantSource.system());
            case SNOM -> new SnomHttpProtocol(transport, credentials, phone.port(), 1, InstantSource.system());
            case GRANDSTREAM -> new GrandstreamHttpProtocol(transport, credentials, phone.port(),
                    InstantSource.system());
        };
    }

    private PhoneIdentity identified(PhoneProtocol protocol) throws Exception {
        return protocol.identify(phone.address).get(5, TimeUnit.SECONDS).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void identifiesThePhoneWithModelFirmwareAndMac(Vendor vendor) throws Exception {
        PhoneIdentity identity = identified(protocol(vendor, GOOD));

        switch (vendor) {
            case POLYCOM -> assertThat(identity).isEqualTo(new PhoneIdentity(phone.address, "polycom-rest",
                    "Polycom", "VVX 450", "6.4.3.5018", "00:04:f2:aa:bb:cc"));
            case SNOM -> assertThat(identity).isEqualTo(new PhoneIdentity(phone.address, "snom-http", "Snom",
                    "snomD785", "10.1.159.12", "00:04:13:aa:bb:cc"));
            case GRANDSTREAM -> assertThat(identity).isEqualTo(new PhoneIdentity(phone.address,
                    "grandstream-http", "Grandstream", "GXP2170", "1.0.11.6", "00:0b:82:aa:bb:cc"));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void readsTheServerThePhoneUses(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, GOOD);

        assertThat(protocol.readAssignment(identified(protocol)).get(5, TimeUnit.SECONDS).servers())
                .containsExactly(PM_A);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void reprogramsThePhoneAndVerifiesByReadingBack(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, GOOD);

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_B, PM_A))
                .get(5, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(PushResult.Applied.class);
        switch (vendor) {
            case POLYCOM -> assertThat(phone.snapshot("reg.1.server.1.address", "reg.1.server.1.port",
                    "reg.1.server.2.address", "reg.1.server.2.port"))
                    .containsExactly("127.0.1.10", "5070", "127.0.0.10", "5060");
            case SNOM -> {
                assertThat(phone.snapshot("user_host1")).containsExactly("127.0.1.10:5070");
                assertThat(((PushResult.Applied) result).verified().servers()).containsExactly(PM_B);
            }
            case GRANDSTREAM -> assertThat(phone.snapshot("P47", "P967"))
                    .containsExactly("127.0.1.10:5070", "127.0.0.10:5060");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"POLYCOM", "GRANDSTREAM"})
    void defersAPhoneInACallUnlessForced(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, GOOD);
        PhoneIdentity identity = identified(protocol);
        phone.busy = true;

        assertThat(protocol.assign(identity, ServerAssignment.of(PM_B)).get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(PushResult.Deferred.class,
                        d -> assertThat(d.reason()).isEqualTo(FailureReason.BUSY));
        assertThat(protocol.readAssignment(identity).get(5, TimeUnit.SECONDS).target()).isEqualTo(PM_A);
        assertThat(protocol.assign(identity, ServerAssignment.of(PM_B), BusyPolicy.FORCE).get(5, TimeUnit.SECONDS))
                .isInstanceOf(PushResult.Applied.class);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void wrongCredentialsAreAnAuthenticationFailure(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, BAD);

        assertThatThrownBy(() -> protocol.identify(phone.address).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED);
                    assertThat(e.getMessage()).doesNotContain("not-the-password");
                });
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aPhoneThatIgnoresTheChangeIsAVerifyMismatch(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, GOOD);
        PhoneIdentity identity = identified(protocol);
        phone.ignoreWrites = true;

        assertThat(protocol.assign(identity, ServerAssignment.of(PM_B)).get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(PushResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(FailureReason.VERIFY_MISMATCH));
    }

    @ParameterizedTest
    @EnumSource(FakeVendorPhone.Auth.class)
    void authenticatesWithBasicAndDigest(FakeVendorPhone.Auth auth) throws Exception {
        PhoneProtocol protocol = protocol(Vendor.POLYCOM, GOOD);
        phone.auth = auth;

        assertThat(protocol.identify(phone.address).get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(protocol.identify(phone.address).get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(phone.challenges).as("401s: the second request authenticates at once").hasValue(1);
    }

    @Test
    void authenticatesAtOnceOnceThePhoneHasChallengedUs() throws Exception {
        PhoneProtocol protocol = protocol(Vendor.POLYCOM, GOOD);
        PhoneIdentity identity = identified(protocol);

        protocol.readAssignment(identity).get(5, TimeUnit.SECONDS);
        protocol.assign(identity, ServerAssignment.of(PM_B)).get(5, TimeUnit.SECONDS);
        identified(protocol);

        assertThat(phone.challenges).as("401s: only the first request is challenged").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(value = FakeVendorPhone.Auth.class, names = "DIGEST_.*", mode = EnumSource.Mode.MATCH_ANY)
    void answersAStaleNonceOnceWithTheFreshChallenge(FakeVendorPhone.Auth auth) throws Exception {
        PhoneProtocol protocol = protocol(Vendor.POLYCOM, GOOD);
        phone.auth = auth;
        PhoneIdentity identity = identified(protocol);
        phone.nonce = "fresh-nonce";

        assertThat(protocol.readAssignment(identity).get(5, TimeUnit.SECONDS).target()).isEqualTo(PM_A);
        assertThat(protocol.readAssignment(identity).get(5, TimeUnit.SECONDS).target()).isEqualTo(PM_A);
        assertThat(phone.challenges).as("401s: the first request, then the stale nonce").hasValue(2);
    }

    @Test
    void logsInAgainWhenTheGrandstreamSessionExpired() throws Exception {
        PhoneProtocol protocol = protocol(Vendor.GRANDSTREAM, GOOD);
        PhoneIdentity identity = identified(protocol);
        phone.sessions.clear();

        assertThat(protocol.readAssignment(identity).get(5, TimeUnit.SECONDS).target()).isEqualTo(PM_A);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anAddressWhereNothingListensIsNoPhone(Vendor vendor) throws Exception {
        PhoneProtocol protocol = protocol(vendor, GOOD);
        phone.close();

        assertThat(protocol.identify(phone.address).get(5, TimeUnit.SECONDS)).isEmpty();
    }
}
