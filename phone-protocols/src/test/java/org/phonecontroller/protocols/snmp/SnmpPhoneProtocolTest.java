package org.phonecontroller.protocols.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/** The SNMP adapter against a real net-snmp snmpd on loopback. */
class SnmpPhoneProtocolTest {

    private static final String PRIMARY = "1.3.6.1.4.1.9.9.152.1.1.1.23.0";
    private static final String SECONDARY = "1.3.6.1.4.1.9.9.152.1.1.1.27.0";
    private static final String CALL_STATE = Snmpd.PLAYPEN + ".1.0";
    private static final ServerAddress PM_A = new ServerAddress("127.0.0.10", 5060);
    private static final ServerAddress PM_B = new ServerAddress("127.0.1.10", 5070);
    /** snmpd answers through a shell script (pass_persist): generous on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int RETRIES = 1;

    private static Snmpd snmpd;
    private static SnmpSession session;
    private static SnmpProfiles profiles;

    @BeforeAll
    static void startAgent() throws Exception {
        Path dir = Paths.get("target", "snmpd", SnmpPhoneProtocolTest.class.getSimpleName() + "-" + ProcessHandle
                .current().pid()).toAbsolutePath();
        snmpd = Snmpd.start(dir, "1.3.6.1.4.1.9.1.9999", "Cisco IOS Software, test SIP UA");
        session = SnmpSession.open();
        profiles = SnmpProfiles.builtIn();
    }

    @AfterAll
    static void stopAgent() {
        if (session != null) {
            session.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
    }

    @BeforeEach
    void resetPhone() {
        snmpd.put(PRIMARY, "string", "ipv4:127.0.0.10:5060");
        snmpd.put(SECONDARY, "string", "");
        snmpd.put(CALL_STATE, "integer", "1");
        snmpd.put("1.3.6.1.2.1.150.1.1.1.1.2.1.1", "integer", "16");
        snmpd.put("1.3.6.1.2.1.150.1.1.1.1.3.1.1", "string", "pbx-a.example");
        snmpd.put("1.3.6.1.2.1.150.1.1.1.1.2.1.2", "integer", "1");
        snmpd.put("1.3.6.1.2.1.150.1.1.1.1.3.1.2", "octet", "7F 00 00 0B");
    }

    private static SnmpPhoneProtocol cisco(SnmpCredentials credentials) {
        return protocol(profiles.get("cisco-sip-ua").orElseThrow(), credentials);
    }

    private static SnmpPhoneProtocol protocol(SnmpProfile profile, SnmpCredentials credentials) {
        return new SnmpPhoneProtocol(session, profile, credentials, TIMEOUT, RETRIES, snmpd.port,
                InstantSource.system());
    }

    /** For the tests that wait for silence. */
    private static SnmpPhoneProtocol impatient(SnmpCredentials credentials) {
        return new SnmpPhoneProtocol(session, profiles.get("cisco-sip-ua").orElseThrow(), credentials,
                Duration.ofMillis(300), 0, snmpd.port, InstantSource.system());
    }

    private static SnmpCredentials v2c() {
        return new SnmpCredentials.V2c(Snmpd.COMMUNITY);
    }

    private static SnmpCredentials v3() {
        return new SnmpCredentials.V3(Snmpd.V3_USER, SnmpCredentials.AuthProtocol.SHA_256, Snmpd.AUTH_PASSWORD,
                SnmpCredentials.PrivProtocol.AES_128, Snmpd.PRIV_PASSWORD);
    }

    private static PhoneIdentity identified(SnmpPhoneProtocol protocol) throws Exception {
        return protocol.identify(snmpd.address).get(15, TimeUnit.SECONDS).orElseThrow();
    }

    private static SnmpProfile testProfile(String yaml) {
        return SnmpProfiles.parse("test.yaml", yaml);
    }

    @Test
    void identifiesACiscoSipUaPhoneBySysObjectIdAndItsRegistrarObjects() throws Exception {
        PhoneIdentity phone = identified(cisco(v2c()));

        assertThat(phone.protocol()).isEqualTo("snmp:cisco-sip-ua");
        assertThat(phone.vendor()).isEqualTo("Cisco");
        assertThat(phone.model()).isEqualTo("Cisco IOS Software, test SIP UA");
        assertThat(phone.address()).isEqualTo(snmpd.address);
    }

    @Test
    void doesNotClaimADeviceWhoseSysObjectIdDoesNotMatchTheProfile() throws Exception {
        SnmpProfile polycomOnly = testProfile("""
                name: polycom-only
                match: { sysObjectIdPrefix: 1.3.6.1.4.1.13885 }
                writable: true
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.23.0, type: OctetString, format: HOST }
                """);

        assertThat(protocol(polycomOnly, v2c()).identify(snmpd.address).get(15, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void readsTheRegistrarsAPhoneUses() throws Exception {
        snmpd.put(SECONDARY, "string", "dns:pbx-b.example");
        SnmpPhoneProtocol protocol = cisco(v2c());

        ServerAssignment servers = protocol.readAssignment(identified(protocol)).get(15, TimeUnit.SECONDS);

        assertThat(servers.servers()).containsExactly(PM_A, new ServerAddress("pbx-b.example", 5060));
    }

    @Test
    void reprogramsBothRegistrarSlotsAndVerifiesThemByReadingBack() throws Exception {
        SnmpPhoneProtocol protocol = cisco(v2c());

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_B, PM_A))
                .get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(PushResult.Applied.class,
                applied -> assertThat(applied.verified().servers()).containsExactly(PM_B, PM_A));
        assertThat(snmpd.valueOf(PRIMARY)).isEqualTo("ipv4:127.0.1.10:5070");
        assertThat(snmpd.valueOf(SECONDARY)).isEqualTo("ipv4:127.0.0.10:5060");
    }

    @Test
    void talksSnmpV3AuthPrivWithSha256AndAes128() throws Exception {
        SnmpPhoneProtocol protocol = cisco(v3());
        PhoneIdentity phone = identified(protocol);

        PushResult result = protocol.assign(phone, ServerAssignment.of(PM_B)).get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(PushResult.Applied.class);
        assertThat(snmpd.valueOf(PRIMARY)).isEqualTo("ipv4:127.0.1.10:5070");
    }

    @Test
    void talksSnmpV3AuthPrivWithSha1() throws Exception {
        SnmpPhoneProtocol protocol = cisco(new SnmpCredentials.V3(Snmpd.V3_SHA1_USER, SnmpCredentials.AuthProtocol.SHA,
                Snmpd.AUTH_PASSWORD, SnmpCredentials.PrivProtocol.AES_128, Snmpd.PRIV_PASSWORD));

        assertThat(protocol.readAssignment(identified(protocol)).get(15, TimeUnit.SECONDS).servers())
                .containsExactly(PM_A);
    }

    @ParameterizedTest
    @CsvSource({
        "u-sha512-aes256, SHA-512, AES-256",
        "u-sha384-aes192, SHA-384, AES-192",
        "u-sha224-des, SHA-224, DES",
        "u-md5-nopriv, MD5, none",
        "u-noauth, none, none"})
    void speaksEverySupportedUsmSecurityLevelAndProtocol(String user, String auth, String priv) throws Exception {
        SnmpCredentials.AuthProtocol a = SnmpCredentials.AuthProtocol.parse(auth);
        SnmpCredentials.PrivProtocol p = SnmpCredentials.PrivProtocol.parse(priv);
        SnmpPhoneProtocol protocol = cisco(new SnmpCredentials.V3(user, a,
                a == SnmpCredentials.AuthProtocol.NONE ? "" : Snmpd.AUTH_PASSWORD, p,
                p == SnmpCredentials.PrivProtocol.NONE ? "" : Snmpd.PRIV_PASSWORD));

        assertThat(protocol.readAssignment(identified(protocol)).get(15, TimeUnit.SECONDS).servers())
                .containsExactly(PM_A);
    }

    @Test
    void aWrongCommunityLooksLikeNoPhoneAtAll() throws Exception {
        Optional<PhoneIdentity> found = impatient(new SnmpCredentials.V2c("not-the-community"))
                .identify(snmpd.address).get(15, TimeUnit.SECONDS);

        assertThat(found).isEmpty();
    }

    @Test
    void anAddressWhereNothingAnswersIsNoPhone() throws Exception {
        assertThat(impatient(v2c()).identify(InetAddress.getByName("127.31.255.254")).get(15, TimeUnit.SECONDS))
                .isEmpty();
    }

    @Test
    void anUnknownV3UserIsAnAuthenticationFailure() {
        SnmpPhoneProtocol protocol = cisco(new SnmpCredentials.V3("nobody", SnmpCredentials.AuthProtocol.SHA_256,
                Snmpd.AUTH_PASSWORD, SnmpCredentials.PrivProtocol.AES_128, Snmpd.PRIV_PASSWORD));

        assertThatThrownBy(() -> protocol.identify(snmpd.address).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED);
                    assertThat(e.getMessage()).contains("usmStatsUnknownUserNames").doesNotContain(Snmpd.AUTH_PASSWORD);
                });
    }

    @Test
    void aWrongV3PasswordIsAnAuthenticationFailure() {
        SessionWithOwnUsm isolated = new SessionWithOwnUsm();
        try (isolated) {
            SnmpPhoneProtocol protocol = new SnmpPhoneProtocol(isolated.session, profiles.get("cisco-sip-ua")
                    .orElseThrow(), new SnmpCredentials.V3(Snmpd.V3_USER, SnmpCredentials.AuthProtocol.SHA_256,
                    "not-the-password", SnmpCredentials.PrivProtocol.AES_128, Snmpd.PRIV_PASSWORD), TIMEOUT, RETRIES,
                    snmpd.port, InstantSource.system());

            assertThatThrownBy(() -> protocol.identify(snmpd.address).get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e ->
                            assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED));
        }
    }

    @Test
    void theReadOnlyProfileRefusesToReprogramWithoutSendingAnything() throws Exception {
        InetAddress nothingThere = InetAddress.getByName("127.31.255.253");
        SnmpPhoneProtocol generic = protocol(profiles.get("sip-ua-generic").orElseThrow(), v2c());

        PushResult result = generic.assign(new PhoneIdentity(nothingThere, generic.name(), "", "", "", ""),
                ServerAssignment.of(PM_B)).get(1, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new PushResult.Failed(FailureReason.NOT_WRITABLE,
                "profile 'sip-ua-generic' is read-only: it can identify and verify phones but cannot reprogram them; "
                        + "use a writable profile or another protocol"));
    }

    @Test
    void theGenericProfileIdentifiesAndReadsTheSipUaMibServerTable() throws Exception {
        // One GETBULK of 16 rows makes snmpd run the shell object store ~30 times: allow it the time.
        SnmpPhoneProtocol generic = new SnmpPhoneProtocol(session, profiles.get("sip-ua-generic").orElseThrow(), v2c(),
                Duration.ofSeconds(4), RETRIES, snmpd.port, InstantSource.system());

        PhoneIdentity phone = identified(generic);
        ServerAssignment servers = generic.readAssignment(phone).get(15, TimeUnit.SECONDS);

        assertThat(phone.protocol()).isEqualTo("snmp:sip-ua-generic");
        assertThat(servers.servers()).containsExactly(new ServerAddress("pbx-a.example", 5060),
                new ServerAddress("127.0.0.11", 5060));
    }

    @Test
    void aPhoneInACallIsDeferredUnlessForced() throws Exception {
        SnmpProfile withCallState = testProfile("""
                name: cisco-with-call-state
                match: { sysObjectIdPrefix: 1.3.6.1.4.1.9 }
                writable: true
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.23.0, type: SnmpAdminString, format: ADDRTYPE:HOST:PORT }
                callState: { oid: %s, busyValues: ["2", "3"] }
                """.formatted(CALL_STATE));
        SnmpPhoneProtocol protocol = protocol(withCallState, v2c());
        PhoneIdentity phone = identified(protocol);
        snmpd.put(CALL_STATE, "integer", "2");

        assertThat(protocol.callState(phone).get(15, TimeUnit.SECONDS)).isEqualTo(CallState.BUSY);
        assertThat(protocol.assign(phone, ServerAssignment.of(PM_B)).get(15, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(PushResult.Deferred.class,
                        d -> assertThat(d.reason()).isEqualTo(FailureReason.BUSY));
        assertThat(snmpd.valueOf(PRIMARY)).isEqualTo("ipv4:127.0.0.10:5060");

        assertThat(protocol.assign(phone, ServerAssignment.of(PM_B), BusyPolicy.FORCE).get(15, TimeUnit.SECONDS))
                .isInstanceOf(PushResult.Applied.class);
        snmpd.put(CALL_STATE, "integer", "1");
        assertThat(protocol.callState(phone).get(15, TimeUnit.SECONDS)).isEqualTo(CallState.IDLE);
    }

    @Test
    void setsTheProfilesApplyObjectInTheSameRequest() throws Exception {
        snmpd.put(Snmpd.PLAYPEN + ".5.0", "string", "127.0.0.10:5060");
        snmpd.put(Snmpd.PLAYPEN + ".6.0", "integer", "0");
        SnmpPhoneProtocol protocol = protocol(testProfile("""
                name: with-apply
                writable: true
                servers:
                  - slot: 1
                    address: { oid: %1$s.5.0, type: OctetString, format: HOST:PORT }
                apply: { oid: %1$s.6.0, type: Integer, value: "1" }
                """.formatted(Snmpd.PLAYPEN)), v2c());

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_B)).get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(PushResult.Applied.class);
        assertThat(snmpd.valueOf(Snmpd.PLAYPEN + ".5.0")).isEqualTo("127.0.1.10:5070");
        assertThat(snmpd.valueOf(Snmpd.PLAYPEN + ".6.0")).isEqualTo("1");
    }

    @Test
    void aReadOnlyObjectIsReportedAsNotWritable() throws Exception {
        snmpd.put(Snmpd.PLAYPEN + ".2.0", "string", "127.0.0.10");
        snmpd.mark(Snmpd.PLAYPEN + ".2.0", "ro");
        SnmpPhoneProtocol protocol = protocol(testProfile("""
                name: read-only-object
                writable: true
                servers:
                  - slot: 1
                    address: { oid: %s.2.0, type: OctetString, format: HOST }
                """.formatted(Snmpd.PLAYPEN)), v2c());

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(new ServerAddress("127.0.1.10",
                5060))).get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.NOT_WRITABLE);
            assertThat(f.detail()).contains(Snmpd.PLAYPEN + ".2.0");
        });
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorReplyNamingTheObject() throws Exception {
        snmpd.put(Snmpd.PLAYPEN + ".4.0", "string", "127.0.0.10");
        SnmpPhoneProtocol protocol = protocol(testProfile("""
                name: typed-wrong
                writable: true
                servers:
                  - slot: 1
                    address: { oid: %1$s.4.0, type: IpAddress, format: HOST }
                """.formatted(Snmpd.PLAYPEN)), v2c());

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_A)).get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.ERROR_REPLY);
            assertThat(f.detail()).contains("wrongType").contains(Snmpd.PLAYPEN + ".4.0");
        });
    }

    @Test
    void aPhoneThatAcceptsButKeepsItsOldServerIsAVerifyMismatch() throws Exception {
        snmpd.mark(PRIMARY, "sticky");
        try {
            SnmpPhoneProtocol protocol = cisco(v2c());

            PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_B))
                    .get(15, TimeUnit.SECONDS);

            assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.VERIFY_MISMATCH);
                assertThat(f.detail()).contains("127.0.1.10:5070").contains("127.0.0.10:5060");
            });
        } finally {
            java.nio.file.Files.deleteIfExists(snmpd.state.resolve(PRIMARY + ".sticky"));
        }
    }

    @Test
    void aPortTheSlotCannotHoldIsUnsupportedAndNothingIsSent() throws Exception {
        snmpd.put(Snmpd.PLAYPEN + ".3.0", "string", "127.0.0.10");
        SnmpPhoneProtocol protocol = protocol(testProfile("""
                name: host-only
                writable: true
                servers:
                  - slot: 1
                    address: { oid: %s.3.0, type: OctetString, format: HOST }
                """.formatted(Snmpd.PLAYPEN)), v2c());

        PushResult result = protocol.assign(identified(protocol), ServerAssignment.of(PM_B)).get(15, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(FailureReason.UNSUPPORTED));
        assertThat(snmpd.valueOf(Snmpd.PLAYPEN + ".3.0")).isEqualTo("127.0.0.10");
    }

    /** A second session, so a wrong password does not collide with the right one in the shared USM. */
    private static final class SessionWithOwnUsm implements AutoCloseable {
        final SnmpSession session = SnmpSession.open();

        @Override
        public void close() {
            session.close();
        }
    }
}
