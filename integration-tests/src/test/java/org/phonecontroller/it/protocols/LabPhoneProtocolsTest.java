package org.phonecontroller.it.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phonecontroller.lab.LabConfigException;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.Misbehaviour;
import org.phonecontroller.lab.PhoneLab;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PhoneProtocolFactory;
import org.phonecontroller.protocols.ProtocolSettings;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.snmp.SnmpCredentials;

/**
 * Every phone adapter, built by {@link PhoneProtocolFactory} from its configuration name, against the phone lab's
 * simulated phones: identify, read, assign with read-back, busy deferral, wrong credentials.
 */
class LabPhoneProtocolsTest {

    private static final ServerAddress PM_A = new ServerAddress("127.46.0.10", 5060);
    private static final ServerAddress PM_B = new ServerAddress("127.46.0.11", 5060);
    private static final String POLYCOM = "127.46.1.1";
    private static final String SNOM = "127.46.2.1";
    private static final String GRANDSTREAM = "127.46.3.1";
    private static final String CISCO = "127.46.4.1";
    private static final String CISCO_V3 = "127.46.4.10";
    private static final String SIP_UA = "127.46.5.1";

    @TempDir
    static Path profiles;

    private static PhoneLab lab;
    private static PhoneProtocolFactory factory;
    private static ProtocolSettings base;

    @BeforeAll
    static void startLab() throws Exception {
        String yaml = """
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.46.0.10:5060, pm-b: 127.46.0.11:5060 }
                phones:
                  - { addresses: 127.46.1.1-127.46.1.8, vendor: polycom-rest, registeredTo: pm-a,
                      http: { user: Polycom, password: poly-secret } }
                  - { addresses: 127.46.2.1-127.46.2.4, vendor: snom, registeredTo: pm-a,
                      http: { user: admin, password: snom-secret } }
                  - { addresses: 127.46.3.1-127.46.3.8, vendor: grandstream, registeredTo: pm-a,
                      http: { user: admin, password: gs-secret } }
                  - { addresses: 127.46.4.1-127.46.4.8, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      snmp: { community: lab-community } }
                  - { addresses: 127.46.4.10, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      snmp: { user: labadmin, authProtocol: SHA-256, authPassword: labauth123,
                              privProtocol: AES-128, privPassword: labpriv123 } }
                  - { addresses: 127.46.6.1-127.46.6.64, vendor: snmp-cisco-sip-ua, registeredTo: pm-a,
                      snmp: { user: labadmin, authProtocol: SHA-256, authPassword: labauth123,
                              privProtocol: AES-128, privPassword: labpriv123 } }
                  - { addresses: 127.46.5.1-127.46.5.2, vendor: snmp-sip-ua, registeredTo: pm-a, backup: pm-b,
                      snmp: { community: lab-community } }
                """.formatted(freeTcpPort());
        try {
            lab = PhoneLab.start(new LabConfigLoader().parse("lab.yaml", yaml));
        } catch (LabConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // The lab's call-state object (enterprise 32473, RFC 5612 documentation arc) as a site profile would name it.
        Files.writeString(profiles.resolve("lab-cisco.yaml"), """
                name: lab-cisco-sip-ua
                description: the lab's Cisco SIP UA with its active-calls object
                match: { sysObjectIdPrefix: 1.3.6.1.4.1.9 }
                writable: true
                servers:
                  - slot: 1
                    address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.23.0, type: SnmpAdminString, format: ADDRTYPE:HOST:PORT }
                  - slot: 2
                    address: { oid: 1.3.6.1.4.1.9.9.152.1.1.1.27.0, type: SnmpAdminString, format: ADDRTYPE:HOST:PORT }
                callState: { oid: 1.3.6.1.4.1.32473.1.1.0, busyValues: ["1"] }
                """);
        factory = new PhoneProtocolFactory(Optional.of(profiles));
        base = ProtocolSettings.defaults().withTimeout(Duration.ofSeconds(2)).withRetries(1)
                .withPort(lab.config().ports().http());
    }

    @AfterAll
    static void stopLab() {
        if (factory != null) {
            factory.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static PhoneProtocol http(String name, String user, String password) {
        return factory.create(name, base.withHttp(new HttpCredentials(user, password)));
    }

    private static PhoneProtocol snmp(String profile, SnmpCredentials credentials) {
        return factory.create("snmp:" + profile, base.withSnmp(credentials).withPort(lab.config().ports().snmp()));
    }

    private static PhoneProtocol vendor(String name) {
        return switch (name) {
            case "polycom-rest" -> http(name, "Polycom", "poly-secret");
            case "snom-http" -> http(name, "admin", "snom-secret");
            case "grandstream-http" -> http(name, "admin", "gs-secret");
            case "snmp:cisco-sip-ua" -> snmp("cisco-sip-ua", new SnmpCredentials.V2c("lab-community"));
            case "snmp:lab-cisco-sip-ua" -> snmp("lab-cisco-sip-ua", new SnmpCredentials.V2c("lab-community"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String phoneOf(String protocol, int n) {
        String first = switch (protocol) {
            case "polycom-rest" -> POLYCOM;
            case "snom-http" -> SNOM;
            case "grandstream-http" -> GRANDSTREAM;
            default -> CISCO;
        };
        return first.substring(0, first.lastIndexOf('.') + 1) + n;
    }

    private static PhoneIdentity identify(PhoneProtocol protocol, String address) throws Exception {
        return protocol.identify(ip(address)).get(10, TimeUnit.SECONDS).orElseThrow();
    }

    private static List<String> labServers(String address) {
        return lab.phone(address).orElseThrow().servers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"polycom-rest", "snom-http", "grandstream-http", "snmp:cisco-sip-ua"})
    void identifiesTheLabPhoneAndReadsItsServer(String name) throws Exception {
        PhoneProtocol protocol = vendor(name);
        String address = phoneOf(name, 1);

        PhoneIdentity phone = identify(protocol, address);

        assertThat(phone.protocol()).isEqualTo(name);
        assertThat(phone.vendor()).isNotEmpty();
        if (name.equals("polycom-rest") || name.equals("snom-http")) { // the others do not publish the MAC
            assertThat(phone.mac()).isEqualTo(lab.phone(address).orElseThrow().mac());
        }
        assertThat(protocol.readAssignment(phone).get(10, TimeUnit.SECONDS).target()).isEqualTo(PM_A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polycom-rest", "snom-http", "grandstream-http", "snmp:cisco-sip-ua"})
    void reprogramsTheLabPhoneWhichThenRegistersAtTheNewServer(String name) throws Exception {
        PhoneProtocol protocol = vendor(name);
        String address = phoneOf(name, 2);

        PushResult result = protocol.assign(identify(protocol, address), ServerAssignment.of(PM_B, PM_A))
                .get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(PushResult.Applied.class);
        assertThat(labServers(address)).first().isEqualTo(PM_B.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> lab.phone(address).orElseThrow().registeredTo()
                .equals(Optional.of("pm-b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"polycom-rest", "grandstream-http", "snmp:lab-cisco-sip-ua"})
    void leavesAPhoneInACallAloneUnlessForced(String name) throws Exception {
        PhoneProtocol protocol = vendor(name);
        String address = phoneOf(name, 3);
        PhoneIdentity phone = identify(protocol, address);
        lab.setBusy(address, true);
        try {
            assertThat(protocol.callState(phone).get(10, TimeUnit.SECONDS)).isEqualTo(CallState.BUSY);
            assertThat(protocol.assign(phone, ServerAssignment.of(PM_B)).get(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(PushResult.Deferred.class,
                            d -> assertThat(d.reason()).isEqualTo(FailureReason.BUSY));
            assertThat(labServers(address)).first().isEqualTo(PM_A.toString());
            assertThat(lab.phone(address).orElseThrow().configChanges()).isZero();
        } finally {
            lab.setBusy(address, false);
        }
        assertThat(protocol.callState(phone).get(10, TimeUnit.SECONDS)).isEqualTo(CallState.IDLE);
        assertThat(protocol.assign(phone, ServerAssignment.of(PM_B), BusyPolicy.FORCE).get(10, TimeUnit.SECONDS))
                .isInstanceOf(PushResult.Applied.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polycom-rest", "snom-http", "grandstream-http"})
    void aPhoneThatRejectsOurCredentialsIsAnAuthenticationFailure(String name) {
        PhoneProtocol protocol = vendor(name);
        String address = phoneOf(name, 4);
        lab.misbehave(address, new Misbehaviour(Duration.ZERO, 0, 0, true, Duration.ZERO));

        assertThatThrownBy(() -> protocol.identify(ip(address)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED));
    }

    @Test
    void talksSnmpV3AuthPrivToTheLabPhone() throws Exception {
        PhoneProtocol protocol = snmp("cisco-sip-ua", new SnmpCredentials.V3("labadmin",
                SnmpCredentials.AuthProtocol.SHA_256, "labauth123", SnmpCredentials.PrivProtocol.AES_128,
                "labpriv123"));

        PhoneIdentity phone = identify(protocol, CISCO_V3);

        assertThat(phone.vendor()).isEqualTo("Cisco");
        assertThat(protocol.assign(phone, ServerAssignment.of(PM_B)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(PushResult.Applied.class);
        assertThat(labServers(CISCO_V3)).first().isEqualTo(PM_B.toString());
    }

    @Test
    void discoversTheEngineOfEverySnmpV3PhoneWhenAskedAllAtOnce() throws Exception {
        PhoneProtocol protocol = snmp("cisco-sip-ua", new SnmpCredentials.V3("labadmin",
                SnmpCredentials.AuthProtocol.SHA_256, "labauth123", SnmpCredentials.PrivProtocol.AES_128,
                "labpriv123"));
        List<java.util.concurrent.CompletableFuture<Optional<PhoneIdentity>>> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            all.add(protocol.identify(ip("127.46.6." + i)));
        }

        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get(30, TimeUnit.SECONDS)).as("phone 127.46.6.%d", i + 1)
                    .hasValueSatisfying(p -> assertThat(p.vendor()).isEqualTo("Cisco"));
        }
    }

    @Test
    void anUnknownSnmpV3UserIsAnAuthenticationFailure() {
        PhoneProtocol protocol = snmp("cisco-sip-ua", new SnmpCredentials.V3("stranger",
                SnmpCredentials.AuthProtocol.SHA_256, "labauth123", SnmpCredentials.PrivProtocol.AES_128,
                "labpriv123"));

        assertThatThrownBy(() -> protocol.identify(ip(CISCO_V3)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.AUTH_FAILED));
    }

    @Test
    void aWrongCommunityFindsNoPhone() throws Exception {
        PhoneProtocol protocol = factory.create("snmp:cisco-sip-ua", base.withTimeout(Duration.ofMillis(300))
                .withRetries(0).withSnmp(new SnmpCredentials.V2c("guess")).withPort(lab.config().ports().snmp()));

        assertThat(protocol.identify(ip(phoneOf("snmp:cisco-sip-ua", 5))).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theGenericProfileVerifiesASipUaMibPhoneButNeverWritesIt() throws Exception {
        PhoneProtocol protocol = snmp("sip-ua-generic", new SnmpCredentials.V2c("lab-community"));

        PhoneIdentity phone = identify(protocol, SIP_UA);

        assertThat(protocol.readAssignment(phone).get(10, TimeUnit.SECONDS).servers()).containsExactly(PM_A, PM_B);
        assertThat(protocol.assign(phone, ServerAssignment.of(PM_B)).get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(PushResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_WRITABLE));
        assertThat(lab.phone(SIP_UA).orElseThrow().configChanges()).isZero();
    }

    @Test
    void theCiscoProfileDoesNotClaimAGenericSipUaPhone() throws Exception {
        assertThat(vendor("snmp:cisco-sip-ua").identify(ip(SIP_UA)).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    private static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
